import Domain
import EventStore
import Foundation

/// Delivers queued outbound messages: tails the log for `OutboundMessageQueued` (written by
/// agents), calls the tenant's provider, and appends `OutboundMessageSent` (with the wamid)
/// or `MessageFailed`. Retryable failures (80007, 5xx, network) are retried with
/// exponential backoff; the last attempt's failure keeps the WhatsApp code.
///
/// The checkpoint file holds the position before the oldest unresolved message, so a restart
/// scans from there and resumes every message still queued.
// @unchecked Sendable: `running`/`thread` are guarded by `condition`; the jobs table and scan
// position belong to the dispatcher thread alone.
public final class OutboundDispatcher: @unchecked Sendable {
    private let services: AppServices
    private let checkpointPath: String
    private let client: ProviderClient
    private let maxAttempts: Int
    private let baseBackoffMs: Int64
    private let condition = NSCondition()
    private var running = false
    private var finished = true
    private var jobs: [UUID: OutboundJob] = [:]
    private var scanned: UInt64 = 0
    private var savedCheckpoint: UInt64?

    public init(
        services: AppServices, checkpointPath: String, providerTimeout: Double = 10, maxAttempts: Int = 6,
        baseBackoffMs: Int64 = 200
    ) {
        self.services = services
        self.checkpointPath = checkpointPath
        client = ProviderClient(timeout: providerTimeout)
        self.maxAttempts = maxAttempts
        self.baseBackoffMs = baseBackoffMs
    }

