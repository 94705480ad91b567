/// A query parameter the read model refuses, naming the field (the API answers 400).
public enum ReadModelError: Error, Sendable, Equatable {
    case invalidParameter(field: String, reason: String)
}
