import Foundation
import Projections
import Synchronization
import Testing

@testable import API

/// One POST of the load: its bytes (a redelivery sends them again unchanged) and what it carries.
private struct LoadDelivery: Sendable {
    let body: [UInt8]
    /// wamid → text of each message in the body.
    let messages: [String: String]
}

/// The customers writing in: several contacts, so several conversations grow at once.
private let contacts = (0..<8).map { (phone: "55119000100\($0)", name: "Cliente \($0)") }

/// A Meta Cloud API webhook (the README's step 4 shape) carrying one message per contact given.
private func metaWebhook(phoneNumberId: String, _ items: [(contact: Int, wamid: String, text: String)])
    -> LoadDelivery
{
    let seconds = String(Timestamp.nowMilliseconds() / 1000)
    let value: [String: JSONValue] = [
        "messaging_product": "whatsapp",
        "metadata": .object([
            "display_phone_number": "15551234567", "phone_number_id": .string(phoneNumberId),
        ]),
        "contacts": .array(
            items.map {
                .object([
                    "profile": .object(["name": .string(contacts[$0.contact].name)]),
                    "wa_id": .string(contacts[$0.contact].phone),
                ])
            }),
        "messages": .array(
            items.map {
                .object([
                    "from": .string(contacts[$0.contact].phone), "id": .string($0.wamid),
                    "timestamp": .string(seconds),
                    "type": "text", "text": .object(["body": .string($0.text)]),
                ])
            }),
    ]
    let body = JSONValue.object([
        "object": "whatsapp_business_account",
        "entry": .array([
            .object([
                "id": "WABA-LOAD",
                "changes": .array([.object(["field": "messages", "value": .object(value)])]),
            ])
        ]),
    ])
    return LoadDelivery(
        body: Array(body.serialized().utf8),
        messages: Dictionary(uniqueKeysWithValues: items.map { ($0.wamid, $0.text) }))
}

/// What the load generator sent and what the server acknowledged, shared by the client threads.
private final class LoadLedger: Sendable {
    private struct State {
        var attempted: [String: String] = [:]
        var acknowledged: [String: String] = [:]
        /// Deliveries not acknowledged yet: sent again in later rounds, as Meta retries.
        var redeliveries: [LoadDelivery] = []
        var acknowledgedThisRound = 0
        var unexpected: [String] = []
    }
    private let state = Mutex(State())

    func nextRedelivery() -> LoadDelivery? {
        state.withLock { $0.redeliveries.isEmpty ? nil : $0.redeliveries.removeFirst() }
    }

    func attempt(_ delivery: LoadDelivery) {
        state.withLock { $0.attempted.merge(delivery.messages) { old, _ in old } }
    }

    func acknowledge(_ delivery: LoadDelivery) {
        state.withLock {
            $0.acknowledged.merge(delivery.messages) { old, _ in old }
            $0.acknowledgedThisRound += 1
        }
    }

    /// Not acknowledged (no answer, or not a 200): sent again later.
    func requeue(_ delivery: LoadDelivery, answered: String? = nil) {
        state.withLock {
            $0.redeliveries.append(delivery)
            if let answered { $0.unexpected.append(answered) }
        }
    }

    func startRound() { state.withLock { $0.acknowledgedThisRound = 0 } }
    var acknowledgedThisRound: Int { state.withLock { $0.acknowledgedThisRound } }
    var attempted: [String: String] { state.withLock { $0.attempted } }
    var acknowledged: [String: String] { state.withLock { $0.acknowledged } }
    var unexpected: [String] { state.withLock { $0.unexpected } }
}

private final class StopFlag: Sendable {
    private let value = Atomic(false)
    func stop() { value.store(true, ordering: .relaxed) }
    var isStopped: Bool { value.load(ordering: .relaxed) }
}

