import Foundation

/// A validated, encoded append request waiting for the writer.
/// Owned by one thread at a time (caller → writer → sync stage), hence `@unchecked Sendable`.
final class PendingAppend: @unchecked Sendable {
    struct Event {
        let id: UUID
        let dataKey: DataKeyID?
        /// The data key was already forgotten: the event can only be a duplicate.
        let keyForgotten: Bool
        /// The canonical record template plus 32 bytes for the chain hash; the writer patches it.
        var record: [UInt8]
    }

    struct Stream {
        let tenant: UUID
        let name: StreamName
        let nameBytes: [UInt8]
        let expected: ExpectedVersion
        var events: [Event]
    }

    struct Key {
        let key: UniqueKey
        let keyBytes: [UInt8]
        let stream: StreamName
        let streamBytes: [UInt8]
        let reserve: Bool
    }

    static let maxNameBytes = 400

    var streams: [Stream]
    let keys: [Key]
    let eventCount: Int
    var outcome: Result<AppendResult, EventStoreError>?
    private let completion: @Sendable (Result<AppendResult, Error>) -> Void

    init(
        _ request: AppendRequest, keyring: Keyring,
        completion: @escaping @Sendable (Result<AppendResult, Error>) -> Void
    ) throws {
        if request.streams.isEmpty && request.keys.isEmpty {
            throw EventStoreError.invalidField(
                field: "streams", reason: "a request needs events or key changes")
        }
        var count = 0
        streams = try request.streams.enumerated().map { index, append in
            // Field names are spelled out only for an error.
            let field = { "streams[\(index)]" }
            let name = try Self.name(append.stream.rawValue, field: field() + ".stream")
            let events = try append.events.enumerated().map { number, event in
                try Self.prepare(
                    event, tenant: append.tenant, stream: name, field: { "\(field()).events[\(number)]" },
                    keyring: keyring)
            }
            count += events.count
            return Stream(
                tenant: append.tenant, name: append.stream, nameBytes: name, expected: append.expectedVersion,
                events: events)
        }
        keys = try request.keys.enumerated().map { index, change in
            let field = { "keys[\(index)]" }
            switch change {
            case .reserve(let key, let stream), .release(let key, let stream):
                let reserve: Bool
                if case .reserve = change { reserve = true } else { reserve = false }
                return Key(
                    key: key, keyBytes: try Self.name(key.rawValue, field: field() + ".key"), stream: stream,
                    streamBytes: try Self.name(stream.rawValue, field: field() + ".stream"), reserve: reserve)
            }
        }
        eventCount = count
        self.completion = completion
    }

    /// Hands the outcome to the caller.
    func finish() {
        let result = outcome ?? .failure(.closed)
        completion(result.mapError { $0 })
    }

    private static func name(_ value: String, field: @autoclosure () -> String) throws -> [UInt8] {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty else { throw EventStoreError.invalidField(field: field(), reason: "empty") }
        guard bytes.count <= maxNameBytes else {
            throw EventStoreError.invalidField(field: field(), reason: "longer than \(maxNameBytes) bytes")
        }
        return bytes
    }

    private static func prepare(
        _ event: NewEvent, tenant: UUID, stream: [UInt8], field: () -> String, keyring: Keyring
    ) throws -> Event {
        let type = try name(event.type, field: field() + ".type")
        let actor = event.metadata.actor.map { Array($0.utf8) }
        if let actor, actor.count > Int(UInt16.max) {
            throw EventStoreError.invalidField(field: field() + ".metadata.actor", reason: "too long")
        }
        guard event.payload.count < Int(UInt32.max) else {
            throw EventStoreError.invalidField(field: field() + ".payload", reason: "too large")
        }
        var dataKey: DataKeyID?
        var keyBytes: [UInt8]?
        var sealed: [UInt8]?
        if let personal = event.personal {
            guard let key = event.dataKey else {
                throw EventStoreError.invalidField(
                    field: field() + ".dataKey", reason: "required with personal bytes")
            }
            keyBytes = try name(key.rawValue, field: field() + ".dataKey")
            guard personal.count < Int(UInt32.max) - 64 else {
                throw EventStoreError.invalidField(field: field() + ".personal", reason: "too large")
            }
            dataKey = key
            var secret: [UInt8]
            do {
                secret = try keyring.keyCreatingIfNeeded(key)
            } catch EventStoreError.dataKeyForgotten {
                // A redelivered event is still a duplicate; the writer refuses it only if it is new.
                let record = StoredRecord.template(
                    tenant: tenant, stream: stream, type: type, event: event, actor: actor, dataKey: nil,
                    sealed: nil)
                return Event(id: event.id, dataKey: key, keyForgotten: true, record: record)
            }
            defer { PersonalSeal.wipe(&secret) }
            sealed = try PersonalSeal.seal(personal, key: secret, eventId: event.id)
        }
        let record = StoredRecord.template(
            tenant: tenant, stream: stream, type: type, event: event, actor: actor, dataKey: keyBytes,
            sealed: sealed)
        return Event(id: event.id, dataKey: dataKey, keyForgotten: false, record: record)
    }
}
