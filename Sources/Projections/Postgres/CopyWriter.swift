import Domain
import Foundation

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
                Self.null(into: &buffer)
            }
        }
        try endRow()
    }

    /// Appends one row of typed values.
    mutating func row(_ values: [ColumnValue]) throws {
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(0x09) }
            Self.write(value, into: &buffer)
        }
        try endRow()
    }

    private mutating func endRow() throws {
        buffer.append(0x0A)
        if buffer.count >= Self.chunkSize { try flush() }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try connection.putCopyData(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    static func write(_ value: ColumnValue, into out: inout [UInt8]) {
        switch value {
        case .text(let text):
            if let text { escape(text, into: &out) } else { null(into: &out) }
        case .uuid(let id):
            if let id { uuid(id, into: &out) } else { null(into: &out) }
        case .int(let number):
            if let number { integer(number, into: &out) } else { null(into: &out) }
        case .bool(let flag):
            out.append(flag ? 0x74 : 0x66)
        case .uuids(let ids):
            out.append(0x7B)
            for (index, id) in ids.enumerated() {
                if index > 0 { out.append(0x2C) }
                uuid(id, into: &out)
            }
            out.append(0x7D)
        }
    }

    private static func null(into out: inout [UInt8]) {
        out.append(0x5C)
        out.append(0x4E)
    }

    /// Lower-case hyphenated form, as PostgreSQL prints a uuid; formatted on the stack and
    /// appended at once.
    static func uuid(_ id: UUID, into out: inout [UInt8]) {
        var text: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &text) { scratch in
            UUIDText.write(id, uppercase: false, into: scratch)
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<36]))
        }
    }

    static func integer(_ number: Int64, into out: inout [UInt8]) {
        var text: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &text) { scratch in
            var magnitude = number.magnitude
            var start = scratch.count
            repeat {
                start -= 1
                scratch[start] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
                magnitude /= 10
            } while magnitude > 0
            if number < 0 {
                start -= 1
                scratch[start] = 0x2D
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[start...]))
        }
    }

    /// COPY text format: backslash, tab, newline and carriage return are escaped; NUL cannot be
    /// stored in a PostgreSQL text value at all, so it is dropped.
    static func escape(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            if !bytes.contains(where: { $0 < 0x0E || $0 == 0x5C }) {
                out.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
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
}
