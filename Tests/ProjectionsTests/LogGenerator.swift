import Domain
import EventStore
import Foundation

/// Writes a realistic, reproducible log through the Domain's deciders: tenants with agents,
/// departments and tags; contacts writing in, agents answering, statuses coming back,
/// assignments, transfers, closes, ratings, reads, and now and then an erased contact.
final class LogGenerator {
    struct TenantFixture {
        let id: UUID
        var users: [UUID] = []
        var departments: [UUID] = []
        var tags: [UUID] = []
    }

    struct PendingSend {
        let conversation: UUID
        let message: UUID
        var wamid: String?
        var stage: Int
    }

    let store: EventStore
    private(set) var random: SeededRandom
    private(set) var now: Int64 = 1_763_000_000_000
    private(set) var tenants: [TenantFixture] = []
    private(set) var conversations: [UUID: Conversation] = [:]
    private(set) var contacts: [UUID: Contact] = [:]
    private var pending: [PendingSend] = []
    private var phoneCounter = 0
    private var wamidCounter = 0
    /// Contacts whose data key was forgotten.
    private(set) var erasedContacts: [UUID] = []
    /// Deciders refuse some random commands (window closed, closed conversation, …); counted.
    private(set) var refusals = 0

    init(store: EventStore, seed: UInt64) {
        self.store = store
        random = SeededRandom(seed: seed)
    }

    /// Registers `count` tenants, each with a Meta channel, 2 departments, 3 agents, 3 tags.
    func setUp(tenants count: Int) throws {
        for t in 0..<count {
            var fixture = TenantFixture(id: random.uuid())
            let tenantStream = Streams.tenant(fixture.id)
            try append(
                Tenant.decide(
                    .register(tenantId: fixture.id, name: "Hotel \(t)", slug: "hotel-\(t)"), state: nil),
                stream: tenantStream, tenant: fixture.id)
            var tenantState = Tenant.fold(
                try store.readStream(StreamName(tenantStream)).compactMap(Self.decode))
            try append(
                Tenant.decide(
                    .configureChannel(
                        ChannelSettings(provider: .meta, phoneNumberId: "pn-\(t)", sealedSecrets: "x")),
                    state: tenantState), stream: tenantStream, tenant: fixture.id)
            tenantState = Tenant.fold(try store.readStream(StreamName(tenantStream)).compactMap(Self.decode))
            for (index, name) in ["Vendas", "Suporte"].enumerated() {
                let id = random.uuid()
                try append(
                    Department.decide(
                        .create(
                            departmentId: id, tenantId: fixture.id,
                            settings: DepartmentSettings(
                                name: name, color: index == 0 ? "#10B981" : "#3B82F6",
                                maxConcurrentPerAgent: 3,
                                expectedResponseMinutes: 15)), state: nil),
                    stream: Streams.department(id), tenant: fixture.id)
                fixture.departments.append(id)
            }
            for a in 0..<3 {
                let id = random.uuid()
                try append(
                    User.decide(
                        .create(
                            userId: id, tenantId: fixture.id, name: "Agente \(a)",
                            email: "agente\(a)@hotel\(t).com",
                            passwordHash: "hash", role: a == 0 ? .admin : .agent,
                            departmentId: fixture.departments[a % 2]), state: nil),
                    stream: Streams.user(id), tenant: fixture.id)
                fixture.users.append(id)
            }
            for (name, color) in [("Reserva", "#4CAF50"), ("Reclamação", "#F44336"), ("VIP", "#FFC107")] {
                let id = random.uuid()
                try append(
                    Tag.decide(
                        .create(tagId: id, tenantId: fixture.id, name: name, color: color), state: nil),
                    stream: Streams.tag(id), tenant: fixture.id)
                fixture.tags.append(id)
            }
            tenants.append(fixture)
        }
    }

    /// Runs `count` random steps (each one append).
    func run(steps count: Int) throws {
        for _ in 0..<count { try step() }
    }

    private static let phrases = [
        "Olá, gostaria de fazer uma reserva", "Qual o preço da diária?", "Obrigado pelo atendimento",
        "Preciso cancelar minha reserva", "Vocês aceitam cartão?", "O quarto tem ar condicionado?",
        "Bom dia! Como posso ajudar?", "Sua reserva está confirmada", "Reclamação sobre o barulho",
    ]

