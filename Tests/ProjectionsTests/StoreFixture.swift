import EventStore
import Foundation

/// A fresh LMDB event store in a temporary directory, removed afterwards.
enum StoreFixture {
    static func with<T>(_ body: (EventStore) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("chatledger-proj-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try EventStore(options: EventStoreOptions(path: path, durability: .noSync))
        return try body(store)
    }
}
