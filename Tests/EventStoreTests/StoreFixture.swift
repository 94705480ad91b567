import Foundation

@testable import EventStore

/// A store in a fresh temporary directory; the directory is removed by `remove()`.
struct StoreFixture {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "chatledger-es-\(UUID().uuidString)"
    }

    func open(initialMapSize: Int = 8 << 20, durability: Durability = .fsync) throws -> EventStore {
        try EventStore(
            options: EventStoreOptions(path: path, durability: durability, initialMapSize: initialMapSize))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Every file of the store (the index environment's too), as bytes, by relative path.
    func files() throws -> [String: [UInt8]] {
        var contents: [String: [UInt8]] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: path) {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory)
            if isDirectory.boolValue { continue }
            contents[name] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)))
        }
        return contents
    }
}

func makeEvent(
    _ text: String, id: UUID = UUID(), personal: [UInt8]? = nil, dataKey: DataKeyID? = nil
) -> NewEvent {
    NewEvent(
        id: id, type: "TestEvent.v1", occurredAt: 1_700_000_000_000,
        metadata: EventMetadata(correlationId: UUID(), causationId: nil, actor: "tester"),
        payload: Array(text.utf8), personal: personal, dataKey: dataKey)
}

func single(
    _ tenant: UUID, _ stream: String, _ expected: ExpectedVersion = .any, _ events: [NewEvent],
    keys: [KeyChange] = []
) -> AppendRequest {
    AppendRequest(
        streams: [
            StreamAppend(
                tenant: tenant, stream: StreamName(stream), expectedVersion: expected, events: events)
        ],
        keys: keys)
}

/// Runs `body` on `count` real threads at once and waits for all of them.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        Thread {
            body(index)
            group.leave()
        }.start()
    }
    group.wait()
}

/// A value shared between test threads.
final class Shared<Value>: @unchecked Sendable {  // every access goes through `lock`
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func update<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }

    var current: Value { update { $0 } }
}

/// Offsets of every occurrence of `needle` in `haystack`.
func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
    guard let first = needle.first, needle.count <= haystack.count else { return [] }
    var found: [Int] = []
    var index = 0
    while index <= haystack.count - needle.count {
        if haystack[index] == first && haystack[index..<index + needle.count].elementsEqual(needle) {
            found.append(index)
        }
        index += 1
    }
    return found
}
