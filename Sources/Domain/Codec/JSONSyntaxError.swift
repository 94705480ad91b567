/// Why bytes are not the JSON a fast decoder expected: the byte offset and what was wrong.
struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    var offset: Int
    var reason: String

    var description: String { "\(reason) at byte \(offset)" }
}
