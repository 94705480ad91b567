import Domain
import EventStore
import Foundation

/// Decides everything one webhook body carries for one tenant, item by item, against state
/// that includes the earlier items of the same body (a new contact's second message finds
/// the contact the first one registered), so the whole body becomes ONE atomic append.
///
/// Each stream is loaded once per body, as folded state (cached by the pipeline), and every
/// decided event is folded into it in place: a body of N items costs O(N), whatever the
/// history of the conversations it touches.
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
            try record(try decide(message))
        case .phoneOutbound(let message):
            if try lookup(UniqueKeys.wamid(message.wamid)) != nil { return }
            try record(try decide(message))
        case .status(let report):
            try applyStatus(report)
        case .connection(let state, let eventId):
            let name = Streams.tenant(tenant)
            let decision = try Tenant.decide(
                .changeConnectionState(state, at: now), state: try self.state(name, as: Tenant.self))
            try append(decision.events.map { DecidedEvent($0.event, id: eventId) }, to: name)
        }
    }

    // The routed states live only inside these two functions, so the batch's own copies are
    // the only references left when the decision's events are folded into them (no copy of a
    // long conversation's message table per item).
    private mutating func decide(_ message: InboundMessage) throws -> MultiStreamDecision {
        let route = try routeContact(phone: message.from)
        return try InboundRouting.decide(
            message, tenantId: tenant, contact: route.contact, phoneKey: route.phoneKey,
            openConversation: route.conversation, now: now)
    }

    private mutating func decide(_ message: PhoneOutboundMessage) throws -> MultiStreamDecision {
        let route = try routeContact(phone: message.to)
        return try InboundRouting.decide(
            message, tenantId: tenant, contact: route.contact, phoneKey: route.phoneKey,
            openConversation: route.conversation, now: now)
    }

    private mutating func applyStatus(_ report: StatusReport) throws {
        if let stream = try lookup(UniqueKeys.wamid(report.wamid)) {
            try applyStatus(report, toConversationStream: stream)
            return
        }
        let wamidStream = Streams.wamid(report.wamid)
        switch WamidStatuses.decide(report, state: try state(wamidStream, as: WamidStatuses.self)) {
        case .recordPending(let decision):
            try append(decision.events, to: wamidStream)
        case .applyTo(let conversationId):
            try applyStatus(report, toConversationStream: Streams.conversation(conversationId))
        case .nothing:
            break
        }
    }

    private mutating func applyStatus(_ report: StatusReport, toConversationStream stream: String) throws {
        let decision: Decision
        do {
            guard let conversation = try state(stream, as: Conversation.self),
                conversation.tenantId == tenant,
                conversation.message(wamid: report.wamid) != nil
            else { return }
            decision = try Conversation.decide(.applyStatus(report), state: conversation, now: now)
        }
        try append(decision.events, to: stream)
    }

    private mutating func routeContact(phone: String) throws -> (
        contact: Contact?, conversation: Conversation?, phoneKey: String
    ) {
        let phoneKey = UniqueKeys.phone(tenantId: tenant, phone: phone, hmacKey: self.phoneKey)
        var contact: Contact?
        var conversation: Conversation?
        if let contactStream = try lookup(phoneKey) {
            contact = try state(contactStream, as: Contact.self)
            if let found = contact, let conversationStream = try lookup(UniqueKeys.openConversation(found.id))
            {
                conversation = try state(conversationStream, as: Conversation.self)
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
        if streams[name] == nil {
            streams[name] = WorkingStream(tenant: tenant, loadedVersion: try pipeline.version(name))
            order.append(name)
        }
        for decided in events {
            streams[name]!.fold?.apply(decided.event)
            streams[name]!.added.append((decided.event, decided.id))
        }
    }

    /// The stream holding `key`, this batch's own reservations first.
    private func lookup(_ key: String) throws -> String? {
        if released.contains(key) { return nil }
        if let stream = reserved[key] { return stream }
        return try pipeline.lookup(key)
    }

    /// `name` folded as `State`: taken once from the pipeline (so the batch folds its own
    /// events into the only copy), then the batch's view of it.
    private mutating func state<State: Aggregate>(_ name: String, as type: State.Type) throws -> State? {
        if let folded = streams[name]?.fold as? Folded<State> { return folded.state }
        let taken = try pipeline.take(name, as: Folded<State>.self)
        if streams[name] == nil {
            streams[name] = WorkingStream(tenant: tenant, loadedVersion: taken.version)
            order.append(name)
        }
        var folded = taken.value
        for item in streams[name]!.added { folded.apply(item.event) }
        let state = folded.state
        streams[name]!.fold = folded
        streams[name]!.dataKeys = taken.dataKeys
        streams[name]!.generation = taken.generation
        return state
    }

    /// Hands the batch's folded states back to the pipeline's cache once its append is durable:
    /// a stream the batch appended to is cached at its new version only when exactly the
    /// batch's events were appended; `newDataKeys` are the keys the new events are sealed under.
    consuming func cacheFolds(after result: AppendResult, newDataKeys: [String: Set<String>]) {
        for name in order {
            guard let stream = streams.removeValue(forKey: name), let fold = stream.fold else { continue }
            var version = stream.loadedVersion
            if !stream.added.isEmpty {
                guard result.streamVersions[StreamName(name)] == version + UInt64(stream.added.count) else {
                    continue
                }
                version += UInt64(stream.added.count)
            }
            pipeline.putBack(
                name, value: fold, version: version,
                dataKeys: stream.dataKeys.union(newDataKeys[name] ?? []), generation: stream.generation)
        }
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
