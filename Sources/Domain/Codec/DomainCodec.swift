import Foundation

/// The only bridge between events and the store's bytes. Both parts are JSON with sorted
/// keys, so the same event always gives the same bytes; unknown fields are ignored on
/// decode so newer writers stay readable. The JSON is read and written by the module's own
/// byte-level coder (`FastJSONDecoder`, `FastJSONEncoder`), which gives exactly the bytes
/// Foundation's coder gives with sorted keys, at a fraction of its cost per event.
public enum DomainCodec {
    /// Encodes `event` into its clear payload and, when it has one, its personal part.
    public static func encode(_ event: DomainEvent) throws -> EncodedEvent {
        try encodeCase(event)
    }

    /// Decodes a stored event. `personal == nil` means the personal part is absent or was
    /// erased: the event still decodes, with its personal part `nil`.
    public static func decode(type: String, payload: [UInt8], personal: [UInt8]?) throws
        -> DomainEvent
    {
        try decodeCase(type: type, payload: payload, personal: personal)
    }

    static func encodeBody<Event: DomainEventBody>(_ body: Event) throws -> EncodedEvent {
        EncodedEvent(type: Event.type, payload: try json(body, type: Event.type), personal: nil, dataKey: nil)
    }

    static func encodeBody<Event: PersonalDataEvent>(_ body: Event) throws -> EncodedEvent {
        let payload = try json(body, type: Event.type)
        guard let personal = body.personal else {
            return EncodedEvent(type: Event.type, payload: payload, personal: nil, dataKey: nil)
        }
        return EncodedEvent(
            type: Event.type, payload: payload, personal: try json(personal, type: Event.type),
            dataKey: body.dataKey)
    }

    static func decodeBody<Event: DomainEventBody>(
        _: Event.Type, payload: [UInt8], personal: [UInt8]?
    ) throws -> Event {
        do {
            return try FastJSONDecoder.decode(Event.self, from: payload)
        } catch {
            throw DomainCodecError.invalidPayload(type: Event.type, reason: describe(error))
        }
    }

    static func decodeBody<Event: PersonalDataEvent>(
        _: Event.Type, payload: [UInt8], personal: [UInt8]?
    ) throws -> Event {
        var body: Event
        do {
            body = try FastJSONDecoder.decode(Event.self, from: payload)
        } catch {
            throw DomainCodecError.invalidPayload(type: Event.type, reason: describe(error))
        }
        if let personal { body.personal = try decodePersonal(Event.self, personal) }
        return body
    }

    private static func decodePersonal<Event: PersonalDataEvent>(_: Event.Type, _ personal: [UInt8]) throws
        -> Event.Personal
    {
        do {
            return try FastJSONDecoder.decode(Event.Personal.self, from: personal)
        } catch {
            throw DomainCodecError.invalidPersonal(type: Event.type, reason: describe(error))
        }
    }

    /// `decodeBody` with the hand-written decoder first; any doubt goes the `Codable` way.
    static func decodeFast<Event: DomainEventBody & JSONFieldDecodable>(
        _: Event.Type, payload: [UInt8], personal: [UInt8]?
    ) throws -> Event {
        if let body = JSONFields.decode(Event.self, from: payload) { return body }
        return try decodeBody(Event.self, payload: payload, personal: personal)
    }

    /// `decodeBody` with the hand-written decoders first, for the clear and the personal part;
    /// each part the hand-written decoder doubts is decoded the `Codable` way, and only that part.
    static func decodeFast<Event: PersonalDataEvent & JSONFieldDecodable>(
        _: Event.Type, payload: [UInt8], personal: [UInt8]?
    ) throws -> Event where Event.Personal: JSONFieldDecodable {
        guard var body = JSONFields.decode(Event.self, from: payload) else {
            return try decodeBody(Event.self, payload: payload, personal: personal)
        }
        if let personal {
            body.personal =
                try JSONFields.decode(Event.Personal.self, from: personal)
                ?? decodePersonal(Event.self, personal)
        }
        return body
    }

    private static func json(_ value: some Encodable, type: String) throws -> [UInt8] {
        do {
            return try FastJSONEncoder.encode(value)
        } catch {
            throw DomainCodecError.unencodable(type: type, reason: describe(error))
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing field '\(path(context.codingPath + [key]))'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at '\(path(context.codingPath))'"
        case DecodingError.dataCorrupted(let context):
            return "invalid data at '\(path(context.codingPath))': \(context.debugDescription)"
        default:
            return String(describing: error)
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
