import Domain
import Foundation

/// The mutable heart of `LogGenerator` (a class so the nested world state is mutated in
/// place rather than copied).
final class GeneratorEngine {
    let config: GeneratorConfig
    var random: SeededRandom
    /// 2025-11-01T00:00:00Z: generated time starts here and only moves forward.
    var clock: Int64 = 1_761_955_200_000
    var versions: [String: UInt64] = [:]
    var output: [GeneratedAppend] = []
    var outputIndex = 0
    var emittedEvents = 0
    var tenants: [TenantWorld] = []

    init(config: GeneratorConfig) {
        self.config = config
        self.random = SeededRandom(seed: config.seed)
    }

    func next() -> GeneratedAppend? {
        while outputIndex >= output.count {
            output.removeAll(keepingCapacity: true)
            outputIndex = 0
            if emittedEvents >= config.totalEvents { return nil }
            step()
        }
        defer { outputIndex += 1 }
        return output[outputIndex]
    }

    private func step() {
        clock += Int64(1 + random.below(1500))
        if tenants.count < config.tenants {
            setUpTenant(index: tenants.count)
            return
        }
        let tenant = tenants[random.below(tenants.count)]
        if tenant.hasDeferred && (random.chance(45) || tenant.deferred.count - tenant.deferredHead > 64) {
            settleDeferred(tenant)
            return
        }
        switch random.below(100) {
        case 0..<38: receiveInbound(tenant)
        case 38..<62: replyAsAgent(tenant)
        case 62..<68: markRead(tenant)
        case 68..<78: changeConversation(tenant)
        case 78..<84: closeConversation(tenant, onlyOverBudget: false)
        case 84..<89: rateConversation(tenant)
        case 89..<92: reopenConversation(tenant)
        case 92..<98:
            if tenant.provider == .evolution { sendFromPhone(tenant) } else { receiveInbound(tenant) }
        default:
            if tenant.provider == .evolution { changeConnection(tenant) } else { markRead(tenant) }
        }
    }

    // MARK: emitting

    /// Appends `decision` for `stream` (and its other streams), giving ids and times.
    func emit(_ tenant: UUID, stream: String, _ decision: Decision) {
        emit(tenant, stream: stream, events: decision.events, keys: decision.keyChanges)
        for other in decision.otherStreams {
            emit(tenant, stream: other.stream, events: other.events, keys: [])
        }
    }

    func emit(_ tenant: UUID, _ decision: MultiStreamDecision) {
        for part in decision.streams {
            let keys = decision.keyChanges.filter { Self.stream(of: $0) == part.stream }
            emit(tenant, stream: part.stream, events: part.events, keys: keys)
        }
    }

    func emit(_ tenant: UUID, stream: String, events: [DecidedEvent], keys: [DomainKeyChange]) {
        guard !events.isEmpty else { return }
        let version = versions[stream, default: 0]
        var generated: [GeneratedEvent] = []
        generated.reserveCapacity(events.count)
        for decided in events {
            generated.append(
                GeneratedEvent(
                    id: decided.id ?? random.uuidV7(at: clock), occurredAt: clock, event: decided.event))
        }
        versions[stream] = version + UInt64(events.count)
        output.append(
            GeneratedAppend(
                tenantId: tenant, stream: stream, expectedVersion: version, events: generated,
                keyChanges: keys))
        emittedEvents += events.count
    }

    static func stream(of change: DomainKeyChange) -> String {
        switch change {
        case .reserve(_, let stream), .release(_, let stream): stream
        }
    }

    // MARK: set-up

    private func setUpTenant(index: Int) {
        let tenantId = random.uuidV7(at: clock)
        let world = TenantWorld(id: tenantId, index: index, contacts: config.contactsPerTenant)
        let tenantStream = Streams.tenant(tenantId)
        var tenantState: Tenant?
        if let registered = try? Tenant.decide(
            .register(tenantId: tenantId, name: "Hotel \(index)", slug: "hotel-\(index)"), state: nil)
        {
            emit(tenantId, stream: tenantStream, registered)
            tenantState = registered.domainEvents.reduce(nil, Tenant.evolve)
        }
        let settings =
            world.provider == .meta
            ? ChannelSettings(
                provider: .meta, phoneNumberId: "10\(index)", displayPhoneNumber: "+55 11 4000-\(index)",
                apiBaseUrl: "https://graph.facebook.com", apiVersion: "v21.0",
                sealedSecrets: "c2VhbGVkLXNlY3JldHM=")
            : ChannelSettings(
                provider: .evolution, instanceName: "hotel_\(index)",
                apiBaseUrl: "https://evolution.example.com",
                sealedSecrets: "c2VhbGVkLXNlY3JldHM=")
        if let configured = try? Tenant.decide(.configureChannel(settings), state: tenantState) {
            emit(tenantId, stream: tenantStream, configured)
        }
        let departmentNames = [("Vendas", "#10B981"), ("Suporte", "#3B82F6"), ("Financeiro", "#F59E0B")]
        for (name, color) in departmentNames {
            let departmentId = random.uuidV7(at: clock)
            let settings = DepartmentSettings(
                name: name, color: color, maxConcurrentPerAgent: 3 + random.below(5),
                expectedResponseMinutes: 5 + random.below(30))
            if let created = try? Department.decide(
                .create(departmentId: departmentId, tenantId: tenantId, settings: settings), state: nil)
            {
                emit(tenantId, stream: Streams.department(departmentId), created)
                world.departments.append(departmentId)
            }
        }
        for (name, color) in [
            ("Reserva", "#4CAF50"), ("Cancelamento", "#F44336"), ("VIP", "#9C27B0"), ("Dúvida", "#2196F3"),
        ] {
            let tagId = random.uuidV7(at: clock)
            if let created = try? Tag.decide(
                .create(tagId: tagId, tenantId: tenantId, name: name, color: color), state: nil)
            {
                emit(tenantId, stream: Streams.tag(tagId), created)
                world.tags.append(tagId)
            }
        }
        for agentIndex in 0...config.agentsPerTenant {
            let userId = random.uuidV7(at: clock)
            let role: UserRole = agentIndex == 0 ? .admin : agentIndex == 1 ? .supervisor : .agent
            let command = UserCommand.create(
                userId: userId, tenantId: tenantId,
                name: SampleContent.names[agentIndex % SampleContent.names.count],
                email: "user\(agentIndex)@hotel-\(index).example.com",
                passwordHash: "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA", role: role,
                departmentId: world.departments.isEmpty
                    ? nil : world.departments[agentIndex % world.departments.count])
            if let created = try? User.decide(command, state: nil) {
                emit(tenantId, stream: Streams.user(userId), created)
                if role != .admin { world.agents.append(userId) }
            }
        }
        tenants.append(world)
    }
}
