import EventStore
import Foundation

/// One event of the log as auditors read it: envelope, metadata, hash-chain link and the
/// payload exactly as stored (JSON); an erased personal part reads `"[erased]"`.
enum AuditRecord {
    /// The record as one line of JSON (no trailing newline).
    static func json(_ event: RecordedEvent) -> String {
        var envelope: [String: JSONValue] = [
            "position": .number(Double(event.position)),
            "tenantId": .string(event.tenant.uuidString.lowercased()),
            "stream": .string(event.stream.rawValue),
            "streamVersion": .number(Double(event.streamVersion)),
            "id": .string(event.id.uuidString.lowercased()),
            "type": .string(event.type),
            "recordedAt": .string(Timestamp.format(milliseconds: event.recordedAt)),
            "occurredAt": .string(Timestamp.format(milliseconds: event.occurredAt)),
            "chainHash": .string(event.chainHash.map { hexDigit($0 >> 4) + hexDigit($0 & 0x0f) }.joined()),
            "metadata": .object([
                "correlationId": event.metadata.correlationId.map { .string($0.uuidString.lowercased()) }
                    ?? .null,
                "causationId": event.metadata.causationId.map { .string($0.uuidString.lowercased()) }
                    ?? .null,
                "actor": event.metadata.actor.map { .string($0) } ?? .null,
            ]),
        ]
        envelope["dataKey"] = event.dataKey.map { .string($0.rawValue) } ?? .null
        let head = envelopeWithoutClosingBrace(envelope)
        let personal: String
        switch event.personal {
        case .none: personal = "null"
        case .erased: personal = "\"[erased]\""
        case .clear(let bytes): personal = rawJSON(bytes)
        }
        return head + ",\"payload\":" + rawJSON(event.payload) + ",\"personal\":" + personal + "}"
    }

    /// The envelope without its closing brace, so the raw payload can follow.
    private static func envelopeWithoutClosingBrace(_ envelope: [String: JSONValue]) -> String {
        String(JSONValue.object(envelope).serialized().dropLast())
    }

    /// Stored JSON bytes as they are; bytes that are not UTF-8 (never written by the codec)
    /// become a JSON string so the line stays valid.
    private static func rawJSON(_ bytes: [UInt8]) -> String {
        guard let text = String(validating: bytes, as: UTF8.self), !text.isEmpty else {
            return JSONValue.string(Data(bytes).base64EncodedString()).serialized()
        }
        return text
    }

    private static func hexDigit(_ nibble: UInt8) -> String {
        String(UnicodeScalar(nibble < 10 ? 48 + nibble : 87 + nibble))
    }
}
