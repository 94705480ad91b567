import Foundation
import Testing

@testable import EventStore

@Suite struct KeyringFileTests {
    private func contactEvent(_ index: Int) -> (NewEvent, DataKeyID, [UInt8]) {
        let key = DataKeyID("contact-\(index)-\(UUID().uuidString)")
        let personal = Array("person \(index)".utf8)
        return (makeEvent("contact \(index)", personal: personal, dataKey: key), key, personal)
    }

    @Test func newKeysAreAppendedAndATornLastEntryIsCutOff() throws {
        let fixture = StoreFixture()
        defer { fixture.remove() }
        let tenant = UUID()
        let keyringPath = fixture.path + "/keyring"
        var sizes: [Int] = []
        var personal: [StreamName: [UInt8]] = [:]
        do {
            let store = try fixture.open()
            for index in 0..<3 {
                let (event, _, bytes) = contactEvent(index)
                _ = try store.append(single(tenant, "contact-\(index)", .noStream, [event]))
                personal[StreamName("contact-\(index)")] = bytes
                sizes.append(try Data(contentsOf: URL(fileURLWithPath: keyringPath)).count)
            }
        }
        // Each new key grew the file by one entry; nothing was rewritten.
        #expect(sizes[1] > sizes[0] && sizes[2] - sizes[1] == sizes[1] - sizes[0])
        // A crash in the middle of an append leaves part of an entry behind.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: keyringPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0, 40, 0x63, 0x6F]))
        try handle.close()

        let store = try fixture.open()
        #expect(try Data(contentsOf: URL(fileURLWithPath: keyringPath)).count == sizes[2])
        for (stream, bytes) in personal {
            #expect(try store.readStream(stream)[0].personal == .clear(bytes))
        }
        let (event, _, bytes) = contactEvent(3)
        _ = try store.append(single(tenant, "contact-3", .noStream, [event]))
        #expect(try store.readStream(StreamName("contact-3"))[0].personal == .clear(bytes))
        #expect(try KeyringFile(directory: fixture.path).load().count == 4)
    }

    @Test func aVersionOneFileIsReadAndRewritten() throws {
        let directory = NSTemporaryDirectory() + "chatledger-keyring-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let key = (0..<32).map { UInt8($0) }
        var writer = ByteWriter(capacity: 64)
        writer.raw(KeyringFile.magic)
        writer.u8(1)
        writer.u32(2)
        writer.short(Array("contact-a".utf8))
        writer.u8(1)
        writer.raw(key)
        writer.short(Array("contact-b".utf8))
        writer.u8(0)
        try Data(writer.bytes).write(to: URL(fileURLWithPath: directory + "/keyring"))

        let file = KeyringFile(directory: directory)
        let expected: [String: Keyring.Entry] = ["contact-a": .live(key), "contact-b": .forgotten]
        #expect(try file.load() == expected)
        let rewritten = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/keyring")))
        #expect(rewritten[4] == KeyringFile.version)
        #expect(try file.load() == expected)
    }
}
