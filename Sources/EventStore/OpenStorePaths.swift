import Foundation

/// The store directories open in this process. LMDB must not open one environment twice in a
/// process: closing either copy would drop the file locks of the other.
final class OpenStorePaths: @unchecked Sendable {  // `paths` is only touched under `lock`
    static let shared = OpenStorePaths()

    private let lock = NSLock()
    private var paths: Set<String> = []

    /// Claims `path`; throws when the store is already open in this process.
    func claim(_ path: String) throws -> String {
        let canonical = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        lock.lock()
        defer { lock.unlock() }
        guard paths.insert(canonical).inserted else {
            throw EventStoreError.invalidField(
                field: "path", reason: "the store is already open in this process")
        }
        return canonical
    }

    func release(_ canonical: String) {
        lock.lock()
        paths.remove(canonical)
        lock.unlock()
    }
}