    private func step() throws {
        now += Int64(random.next() % 90_000) + 500
        let open = conversations.values.filter { !$0.isClosed && contacts[$0.contactId]?.isErased != true }
            .map(\.id).sorted { $0.uuidString < $1.uuidString }
        let roll = random.next() % 100
        do {
            if roll < 15 || open.isEmpty {
                try newInbound()
            } else if roll < 38 {
                try inbound(on: open[Int(random.next() % UInt64(open.count))])
            } else if roll < 58 {
                try outbound(on: open[Int(random.next() % UInt64(open.count))])
            } else if roll < 85, !pending.isEmpty {
                try progressSend()
            } else if roll < 99 {
                try manage(open[Int(random.next() % UInt64(open.count))])
            } else {
                try eraseContact()
            }
        } catch is DomainError {
            refusals += 1
        }
    }

    private func tenant(of conversation: UUID) -> TenantFixture {
        let id = conversations[conversation]!.tenantId
        return tenants.first { $0.id == id }!
    }

    private func newInbound() throws {
        let fixture = tenants[Int(random.next() % UInt64(tenants.count))]
        phoneCounter += 1
        let phone = "55119\(String(format: "%08d", phoneCounter))"
        let message = inboundMessage(from: phone, name: "Cliente \(phoneCounter)")
        let decision = try InboundRouting.decide(
            message, tenantId: fixture.id, contact: nil, phoneKey: "phone:\(fixture.id):\(phone)",
            openConversation: nil,
            now: now)
        try append(decision.streams, tenant: fixture.id)
    }

    private func inboundMessage(from phone: String, name: String?) -> InboundMessage {
        wamidCounter += 1
        let text = Self.phrases[Int(random.next() % UInt64(Self.phrases.count))]
        let kind = random.next() % 10
        let content: InboundContent
        let type: InboundMessageType
        if kind == 0 {
            type = .image
            content = InboundContent(
                caption: "foto \(wamidCounter)", mediaId: "media-\(wamidCounter)", mimeType: "image/jpeg")
        } else if kind == 1 {
            type = .location
            content = InboundContent(
                location: SharedLocation(latitude: -23.5, longitude: -46.6, name: "Hotel"))
        } else {
            type = .text
            content = InboundContent(text: text + " \\ \t tab")
        }
        return InboundMessage(
            provider: .meta, wamid: "wamid.in.\(wamidCounter)", from: phone, profileName: name, type: type,
            timestamp: now - Int64(random.next() % 3000), content: content)
    }

    private func inbound(on id: UUID) throws {
        let conversation = conversations[id]!
        guard let contact = contacts[conversation.contactId], let phone = contact.phone, !contact.isErased
        else { return }
        let message = inboundMessage(from: phone, name: contact.name)
        let decision = try Conversation.decide(.receive(message), state: conversation, now: now)
        try append(decision, stream: Streams.conversation(id), tenant: conversation.tenantId)
    }

    private func outbound(on id: UUID) throws {
        let conversation = conversations[id]!
        let agent = tenant(of: id).users[Int(random.next() % 3)]
        let messageId = random.uuid()
        let content: OutboundContent =
            random.next() % 5 == 0
            ? .template(
                TemplateContent(
                    name: "reserva_confirmada", languageCode: "pt_BR", parameters: ["João", "15"]))
            : .text(body: Self.phrases[Int(random.next() % UInt64(Self.phrases.count))])
        let decision = try Conversation.decide(
            .queueOutbound(messageId: messageId, content: content, sentById: agent), state: conversation,
            now: now)
        try append(decision, stream: Streams.conversation(id), tenant: conversation.tenantId)
        pending.append(PendingSend(conversation: id, message: messageId, wamid: nil, stage: 0))
    }

    private func progressSend() throws {
        let index = Int(random.next() % UInt64(pending.count))
        var send = pending[index]
        guard let conversation = conversations[send.conversation] else {
            pending.remove(at: index)
            return
        }
        let decision: Decision
        switch send.stage {
        case 0:
            if random.chance(0.05) {
                decision = try Conversation.decide(
                    .recordSendFailure(
                        messageId: send.message,
                        failure: DeliveryFailure(code: 131_026, title: "Message undeliverable")),
                    state: conversation, now: now)
                send.stage = 9
            } else {
                wamidCounter += 1
                let wamid = "wamid.out.\(wamidCounter)"
                send.wamid = wamid
                decision = try Conversation.decide(
                    .recordSent(messageId: send.message, wamid: wamid, pending: nil), state: conversation,
                    now: now)
                send.stage = 1
            }
        default:
            let status: DeliveryStatus = send.stage == 1 ? .delivered : .read
            decision = try Conversation.decide(
                .applyStatus(
                    StatusReport(provider: .meta, wamid: send.wamid!, status: status, timestamp: now)),
                state: conversation, now: now)
            send.stage += 1
        }
        if send.stage >= 3 { pending.remove(at: index) } else { pending[index] = send }
        try append(decision, stream: Streams.conversation(send.conversation), tenant: conversation.tenantId)
    }

