import Domain
import EventStore
import Foundation
import Testing

@testable import API

@Suite struct CommandPipelineTests {
    func registration(_ tenant: UUID, slug: String) -> CommandPlan {
        CommandPlan(
            streams: [
                PlannedStream(
                    tenant: tenant, stream: Streams.tenant(tenant), expectedVersion: .noStream,
                    events: [
                        (
                            .tenantRegistered(TenantRegistered(tenantId: tenant, name: "Hotel", slug: slug)),
                            nil
                        )
                    ])
            ],
            keyChanges: [.reserve(key: UniqueKeys.slug(slug), stream: Streams.tenant(tenant))])
    }

    @Test func appendedEventsLoadBackWithTheirVersion() throws {
        let (store, path) = try TemporaryStore.open()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pipeline = CommandPipeline(store: store, projection: nil)
        let tenant = UUID()
        let outcome = try pipeline.execute(CommandContext(actor: "test", correlationId: nil)) {
            registration(tenant, slug: "hotel-abc")
        }
        #expect(outcome.head == 1)
        #expect(outcome.positions == [1])
        let loaded = try pipeline.load(Streams.tenant(tenant))
        #expect(loaded.version == 1)
        #expect(
            loaded.events == [
                .tenantRegistered(TenantRegistered(tenantId: tenant, name: "Hotel", slug: "hotel-abc"))
            ])
        #expect(try pipeline.lookup(UniqueKeys.slug("hotel-abc")) == Streams.tenant(tenant))
        let recorded = try store.readStream(StreamName(Streams.tenant(tenant)))
        #expect(recorded[0].metadata.actor == "test")
        #expect(recorded[0].id.uuid.6 >> 4 == 7)
    }

    @Test func takenUniqueKeyIsA409NamingTheField() throws {
        let (store, path) = try TemporaryStore.open()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pipeline = CommandPipeline(store: store, projection: nil)
        _ = try pipeline.execute(CommandContext(actor: nil, correlationId: nil)) {
            registration(UUID(), slug: "taken")
        }
        do {
            _ = try pipeline.execute(CommandContext(actor: nil, correlationId: nil)) {
                registration(UUID(), slug: "taken")
            }
            Issue.record("a second tenant with the same slug must be refused")
        } catch let error as any HTTPResponseError {
            #expect(error.apiError.status == 409)
            #expect(error.apiError.code == "ERR_TENANT_SLUG_TAKEN")
            #expect(error.apiError.details["field"] == "tenantSlug")
        }
        #expect(try store.head() == 1)
    }

    @Test func concurrentChangeMakesTheCommandRunAgainOnFreshState() throws {
        let (store, path) = try TemporaryStore.open()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pipeline = CommandPipeline(store: store, projection: nil)
        let tenant = UUID()
        _ = try pipeline.execute(CommandContext(actor: nil, correlationId: nil)) {
            registration(tenant, slug: "s")
        }
        var attempts = 0
        var versionsSeen: [UInt64] = []
        let outcome = try pipeline.execute(CommandContext(actor: nil, correlationId: nil)) {
            attempts += 1
            let loaded = try pipeline.load(Streams.tenant(tenant))
            versionsSeen.append(loaded.version)
            if attempts == 1 {
                // Another writer gets in between this load and this append.
                let sneaky = try DomainCodec.encode(
                    .channelStatusChanged(ChannelStatusChanged(tenantId: tenant, state: .open, at: 1)))
                _ = try store.append(
                    AppendRequest(streams: [
                        StreamAppend(
                            tenant: tenant, stream: StreamName(Streams.tenant(tenant)), expectedVersion: .any,
                            events: [
                                NewEvent(
                                    id: UUID(), type: sneaky.type, occurredAt: 1, payload: sneaky.payload)
                            ])
                    ]))
            }
            return CommandPlan(streams: [
                PlannedStream(
                    tenant: tenant, stream: Streams.tenant(tenant), expectedVersion: loaded.expectedVersion,
                    events: [
                        (
                            .channelStatusChanged(
                                ChannelStatusChanged(tenantId: tenant, state: .close, at: 2)), nil
                        )
                    ])
            ])
        }
        #expect(attempts == 2)
        #expect(versionsSeen == [1, 2])
        #expect(outcome.head == 3)
        #expect(try pipeline.load(Streams.tenant(tenant)).version == 3)
    }

    @Test func emptyPlanAppendsNothing() throws {
        let (store, path) = try TemporaryStore.open()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pipeline = CommandPipeline(store: store, projection: nil)
        let outcome = try pipeline.execute(CommandContext(actor: nil, correlationId: nil)) { CommandPlan() }
        #expect(outcome.duplicate)
        #expect(try store.head() == 0)
    }
}

@Suite struct InboundRaceTests {
    func message(_ wamid: String) -> InboundMessage {
        InboundMessage(
            provider: .meta, wamid: wamid, from: "5511999999999", profileName: "João", type: .text,
            timestamp: 1_762_943_400_000, content: InboundContent(text: wamid))
    }

    func plan(_ pipeline: CommandPipeline, tenant: UUID, _ message: InboundMessage) throws -> CommandPlan {
        let builder = PlanBuilder(pipeline: pipeline, tenant: tenant)
        try InboundIngest(builder: builder, tenantId: tenant, phoneIndexKey: [1], now: 1_762_943_400_000)
            .receive(message)
        return builder.plan
    }

    @Test func aContactRegisteredMeanwhileIsFoundOnRetryInsteadOfFailing() throws {
        let (store, path) = try TemporaryStore.open()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pipeline = CommandPipeline(store: store, projection: nil)
        let tenant = UUID()
        var attempts = 0
        _ = try pipeline.execute(CommandContext(actor: nil, correlationId: nil), retryOnKeyConflict: true) {
            attempts += 1
            let stale = try plan(pipeline, tenant: tenant, message("wamid.B"))
            if attempts == 1 {
                // Another delivery registers the same new contact between this plan and its append.
                _ = try pipeline.execute(CommandContext(actor: nil, correlationId: nil)) {
                    try plan(pipeline, tenant: tenant, message("wamid.A"))
                }
            }
            return stale
        }
        #expect(attempts == 2)
        let contacts = try store.read(from: 1, limit: 100).filter { $0.type == ContactRegistered.type }
        #expect(contacts.count == 1)
        let conversations = try store.read(from: 1, limit: 100).filter { $0.type == ConversationOpened.type }
        #expect(conversations.count == 1)
        #expect(try store.read(from: 1, limit: 100).filter { $0.type == MessageReceived.type }.count == 2)
    }

    @Test func withoutKeyRetriesTheRaceIsAConflict() throws {
        let (store, path) = try TemporaryStore.open()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pipeline = CommandPipeline(store: store, projection: nil)
        let tenant = UUID()
        #expect(throws: EventStoreError.self) {
            _ = try pipeline.execute(CommandContext(actor: nil, correlationId: nil)) {
                let stale = try plan(pipeline, tenant: tenant, message("wamid.B"))
                _ = try pipeline.execute(CommandContext(actor: nil, correlationId: nil)) {
                    try plan(pipeline, tenant: tenant, message("wamid.A"))
                }
                return stale
            }
        }
    }
}
