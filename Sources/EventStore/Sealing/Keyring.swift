import CSodium
import Foundation

/// Data keys by id; a forgotten key keeps only a tombstone. New keys are written to the file at
/// once and synced in groups: the writer calls `syncNewKeys` before committing a batch, so one
/// sync covers every key its events were sealed under.
final class Keyring: @unchecked Sendable {  // `entries` and `unsynced` are only touched under `lock`
    enum Entry: Equatable {
        case live([UInt8])
        case forgotten
    }

    private let lock = NSLock()
    private let file: KeyringFile
    private var entries: [String: Entry]
    /// Keys were appended to the file since the last sync.
    private var unsynced = false

    init(directory: String) throws {
        file = KeyringFile(directory: directory)
        entries = try file.load()
    }

    /// The live key for `id`, created and written to the file on first use; durable once
    /// `syncNewKeys` has run.
    func keyCreatingIfNeeded(_ id: DataKeyID) throws -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        switch entries[id.rawValue] {
        case .live(let key): return key
        case .forgotten: throw EventStoreError.dataKeyForgotten(id)
        case nil:
            var key = [UInt8](repeating: 0, count: PersonalSeal.keySize)
            key.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, $0.count) }
            entries[id.rawValue] = .live(key)
            do {
                try file.append(id: id.rawValue, key: key, all: entries)
            } catch {
                entries[id.rawValue] = nil
                throw error
            }
            unsynced = true
            return key
        }
    }

    /// Syncs the keys written since the last sync. A key written while this runs is covered
    /// when its write came first, and by the next call otherwise.
    func syncNewKeys() throws {
        lock.lock()
        let pending = unsynced
        unsynced = false
        lock.unlock()
        guard pending else { return }
        do {
            try file.sync()
        } catch {
            lock.lock()
            unsynced = true
            lock.unlock()
            throw error
        }
    }

    func entry(_ id: String) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        return entries[id]
    }

    func isForgotten(_ id: DataKeyID) -> Bool {
        entry(id.rawValue) == .forgotten
    }

    /// Destroys the key: the file is rewritten without it before this returns.
    func forget(_ id: DataKeyID) throws {
        lock.lock()
        defer { lock.unlock() }
        let previous = entries[id.rawValue]
        entries[id.rawValue] = .forgotten
        do {
            try file.store(entries)
        } catch {
            entries[id.rawValue] = previous
            throw error
        }
    }
}
