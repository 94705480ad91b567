import Foundation
import Testing

@testable import Domain

/// The codec's own JSON coder must agree byte for byte with Foundation's, so logs written
/// by either stay readable by both.
@Suite struct FastJSONCodingTests {
    private static func foundationJSON<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    private static func foundationPersonal<E: PersonalDataEvent>(_ event: E) throws -> [UInt8]? {
        try event.personal.map { try foundationJSON($0) }
    }

    private static func foundationRoundTrips<E: DomainEventBody>(_ body: E, payload: [UInt8]) throws -> Bool {
        try JSONDecoder().decode(E.self, from: Data(payload)) == body
    }

    private static func foundationRoundTrips<E: PersonalDataEvent>(
        _ body: E, payload: [UInt8], personal: [UInt8]
    ) throws -> Bool {
        var decoded = try JSONDecoder().decode(E.self, from: Data(payload))
        decoded.personal = try JSONDecoder().decode(E.Personal.self, from: Data(personal))
        return decoded == body
    }

    @Test(arguments: SampleEvents.all)
    func codecWritesTheSameBytesAsFoundation(event: DomainEvent) throws {
        let encoded = try DomainCodec.encode(event)
        #expect(encoded.payload == (try Self.foundationJSON(event.body)))
        if let personal = event.body as? any PersonalDataEvent {
            #expect(encoded.personal == (try Self.foundationPersonal(personal)))
        }
    }

    @Test(arguments: SampleEvents.all)
    func codecReadsWhatFoundationWrote(event: DomainEvent) throws {
        let payload = try Self.foundationJSON(event.body)
        var personal: [UInt8]?
        if let personalEvent = event.body as? any PersonalDataEvent {
            personal = try Self.foundationPersonal(personalEvent)
        }
        let decoded = try DomainCodec.decode(type: event.type, payload: payload, personal: personal)
        #expect(decoded == event)
    }

