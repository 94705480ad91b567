import EventStore
import Foundation

/// A real LMDB event log in a fresh temporary directory (no fsync: tests only).
enum TemporaryStore {
    static func open() throws -> (EventStore, String) {
        let path = NSTemporaryDirectory() + "chatledger-api-" + UUID().uuidString
        return (try EventStore(options: EventStoreOptions(path: path, durability: .noSync)), path)
    }
}