/// Joins the client threads with a bound.
private final class Finished: Sendable {
    private let count = Atomic(0)
    func done() { count.wrappingAdd(1, ordering: .relaxed) }
    func wait(for expected: Int, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while count.load(ordering: .relaxed) < expected {
            guard Date() < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return true
    }
}

@Suite(.serialized) struct CrashUnderLoadTests {
    static let clients = 16
    static let rounds = 12
    static let phoneNumberId = "PNID-LOAD"
    static let appSecret = "load-app-secret"

    /// A real `chatledger serve` under signed webhook load is SIGKILLed at a random moment,
    /// twelve times, and restarted on the same data directory each time. Afterwards every
    /// acknowledged message is in the read models exactly once (and nothing else is there
    /// twice), the hash chain verifies, and the incrementally built read models equal a full
    /// rebuild's.
    @Test(.timeLimit(.minutes(3)))
    func acknowledgedWebhooksSurviveSigkillExactlyOnce() throws {
        let database = try ScratchDatabase(prefix: "crash")
        let directory = NSTemporaryDirectory() + "chatledger-crash-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var running: ServerProcess?
        defer {
            running?.sigkill()
            database.drop()
            try? FileManager.default.removeItem(atPath: directory)
        }
        let environment = [
            "DATABASE_URL": database.url, "CHATLEDGER_DATA_DIR": directory + "/data",
            "CHATLEDGER_LOG_LEVEL": "warning",
        ]
        var runs = 0
        func start() throws -> ServerProcess {
            runs += 1
            let server = try ServerProcess.serve(
                environment: environment, logPath: directory + "/serve-\(runs).log")
            running = server
            return server
        }

        let first = try start()
        let bearer = try Self.registerTenantWithMetaChannel(TestHTTPClient(port: first.port))

        let ledger = LoadLedger()
        var server = first
        for round in 0..<Self.rounds {
            try Self.loadUntilKilled(server, round: round, ledger: ledger)
            running = nil
            server = try start()
        }

        let client = TestHTTPClient(port: server.port)
        try Self.waitForProjection(client)
        let acknowledged = ledger.acknowledged
        let attempted = ledger.attempted
        print(
            "crash under load: \(Self.rounds) SIGKILL rounds, \(Self.clients) clients,"
                + " \(acknowledged.count) messages acknowledged of \(attempted.count) sent")
        #expect(
            acknowledged.count >= Self.rounds * Self.clients, "too little load got through to test anything")
        #expect(
            ledger.unexpected.isEmpty,
            "signed webhooks answered other than 200: \(ledger.unexpected.prefix(5))")

        // Every acknowledged message exactly once, nothing at all twice, nothing never sent.
        let listed = try Self.listedMessages(client, bearer: bearer)
        let counts = listed.reduce(into: [String: Int]()) { $0[$1.wamid, default: 0] += 1 }
        for (wamid, text) in acknowledged {
            #expect(counts[wamid] == 1, "acknowledged \(wamid) listed \(counts[wamid] ?? 0) times")
            #expect(listed.first { $0.wamid == wamid }?.text == text, "content of \(wamid)")
        }
        #expect(counts.values.allSatisfy { $0 == 1 }, "a message is listed twice")
        #expect(Set(counts.keys).isSubset(of: Set(attempted.keys)), "a message nobody sent is listed")
        // The read model agrees with what the API lists, row for row.
        let rows = try Self.messageRowsByWamid(database.url)
        #expect(rows == counts, "the messages table and the API's lists disagree")
        // One conversation per contact, its unread count = its messages (no counter applied twice).
        let conversations = try Self.conversations(client, bearer: bearer)
        let phones = conversations.map(\.phone)
        #expect(Set(phones).count == phones.count, "a contact has two open conversations")
        #expect(conversations.map(\.unread).reduce(0, +) == listed.count)

        let audit = try client.send("GET", "/api/audit/verify", headers: bearer)
        #expect(audit.status == 200)
        #expect(audit.object["intact"] as? Bool == true, "\(audit.text)")
        #expect(server.terminate(), "serve did not stop on SIGTERM")
        running = nil

