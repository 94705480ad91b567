import EventStore
import Foundation
import Synchronization

/// Wakes paused event streams: on every append (the store's observer) and when a stream's
/// heartbeat is due (a timer), so no connection holds a server thread while it waits.
// @unchecked Sendable: the parked table and the observer token sit behind mutexes; the timer
// source is only configured in `init` and cancelled in `deinit`.
final class StreamWakeups: @unchecked Sendable {
    private struct Parked {
        let wake: @Sendable () -> Void
        let heartbeatDue: Date
    }

    private let store: EventStore
    private let parked = Mutex<[ObjectIdentifier: Parked]>([:])
    private let observer = Mutex<AppendObserverToken?>(nil)
    private let timer: any DispatchSourceTimer

    init(store: EventStore) {
        self.store = store
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        timer.schedule(deadline: .now() + 0.5, repeating: 0.5)
        timer.setEventHandler { [weak self] in self?.wakeDue() }
        timer.resume()
        let token = store.addAppendObserver { [weak self] _ in self?.wakeAll() }
        observer.withLock { $0 = token }
    }

    deinit {
        timer.cancel()
        if let token = observer.withLock({ $0 }) { store.removeAppendObserver(token) }
    }

    /// Parks `stream` until the log grows past `seenHead` or `heartbeatDue` passes.
    func park(_ stream: AnyObject, seenHead: UInt64, heartbeatDue: Date, wake: @escaping @Sendable () -> Void)
    {
        let key = ObjectIdentifier(stream)
        parked.withLock { $0[key] = Parked(wake: wake, heartbeatDue: heartbeatDue) }
        // An append between the stream's read and the parking above must not be missed.
        if (try? store.head()) ?? 0 > seenHead { take(key)?() }
    }

    /// Forgets a stream that ended.
    func leave(_ stream: AnyObject) {
        _ = take(ObjectIdentifier(stream))
    }

    private func take(_ key: ObjectIdentifier) -> (@Sendable () -> Void)? {
        parked.withLock { $0.removeValue(forKey: key)?.wake }
    }

    private func wakeAll() {
        let wakes = parked.withLock { all -> [@Sendable () -> Void] in
            defer { all.removeAll() }
            return all.values.map(\.wake)
        }
        for wake in wakes { wake() }
    }

    private func wakeDue() {
        let now = Date()
        let wakes = parked.withLock { all -> [@Sendable () -> Void] in
            let due = all.filter { $0.value.heartbeatDue <= now }
            for key in due.keys { all.removeValue(forKey: key) }
            return due.values.map(\.wake)
        }
        for wake in wakes { wake() }
    }
}
