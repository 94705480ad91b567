import API
import Domain
import EventStore
import Foundation

/// `read`: `GET /api/conversations?status=OPEN&limit=20` with a Bearer token over 64
/// keep-alive connections, on a tenant holding `BENCH_CONVERSATIONS` conversations (default
/// 2 000, which seeds in about 10 s on this machine; the spec's figure is for
/// `BENCH_CONVERSATIONS=20000`, which takes over 90 s to seed here; 3 in 4 open). They are appended straight to the server's event log (500 per append) and
/// projected by the server's own projector before timing.
enum ReadBench {
    static func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let conversations = Int(environment["BENCH_CONVERSATIONS"] ?? "") ?? 2_000
        let requests = Int(environment["BENCH_REQUESTS"] ?? "") ?? 10_000
        let connections = 64
        let server = try BenchServer(label: "read")
        defer { server.stop() }
        let (token, tenantText) = try server.registerTenantWithMetaChannel()
        guard let tenant = UUID(uuidString: tenantText) else {
            throw BenchServerError.unexpected("tenant id \(tenantText)")
        }
        BenchSupport.progress("appending \(conversations) conversations")
        let head = try seed(server.app.services.store, tenant: tenant, conversations: conversations)
        BenchSupport.progress("projecting up to position \(head)")
        guard let projector = server.app.projector, projector.waitUntil(position: head, timeout: 50) else {
            throw BenchServerError.unexpected("the projector did not reach \(head) within 50 s")
        }
        let request = LoopbackConnection.request(
            "GET", "/api/conversations?status=OPEN&limit=20", headers: [("Authorization", "Bearer \(token)")])
        let check = try server.call("GET", "/api/conversations?status=OPEN&limit=20", token: token)
        guard let page = try JSONSerialization.jsonObject(with: Data(check.body)) as? [String: Any],
            let data = page["data"] as? [Any], data.count == 20
        else {
            throw BenchServerError.unexpected(
                "list answered \(String(decoding: check.body.prefix(300), as: UTF8.self))")
        }
        BenchSupport.progress("timing")
        _ = try HTTPLoad.run(port: server.port, connections: connections, requests: 2_000) { _ in request }
        let result = try HTTPLoad.run(
            port: server.port, connections: connections, requests: requests, maxSeconds: 20
        ) { _ in request }
        BenchSupport.report([
            ("bench", "read"), ("requests", result.completed), ("connections", connections),
            ("requests_per_s", result.perSecond.rounded()), ("p50_ms", result.p50), ("p99_ms", result.p99),
            ("errors", result.errors),
        ])
    }

    /// Appends `conversations` contacts, each with a conversation holding one inbound message;
    /// every 4th conversation closed. Returns the log head.
    static func seed(_ store: EventStore, tenant: UUID, conversations: Int) throws -> UInt64 {
        var clock = Int64(Date().timeIntervalSince1970 * 1000) - Int64(conversations) * 1000
        func encode(_ event: DomainEvent) throws -> NewEvent {
            let encoded = try DomainCodec.encode(event)
            return NewEvent(
                id: UUIDv7.generate(), type: encoded.type, occurredAt: clock, payload: encoded.payload,
                personal: encoded.personal, dataKey: encoded.dataKey.map { DataKeyID($0) })
        }
        let texts = [
            "Olá, gostaria de fazer uma reserva para o fim de semana", "Qual o preço da diária com café?",
            "Preciso cancelar minha reserva de dezembro", "Vocês aceitam pets?",
        ]
        var head: UInt64 = 0
        var batch: [StreamAppend] = []
        for c in 0..<conversations {
            clock += 1000
            let contact = UUIDv7.generate()
            let conversation = UUIDv7.generate()
            let phone = SignedWebhook.phone(500_000 + c)
            var events: [DomainEvent] = [
                .conversationOpened(
                    ConversationOpened(
                        conversationId: conversation, tenantId: tenant, contactId: contact,
                        openedBy: .inbound,
                        at: clock)),
                .messageReceived(
                    MessageReceived(
                        conversationId: conversation, contactId: contact, messageId: UUIDv7.generate(),
                        wamid: "wamid.seed.\(conversation.uuidString)", messageType: .text,
                        providerTimestamp: clock, receivedAt: clock,
                        personal: InboundContent(text: texts[c % texts.count]))),
            ]
            if c % 4 == 3 {
                events.append(
                    .conversationClosed(
                        ConversationClosed(
                            conversationId: conversation, contactId: contact, byUserId: nil, at: clock + 500))
                )
            }
            batch.append(
                StreamAppend(
                    tenant: tenant, stream: StreamName(Streams.contact(contact)), expectedVersion: .any,
                    events: [
                        try encode(
                            .contactRegistered(
                                ContactRegistered(
                                    contactId: contact, tenantId: tenant,
                                    personal: .init(phone: phone, name: "Cliente \(c)"))))
                    ]))
            batch.append(
                StreamAppend(
                    tenant: tenant, stream: StreamName(Streams.conversation(conversation)),
                    expectedVersion: .any,
                    events: try events.map(encode)))
            if batch.count >= 1_000 {
                head = try store.append(AppendRequest(streams: batch)).head
                batch.removeAll()
            }
        }
        if !batch.isEmpty { head = try store.append(AppendRequest(streams: batch)).head }
        return head
    }
}
