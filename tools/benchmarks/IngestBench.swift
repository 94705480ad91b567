import Foundation

/// `ingest`: signed Meta webhooks (HMAC + parse + durable append) over 64 keep-alive
/// connections against the in-process server, next to the same server's `GET /health` rate
/// measured with the same generator in the same run.
enum IngestBench {
    static func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let webhooks = Int(environment["BENCH_WEBHOOKS"] ?? "") ?? 30_000
        let connections = 64
        let contacts = 2_000
        let server = try BenchServer(label: "ingest")
        defer { server.stop() }
        _ = try server.registerTenantWithMetaChannel()

        let run = UUID().uuidString.prefix(8)
        let bodies = (0..<webhooks).map { i in
            SignedWebhook.request(
                phone: SignedWebhook.phone(i % contacts), wamid: "wamid.bench.\(run).\(i)",
                text: "Mensagem \(i) do cliente \(i % contacts)")
        }
        // Warm-up: every contact's first message creates its contact and conversation.
        let warm = try HTTPLoad.run(port: server.port, connections: connections, requests: contacts) {
            SignedWebhook.request(
                phone: SignedWebhook.phone($0), wamid: "wamid.warm.\(run).\($0)", text: "Olá, bom dia")
        }
        guard warm.errors == 0 else { throw BenchServerError.unexpected("warm-up: \(warm.errors) errors") }

        let ingest = try HTTPLoad.run(
            port: server.port, connections: connections, requests: webhooks, maxSeconds: 20
        ) { bodies[$0] }
        let healthRequest = LoopbackConnection.request("GET", "/health")
        let health = try HTTPLoad.run(
            port: server.port, connections: connections, requests: 100_000, maxSeconds: 5
        ) { _ in healthRequest }
        BenchSupport.report([
            ("bench", "ingest"), ("webhooks", ingest.completed), ("connections", connections),
            ("webhooks_per_s", ingest.perSecond.rounded()), ("p50_ms", ingest.p50), ("p99_ms", ingest.p99),
            ("errors", ingest.errors), ("health_rps", health.perSecond.rounded()),
            ("ratio", ingest.perSecond / health.perSecond),
        ])
    }
}
