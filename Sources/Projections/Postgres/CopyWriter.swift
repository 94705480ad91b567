/// Encodes rows in COPY text format and streams them to the server in chunks.
public struct CopyWriter {
    private let connection: Connection
    private var buffer: [UInt8] = []
    private static let chunkSize = 1 << 18

    init(connection: Connection) {
        self.connection = connection
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    /// Appends one row; `nil` fields become `\N` (NULL).
    public mutating func row(_ fields: [String?]) throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(0x09) }
            if let field {
                Self.escape(field, into: &buffer)
            } else {
                buffer.append(0x5C)
                buffer.append(0x4E)
            }
        }
        buffer.append(0x0A)
        if buffer.count >= Self.chunkSize { try flush() }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try connection.putCopyData(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// COPY text format: backslash, tab, newline and carriage return are escaped; NUL cannot be
    /// stored in a PostgreSQL text value at all, so it is dropped.
    static func escape(_ text: String, into out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case 0x00: continue
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            default: out.append(byte)
            }
        }
    }
}
