import Domain
import EventStore
import Foundation

/// Decides everything one webhook body carries for one tenant, item by item, against state
/// that includes the earlier items of the same body (a new contact's second message finds
/// the contact the first one registered), so the whole body becomes ONE atomic append.
struct WebhookBatch {
    let pipeline: CommandPipeline
    let tenant: UUID
    let phoneKey: [UInt8]
    let now: Int64
    private(set) var streams: [String: WorkingStream] = [:]
    private(set) var order: [String] = []
    private(set) var keyChanges: [DomainKeyChange] = []
    private var reserved: [String: String] = [:]
    private var released: Set<String> = []
    /// Contacts the body concerns (for sealing the raw body and erasure).
    private(set) var contactIds: [UUID] = []

    init(pipeline: CommandPipeline, tenant: UUID, phoneKey: [UInt8], now: Int64) {
        self.pipeline = pipeline
        self.tenant = tenant
        self.phoneKey = phoneKey
        self.now = now
    }

    /// Decides one translated item; items the Domain refuses for this state are skipped
    /// (a status for a message of another tenant, a message on a vanished conversation).
    mutating func add(_ item: WebhookItem) throws {
        switch item {
        case .message(let message):
            if try lookup(UniqueKeys.wamid(message.wamid)) != nil { return }
            let route = try routeContact(phone: message.from)
            let decision = try InboundRouting.decide(
                message, tenantId: tenant, contact: route.contact, phoneKey: route.phoneKey,
                openConversation: route.conversation, now: now)
            try record(decision)
        case .phoneOutbound(let message):
            if try lookup(UniqueKeys.wamid(message.wamid)) != nil { return }
            let route = try routeContact(phone: message.to)
            let decision = try InboundRouting.decide(
                message, tenantId: tenant, contact: route.contact, phoneKey: route.phoneKey,
                openConversation: route.conversation, now: now)
            try record(decision)
        case .status(let report):
            try applyStatus(report)
        case .connection(let state, let eventId):
            let name = Streams.tenant(tenant)
            let current = try load(name)
            let decision = try Tenant.decide(
                .changeConnectionState(state, at: now), state: Tenant.fold(current))
            try append(decision.events.map { DecidedEvent($0.event, id: eventId) }, to: name)
        }
    }

    private mutating func applyStatus(_ report: StatusReport) throws {
        if let stream = try lookup(UniqueKeys.wamid(report.wamid)) {
            try applyStatus(report, toConversationStream: stream)
            return
        }
        let wamidStream = Streams.wamid(report.wamid)
        switch WamidStatuses.decide(report, state: WamidStatuses.fold(try load(wamidStream))) {
        case .recordPending(let decision):
            try append(decision.events, to: wamidStream)
        case .applyTo(let conversationId):
            try applyStatus(report, toConversationStream: Streams.conversation(conversationId))
        case .nothing:
            break
        }
    }

    private mutating func applyStatus(_ report: StatusReport, toConversationStream stream: String) throws {
        guard let conversation = Conversation.fold(try load(stream)), conversation.tenantId == tenant,
            conversation.message(wamid: report.wamid) != nil
        else { return }
        let decision = try Conversation.decide(.applyStatus(report), state: conversation, now: now)
        try append(decision.events, to: stream)
    }

    private mutating func routeContact(phone: String) throws -> (
        contact: Contact?, conversation: Conversation?, phoneKey: String
    ) {
        let phoneKey = UniqueKeys.phone(tenantId: tenant, phone: phone, hmacKey: self.phoneKey)
        var contact: Contact?
        var conversation: Conversation?
        if let contactStream = try lookup(phoneKey) {
            contact = Contact.fold(try load(contactStream))
            if let found = contact, let conversationStream = try lookup(UniqueKeys.openConversation(found.id))
            {
                conversation = Conversation.fold(try load(conversationStream))
            }
        }
        return (contact, conversation, phoneKey)
    }

    private mutating func record(_ decision: MultiStreamDecision) throws {
        if !contactIds.contains(decision.contactId) { contactIds.append(decision.contactId) }
        for stream in decision.streams { try append(stream.events, to: stream.stream) }
        keyChanges += decision.keyChanges
        for change in decision.keyChanges {
            switch change {
            case .reserve(let key, let stream):
                reserved[key] = stream
                released.remove(key)
            case .release(let key, _):
                reserved[key] = nil
                released.insert(key)
            }
        }
    }

    private mutating func append(_ events: [DecidedEvent], to name: String) throws {
        guard !events.isEmpty else { return }
        _ = try load(name)
        guard var stream = streams[name] else { return }
        for decided in events {
            stream.events.append(decided.event)
            stream.added.append((decided.event, decided.id))
        }
        streams[name] = stream
    }

    /// The stream holding `key`, this batch's own reservations first.
    private func lookup(_ key: String) throws -> String? {
        if released.contains(key) { return nil }
        if let stream = reserved[key] { return stream }
        return try pipeline.lookup(key)
    }

    /// The events of `name` (read once, then the batch's view of it).
    private mutating func load(_ name: String) throws -> [DomainEvent] {
        if let stream = streams[name] { return stream.events }
        let loaded = try pipeline.load(name)
        streams[name] = WorkingStream(tenant: tenant, loadedVersion: loaded.version, events: loaded.events)
        order.append(name)
        return loaded.events
    }

    /// The streams with new events, in the order they were first touched.
    var plannedStreams: [PlannedStream] {
        order.compactMap { name in
            guard let stream = streams[name], !stream.added.isEmpty else { return nil }
            return PlannedStream(
                tenant: stream.tenant, stream: name, expectedVersion: stream.expectedVersion,
                events: stream.added)
        }
    }
}
