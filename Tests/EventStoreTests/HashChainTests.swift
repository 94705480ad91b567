import CSodium
import Foundation
import Testing

@testable import EventStore

@Suite struct HashChainTests {
    /// SPEC §3: link = SHA-256(previous link of the tenant ‖ canonical record bytes), so an
    /// auditor can check the chain with any SHA-256 tool.
    @Test func aLinkIsSHA256OfThePreviousLinkAndTheRecordBytes() {
        let previous = (0..<32).map { UInt8($0 * 3) }
        let record = Array("canonical record bytes \(UUID().uuidString)".utf8)
        var state = crypto_hash_sha256_state()
        crypto_hash_sha256_init(&state)
        crypto_hash_sha256_update(&state, previous, UInt64(previous.count))
        crypto_hash_sha256_update(&state, record, UInt64(record.count))
        var expected = [UInt8](repeating: 0, count: 32)
        crypto_hash_sha256_final(&state, &expected)
        let link = previous.withUnsafeBytes { p in
            record.withUnsafeBytes { HashChain.link(previous: p, record: $0) }
        }
        #expect(link == expected)
    }
}
