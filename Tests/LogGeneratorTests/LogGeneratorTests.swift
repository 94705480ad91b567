import Domain
import Foundation
import LogGenerator
import Testing

@Suite struct LogGeneratorTests {
    static let config = GeneratorConfig(
        seed: 7, tenants: 3, agentsPerTenant: 4, contactsPerTenant: 60, openConversationsPerTenant: 12,
        totalEvents: 20_000)
    static let log = Array(LogGenerator(config))

    @Test func sameSeedGivesTheSameLog() {
        let again = Array(LogGenerator(Self.config))
        #expect(again.count == Self.log.count)
        for (first, second) in zip(Self.log, again) {
            #expect(first.stream == second.stream)
            #expect(first.expectedVersion == second.expectedVersion)
            #expect(first.events.map(\.id) == second.events.map(\.id))
            #expect(first.events.map(\.event) == second.events.map(\.event))
            #expect(first.keyChanges == second.keyChanges)
        }
    }

    @Test func anotherSeedGivesAnotherLog() {
        var other = Self.config
        other.seed = 8
        let otherIds = Array(LogGenerator(other).prefix(50)).flatMap { $0.events.map(\.id) }
        #expect(otherIds != Array(Self.log.prefix(50)).flatMap { $0.events.map(\.id) })
    }

    @Test func stopsAtTheRequestedSize() {
        let total = Self.log.reduce(0) { $0 + $1.events.count }
        #expect(total >= Self.config.totalEvents)
        #expect(total < Self.config.totalEvents + 10)
    }

    @Test func expectedVersionsFollowEachStream() {
        var versions: [String: UInt64] = [:]
        for append in Self.log {
            #expect(append.expectedVersion == versions[append.stream, default: 0], "\(append.stream)")
            versions[append.stream, default: 0] += UInt64(append.events.count)
        }
    }

    @Test func eventIdsAreUniqueAndTimeNeverGoesBack() {
        var ids = Set<UUID>()
        var last: Int64 = 0
        for event in Self.log.flatMap(\.events) {
            #expect(ids.insert(event.id).inserted, "duplicate id \(event.id)")
            #expect(event.occurredAt >= last)
            last = event.occurredAt
        }
    }

    @Test func uniqueKeysNeverClash() {
        var holders: [String: String] = [:]
        for append in Self.log {
            for change in append.keyChanges {
                switch change {
                case .reserve(let key, let stream):
                    #expect(stream == append.stream)
                    if let holder = holders[key] {
                        #expect(holder == stream, "\(key) held by \(holder), wanted by \(stream)")
                    }
                    holders[key] = stream
                case .release(let key, let stream):
                    #expect(holders[key] == stream, "\(key) released by \(stream)")
                    holders[key] = nil
                }
            }
        }
        #expect(!holders.isEmpty)
    }

    @Test func logCoversTheWholeCatalogThatConversationsUse() {
        let types = Set(Self.log.flatMap { $0.events.map(\.event.type) })
        let expected: [String] = [
            TenantRegistered.type, WhatsAppChannelConfigured.type, ChannelStatusChanged.type,
            UserCreated.type,
            DepartmentCreated.type, TagCreated.type, ContactRegistered.type, ConversationOpened.type,
            ConversationStatusChanged.type, ConversationPriorityChanged.type, ConversationTagsChanged.type,
            ConversationAssigned.type, ConversationTransferred.type, ConversationClosed.type,
            ConversationReopened.type,
            ConversationRated.type, MessageReceived.type, OutboundMessageQueued.type,
            OutboundMessageSent.type,
            MessageDelivered.type, MessageRead.type, MessageFailed.type, MessagesReadByAgent.type,
            PendingStatusRecorded.type, WamidLinked.type, RawWebhookReceived.type,
        ]
        for type in expected { #expect(types.contains(type), "missing \(type)") }
        let kinds = Set(
            Self.log.flatMap(\.events).compactMap { event -> OutboundMessageKind? in
                if case .outboundMessageQueued(let queued) = event.event { return queued.kind }
                return nil
            })
        #expect(kinds == Set(OutboundMessageKind.allCases))
        let origins = Set(
            Self.log.flatMap(\.events).compactMap { event -> MessageOrigin? in
                if case .outboundMessageQueued(let queued) = event.event { return queued.origin }
                return nil
            })
        #expect(origins == [.agent, .phone])
    }

    @Test func everyConversationStreamFoldsAndStatusesBeforeSendAreApplied() throws {
        var streams: [String: [DomainEvent]] = [:]
        for append in Self.log
        where append.stream.hasPrefix("conversation-") || append.stream.hasPrefix("wamid-") {
            streams[append.stream, default: []] += append.events.map(\.event)
        }
        var applied = 0
        for (stream, events) in streams where stream.hasPrefix("wamid-") {
            guard let statuses = WamidStatuses.fold(events), let link = statuses.link,
                !statuses.pending.isEmpty
            else { continue }
            let conversation = try #require(
                Conversation.fold(streams[Streams.conversation(link.conversationId)] ?? []))
            let message = try #require(conversation.messages[link.messageId])
            let best = statuses.pending.map(\.status).max() ?? .sent
            #expect(message.status >= best)
            applied += 1
        }
        #expect(applied > 0)
        for (stream, events) in streams where stream.hasPrefix("conversation-") {
            #expect(Conversation.fold(events) != nil, "\(stream) does not fold")
        }
    }

    @Test func everyGeneratedEventSurvivesTheCodec() throws {
        for event in Self.log.prefix(3000).flatMap(\.events) {
            let encoded = try DomainCodec.encode(event.event)
            #expect(
                try DomainCodec.decode(
                    type: encoded.type, payload: encoded.payload, personal: encoded.personal) == event.event)
        }
    }
}
