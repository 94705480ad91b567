import API
import Foundation

/// `ingest-big`: what a webhook costs as bodies and conversations grow. `body_ms` is the median
/// acknowledgement time of one signed body carrying 1 000 messages from one new contact;
/// `long_conversation_ms` and `new_conversation_ms` are median latencies of one-message
/// webhooks, alternated on one connection, into a conversation already holding 10 000
/// messages and into one opened at the start of the same run; `ratio` = long / new.
enum IngestBigBench {
    static func run() throws {
        let environment = ProcessInfo.processInfo.environment
        // BENCH_BIG_MESSAGES=20000 fills a body close to the 3 MiB webhook limit (2.8 MiB): the worst case.
        let bodyMessages = Int(environment["BENCH_BIG_MESSAGES"] ?? "") ?? 1_000
        let bodies = Int(environment["BENCH_BIG_BODIES"] ?? "") ?? 5
        let samples = Int(environment["BENCH_BIG_SAMPLES"] ?? "") ?? 200
        let longMessages = Int(environment["BENCH_BIG_HISTORY"] ?? "") ?? 10_000
        let server = try BenchServer(label: "ingest_big")
        defer { server.stop() }
        _ = try server.registerTenantWithMetaChannel()
        let connection = try LoopbackConnection(port: server.port)
        defer { connection.close() }
        let run = UUID().uuidString.prefix(8)

        func post(_ request: [UInt8]) throws -> Double {
            let started = BenchSupport.now()
            let reply = try connection.roundTrip(request)
            guard reply.status == 200 else {
                throw BenchServerError.unexpected(
                    "webhook → \(reply.status) \(String(decoding: reply.body, as: UTF8.self))")
            }
            return (BenchSupport.now() - started) * 1000
        }

        var bodyTimes: [Double] = []
        for index in 0..<bodies {
            let request = bigBody(
                phone: SignedWebhook.phone(900_000 + index), wamidPrefix: "wamid.big.\(run).\(index)",
                count: bodyMessages)
            bodyTimes.append(try post(request))
        }

        let long = SignedWebhook.phone(800_000)
        BenchSupport.progress("filling a conversation with \(longMessages) messages")
        for chunk in 0..<(longMessages + 999) / 1_000 {
            let count = min(1_000, longMessages - chunk * 1_000)
            _ = try post(bigBody(phone: long, wamidPrefix: "wamid.fill.\(run).\(chunk)", count: count))
        }
        let new = SignedWebhook.phone(800_001)
        var longTimes: [Double] = []
        var newTimes: [Double] = []
        for sample in 0..<samples {
            longTimes.append(
                try post(
                    SignedWebhook.request(
                        phone: long, wamid: "wamid.long.\(run).\(sample)", text: "Mais uma mensagem \(sample)"
                    )))
            newTimes.append(
                try post(
                    SignedWebhook.request(
                        phone: new, wamid: "wamid.new.\(run).\(sample)", text: "Mais uma mensagem \(sample)"))
            )
        }
        let longMedian = BenchSupport.percentile(longTimes, 0.5)
        let newMedian = BenchSupport.percentile(newTimes, 0.5)
        BenchSupport.report([
            ("bench", "ingest-big"), ("body_messages", bodyMessages),
            ("body_ms", BenchSupport.percentile(bodyTimes, 0.5)), ("body_max_ms", bodyTimes.max() ?? 0),
            ("history_messages", longMessages), ("long_conversation_ms", longMedian),
            ("new_conversation_ms", newMedian), ("ratio", longMedian / newMedian),
        ])
    }

    /// One signed Meta webhook carrying `count` text messages from `phone`.
    static func bigBody(phone: String, wamidPrefix: String, count: Int) -> [UInt8] {
        let seconds = Int64(Date().timeIntervalSince1970)
        let messages = (0..<count).map { index in
            #"{"from":"\#(phone)","id":"\#(wamidPrefix).\#(index)","timestamp":"\#(seconds)","type":"text","text":{"body":"Mensagem \#(index) de um lote grande"}}"#
        }.joined(separator: ",")
        let body = Array(
            #"{"object":"whatsapp_business_account","entry":[{"id":"WABA","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550000000","phone_number_id":"\#(BenchServer.phoneNumberId)"},"contacts":[{"profile":{"name":"Cliente \#(phone)"},"wa_id":"\#(phone)"}],"messages":[\#(messages)]}}]}]}"#
                .utf8)
        let signature = WebhookSignature.sign(body: body, secret: Array(BenchServer.appSecret.utf8))
        return LoopbackConnection.request(
            "POST", "/webhooks/whatsapp",
            headers: [("Content-Type", "application/json"), ("X-Hub-Signature-256", signature)], body: body)
    }
}