        let verify = try ServerProcess.run(
            ["verify"], environment: environment, logPath: directory + "/verify.log")
        #expect(verify.status == 0, "\(verify.output) \(ServerProcess.tail(of: directory + "/verify.log"))")
        let reports = verify.output.split(separator: "\n")
        #expect(reports.count == 1)
        #expect(
            reports.allSatisfy {
                $0.contains("\"intact\":true") && $0.contains("\"firstBrokenPosition\":null")
            })

        let incremental = try ServerProcess.run(
            ["digest"], environment: environment, logPath: directory + "/digest-1.log")
        let rebuild = try ServerProcess.run(
            ["rebuild"], environment: environment, logPath: directory + "/rebuild.log")
        #expect(rebuild.status == 0, "\(ServerProcess.tail(of: directory + "/rebuild.log"))")
        let rebuilt = try ServerProcess.run(
            ["digest"], environment: environment, logPath: directory + "/digest-2.log")
        #expect(incremental.status == 0 && rebuilt.status == 0)
        let digest = incremental.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(digest.count == 64, "digest printed \(incremental.output)")
        #expect(digest == rebuilt.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Registers a tenant and configures its Meta channel over HTTP; returns the admin's bearer.
    static func registerTenantWithMetaChannel(_ client: TestHTTPClient) throws -> [String: String] {
        let registered = try client.sendJSON(
            "POST", "/auth/register",
            json: """
                {"tenantName":"Pousada Carga","tenantSlug":"pousada-carga","userName":"Admin",\
                "email":"admin@pousada-carga.com","password":"senha-forte-123"}
                """)
        let token = try #require(
            registered.token, "register answered \(registered.status) \(registered.text)")
        let bearer = ["Authorization": "Bearer \(token)"]
        let channel = try client.sendJSON(
            "PUT", "/api/channels/whatsapp",
            json: """
                {"provider":"meta","phoneNumberId":"\(phoneNumberId)","displayPhoneNumber":"15551234567",\
                "appSecret":"\(appSecret)","verifyToken":"verify-carga","accessToken":"EAAG",\
                "apiBaseUrl":"http://127.0.0.1:9","apiVersion":"v21.0"}
                """, headers: bearer)
        try #require(channel.status == 200, "channel answered \(channel.status) \(channel.text)")
        return bearer
    }

    /// Runs the clients against `server` and SIGKILLs it at a random moment once the round's
    /// load is flowing; returns when every client thread has stopped.
    private static func loadUntilKilled(_ server: ServerProcess, round: Int, ledger: LoadLedger) throws {
        let client = TestHTTPClient(port: server.port)
        let stop = StopFlag()
        let finished = Finished()
        ledger.startRound()
        let hardStop = Date().addingTimeInterval(20)
        for index in 0..<clients {
            Thread {
                defer { finished.done() }
                var sequence = 0
                while !stop.isStopped, Date() < hardStop, sequence < 5_000 {
                    sequence += 1
                    let delivery =
                        ledger.nextRedelivery() ?? newDelivery(round: round, client: index, sequence)
                    ledger.attempt(delivery)
                    let signature = WebhookSignature.sign(body: delivery.body, secret: Array(appSecret.utf8))
                    do {
                        let response = try client.send(
                            "POST", "/webhooks/whatsapp",
                            headers: ["Content-Type": "application/json", "X-Hub-Signature-256": signature],
                            body: delivery.body)
                        if response.status == 200, response.text == "EVENT_RECEIVED" {
                            ledger.acknowledge(delivery)
                        } else {
                            ledger.requeue(delivery, answered: "\(response.status) \(response.text)")
                        }
                    } catch {
                        // No complete answer: the server died under it. Meta would retry.
                        ledger.requeue(delivery)
                        if !stop.isStopped { Thread.sleep(forTimeInterval: 0.005) }
                    }
                }
            }.start()
        }
        // Kill only once this round's load is acknowledged, then at a random moment of it.
        let flowing = Date().addingTimeInterval(10)
        while ledger.acknowledgedThisRound < clients, Date() < flowing {
            Thread.sleep(forTimeInterval: 0.005)
        }
        Thread.sleep(forTimeInterval: Double.random(in: 0...1))
        server.sigkill()
        stop.stop()
        let joined = finished.wait(for: clients, timeout: 30)
        try #require(joined, "client threads did not stop in round \(round)")
        #expect(
            ledger.acknowledgedThisRound > 0,
            "round \(round) acknowledged nothing: \(ServerProcess.tail(of: server.logPath))")
    }

    /// Every fourth delivery carries two contacts' messages in one body.
    private static func newDelivery(round: Int, client: Int, _ sequence: Int) -> LoadDelivery {
        let wamid = "wamid.LOAD-R\(round)-C\(client)-N\(sequence)"
        let contact = (client + sequence) % contacts.count
        if sequence % 4 == 0 {
            return metaWebhook(
                phoneNumberId: phoneNumberId,
                [
                    (contact, wamid + "-A", "Olá, pedido \(wamid)-A"),
                    ((contact + 1) % contacts.count, wamid + "-B", "Olá, pedido \(wamid)-B"),
                ])
        }
        return metaWebhook(phoneNumberId: phoneNumberId, [(contact, wamid, "Olá, pedido \(wamid)")])
    }

    /// Waits (bounded) until `/ready` reports the projector at the log's head.
    private static func waitForProjection(_ client: TestHTTPClient) throws {
        let deadline = Date().addingTimeInterval(30)
        var last = ""
        while Date() < deadline {
            let ready = try client.send("GET", "/ready")
            last = ready.text
            let lag = (ready.object["projection"] as? [String: Any])?["lag"] as? Int
            if ready.status == 200, lag == 0 { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("the projector did not catch up: \(last)")
    }

    private struct ListedConversation {
        let id: String
        let phone: String
        let unread: Int
    }

    private static func conversations(_ client: TestHTTPClient, bearer: [String: String]) throws
        -> [ListedConversation]
    {
        var result: [ListedConversation] = []
        for page in 1...20 {
            let response = try client.send(
                "GET", "/api/conversations?limit=100&page=\(page)", headers: bearer)
            try #require(response.status == 200, "\(response.text)")
            let items = response.object["data"] as? [[String: Any]] ?? []
            for item in items {
                result.append(
                    ListedConversation(
                        id: try #require(item["id"] as? String),
                        phone: (item["contact"] as? [String: Any])?["phoneNumber"] as? String ?? "",
                        unread: item["unreadCount"] as? Int ?? -1))
            }
            if items.count < 100 { break }
        }
        return result
    }

    /// Every message of every conversation, through the API's cursor pages.
    private static func listedMessages(_ client: TestHTTPClient, bearer: [String: String]) throws
        -> [(wamid: String, text: String)]
    {
        var result: [(wamid: String, text: String)] = []
        for conversation in try conversations(client, bearer: bearer) {
            var cursor: String?
            for _ in 0..<1_000 {
                let query = cursor.map { "&before=\($0)" } ?? ""
                let response = try client.send(
                    "GET", "/api/conversations/\(conversation.id)/messages?limit=100\(query)", headers: bearer
                )
                try #require(response.status == 200, "\(response.text)")
                for message in response.object["data"] as? [[String: Any]] ?? [] {
                    result.append(
                        (
                            message["whatsappMessageId"] as? String ?? "",
                            message["content"] as? String ?? ""
                        ))
                }
                cursor = response.object["nextCursor"] as? String
                if response.object["hasMore"] as? Bool != true { break }
            }
        }
        return result
    }

    /// wamid → rows in the active schema's messages table.
    private static func messageRowsByWamid(_ url: String) throws -> [String: Int] {
        let database = try Database(url: url, maxConnections: 1)
        defer { database.closeIdle() }
        let schema = try ReadModel(database: database).activeSchema()
        return try database.withConnection { connection in
            let rows = try connection.query("SELECT wamid, count(*) FROM \(schema).messages GROUP BY wamid")
            var counts: [String: Int] = [:]
            for row in 0..<rows.count {
                counts[rows.string(row, 0) ?? ""] = Int(try rows.int64(row, 1) ?? 0)
            }
            return counts
        }
    }
}
