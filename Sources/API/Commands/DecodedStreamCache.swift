import Domain
import Foundation

/// A bounded cache of folded streams (stream name and fold kind → `StreamFold` + version) for
/// `CommandPipeline`.
///
/// Streams are append-only, so a cached fold stays exact: a load reads and folds only the
/// events after the cached version. Bounded by entry count with clock (second-chance) eviction.
///
/// Erasure: personal parts decode in clear until the contact's data key is forgotten, which
/// happens right after `ContactErased` is appended. `erase(dataKey:)` (called once that event
/// is appended or seen) clears the whole cache, bumps a generation so loads that started
/// before it cannot put their results back, and remembers the key so no stream holding
/// records sealed under it is cached again.
final class DecodedStreamCache: @unchecked Sendable {
    // @unchecked: every stored property is read and written only while holding `lock`.

    struct Entry {
        /// Nil while taken (see `take`): the slot stays, so a hot stream keeps its place.
        var value: (any StreamFold)?
        var version: UInt64
        /// The data keys that sealed personal parts decoded into `value`.
        var dataKeys: Set<String>
        var referenced: Bool
    }

    /// A cached stream and the generation it was read in.
    struct Snapshot {
        let value: any StreamFold
        let version: UInt64
        let dataKeys: Set<String>
    }

    let capacity: Int
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var ring: [String] = []
    private var hand = 0
    private var generation: UInt64 = 0
    private var erasedKeys: Set<String> = []

    init(capacity: Int) {
        self.capacity = max(capacity, 0)
    }

    /// The number of cached folds.
    var count: Int { lock.withLock { entries.count } }

    /// The cached fold (if any) and the generation to pass back to `store`.
    func lookup(_ stream: String) -> (Snapshot?, UInt64) {
        lock.withLock {
            guard var entry = entries[stream], let value = entry.value else { return (nil, generation) }
            if !entry.referenced {
                entry.referenced = true
                entries[stream] = entry
            }
            return (Snapshot(value: value, version: entry.version, dataKeys: entry.dataKeys), generation)
        }
    }

    /// Takes the cached fold (if any) out of the cache, so the caller holds the only copy and
    /// folds newer events into it in place (no copy of a long conversation's tables); it is
    /// put back with `store`. Returns the generation to pass back to `store`.
    func take(_ stream: String) -> (Snapshot?, UInt64) {
        lock.withLock {
            guard let value = entries[stream]?.value, let entry = entries[stream] else {
                return (nil, generation)
            }
            entries[stream]?.value = nil
            entries[stream]?.referenced = true
            return (Snapshot(value: value, version: entry.version, dataKeys: entry.dataKeys), generation)
        }
    }

    /// Caches a fold read in `generation`, unless an erasure happened since or it holds
    /// records sealed under an erased key, or a newer version is already cached.
    func store(
        _ stream: String, value: any StreamFold, version: UInt64, dataKeys: Set<String>, generation: UInt64
    ) {
        guard capacity > 0 else { return }
        lock.withLock {
            guard generation == self.generation, erasedKeys.isDisjoint(with: dataKeys) else { return }
            if let existing = entries[stream] {
                if existing.value == nil || existing.version < version {
                    entries[stream] = Entry(
                        value: value, version: version, dataKeys: dataKeys, referenced: true)
                }
                return
            }
            let entry = Entry(value: value, version: version, dataKeys: dataKeys, referenced: false)
            if ring.count < capacity {
                ring.append(stream)
                entries[stream] = entry
                return
            }
            while entries[ring[hand]]?.referenced == true {
                entries[ring[hand]]?.referenced = false
                hand = (hand + 1) % ring.count
            }
            entries[ring[hand]] = nil
            ring[hand] = stream
            entries[stream] = entry
            hand = (hand + 1) % ring.count
        }
    }

    /// Drops every cached stream and never caches records sealed under `dataKey` again.
    /// A key already erased changes nothing (its records read back as erased by then, or are
    /// kept out of the cache).
    func erase(dataKey: String) {
        lock.withLock {
            guard erasedKeys.insert(dataKey).inserted else { return }
            generation &+= 1
            entries.removeAll()
            ring.removeAll()
            hand = 0
        }
    }
}
