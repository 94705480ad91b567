import Foundation

/// Every open connection and the phase of its current request, so that slow clients cannot
/// hold the server: libmicrohttpd's own timeout is one of inactivity, which a byte a second
/// resets forever. A connection waiting for a request's headers longer than the header
/// deadline, or for its body longer than the body deadline, is shut down; so are, when the
/// open connections come near the limit, those that have waited longest for a request. A
/// connection whose handler runs or whose response is being sent is never cut.
///
/// The connection limit is enforced here, not by libmicrohttpd: a connection shut down keeps
/// its place there until its thread has ended, and libmicrohttpd closes, unanswered, any new
/// connection that finds every place taken, so it is given `daemonLimit` places, more than
/// are ever served.
///
/// libmicrohttpd reports a connection's close before it closes the descriptor, and that report
/// takes the same lock as every `shutdown` here, so a descriptor shut down is always still the
/// connection's own.
// @unchecked: `entries` and `closing` are only touched under `lock`.
final class OpenConnections: @unchecked Sendable {
    enum Phase: Equatable {
        /// Since the connection started or its previous response was sent.
        case awaitingHeaders
        /// Since the request's headers were read.
        case receivingBody
        /// A handler runs or the response is being sent: no deadline applies.
        case responding
        /// Shut down here; libmicrohttpd has not reported the close yet.
        case closing
    }

    /// Why the server cut a connection (the `reason` label of `http_connections_cut_total`).
    enum CutReason: String, CaseIterable {
        case headerDeadline = "header_deadline"
        case bodyDeadline = "body_deadline"
        case crowded
        /// A new connection while `connectionLimit` connections were all busy.
        case atLimit = "at_limit"
    }

    /// The places libmicrohttpd is given for `connectionLimit` served connections: room for
    /// those shut down whose threads have not ended yet.
    static func daemonLimit(serving connectionLimit: Int) -> Int {
        connectionLimit + max(16, connectionLimit / 8)
    }

    private struct Entry {
        let descriptor: Int32
        var phase: Phase
        /// Uptime nanoseconds when `phase` began.
        var since: UInt64
    }

    private let lock = NSLock()
    private var entries: [UInt: Entry] = [:]
    private var closing = 0
    private let headerDeadline: UInt64
    private let bodyDeadline: UInt64
    /// Connections served at once, not counting those shut down.
    let connectionLimit: Int
    /// More connections than this and waiting ones are cut, oldest first.
    let crowdedAbove: Int
    private let openGauge: Gauge
    private let cuts: [CutReason: Counter]

    init(
        headerDeadlineSeconds: Double, bodyDeadlineSeconds: Double, connectionLimit: Int,
        metrics: MetricsRegistry
    ) {
        precondition(headerDeadlineSeconds > 0 && bodyDeadlineSeconds > 0, "deadlines must be positive")
        headerDeadline = UInt64(headerDeadlineSeconds * 1e9)
        bodyDeadline = UInt64(bodyDeadlineSeconds * 1e9)
        self.connectionLimit = connectionLimit
        // A sixteenth of the limit stays free for new clients (at least one place).
        crowdedAbove = connectionLimit - max(1, connectionLimit / 16)
        openGauge = metrics.gauge("http_connections_open", help: "HTTP connections open now")
        var cuts: [CutReason: Counter] = [:]
        for reason in CutReason.allCases {
            cuts[reason] = metrics.counter(
                "http_connections_cut_total",
                help: "HTTP connections the server shut down: header_deadline and body_deadline (the request "
                    + "came too slowly), crowded (waited longest for a request as the connections neared the "
                    + "limit), at_limit (came while every place was busy)",
                labels: ["reason": reason.rawValue])
        }
        self.cuts = cuts
    }

    /// A new connection: its header clock starts; if that makes the server crowded, the
    /// connections that waited longest for a request are cut, and if every other one is busy
    /// at the limit, the new one is.
    func started(_ connection: OpaquePointer, descriptor: Int32, now: UInt64) {
        let key = UInt(bitPattern: connection)
        lock.withLock {
            entries[key] = Entry(descriptor: descriptor, phase: .awaitingHeaders, since: now)
            openGauge.set(Double(entries.count))
            cutWhileCrowded(sparing: key)
            if entries.count - closing > connectionLimit { cut(key, .atLimit) }
        }
    }

    /// libmicrohttpd is about to close the connection's descriptor.
    func closed(_ connection: OpaquePointer) {
        lock.withLock {
            if entries.removeValue(forKey: UInt(bitPattern: connection))?.phase == .closing {
                closing -= 1
            }
            openGauge.set(Double(entries.count))
        }
    }

    /// The access handler's first call for a request: the headers are in, the body clock starts.
    func headersReceived(_ connection: OpaquePointer, now: UInt64) {
        move(connection, to: .receivingBody, now: now)
    }

    /// The request is complete and its handler is about to run.
    func responding(_ connection: OpaquePointer, now: UInt64) {
        move(connection, to: .responding, now: now)
    }

    /// The response went out (or the request failed): the next request's header clock starts.
    func requestCompleted(_ connection: OpaquePointer, now: UInt64) {
        move(connection, to: .awaitingHeaders, now: now)
    }

    /// Cuts the connections past their deadline, then any that crowd the server. `now` may be
    /// older than a phase that began while the sweep waited for the lock.
    func sweep(now: UInt64) {
        lock.withLock {
            for (key, entry) in entries {
                let waited = now > entry.since ? now - entry.since : 0
                switch entry.phase {
                case .awaitingHeaders where waited >= headerDeadline:
                    cut(key, .headerDeadline)
                case .receivingBody where waited >= bodyDeadline:
                    cut(key, .bodyDeadline)
                default:
                    break
                }
            }
            cutWhileCrowded(sparing: nil)
        }
    }

    /// The phase a connection is in (nil once closed); for tests.
    func phase(of connection: OpaquePointer) -> Phase? {
        lock.withLock { entries[UInt(bitPattern: connection)]?.phase }
    }

    private func move(_ connection: OpaquePointer, to phase: Phase, now: UInt64) {
        lock.withLock {
            let key = UInt(bitPattern: connection)
            guard var entry = entries[key], entry.phase != .closing else { return }
            entry.phase = phase
            entry.since = now
            entries[key] = entry
        }
    }

    /// Cuts waiting connections, those waiting for headers longest first, then those waiting
    /// longest for a body, until the live ones are at most `crowdedAbove`. One scan per cut:
    /// a new connection usually makes at most one too many.
    private func cutWhileCrowded(sparing spared: UInt?) {
        while entries.count - closing > crowdedAbove {
            var oldest: (key: UInt, rank: Int, since: UInt64)?
            for (key, entry) in entries where key != spared {
                let rank: Int
                switch entry.phase {
                case .awaitingHeaders: rank = 0
                case .receivingBody: rank = 1
                case .responding, .closing: continue
                }
                if let current = oldest, (current.rank, current.since) <= (rank, entry.since) { continue }
                oldest = (key, rank, entry.since)
            }
            guard let oldest else { return }
            cut(oldest.key, .crowded)
        }
    }

    private func cut(_ key: UInt, _ reason: CutReason) {
        guard var entry = entries[key], entry.phase != .closing else { return }
        // Counted first, so that whoever sees the connection end finds it counted.
        cuts[reason]!.increment()
        entry.phase = .closing
        entries[key] = entry
        closing += 1
        // Wakes the connection's thread with end-of-file; libmicrohttpd then closes it.
        _ = shutdown(entry.descriptor, Int32(SHUT_RDWR))
    }
}
