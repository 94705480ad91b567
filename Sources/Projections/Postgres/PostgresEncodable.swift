import Domain
import Foundation

/// A Swift value sent to PostgreSQL as a text-format query parameter (`nil` = SQL NULL).
public protocol PostgresEncodable: Sendable {
    var postgresText: String? { get }
}

extension String: PostgresEncodable {
    public var postgresText: String? { self }
}

extension Int: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Int64: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension UInt64: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Double: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Bool: PostgresEncodable {
    public var postgresText: String? { self ? "t" : "f" }
}

extension UUID: PostgresEncodable {
    public var postgresText: String? { lowercasedString }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresText: String? { self?.postgresText }
}

/// A SQL array literal (`{a,b}`) of text values, for `= ANY($n)` parameters.
public struct PostgresArray: PostgresEncodable {
    public let elements: [String]

    public init(_ elements: [String]) {
        self.elements = elements
    }

    public init(_ uuids: [UUID]) {
        self.elements = uuids.map(\.lowercasedString)
    }

    public var postgresText: String? {
        let quoted = elements.map { element -> String in
            var out = "\""
            for ch in element {
                if ch == "\"" || ch == "\\" { out.append("\\") }
                out.append(ch)
            }
            out.append("\"")
            return out
        }
        return "{" + quoted.joined(separator: ",") + "}"
    }
}
