import Foundation

/// `lag`: while background webhooks arrive at a paced rate (`BENCH_LAG_RATE`, default
/// 5 000/s, over 32 connections), a sampler sends a webhook every 40 ms and measures the time
/// from its 200 ack until `GET /api/conversations/:id` shows it as `lastMessage` (the GET
/// carries `X-Min-Position: <ack's X-Log-Position>`, then polls if the text is not there yet).
enum LagBench {
    static let sampleContacts = 20

    static func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let rate = Double(environment["BENCH_LAG_RATE"] ?? "") ?? 5_000
        let seconds = Double(environment["BENCH_LAG_SECONDS"] ?? "") ?? 10
        let loadConnections = 32
        let contacts = 2_000
        let server = try BenchServer(label: "lag")
        defer { server.stop() }
        let (token, _) = try server.registerTenantWithMetaChannel()
        let run = UUID().uuidString.prefix(8)

        let warm = try HTTPLoad.run(port: server.port, connections: loadConnections, requests: contacts) {
            SignedWebhook.request(
                phone: SignedWebhook.phone($0), wamid: "wamid.warm.\(run).\($0)", text: "Olá, bom dia")
        }
        guard warm.errors == 0 else { throw BenchServerError.unexpected("warm-up: \(warm.errors) errors") }
        BenchSupport.progress("opening \(sampleContacts) sample conversations")
        let conversations = try sampleConversations(server: server, token: token, run: String(run))

        BenchSupport.progress("timing: \(rate) webhooks/s for \(seconds) s")
        let total = Int(rate * seconds)
        let bodies = (0..<total).map { i in
            SignedWebhook.request(
                phone: SignedWebhook.phone(i % contacts), wamid: "wamid.lag.\(run).\(i)", text: "Carga \(i)"
            )
        }
        let opened = try (0..<loadConnections).map { _ in try LoopbackConnection(port: server.port) }
        let sampler = try LoopbackConnection(port: server.port)
        let reader = try LoopbackConnection(port: server.port)
        let counts = Counts()
        let start = BenchSupport.now()
        let end = start + seconds
        BenchSupport.onThreads(loadConnections + 1) { index in
            if index == loadConnections {
                let lags = sample(
                    sampler: sampler, reader: reader, token: token, conversations: conversations,
                    run: String(run),
                    until: end)
                counts.lock.withLock { counts.lags = lags }
                return
            }
            // Paced: connection `index` sends webhooks index, index + n, … at their scheduled times.
            let interval = Double(loadConnections) / rate
            var i = index
            var sent = 0
            var errors = 0
            while i < total {
                let due = start + Double(i / loadConnections) * interval
                if due > end || BenchSupport.now() > end { break }
                let wait = due - BenchSupport.now()
                if wait > 0 { usleep(UInt32(wait * 1e6)) }
                do {
                    let reply = try opened[index].roundTrip(bodies[i])
                    if reply.status == 200 { sent += 1 } else { errors += 1 }
                } catch {
                    errors += 1
                    try? opened[index].reopen()
                }
                i += loadConnections
            }
            counts.add(sent: sent, errors: errors)
        }
        let elapsed = BenchSupport.now() - start
        if counts.errors > 0 {
            FileHandle.standardError.write(Data("lag: \(counts.errors) background webhook errors\n".utf8))
        }
        let lags = counts.lock.withLock { counts.lags }
        BenchSupport.report([
            ("bench", "lag"), ("samples", lags.count),
            ("rate_per_s", (Double(counts.sent) / elapsed).rounded()),
            ("target_rate_per_s", rate.rounded()), ("p50_ms", BenchSupport.percentile(lags, 0.5)),
            ("p99_ms", BenchSupport.percentile(lags, 0.99)), ("errors", counts.errors),
        ])
    }

    /// Background totals, merged under a lock.
    // @unchecked: the fields are only touched under `lock`.
    private final class Counts: @unchecked Sendable {
        let lock = NSLock()
        var sent = 0
        var errors = 0
        var lags: [Double] = []
        func add(sent: Int, errors: Int) {
            lock.withLock {
                self.sent += sent
                self.errors += errors
            }
        }
    }

    /// One webhook every 40 ms until `until`; each sample's lag in milliseconds.
    private static func sample(
        sampler: LoopbackConnection, reader: LoopbackConnection, token: String, conversations: [String],
        run: String, until end: Double
    ) -> [Double] {
        var lags: [Double] = []
        var s = 0
        while BenchSupport.now() < end {
            let next = BenchSupport.now() + 0.040
            let k = s % sampleContacts
            let text = "amostra \(run) \(s)"
            s += 1
            do {
                let ack = try sampler.roundTrip(
                    SignedWebhook.request(
                        phone: SignedWebhook.phone(900_000 + k), wamid: "wamid.sample.\(run).\(s)",
                        text: text))
                let acked = BenchSupport.now()
                guard ack.status == 200, let position = ack.headers["x-log-position"] else { continue }
                let needle = Array(text.utf8)
                var headers = [("Authorization", "Bearer \(token)"), ("X-Min-Position", position)]
                while BenchSupport.now() - acked < 5 {
                    let reply = try reader.roundTrip(
                        LoopbackConnection.request(
                            "GET", "/api/conversations/\(conversations[k])", headers: headers))
                    if reply.status == 200 && contains(reply.body, needle) {
                        lags.append((BenchSupport.now() - acked) * 1000)
                        break
                    }
                    headers = [("Authorization", "Bearer \(token)")]
                }
            } catch {
                FileHandle.standardError.write(Data("lag sample failed: \(error)\n".utf8))
            }
            let wait = next - BenchSupport.now()
            if wait > 0 { usleep(UInt32(wait * 1e6)) }
        }
        return lags
    }

    /// Opens one conversation per sample contact and returns their ids (index = contact).
    private static func sampleConversations(server: BenchServer, token: String, run: String) throws
        -> [String]
    {
        var ids: [String] = []
        for k in 0..<sampleContacts {
            let text = "preparo \(run) \(k)"
            let phone = SignedWebhook.phone(900_000 + k)
            let ack = try server.call(
                "POST", "/webhooks/whatsapp",
                raw: SignedWebhook.request(phone: phone, wamid: "wamid.setup.\(run).\(k)", text: text))
            let position = ack.headers["x-log-position"] ?? "0"
            // By the contact's phone: the list is ordered by the last message's time in seconds,
            // and the warm-up's last conversations share this one's second.
            let list = try server.call(
                "GET", "/api/conversations?search=\(phone)&limit=10", token: token, minPosition: position)
            guard let page = try JSONSerialization.jsonObject(with: Data(list.body)) as? [String: Any],
                let data = page["data"] as? [[String: Any]],
                let match = data.first(where: {
                    (($0["lastMessage"] as? [String: Any])?["content"] as? String) == text
                }),
                let id = match["id"] as? String
            else { throw BenchServerError.unexpected("no conversation shows \(text)") }
            ids.append(id)
        }
        return ids
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}
