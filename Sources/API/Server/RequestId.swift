/// Request ids: the caller's own when sane (so logs correlate across services), else a UUIDv7.
enum RequestId {
    static func accept(_ incoming: String?) -> String? {
        guard let incoming, (1...128).contains(incoming.utf8.count) else { return nil }
        let sane = incoming.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x3A
        }
        return sane ? incoming : nil
    }

    static func generate() -> String {
        UUIDv7.generate().uuidString.lowercased()
    }
}
