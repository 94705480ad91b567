import Foundation
import Testing

@testable import EventStore

@Suite struct IntegrityTests {
    @Test func verifyFindsAPayloadByteChangedOnDiskAndPassesOtherwise() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let tenant = UUID()
        let other = UUID()
        let marker = "tamper-target-\(UUID().uuidString)"
        do {
            let store = try fixture.open()
            for index in 0..<5 {
                _ = try store.append(
                    single(tenant, "s", .any, [makeEvent(index == 2 ? marker : "plain-\(index)")]))
                _ = try store.append(single(other, "o", .any, [makeEvent("other-\(index)")]))
            }
            let report = try store.verify(tenant: tenant)
            #expect(report == VerificationReport(tenant: tenant, eventsChecked: 5, firstBrokenPosition: nil))
            #expect(report.isIntact)
        }
        let dataPath = fixture.path + "/data.mdb"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dataPath)))
        let hits = occurrences(of: Array(marker.utf8), in: bytes)
        #expect(!hits.isEmpty)
        // Copy-on-write can leave stale copies of the page; flip the byte in every copy.
        for offset in hits { bytes[offset] ^= 0x01 }
        try Data(bytes).write(to: URL(fileURLWithPath: dataPath))

        let store = try fixture.open()
        let report = try store.verify(tenant: tenant)
        #expect(report.eventsChecked == 5)
        #expect(report.firstBrokenPosition == 5)
        #expect(try store.verify(tenant: other).isIntact)
    }

    @Test func sealedPersonalBytesAreUnreadableOnDiskAndErasedAfterForget() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let tenant = UUID()
        let dataKey = DataKeyID("contact-\(UUID().uuidString)")
        let secret = Array("Maria da Silva +55 11 91234-5678 \(UUID().uuidString)".utf8)
        let key: [UInt8]
        let original = makeEvent("clear-part", personal: secret, dataKey: dataKey)
        do {
            let store = try fixture.open()
            _ = try store.append(single(tenant, "contact-1", .noStream, [original]))
            _ = try store.append(single(tenant, "contact-1", .exact(1), [makeEvent("no personal")]))
            guard case .live(let live) = store.keyring.entry(dataKey.rawValue) else {
                Issue.record("the data key was not created")
                return
            }
            key = live
            let read = try store.readStream(StreamName("contact-1"))
            #expect(read[0].personal == .clear(secret))
            #expect(read[0].dataKey == dataKey)
            #expect(read[1].personal == .none)
        }
        for (name, contents) in try fixture.files() {
            #expect(occurrences(of: secret, in: contents).isEmpty, "personal bytes in clear in \(name)")
        }
        #expect(try fixture.files().values.contains { !occurrences(of: key, in: $0).isEmpty })

        do {
            let store = try fixture.open()
            #expect(try store.read(from: 1, limit: 10)[0].personal == .clear(secret))
            try store.forget(dataKey)
            let erased = try store.read(from: 1, limit: 10)
            #expect(erased[0].personal == .erased)
            #expect(erased[0].payload == Array("clear-part".utf8))
            #expect(
                try store.verify(tenant: tenant)
                    == VerificationReport(tenant: tenant, eventsChecked: 2, firstBrokenPosition: nil))
            let redelivered = try store.append(single(tenant, "contact-1", .noStream, [original]))
            #expect(redelivered.duplicate)
            #expect(redelivered.positions == [1])
            #expect(throws: EventStoreError.dataKeyForgotten(dataKey)) {
                try store.append(
                    single(tenant, "contact-1", .any, [makeEvent("again", personal: [1], dataKey: dataKey)]))
            }
        }
        for (name, contents) in try fixture.files() {
            #expect(occurrences(of: key, in: contents).isEmpty, "the forgotten key is still in \(name)")
        }
        let reopened = try fixture.open()
        #expect(try reopened.read(from: 1, limit: 10)[0].personal == .erased)
        #expect(try reopened.verify(tenant: tenant).isIntact)
    }

    @Test func aStoreOfANewerFormatVersionIsRefused() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        do {
            let store = try fixture.open()
            _ = try store.append(single(UUID(), "s", .any, [makeEvent("x")]))
        }
        try FormatVersion.overwrite(path: fixture.path, with: FormatVersion.current + 1)
        #expect(
            throws: EventStoreError.unsupportedFormat(
                found: FormatVersion.current + 1, supported: FormatVersion.current)
        ) {
            try fixture.open()
        }
        try FormatVersion.overwrite(path: fixture.path, with: FormatVersion.current)
        #expect(try fixture.open().head() == 1)
    }

    @Test func aStoreOpenTwiceInOneProcessIsRefused() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        #expect(
            throws: EventStoreError.invalidField(
                field: "path", reason: "the store is already open in this process")
        ) {
            try fixture.open()
        }
        #expect(try store.head() == 0)
    }

    @Test func lmdbFailuresNameTheCFunction() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: fixture.path))
        #expect {
            try EventStore(options: EventStoreOptions(path: fixture.path + "/data"))
        } throws: { error in
            guard case .invalidField(let field, _) = error as? EventStoreError else { return false }
            return field == "path"
        }
        #expect {
            _ = try LMDBEnvironment(path: fixture.path, mapSize: 1 << 20, flags: 0)
        } throws: { error in
            guard case .lmdb(let function, let code, let message) = error as? EventStoreError else {
                return false
            }
            return function == "mdb_env_open" && code != 0 && !message.isEmpty
        }
    }
}
