import Domain
import EventStore
import Foundation

/// Sends queued outbound messages to the tenants' providers and records the outcome in the log.
///
/// The work list is derived from the log itself: at start every `OutboundMessageQueued`
/// (written by an agent) without a later `OutboundMessageSent` or `MessageFailed` is pending,
/// and a tail of the log adds new ones, so a restart resumes without losing a message.
/// Before each attempt the conversation is folded again, so a message already recorded as
/// sent is never sent twice; the message id goes to the provider as `Idempotency-Key` for the
/// window between the provider's answer and the append.
// @unchecked Sendable: `jobs`, `inFlight`, `position`, `running` and `alive` are guarded by `condition`.
public final class OutboundDispatcher: @unchecked Sendable {
    private let store: EventStore
    private let pipeline: CommandPipeline
    private let channels: ChannelDirectory
    private let client: ProviderClient
    private let configuration: DispatcherConfiguration
    private let metrics: MetricsRegistry
    private let logger: Logger
    private let condition = NSCondition()
    private var jobs: [UUID: DispatchJob] = [:]
    private var inFlight: Set<UUID> = []
    private var position: UInt64 = 0
    private var running = false
    private var alive = 0

    public init(
        store: EventStore, pipeline: CommandPipeline, channels: ChannelDirectory,
        configuration: DispatcherConfiguration = DispatcherConfiguration(), metrics: MetricsRegistry,
        logger: Logger
    ) {
        self.store = store
        self.pipeline = pipeline
        self.channels = channels
        self.configuration = configuration
        self.client = ProviderClient(timeoutSeconds: configuration.requestTimeout)
        self.metrics = metrics
        self.logger = logger
    }