    private func manage(_ id: UUID) throws {
        let conversation = conversations[id]!
        let fixture = tenant(of: id)
        let agent = fixture.users[Int(random.next() % 3)]
        let command: ConversationCommand
        switch random.next() % 9 {
        case 0: command = .assign(userId: agent, byUserId: fixture.users[0])
        case 1:
            command = .transfer(
                transferId: random.uuid(), toUserId: agent,
                toDepartmentId: fixture.departments[Int(random.next() % 2)],
                reason: "Cliente pediu especialista", byUserId: fixture.users[0])
        case 2:
            command = .changePriority(
                [.low, .medium, .high, .urgent][Int(random.next() % 4)], byUserId: agent)
        case 3: command = .changeTags(Array(fixture.tags.prefix(Int(random.next() % 3))), byUserId: agent)
        case 4: command = .changeStatus([.inProgress, .waiting][Int(random.next() % 2)], byUserId: agent)
        case 5: command = .close(notes: "resolvido", byUserId: agent)
        case 6: command = .markReadByAgent(userId: agent)
        default:
            if conversation.isClosed {
                command = .reopen(byUserId: agent, openConversationExists: false)
            } else {
                command = .markReadByAgent(userId: agent)
            }
        }
        try append(
            Conversation.decide(command, state: conversation, now: now), stream: Streams.conversation(id),
            tenant: conversation.tenantId)
        if case .close = command, random.chance(0.7), let closed = conversations[id] {
            let score = Int(random.next() % 5) + 1
            try append(
                Conversation.decide(
                    .rate(score: score, comment: score > 3 ? "Ótimo" : nil), state: closed, now: now),
                stream: Streams.conversation(id), tenant: closed.tenantId)
        }
    }

    private func eraseContact() throws {
        let candidates = contacts.values.filter { !$0.isErased }.sorted {
            $0.id.uuidString < $1.id.uuidString
        }
        guard !candidates.isEmpty else { return }
        let contact = candidates[Int(random.next() % UInt64(candidates.count))]
        try store.forget(DataKeyID(DataKeys.contact(contact.id)))
        try append(
            Contact.decide(.erase(byUserId: nil, phoneKey: "phone:\(contact.tenantId)"), state: contact),
            stream: Streams.contact(contact.id), tenant: contact.tenantId)
        erasedContacts.append(contact.id)
    }

    // MARK: appending and folding

    private func append(_ decision: Decision, stream: String, tenant: UUID) throws {
        var streams = [StreamDecision(stream: stream, isNewStream: false, events: decision.events)]
        streams += decision.otherStreams
        try append(streams, tenant: tenant)
    }

    private func append(_ streams: [StreamDecision], tenant: UUID) throws {
        var request = AppendRequest(streams: [])
        for decision in streams where !decision.events.isEmpty {
            var events: [NewEvent] = []
            for decided in decision.events {
                let encoded = try DomainCodec.encode(decided.event)
                events.append(
                    NewEvent(
                        id: decided.id ?? random.uuid(), type: encoded.type, occurredAt: now,
                        payload: encoded.payload,
                        personal: encoded.personal, dataKey: encoded.dataKey.map { DataKeyID($0) }))
            }
            request.streams.append(
                StreamAppend(
                    tenant: tenant, stream: StreamName(decision.stream), expectedVersion: .any, events: events
                ))
        }
        guard !request.streams.isEmpty else { return }
        _ = try store.append(request)
        for decision in streams {
            for decided in decision.events { fold(decided.event, stream: decision.stream) }
        }
    }

    private func fold(_ event: DomainEvent, stream: String) {
        if stream.hasPrefix("conversation-"), let id = UUID(uuidString: String(stream.dropFirst(13))) {
            conversations[id] = Conversation.evolve(conversations[id], event)
        } else if stream.hasPrefix("contact-"), let id = UUID(uuidString: String(stream.dropFirst(8))) {
            contacts[id] = Contact.evolve(contacts[id], event)
        }
    }

    static func decode(_ recorded: RecordedEvent) -> DomainEvent? {
        var personal: [UInt8]?
        if case .clear(let bytes) = recorded.personal { personal = bytes }
        return try? DomainCodec.decode(type: recorded.type, payload: recorded.payload, personal: personal)
    }
}
