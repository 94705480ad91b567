import Foundation

/// A shared lock held by every process that has the store open, so the last one to close can
/// tell that it is the last: only then may it mark the index clean, since another process may
/// still be writing unsynced index pages. The kernel drops the lock of a process that dies.
final class StoreOwners: Sendable {
    private let descriptor: Int32

    init(directory: String) throws {
        let path = directory + "/owners.lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw EventStoreError.invalidField(field: "path", reason: "cannot open \(path) (errno \(errno))")
        }
        guard flock(descriptor, LOCK_SH) == 0 else {
            let code = errno
            close(descriptor)
            throw EventStoreError.invalidField(field: "path", reason: "cannot lock \(path) (errno \(code))")
        }
    }

    deinit {
        close(descriptor)
    }

    /// True when no other process holds the store open; this process then holds it alone.
    func isSoleOwner() -> Bool {
        flock(descriptor, LOCK_EX | LOCK_NB) == 0
    }
}
