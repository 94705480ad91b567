/// A type with a hand-written decoder for its JSON object, taken by `DomainCodec` before the
/// `Codable` path on the events a replay meets most. `init(fields:)` must give the value the
/// type's `Decodable` conformance gives for the same bytes; whenever it cannot tell (a missing
/// key, a value of another shape), it throws and the caller decodes with `Codable` instead,
/// which then yields today's value or today's error.
protocol JSONFieldDecodable {
    /// The member names the decoder reads, in the order `init(fields:)` refers to them by index.
    static var jsonKeys: [StaticString] { get }
    init(fields: JSONFields) throws
}
