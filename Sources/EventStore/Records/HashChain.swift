import CSodium

/// The per-tenant hash chain over the canonical record bytes.
///
/// Records of tag 2 link as SHA-256(previous ‖ assigned ‖ SHA-256(body)), where `assigned` is
/// the 24 bytes the writer fills in (position, stream version, recordedAt) and `body` is the
/// record with those bytes zeroed: the appending thread hashes the body before the writer
/// assigns anything, and the writer's share is two SHA-256 blocks whatever the record's size.
/// Records of tag 1 (older stores) link as SHA-256(previous ‖ record).
enum HashChain {
    static let genesis = [UInt8](repeating: 0, count: 32)
    static let assignedRange = StoredRecord.positionOffset..<StoredRecord.recordedAtOffset + 8

    /// A SHA-256 digest held by value.
    struct Digest {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    }

    /// SHA-256 of the record with its assigned fields zeroed.
    static func bodyDigest(record: UnsafeRawBufferPointer) -> Digest {
        var digest = Digest()
        withUnsafeMutableBytes(of: &digest.words) { bodyDigest(record: record, into: $0) }
        return digest
    }

    /// SHA-256 of the record with its assigned fields zeroed.
    static func bodyDigest(record: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count == 32 && record.count > assignedRange.upperBound, "record too short")
        let zeros = [UInt8](repeating: 0, count: assignedRange.count)
        var state = crypto_hash_sha256_state()
        crypto_hash_sha256_init(&state)
        update(&state, UnsafeRawBufferPointer(rebasing: record[..<assignedRange.lowerBound]))
        zeros.withUnsafeBytes { update(&state, $0) }
        update(&state, UnsafeRawBufferPointer(rebasing: record[assignedRange.upperBound...]))
        crypto_hash_sha256_final(&state, output.baseAddress!.assumingMemoryBound(to: UInt8.self))
    }

    /// The link of a tag-2 record from its assigned bytes and its body digest.
    static func link(
        previous: UnsafeRawBufferPointer, assigned: UnsafeRawBufferPointer,
        bodyDigest: UnsafeRawBufferPointer,
        into output: UnsafeMutableRawBufferPointer
    ) {
        precondition(
            previous.count == 32 && bodyDigest.count == 32 && output.count == 32, "links are 32 bytes")
        var state = crypto_hash_sha256_state()
        crypto_hash_sha256_init(&state)
        update(&state, previous)
        update(&state, assigned)
        update(&state, bodyDigest)
        crypto_hash_sha256_final(&state, output.baseAddress!.assumingMemoryBound(to: UInt8.self))
    }

    /// Recomputes a stored record's link, by the rule of its tag.
    static func link(previous: UnsafeRawBufferPointer, record: UnsafeRawBufferPointer) -> [UInt8] {
        precondition(previous.count == 32, "links are 32 bytes")
        var output = [UInt8](repeating: 0, count: 32)
        output.withUnsafeMutableBytes { output in
            if record.first == StoredRecord.formerTag || record.count <= assignedRange.upperBound {
                var state = crypto_hash_sha256_state()
                crypto_hash_sha256_init(&state)
                update(&state, previous)
                update(&state, record)
                crypto_hash_sha256_final(&state, output.baseAddress!.assumingMemoryBound(to: UInt8.self))
                return
            }
            var digest = [UInt8](repeating: 0, count: 32)
            digest.withUnsafeMutableBytes { bodyDigest(record: record, into: $0) }
            digest.withUnsafeBytes { digest in
                link(
                    previous: previous, assigned: UnsafeRawBufferPointer(rebasing: record[assignedRange]),
                    bodyDigest: digest, into: output)
            }
        }
        return output
    }

    private static func update(_ state: inout crypto_hash_sha256_state, _ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        crypto_hash_sha256_update(&state, base.assumingMemoryBound(to: UInt8.self), UInt64(bytes.count))
    }
}
