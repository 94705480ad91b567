import Domain
import EventStore
import Foundation

/// A generated log for the read-side benches: `tenants` tenants, `conversations`
/// conversations spread over them, 50 events per conversation (contact, open, assign,
/// 9 inbound messages, 9 outbound messages with sent/delivered/read, close, rating).
enum BenchLog {
    static let eventsPerConversation = 50

    /// The generated log at `path`: reused when `reuse` and a log of this size was generated
    /// there before (a marker file names the size), else generated afresh, replacing only an
    /// earlier bench log (never a directory with other contents).
    static func openOrGenerate(at path: String, conversations: Int, reuse: Bool) throws -> EventStore {
        let files = FileManager.default
        let marker = path + "/bench-log-conversations"
        let size = "\(conversations)"
        let generated = try? String(contentsOfFile: marker, encoding: .utf8)
        if reuse, generated == size {
            return try open(path)
        }
        if generated != nil {
            try files.removeItem(atPath: path)
        } else if let contents = try? files.contentsOfDirectory(atPath: path), !contents.isEmpty {
            throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: path])
        }
        try files.createDirectory(atPath: path, withIntermediateDirectories: true)
        let store = try generate(path: path, tenants: 50, conversations: conversations)
        try size.write(toFile: marker, atomically: true, encoding: .utf8)
        return store
    }

    /// The store at `path`, without fsync: bench set-up and reads only.
    static func open(_ path: String) throws -> EventStore {
        try EventStore(options: EventStoreOptions(path: path, durability: .noSync, initialMapSize: 4 << 30))
    }

    /// Writes the log into a new store at `path` and returns it.
    static func generate(path: String, tenants: Int, conversations: Int) throws -> EventStore {
        let store = try open(path)
        var clock: Int64 = 1_763_000_000_000
        var serial = 0
        func id() -> UUID {
            serial += 1
            let hex = String(serial, radix: 16)
            let padded = String(repeating: "0", count: 12 - hex.count) + hex
            return UUID(uuidString: "00000000-0000-4000-8000-" + padded)!
        }
        func encode(_ event: DomainEvent) throws -> NewEvent {
            let encoded = try DomainCodec.encode(event)
            return NewEvent(
                id: id(), type: encoded.type, occurredAt: clock, payload: encoded.payload,
                personal: encoded.personal, dataKey: encoded.dataKey.map { DataKeyID($0) })
        }
        let phrases = [
            "Olá, gostaria de fazer uma reserva para o fim de semana", "Qual o preço da diária com café?",
            "Obrigado pelo atendimento, até logo", "Preciso cancelar minha reserva de dezembro",
        ]
        for t in 0..<tenants {
            let tenant = id()
            let agents = (0..<3).map { _ in id() }
            let department = id()
            var setUp: [StreamAppend] = [
                StreamAppend(
                    tenant: tenant, stream: StreamName(Streams.tenant(tenant)), expectedVersion: .any,
                    events: [
                        try encode(
                            .tenantRegistered(
                                TenantRegistered(tenantId: tenant, name: "T\(t)", slug: "t\(t)")))
                    ]),
                StreamAppend(
                    tenant: tenant, stream: StreamName(Streams.department(department)), expectedVersion: .any,
                    events: [
                        try encode(
                            .departmentCreated(
                                DepartmentCreated(
                                    departmentId: department, tenantId: tenant, name: "Vendas",
                                    color: "#10B981",
                                    maxConcurrentPerAgent: 3, expectedResponseMinutes: 15)))
                    ]),
            ]
            for (a, agent) in agents.enumerated() {
                setUp.append(
                    StreamAppend(
                        tenant: tenant, stream: StreamName(Streams.user(agent)), expectedVersion: .any,
                        events: [
                            try encode(
                                .userCreated(
                                    UserCreated(
                                        userId: agent, tenantId: tenant, name: "Agente \(a)",
                                        email: "a\(a)@t\(t).com", passwordHash: "h", role: .agent,
                                        departmentId: department)))
                        ]))
            }
            _ = try store.append(AppendRequest(streams: setUp))
            let perTenant = conversations / tenants + (t < conversations % tenants ? 1 : 0)
            var batch: [StreamAppend] = []
            for c in 0..<perTenant {
                let contact = id()
                let conversation = id()
                let agent = agents[c % agents.count]
                var events: [DomainEvent] = []
                clock += 1000
                events.append(
                    .conversationOpened(
                        ConversationOpened(
                            conversationId: conversation, tenantId: tenant, contactId: contact,
                            openedBy: .inbound,
                            departmentId: department, at: clock)))
                events.append(
                    .conversationAssigned(ConversationAssigned(conversationId: conversation, userId: agent)))
                for m in 0..<9 {
                    clock += 700
                    let inbound = id()
                    events.append(
                        .messageReceived(
                            MessageReceived(
                                conversationId: conversation, contactId: contact, messageId: inbound,
                                wamid: "wamid.in.\(serial)", messageType: .text, providerTimestamp: clock,
                                receivedAt: clock,
                                personal: InboundContent(text: phrases[(c + m) % phrases.count]))))
                    let outbound = id()
                    let wamid = "wamid.out.\(serial)"
                    events.append(
                        .outboundMessageQueued(
                            OutboundMessageQueued(
                                conversationId: conversation, contactId: contact, messageId: outbound,
                                kind: .text,
                                sentById: agent, origin: .agent, at: clock + 2000,
                                personal: .text(body: phrases[(c + m + 1) % phrases.count]))))
                    events.append(
                        .outboundMessageSent(
                            OutboundMessageSent(
                                conversationId: conversation, messageId: outbound, wamid: wamid,
                                at: clock + 2000 + Int64(m * 137 % 900))))
                    events.append(
                        .messageDelivered(
                            MessageDelivered(
                                conversationId: conversation, messageId: outbound, wamid: wamid,
                                at: clock + 4000)))
                    events.append(
                        .messageRead(
                            MessageRead(
                                conversationId: conversation, messageId: outbound, wamid: wamid,
                                at: clock + 9000)))
                }
                events.append(
                    .conversationClosed(
                        ConversationClosed(
                            conversationId: conversation, contactId: contact, byUserId: agent,
                            at: clock + 10_000)))
                events.append(
                    .conversationRated(
                        ConversationRated(
                            conversationId: conversation, contactId: contact, score: 1 + (c % 5),
                            at: clock + 11_000,
                            personal: .init(comment: nil))))
                batch.append(
                    StreamAppend(
                        tenant: tenant, stream: StreamName(Streams.contact(contact)), expectedVersion: .any,
                        events: [
                            try encode(
                                .contactRegistered(
                                    ContactRegistered(
                                        contactId: contact, tenantId: tenant,
                                        personal: .init(
                                            phone: "5511\(900_000_000 + serial)", name: "Cliente \(serial)")))
                            )
                        ]))
                batch.append(
                    StreamAppend(
                        tenant: tenant, stream: StreamName(Streams.conversation(conversation)),
                        expectedVersion: .any,
                        events: try events.map(encode)))
                if batch.count >= 40 {
                    _ = try store.append(AppendRequest(streams: batch))
                    batch.removeAll()
                }
            }
            if !batch.isEmpty { _ = try store.append(AppendRequest(streams: batch)) }
        }
        return store
    }
}
