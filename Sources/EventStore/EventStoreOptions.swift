/// Where and how an `EventStore` keeps its log.
public struct EventStoreOptions: Sendable {
    /// Directory holding `data.mdb`, `lock.mdb` and the `keyring` file; created when missing.
    public var path: String
    /// `.fsync` unless a test or benchmark names `.noSync`.
    public var durability: Durability
    /// Initial LMDB map size in bytes; the map grows by doubling when it fills up.
    public var initialMapSize: Int
    /// Most events committed in one write transaction.
    public var maxBatch: Int

    public init(
        path: String, durability: Durability = .fsync, initialMapSize: Int = 64 << 20,
        maxBatch: Int = 4096
    ) {
        self.path = path
        self.durability = durability
        self.initialMapSize = initialMapSize
        self.maxBatch = maxBatch
    }
}
