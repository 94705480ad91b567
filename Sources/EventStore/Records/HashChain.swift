import CSodium

/// The per-tenant hash chain: link = SHA-256(previous link ‖ canonical record bytes).
enum HashChain {
    static let genesis = [UInt8](repeating: 0, count: 32)

    static func link(
        previous: UnsafeRawBufferPointer, record: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer
    ) {
        precondition(previous.count == 32 && output.count == 32, "hash chain links are 32 bytes")
        var state = crypto_hash_sha256_state()
        crypto_hash_sha256_init(&state)
        crypto_hash_sha256_update(
            &state, previous.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(previous.count))
        crypto_hash_sha256_update(
            &state, record.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(record.count))
        crypto_hash_sha256_final(&state, output.baseAddress!.assumingMemoryBound(to: UInt8.self))
    }

    static func link(previous: UnsafeRawBufferPointer, record: UnsafeRawBufferPointer) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        output.withUnsafeMutableBytes { link(previous: previous, record: record, into: $0) }
        return output
    }
}