    /// Starts the log tail and the workers (no-op when running).
    public func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !running else { return }
        running = true
        alive = configuration.workers + 1
        spawn("dispatcher-tail") { [self] in tail() }
        for index in 0..<configuration.workers {
            spawn("dispatcher-\(index)") { [self] in work() }
        }
    }

    /// Stops and waits for the threads; a send in flight finishes (and is recorded) first.
    public func stop() {
        condition.lock()
        running = false
        condition.broadcast()
        while alive > 0 { condition.wait() }
        condition.unlock()
    }

    /// Messages waiting or being sent.
    public var pendingCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return jobs.count + inFlight.count
    }

    private func spawn(_ name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            body()
            condition.lock()
            alive -= 1
            condition.broadcast()
            condition.unlock()
        }
        thread.name = name
        thread.start()
    }

    private var isRunning: Bool {
        condition.lock()
        defer { condition.unlock() }
        return running
    }

    // MARK: the log tail

    private func tail() {
        var failures = 0
        while isRunning {
            do {
                let records = try store.read(from: position + 1, limit: 4096)
                guard let last = records.last else {
                    _ = store.waitForHead(above: position, timeout: 0.5)
                    continue
                }
                var found: [DispatchJob] = []
                var finished: [UUID] = []
                for record in records {
                    switch record.type {
                    case OutboundMessageQueued.type:
                        if case .outboundMessageQueued(let queued) = try decode(record),
                            queued.origin == .agent
                        {
                            found.append(
                                DispatchJob(
                                    tenant: record.tenant, conversationId: queued.conversationId,
                                    messageId: queued.messageId))
                        }
                    case OutboundMessageSent.type:
                        if case .outboundMessageSent(let sent) = try decode(record) {
                            finished.append(sent.messageId)
                        }
                    case MessageFailed.type:
                        if case .messageFailed(let failed) = try decode(record) {
                            finished.append(failed.messageId)
                        }
                    default:
                        break
                    }
                }
                condition.lock()
                for job in found where !inFlight.contains(job.messageId) { jobs[job.messageId] = job }
                for id in finished { jobs[id] = nil }
                position = last.position
                publishDepth()
                condition.broadcast()
                condition.unlock()
                failures = 0
            } catch {
                failures += 1
                logger.error("dispatcher cannot read the log", ["error": .string(String(describing: error))])
                Thread.sleep(forTimeInterval: min(5, 0.1 * Double(1 << min(failures, 6))))
            }
        }
    }

    private func decode(_ record: RecordedEvent) throws -> DomainEvent {
        try DomainCodec.decode(type: record.type, payload: record.payload, personal: nil)
    }

    // MARK: the workers

    private func work() {
        while let job = nextJob() {
            let retry = attempt(job)
            condition.lock()
            inFlight.remove(job.messageId)
            if let retry { jobs[retry.messageId] = retry }
            publishDepth()
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Blocks until a job is due (nil when stopping) and marks it in flight.
    private func nextJob() -> DispatchJob? {
        condition.lock()
        defer { condition.unlock() }
        while running {
            let now = ProcessInfo.processInfo.systemUptime
            if let due = jobs.values.filter({ $0.dueAt <= now }).min(by: { $0.dueAt < $1.dueAt }) {
                jobs[due.messageId] = nil
                inFlight.insert(due.messageId)
                return due
            }
            let next = jobs.values.map(\.dueAt).min().map { $0 - now } ?? 1
            _ = condition.wait(until: Date(timeIntervalSinceNow: max(0.005, min(next, 1))))
        }
        return nil
    }

    private func publishDepth() {
        metrics.gauge("dispatcher_queue", help: "Outbound messages waiting or being sent")
            .set(Double(jobs.count + inFlight.count))
    }

    /// One send attempt; returns the job to retry later, if any.
    private func attempt(_ job: DispatchJob) -> DispatchJob? {
        var job = job
        job.attempts += 1
        do {
            guard let send = try prepare(job) else { return nil }
            let outcome = SendOutcome.from(client.send(send.request), provider: send.provider)
            switch outcome {
            case .accepted(let wamid):
                try recordSent(job, wamid: wamid)
                count("sent")
            case .retry(let failure):
                if job.attempts < configuration.maxAttempts {
                    count("retry")
                    job.dueAt =
                        ProcessInfo.processInfo.systemUptime + configuration.delay(afterAttempt: job.attempts)
                    return job
                }
                try recordFailure(job, failure)
                count("failed")
            case .failed(let failure):
                try recordFailure(job, failure)
                count("failed")
            }
        } catch {
            logger.error(
                "dispatcher attempt failed",
                [
                    "messageId": .string(job.messageId.lowercasedString),
                    "error": .string(String(describing: error)),
                ])
            job.dueAt = ProcessInfo.processInfo.systemUptime + configuration.delay(afterAttempt: job.attempts)
            return job
        }
        return nil
    }

    private func count(_ outcome: String) {
        metrics.counter(
            "dispatcher_sends_total", help: "Provider send attempts by outcome", labels: ["outcome": outcome]
        )
        .increment()
    }

    /// The provider call for `job`, or nil when the message no longer waits for one (already
    /// sent or failed). A message that cannot be sent at all is recorded as failed here.
    private func prepare(_ job: DispatchJob) throws -> (request: ProviderRequest, provider: ChannelProvider)?
    {
        let loaded = try pipeline.load(Streams.conversation(job.conversationId))
        guard let conversation = Conversation.fold(loaded.events),
            let message = conversation.messages[job.messageId],
            message.status == .queued, message.wamid == nil
        else { return nil }
        let content = loaded.events.lazy.compactMap { event -> OutboundContent? in
            guard case .outboundMessageQueued(let queued) = event, queued.messageId == job.messageId else {
                return nil
            }
            return queued.personal
        }.first
        guard let content else {
            try recordFailure(job, DeliveryFailure(code: 0, title: "Message content erased"))
            return nil
        }
        let contact = Contact.fold(try pipeline.load(Streams.contact(conversation.contactId)).events)
        guard let phone = contact?.phone, !phone.isEmpty else {
            try recordFailure(job, DeliveryFailure(code: 0, title: "Contact phone number unavailable"))
            return nil
        }
        var channel = channels.channel(tenant: job.tenant)
        if channel == nil {
            try channels.refresh()
            channel = channels.channel(tenant: job.tenant)
        }
        guard let channel else {
            try recordFailure(job, DeliveryFailure(code: 0, title: "No WhatsApp channel configured"))
            return nil
        }
        do {
            let request = try ProviderMessageBuilder.request(
                channel: channel, to: phone, content: content, messageId: job.messageId)
            return (request, channel.provider)
        } catch ProviderSetupError.incompleteChannel {
            try recordFailure(job, DeliveryFailure(code: 0, title: "Channel credentials unavailable"))
            return nil
        }
    }

    private func context(_ job: DispatchJob) -> CommandContext {
        CommandContext(actor: "dispatcher", correlationId: job.messageId)
    }

    /// Appends `OutboundMessageSent` (and the statuses that arrived before it) with the
    /// `WamidLinked` marker, in one append.
    private func recordSent(_ job: DispatchJob, wamid: String) throws {
        let context = context(job)
        _ = try pipeline.execute(context) {
            let loaded = try pipeline.state(Streams.conversation(job.conversationId), as: Conversation.self)
            let wamidStream = try pipeline.state(Streams.wamid(wamid), as: WamidStatuses.self)
            let decision = try Conversation.decide(
                .recordSent(messageId: job.messageId, wamid: wamid, pending: wamidStream.state),
                state: loaded.state, now: context.now)
            var streams = [
                PlannedStream(
                    tenant: job.tenant, stream: loaded.name, expectedVersion: loaded.expectedVersion,
                    events: decision.events.map { ($0.event, $0.id) })
            ]
            for other in decision.otherStreams {
                streams.append(
                    PlannedStream(
                        tenant: job.tenant, stream: other.stream,
                        expectedVersion: other.stream == wamidStream.name
                            ? wamidStream.expectedVersion : .any,
                        events: other.events.map { ($0.event, $0.id) }))
            }
            return CommandPlan(streams: streams, keyChanges: decision.keyChanges)
        }
    }

    private func recordFailure(_ job: DispatchJob, _ failure: DeliveryFailure) throws {
        let context = context(job)
        _ = try pipeline.execute(context) {
            let loaded = try pipeline.state(Streams.conversation(job.conversationId), as: Conversation.self)
            let decision = try Conversation.decide(
                .recordSendFailure(messageId: job.messageId, failure: failure),
                state: loaded.state,
                now: context.now)
            return try CommandPlan(
                decision: decision, tenant: job.tenant, loaded: loaded, store: store)
        }
        logger.warning(
            "outbound message failed",
            ["messageId": .string(job.messageId.lowercasedString), "code": .number(Double(failure.code))])
    }
}
