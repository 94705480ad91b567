import EventStore
import Foundation
import Testing

@testable import Projections

@Suite struct LogPrefetcherTests {
    @Test func handsOutEveryPositionOnceInLogOrderWhateverTheChunkAndReaderCount() throws {
        try StoreFixture.with { store in
            let generator = LogGenerator(store: store, seed: 7)
            try generator.setUp(tenants: 2)
            try generator.run(steps: 120)
            let head = try store.head()
            for (chunk, readers) in [(1, 3), (7, 2), (50, 4), (Int(head) + 10, 2)] {
                let prefetcher = LogPrefetcher(
                    store: store, from: 1, through: head, chunk: chunk, readers: readers)
                defer { prefetcher.stop() }
                var positions: [UInt64] = []
                var counted = 0
                var last: UInt64 = 0
                while let next = try prefetcher.next() {
                    positions += next.decoded.map(\.0.position)
                    counted += next.count
                    #expect(next.last > last)
                    last = next.last
                }
                #expect(counted == Int(head))
                #expect(last == head)
                #expect(positions == Array(1...head))
            }
        }
    }

    @Test func stoppingEarlyLeavesNoReaderBehind() throws {
        try StoreFixture.with { store in
            let generator = LogGenerator(store: store, seed: 9)
            try generator.setUp(tenants: 1)
            try generator.run(steps: 60)
            let prefetcher = LogPrefetcher(
                store: store, from: 1, through: try store.head(), chunk: 3, readers: 2)
            #expect(try prefetcher.next()?.count == 3)
            prefetcher.stop()
        }
    }
}
