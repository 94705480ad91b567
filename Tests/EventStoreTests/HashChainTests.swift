import CSodium
import Foundation
import Testing

@testable import EventStore

@Suite struct HashChainTests {
    private func sha256(_ parts: [[UInt8]]) -> [UInt8] {
        var state = crypto_hash_sha256_state()
        crypto_hash_sha256_init(&state)
        for part in parts { crypto_hash_sha256_update(&state, part, UInt64(part.count)) }
        var output = [UInt8](repeating: 0, count: 32)
        crypto_hash_sha256_final(&state, &output)
        return output
    }

    private func record(tag: UInt8, body: String) -> [UInt8] {
        [tag] + (1...24).map { UInt8($0) } + Array(body.utf8)
    }

    @Test func currentRecordsLinkOverTheirAssignedFieldsAndABodyDigest() {
        let previous = (0..<32).map { UInt8($0 * 3) }
        let stored = record(tag: StoredRecord.tag, body: "the rest of the record")
        var zeroed = stored
        for index in HashChain.assignedRange { zeroed[index] = 0 }
        let expected = sha256([previous, Array(stored[HashChain.assignedRange]), sha256([zeroed])])
        let link = previous.withUnsafeBytes { p in
            stored.withUnsafeBytes { HashChain.link(previous: p, record: $0) }
        }
        #expect(link == expected)

        var tampered = stored
        tampered[tampered.count - 1] ^= 1
        let other = previous.withUnsafeBytes { p in
            tampered.withUnsafeBytes { HashChain.link(previous: p, record: $0) }
        }
        #expect(other != link)
    }

    @Test func formerRecordsLinkOverTheWholeRecord() {
        let previous = [UInt8](repeating: 7, count: 32)
        let stored = record(tag: StoredRecord.formerTag, body: "a record of an older store")
        let link = previous.withUnsafeBytes { p in
            stored.withUnsafeBytes { HashChain.link(previous: p, record: $0) }
        }
        #expect(link == sha256([previous, stored]))
    }
}
