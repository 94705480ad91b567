import Foundation
import LogGenerator
import Testing

@testable import Domain

/// The hand-written decoders of the busiest events must give exactly what the `Codable`
/// path gives, on every event of a generated log and on malformed or unusual bytes.
@Suite struct FieldDecodingTests {
    /// One sample of every hand-decoded type, plus an outbound text (the sample is buttons).
    static let samples =
        SampleEvents.all.filter { CodableReference.fastTypes.contains($0.type) } + [
            .outboundMessageQueued(
                OutboundMessageQueued(
                    conversationId: SampleEvents.conversation, contactId: SampleEvents.contact,
                    messageId: SampleEvents.message, kind: .text, origin: .phone, at: SampleEvents.at,
                    personal: .text(body: "Olá \"você\"\n")))
        ]

    static func expectSame(
        _ type: String, _ payload: [UInt8], _ personal: [UInt8]?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let outcome = CodableReference.both(type: type, payload: payload, personal: personal)
        #expect(
            outcome.codec == outcome.reference,
            "\(type) \(String(decoding: payload, as: UTF8.self)) \(personal.map { String(decoding: $0, as: UTF8.self) } ?? "nil")",
            sourceLocation: sourceLocation)
    }

    @Test func everyHandDecodedTypeHasASample() {
        #expect(Set(Self.samples.map(\.type)) == CodableReference.fastTypes)
    }

    @Test(arguments: samples)
    func handDecoderNamesEveryStoredField(event: DomainEvent) throws {
        let encoded = try DomainCodec.encode(event)
        #expect(Set(Self.keys(encoded.payload)).isSubset(of: Self.handKeys(event)))
        let properties = Set(Mirror(reflecting: event.body).children.compactMap(\.label)).subtracting([
            "personal"
        ])
        #expect(Set(Self.handKeys(event)) == properties)
    }

    @Test(arguments: samples)
    func handDecoderReadsTheSampleAlone(event: DomainEvent) throws {
        let encoded = try DomainCodec.encode(event)
        // Outbound content other than free text is left to `Codable`.
        var alone = true
        if case .outboundMessageQueued(let queued) = event, case .text = queued.personal {
        } else if case .outboundMessageQueued = event {
            alone = false
        }
        #expect(
            CodableReference.takenByHand(
                type: encoded.type, payload: encoded.payload, personal: encoded.personal)
                == alone)
        #expect(
            try DomainCodec.decode(type: encoded.type, payload: encoded.payload, personal: encoded.personal)
                == event)
        Self.expectSame(encoded.type, encoded.payload, encoded.personal)
        Self.expectSame(encoded.type, encoded.payload, nil)
    }

    @Test func everyEventOfAGeneratedLogDecodesAsWithCodable() throws {
        let config = GeneratorConfig(
            seed: 11, tenants: 2, agentsPerTenant: 3, contactsPerTenant: 40, openConversationsPerTenant: 10,
            totalEvents: 6_000)
        var byHand = 0
        var compared = 0
        for append in LogGenerator(config) {
            for generated in append.events {
                let encoded = try DomainCodec.encode(generated.event)
                let outcome = CodableReference.both(
                    type: encoded.type, payload: encoded.payload, personal: encoded.personal)
                #expect(outcome.codec == .event(generated.event))
                #expect(outcome.codec == outcome.reference)
                if CodableReference.fastTypes.contains(encoded.type) {
                    compared += 1
                    if CodableReference.takenByHand(
                        type: encoded.type, payload: encoded.payload, personal: encoded.personal)
                    {
                        byHand += 1
                    }
                }
            }
        }
        #expect(compared > 2_000)
        // Only outbound media, templates and interactive messages leave the hand-written path.
        #expect(Double(byHand) > 0.8 * Double(compared))
    }

    @Test(arguments: samples)
    func everyTruncationFailsAsWithCodable(event: DomainEvent) throws {
        let encoded = try DomainCodec.encode(event)
        for end in 0..<encoded.payload.count {
            Self.expectSame(encoded.type, Array(encoded.payload[..<end]), encoded.personal)
        }
        if let personal = encoded.personal {
            for end in 0..<personal.count {
                Self.expectSame(encoded.type, encoded.payload, Array(personal[..<end]))
            }
        }
    }

    @Test(arguments: samples)
    func everyByteChangeDecodesAsWithCodable(event: DomainEvent) throws {
        let encoded = try DomainCodec.encode(event)
        let replacements = Array(#"" {}[],:\xn0-.9AaE"#.utf8) + [0x01, 0x80, 0xFF]
        for index in encoded.payload.indices {
            for byte in replacements where byte != encoded.payload[index] {
                var payload = encoded.payload
                payload[index] = byte
                Self.expectSame(encoded.type, payload, encoded.personal)
            }
        }
        if let personal = encoded.personal {
            for index in personal.indices {
                for byte in replacements where byte != personal[index] {
                    var changed = personal
                    changed[index] = byte
                    Self.expectSame(encoded.type, encoded.payload, changed)
                }
            }
        }
    }

    @Test(arguments: samples)
    func unusualButValidObjectsDecodeAsWithCodable(event: DomainEvent) throws {
        let encoded = try DomainCodec.encode(event)
        let keys = Self.handKeys(event)
        let text = String(decoding: encoded.payload, as: UTF8.self)
        var variants = [
            " \n" + text + "\t ",
            text.replacingOccurrences(of: ",", with: " , ").replacingOccurrences(of: ":", with: " : "),
            text.replacingOccurrences(of: "}", with: #","unknown":{"nested":[1,2,{"x":null}]}}"#),
            "{}", "[]", "null", text + text,
        ]
        for key in keys {
            variants += [
                // The last duplicate wins; null, wrong types, escapes and odd numbers.
                text.replacingOccurrences(of: "{", with: "{\"\(key)\":null,"),
                text.replacingOccurrences(of: "}", with: ",\"\(key)\":null}"),
                text.replacingOccurrences(of: "}", with: ",\"\(key)\":\"wamid.x\"}"),
                text.replacingOccurrences(
                    of: "}", with: ",\"\(key)\":\"00000000-0000-4000-8000-00000000000A\"}"),
                text.replacingOccurrences(
                    of: "}", with: ",\"\(key)\":\"00000000-0000-4000-8000-00000000000a\"}"),
                text.replacingOccurrences(
                    of: "}", with: ",\"\(key)\":\"{00000000-0000-4000-8000-00000000000a}\"}"),
                text.replacingOccurrences(of: "}", with: ",\"\(key)\":3}"),
                text.replacingOccurrences(of: "}", with: ",\"\(key)\":3.0e2}"),
                text.replacingOccurrences(of: "}", with: ",\"\(key)\":-9223372036854775809}"),
                text.replacingOccurrences(of: "}", with: ",\"\(key)\":true}"),
                text.replacingOccurrences(of: "}", with: ",\"\(key)\":\"TEXT\"}"),
                text.replacingOccurrences(of: "}", with: ",\"\(key)\":\"agent\"}"),
                text.replacingOccurrences(of: "}", with: ",\"\(key)\":\"a\\u00e9\\n\"}"),
                text.replacingOccurrences(of: "}", with: ",\"\(key)\":{\"\(key)\":1}}"),
                text.replacingOccurrences(
                    of: "\"\(key)\"", with: "\"\\u00\(String(key.utf8.first!, radix: 16))\(key.dropFirst())\""
                ),
                text.replacingOccurrences(of: "\"\(key)\"", with: "\"\(key)x\""),
            ]
        }
        for variant in variants {
            Self.expectSame(encoded.type, Array(variant.utf8), encoded.personal)
        }
        if let personal = encoded.personal {
            let part = String(decoding: personal, as: UTF8.self)
            for variant in [
                "{}", "[]", "null", " " + part + " ",
                part.replacingOccurrences(of: "}", with: #","extra":[true]}"#),
                #"{"text":{"body":"a"},"text":{"body":"b"}}"#, #"{"text":{"body":"a"},"unknown":1}"#,
                #"{"text":{"body":"a","body":"b"}}"#, #"{"text":{"body":null}}"#, #"{"text":null}"#,
                #"{"text":{}}"#, #"{"media":{"_0":{}}}"#, #"{"text":{"body":"a"},"list":{}}"#,
                #"{"phone":"1","name":null}"#, #"{"phone":"1","phone":"2"}"#, #"{"notes":"n"}"#,
                #"{"comment":5}"#,
                #"{"text":"oi","location":{"latitude":1,"longitude":2.5}}"#, #"{"contacts":[]}"#,
                #"{"location":{"latitude":"x"}}"#, #"{"emoji":""}"#,
            ] {
                Self.expectSame(encoded.type, encoded.payload, Array(variant.utf8))
            }
        }
    }

    /// Top-level member names of a JSON object.
    static func keys(_ json: [UInt8]) -> [String] {
        let object = try? JSONSerialization.jsonObject(with: Data(json)) as? [String: Any]
        return object.map { Array($0.keys) } ?? []
    }

    static func handKeys(_ event: DomainEvent) -> [String] {
        let keys: [StaticString] =
            switch event {
            case .contactRegistered: ContactRegistered.jsonKeys
            case .conversationOpened: ConversationOpened.jsonKeys
            case .conversationAssigned: ConversationAssigned.jsonKeys
            case .conversationClosed: ConversationClosed.jsonKeys
            case .conversationRated: ConversationRated.jsonKeys
            case .messageReceived: MessageReceived.jsonKeys
            case .outboundMessageQueued: OutboundMessageQueued.jsonKeys
            case .outboundMessageSent: OutboundMessageSent.jsonKeys
            case .messageDelivered: MessageDelivered.jsonKeys
            case .messageRead: MessageRead.jsonKeys
            default: []
            }
        return keys.map { $0.description }
    }
}
