/// Every failure of the event log.
public enum EventStoreError: Error, Equatable, CustomStringConvertible {
    /// The stream's version differs from the expected one; nothing of the request was written.
    case wrongExpectedVersion(stream: StreamName, expected: ExpectedVersion, actual: UInt64)
    /// Another stream holds the key; nothing of the request was written.
    case uniqueKeyTaken(key: UniqueKey, heldBy: StreamName)
    /// An LMDB call failed; `function` names the C function, `message` is `mdb_strerror`.
    case lmdb(function: String, code: Int32, message: String)
    /// The store was written by a newer format version.
    case unsupportedFormat(found: UInt32, supported: UInt32)
    /// Personal bytes were appended under a data key that was forgotten.
    case dataKeyForgotten(DataKeyID)
    /// A field of the request is invalid; `field` names it.
    case invalidField(field: String, reason: String)
    /// A stored record cannot be decoded.
    case corruptRecord(position: UInt64, reason: String)
    /// Reading or writing the keyring file failed.
    case keyringFile(operation: String, path: String, errno: Int32)
    /// A libsodium call failed.
    case crypto(function: String)
    /// The store is shutting down.
    case closed

    public var description: String {
        switch self {
        case .wrongExpectedVersion(let stream, let expected, let actual):
            return "wrong expected version for \(stream): expected \(expected), actual \(actual)"
        case .uniqueKeyTaken(let key, let holder):
            return "unique key \(key) is held by \(holder)"
        case .lmdb(let function, let code, let message):
            return "\(function) failed (\(code)): \(message)"
        case .unsupportedFormat(let found, let supported):
            return "store format \(found) is newer than the supported format \(supported)"
        case .dataKeyForgotten(let key):
            return "data key \(key) was forgotten"
        case .invalidField(let field, let reason):
            return "invalid \(field): \(reason)"
        case .corruptRecord(let position, let reason):
            return "record at position \(position) is corrupt: \(reason)"
        case .keyringFile(let operation, let path, let code):
            return "keyring \(operation) of \(path) failed (errno \(code))"
        case .crypto(let function):
            return "\(function) failed"
        case .closed:
            return "the event store is closed"
        }
    }
}