    /// Starts the dispatcher thread from the saved checkpoint.
    public func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !running else { return }
        running = true
        finished = false
        scanned = loadCheckpoint()
        let thread = Thread { [self] in loop() }
        thread.name = "dispatcher"
        thread.start()
    }

    /// Stops after the provider call in flight, if any.
    public func stop() {
        condition.lock()
        running = false
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private var isRunning: Bool {
        condition.lock()
        defer { condition.unlock() }
        return running
    }

    private func loop() {
        let queueDepth = services.metrics.gauge(
            "dispatcher_queue_depth", help: "Outbound messages awaiting delivery")
        while isRunning {
            do {
                let scannedSome = try scan()
                let now = Timestamp.nowMilliseconds()
                let due = jobs.values.filter { $0.notBefore <= now }.sorted { $0.position < $1.position }
                for job in due where isRunning { attempt(job) }
                queueDepth.set(Double(jobs.count))
                saveCheckpoint()
                if !scannedSome && due.isEmpty {
                    let nextDue =
                        jobs.values.map(\.notBefore).min().map { Double(max(1, $0 - now)) / 1000 } ?? 0.25
                    _ = services.store.waitForHead(above: scanned, timeout: min(0.25, nextDue))
                }
            } catch {
                services.logger.error("dispatcher failed", ["error": .string(String(describing: error))])
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Reads new events: queued agent messages become jobs, sent/failed ones resolve them.
    private func scan() throws -> Bool {
        let records = try services.store.read(from: scanned + 1, limit: 2000)
        for record in records {
            switch record.type {
            case OutboundMessageQueued.type:
                guard case .outboundMessageQueued(let queued) = try decode(record), queued.origin == .agent
                else {
                    continue
                }
                jobs[queued.messageId] = OutboundJob(
                    position: record.position, tenant: record.tenant, queued: queued)
            case OutboundMessageSent.type:
                if case .outboundMessageSent(let sent) = try decode(record) { jobs[sent.messageId] = nil }
            case MessageFailed.type:
                if case .messageFailed(let failed) = try decode(record) { jobs[failed.messageId] = nil }
            default:
                continue
            }
        }
        if let last = records.last { scanned = last.position }
        return !records.isEmpty
    }

    private func decode(_ record: RecordedEvent) throws -> DomainEvent {
        let personal: [UInt8]?
        if case .clear(let bytes) = record.personal { personal = bytes } else { personal = nil }
        return try DomainCodec.decode(type: record.type, payload: record.payload, personal: personal)
    }

    private func attempt(_ job: OutboundJob) {
        var job = job
        job.attempts += 1
        let outcome = deliver(job)
        let metrics = services.metrics
        switch outcome {
        case .sent(let wamid):
            metrics.counter("dispatcher_sends_total", help: "Provider calls", labels: ["result": "sent"])
                .increment()
            record(job) { conversation, stream, builder, now in
                let pending = try builder.state(of: Streams.wamid(wamid), WamidStatuses.evolve)
                let decision = try Conversation.decide(
                    .recordSent(messageId: job.queued.messageId, wamid: wamid, pending: pending),
                    state: conversation,
                    now: now)
                try builder.add(decision, on: stream)
            }
        case .failed(let failure) where failure.retryable && job.attempts < maxAttempts:
            metrics.counter("dispatcher_sends_total", help: "Provider calls", labels: ["result": "retry"])
                .increment()
            job.notBefore = Timestamp.nowMilliseconds() + baseBackoffMs << Int64(min(job.attempts - 1, 8))
            jobs[job.queued.messageId] = job
        case .failed(let failure):
            metrics.counter("dispatcher_sends_total", help: "Provider calls", labels: ["result": "failed"])
                .increment()
            record(job) { conversation, stream, builder, now in
                let decision = try Conversation.decide(
                    .recordSendFailure(messageId: job.queued.messageId, failure: failure),
                    state: conversation, now: now)
                try builder.add(decision, on: stream)
            }
        }
    }

    /// Calls the provider for a job; a channel or contact that cannot be reached is a final failure.
    private func deliver(_ job: OutboundJob) -> ProviderOutcome {
        do {
            let pipeline = services.pipeline
            guard let content = job.queued.personal else {
                return .failed(DeliveryFailure(code: 0, title: "Message content was erased"))
            }
            guard let channel = try pipeline.load(Streams.tenant(job.tenant)).fold(Tenant.evolve)?.channel
            else {
                return .failed(DeliveryFailure(code: 0, title: "No WhatsApp channel configured"))
            }
            guard let contact = try pipeline.load(Streams.contact(job.queued.contactId)).fold(Contact.evolve),
                let phone = contact.phone, !contact.isErased
            else { return .failed(DeliveryFailure(code: 0, title: "Contact has no phone number")) }
            let secrets = try ChannelSecrets.open(channel, with: services.secretBox)
            guard
                let request = ProviderRequest.make(
                    channel: channel, secrets: secrets, to: phone, content: content)
            else {
                return .failed(DeliveryFailure(code: 0, title: "Channel is missing provider credentials"))
            }
            return client.send(request)
        } catch {
            return .failed(
                DeliveryFailure(
                    code: 0, title: "Dispatch error", details: String(describing: error), retryable: true))
        }
    }

    /// Appends the outcome on the message's conversation; the job is done either way (a
    /// domain refusal means the message was resolved meanwhile).
    private func record(
        _ job: OutboundJob, _ decide: (Conversation, String, PlanBuilder, Int64) throws -> Void
    ) {
        jobs[job.queued.messageId] = nil
        let stream = Streams.conversation(job.queued.conversationId)
        do {
            _ = try services.pipeline.execute(
                CommandContext(actor: "dispatcher", correlationId: job.queued.messageId)
            ) {
                let builder = PlanBuilder(pipeline: services.pipeline, tenant: job.tenant)
                guard let conversation = try builder.state(of: stream, Conversation.evolve) else {
                    return CommandPlan()
                }
                try decide(conversation, stream, builder, Timestamp.nowMilliseconds())
                return builder.plan
            }
        } catch {
            services.logger.warning(
                "dispatch outcome not recorded",
                [
                    "messageId": .string(job.queued.messageId.lowercasedString),
                    "error": .string(String(describing: error)),
                ])
        }
    }

    private func loadCheckpoint() -> UInt64 {
        (try? String(contentsOfFile: checkpointPath, encoding: .utf8)).flatMap {
            UInt64($0.trimmingCharacters(in: .whitespacesAndNewlines))
        } ?? 0
    }

    /// Saves the position before the oldest unresolved job (written atomically via rename).
    private func saveCheckpoint() {
        let safe = jobs.values.map { $0.position - 1 }.min() ?? scanned
        guard safe != savedCheckpoint else { return }
        do {
            try (String(safe) + "\n").write(toFile: checkpointPath, atomically: true, encoding: .utf8)
            savedCheckpoint = safe
        } catch {
            services.logger.warning("dispatcher checkpoint not saved", ["path": .string(checkpointPath)])
        }
    }
}
