import CLMDB
import CSodium
import Foundation

/// The LMDB event log: the source of truth of ChatLedger.
///
/// Appends from any thread are group-committed by one writer thread; reads run on the calling
/// thread against an MVCC snapshot and never block the writer.
public final class EventStore: Sendable {
    public let options: EventStoreOptions
    let env: LMDBEnvironment
    let dbs: LogDatabases
    let index: EventIndex
    private let owners: StoreOwners
    let keyring: Keyring
    let durableHead: DurableHead
    private let writer: GroupCommitWriter
    private let canonicalPath: String

    /// Opens (or creates) the store at `options.path`.
    public init(options: EventStoreOptions) throws {
        guard sodium_init() >= 0 else { throw EventStoreError.crypto(function: "sodium_init") }
        guard !options.path.isEmpty else {
            throw EventStoreError.invalidField(field: "path", reason: "empty")
        }
        guard options.initialMapSize > 0 else {
            throw EventStoreError.invalidField(field: "initialMapSize", reason: "must be positive")
        }
        do {
            try FileManager.default.createDirectory(atPath: options.path, withIntermediateDirectories: true)
        } catch {
            throw EventStoreError.invalidField(field: "path", reason: "cannot create directory: \(error)")
        }
        self.options = options
        let claimed = try OpenStorePaths.shared.claim(options.path)
        let env: LMDBEnvironment
        do {
            owners = try StoreOwners(directory: options.path)
            keyring = try Keyring(directory: options.path)
            // With `.fsync`, LMDB's default: a commit syncs its data pages, then writes its meta page
            // synchronously, so what a read transaction sees is on disk.
            let flags = options.durability == .fsync ? 0 : MDB_NOSYNC
            env = try LMDBEnvironment(path: options.path, mapSize: options.initialMapSize, flags: flags)
        } catch {
            OpenStorePaths.shared.release(claimed)
            throw error
        }
        let index: EventIndex
        do {
            let (dbs, logId, indexTrusted) = try env.write { txn in
                let dbs = try LogDatabases(txn)
                try FormatVersion.check(txn, dbs)
                let trusted = try IndexState.indexTrusted(txn, dbs)
                try IndexState.markOpen(txn, dbs)
                return (dbs, try IndexState.logId(txn, dbs), trusted)
            }
            self.dbs = dbs
            index = try EventIndex(
                path: options.path + "/index", mapSize: options.initialMapSize, logId: logId,
                discard: !indexTrusted)
        } catch {
            env.close()
            OpenStorePaths.shared.release(claimed)
            throw error
        }
        do {
            let committer = try BatchCommitter(
                env: env, dbs: dbs, index: index, keyring: keyring, syncsKeys: options.durability == .fsync)
            durableHead = DurableHead(committer.head)
            writer = GroupCommitWriter(
                committer: committer, durableHead: durableHead, maxBatch: options.maxBatch)
        } catch {
            index.close()
            env.close()
            OpenStorePaths.shared.release(claimed)
            throw error
        }
        self.index = index
        self.env = env
        canonicalPath = claimed
        writer.start()
    }

    deinit {
        writer.stop()
        // A synced index is trusted by the next open even after a machine restart; while
        // another process has the store open, or when the sync fails, the next open decides by
        // the boot the index was left open under.
        if owners.isSoleOwner(), (try? index.sync()) != nil {
            _ = try? env.write { txn in try IndexState.markClean(txn, dbs) }
        }
        index.close()
        env.close()
        OpenStorePaths.shared.release(canonicalPath)
    }

    /// Appends atomically and returns once the events are durable.
    public func append(_ request: AppendRequest) throws -> AppendResult {
        let waiter = AppendWaiter()
        append(request) { waiter.resume($0) }
        return try waiter.wait()
    }

    /// Appends atomically; `completion` runs on a store thread once the events are durable.
    public func append(
        _ request: AppendRequest, completion: @escaping @Sendable (Result<AppendResult, Error>) -> Void
    ) {
        let item: PendingAppend
        do {
            item = try PendingAppend(request, keyring: keyring, completion: completion)
        } catch {
            completion(.failure(error))
            return
        }
        writer.submit(item)
    }

    /// The highest durable position (0 for an empty log).
    public func head() throws -> UInt64 {
        durableHead.current
    }

    /// Waits without polling until the durable head passes `position`; returns the head then
    /// (still `<= position` when `timeout` seconds ran out).
    public func waitForHead(above position: UInt64, timeout: Double) -> UInt64 {
        durableHead.wait(above: position, timeout: timeout)
    }

    /// Calls `observer` with the new durable head after every commit, on a store thread; keep it short.
    public func addAppendObserver(_ observer: @escaping @Sendable (UInt64) -> Void) -> AppendObserverToken {
        AppendObserverToken(id: durableHead.add(observer))
    }

    public func removeAppendObserver(_ token: AppendObserverToken) {
        durableHead.remove(token.id)
    }

    /// Destroys a data key: personal bytes sealed under it read back as `.erased` from now on.
    public func forget(_ key: DataKeyID) throws {
        try keyring.forget(key)
    }
}