    @Test(arguments: SampleEvents.all)
    func foundationReadsWhatTheCodecWrote(event: DomainEvent) throws {
        let encoded = try DomainCodec.encode(event)
        if let personalEvent = event.body as? any PersonalDataEvent {
            let personal = try #require(encoded.personal)
            #expect(
                try Self.foundationRoundTrips(personalEvent, payload: encoded.payload, personal: personal))
        } else {
            #expect(try Self.foundationRoundTrips(event.body, payload: encoded.payload))
        }
    }

    private struct Sample: Codable, Equatable {
        enum Mood: String, Codable { case calm, busy }
        struct Inner: Codable, Equatable {
            var label: String
            var weight: Double?
        }
        var id: UUID
        var count: Int64
        var small: Int32
        var ratio: Double
        var flag: Bool
        var text: String
        var mood: Mood
        var tags: [String]
        var inner: Inner
        var list: [Inner]
        var note: String?
        var choice: OutboundContent
    }

    private static let tricky = [
        "", "plain", "quote \" and backslash \\ and slash /", "tab\tnew\nline\rcr\u{08}\u{0C}",
        "\u{01}\u{1F}\u{7F}", "ação 日本語 😀 \u{2028}", String(repeating: "x", count: 300),
    ]

    private static func samples() -> [Sample] {
        let content: [OutboundContent] = [
            .text(body: "olá"), .media(MediaContent(kind: .image, url: "https://x/y.png", caption: nil)),
        ]
        return tricky.enumerated().map { index, text in
            Sample(
                id: UUID(), count: index.isMultiple(of: 2) ? Int64.max : Int64.min, small: -7,
                ratio: [0, 1, -2.5, 0.1, 1e-300, 123_456_789.125, 1e21][index], flag: index.isMultiple(of: 3),
                text: text, mood: index.isMultiple(of: 2) ? .calm : .busy, tags: Array(tricky.prefix(index)),
                inner: Sample.Inner(label: text, weight: index > 3 ? nil : Double(index) / 3),
                list: [Sample.Inner(label: "a", weight: 1), Sample.Inner(label: text, weight: nil)],
                note: index.isMultiple(of: 2) ? nil : text, choice: content[index % 2])
        }
    }

    @Test func encoderMatchesFoundationOnEveryShape() throws {
        for sample in Self.samples() {
            let ours = try FastJSONEncoder.encode(sample)
            #expect(
                String(decoding: ours, as: UTF8.self)
                    == String(decoding: try Self.foundationJSON(sample), as: UTF8.self))
            #expect(try FastJSONDecoder.decode(Sample.self, from: ours) == sample)
            #expect(try JSONDecoder().decode(Sample.self, from: Data(ours)) == sample)
        }
    }

    @Test func readerDecodesEscapesAndSurrogatePairs() throws {
        let json = #"["\u00e7\u00E3o", "\ud83d\ude00", "\"\\\/\b\f\n\r\t", "\u0000"]"#
        let strings = try FastJSONDecoder.decode([String].self, from: Array(json.utf8))
        #expect(strings == ["ção", "😀", "\"\\/\u{08}\u{0C}\n\r\t", "\u{0}"])
    }

    @Test func readerKeepsInt64ExactAndParsesDoubles() throws {
        let ints = try FastJSONDecoder.decode(
            [Int64].self, from: Array("[9223372036854775807,-9223372036854775808,0,-1, 1e3]".utf8))
        #expect(ints == [Int64.max, Int64.min, 0, -1, 1000])
        let doubles = try FastJSONDecoder.decode(
            [Double].self, from: Array("[0.1,-2.5e-3,1E+21,12345678901234567890,3]".utf8))
        #expect(doubles == [0.1, -2.5e-3, 1e21, Double("12345678901234567890")!, 3])
    }

    @Test func readerIgnoresUnknownKeysAndTreatsNullAsAbsent() throws {
        let json = #" { "extra": {"deep": [1, {"x": null}]}, "label" : "a", "weight": null } "#
        let inner = try FastJSONDecoder.decode(Sample.Inner.self, from: Array(json.utf8))
        #expect(inner == Sample.Inner(label: "a", weight: nil))
    }

    @Test(arguments: [
        "", "{", "}", "[1,]", "{\"label\":\"a\",}", "{\"label\":\"a\"} x", "{\"label\":'a'}",
        "{\"label\":\"a",
        "{\"label\":\"\\x\"}", "{\"label\":\"\\ud83d\"}", "{\"label\":\"\\udc00x\"}", "{\"label\":\"\\u12\"}",
        "{\"label\":\"tab\tinside\"}", "{\"label\":tru}", "{\"label\":\"a\",\"weight\":01}",
        "{\"label\":\"a\",\"weight\":1.}", "{\"label\":\"a\",\"weight\":-}",
        "{\"label\":\"a\",\"weight\":\"1\"}",
        "{\"label\":5}", "{\"weight\":1}", "[]", "null", String(repeating: "[", count: 10_000),
    ])
    func malformedInputThrowsInsteadOfCrashing(json: String) {
        #expect(throws: (any Error).self) {
            try FastJSONDecoder.decode(Sample.Inner.self, from: Array(json.utf8))
        }
    }

    @Test func invalidUTF8IsRejected() {
        #expect(throws: (any Error).self) {
            try FastJSONDecoder.decode(String.self, from: [0x22, 0xC3, 0x28, 0x22])
        }
    }

    @Test func integerOverflowIsRejected() {
        #expect(throws: (any Error).self) {
            try FastJSONDecoder.decode(Int64.self, from: Array("9223372036854775808".utf8))
        }
        #expect(throws: (any Error).self) {
            try FastJSONDecoder.decode(Int32.self, from: Array("2147483648".utf8))
        }
    }

    @Test func nonFiniteNumbersAreNotEncoded() {
        #expect(throws: (any Error).self) { try FastJSONEncoder.encode([Double.nan]) }
    }

    @Test func uuidTextMatchesFoundationBothWays() {
        for _ in 0..<200 {
            let uuid = UUID()
            #expect(UUIDText.string(uuid) == uuid.uuidString)
            #expect(UUIDText.parse(Array(uuid.uuidString.utf8), at: 0) == uuid)
            #expect(UUIDText.parse(Array(uuid.uuidString.lowercased().utf8), at: 0) == uuid)
        }
        for bad in ["00000000-0000-4000-8000-00000000000g", "00000000_0000-4000-8000-000000000001", "0000"] {
            #expect(UUIDText.parse(Array(bad.utf8), at: 0) == nil)
        }
    }

    @Test func malformedUUIDFieldIsADecodingError() {
        #expect(throws: DecodingError.self) {
            try FastJSONDecoder.decode(
                UUID.self, from: Array(#""00000000-0000-4000-8000-00000000000g""#.utf8))
        }
    }
}
