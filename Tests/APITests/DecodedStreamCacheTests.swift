import Domain
import EventStore
import Foundation
import Testing

@testable import API

@Suite struct DecodedStreamCacheTests {
    let context = CommandContext(actor: "test", correlationId: nil)

    func appendContact(_ pipeline: CommandPipeline, _ contact: UUID, tenant: UUID, name: String) throws {
        _ = try pipeline.execute(context) {
            let loaded = try pipeline.load(Streams.contact(contact))
            let event: DomainEvent =
                loaded.version == 0
                ? .contactRegistered(
                    ContactRegistered(
                        contactId: contact, tenantId: tenant,
                        personal: .init(phone: "5511999990000", name: name)))
                : .contactProfileUpdated(
                    ContactProfileUpdated(contactId: contact, personal: .init(name: name)))
            return CommandPlan(streams: [
                PlannedStream(
                    tenant: tenant, stream: loaded.name, expectedVersion: loaded.expectedVersion,
                    events: [(event, nil)])
            ])
        }
    }

    @Test func eventsAppendedAfterTheCacheFilledAreLoaded() throws {
        let (store, path) = try TemporaryStore.open()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pipeline = CommandPipeline(store: store, projection: nil)
        let (tenant, contact) = (UUID(), UUID())
        try appendContact(pipeline, contact, tenant: tenant, name: "Ana")
        #expect(try pipeline.load(Streams.contact(contact)).version == 1)
        #expect(pipeline.cache.count == 1)
        try appendContact(pipeline, contact, tenant: tenant, name: "Bia")
        // Appended through another pipeline: only the log knows about it.
        let other = CommandPipeline(store: store, projection: nil, cachedStreams: 0)
        try appendContact(other, contact, tenant: tenant, name: "Carla")
        let loaded = try pipeline.load(Streams.contact(contact))
        let full = try CommandPipeline(store: store, projection: nil, cachedStreams: 0).load(
            Streams.contact(contact))
        #expect(loaded.version == 3)
        #expect(loaded.events == full.events)
        #expect(Contact.fold(loaded.events)?.name == "Carla")
    }

    @Test func erasedContactIsNotServedFromTheCache() throws {
        let (store, path) = try TemporaryStore.open()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pipeline = CommandPipeline(store: store, projection: nil)
        let (tenant, contact, bystander) = (UUID(), UUID(), UUID())
        try appendContact(pipeline, contact, tenant: tenant, name: "Ana")
        try appendContact(pipeline, bystander, tenant: tenant, name: "Rui")
        #expect(Contact.fold(try pipeline.load(Streams.contact(contact)).events)?.phone == "5511999990000")
        _ = try pipeline.load(Streams.contact(bystander))
        #expect(pipeline.cache.count == 2)

        _ = try pipeline.execute(context) {
            let loaded = try pipeline.load(Streams.contact(contact))
            return CommandPlan(streams: [
                PlannedStream(
                    tenant: tenant, stream: loaded.name, expectedVersion: loaded.expectedVersion,
                    events: [(.contactErased(ContactErased(contactId: contact)), nil)])
            ])
        }
        #expect(pipeline.cache.count == 0)
        // Between the erasure and forgetting the key, the clear parts are not cached again.
        _ = try pipeline.load(Streams.contact(contact))
        #expect(pipeline.cache.count == 0)
        try store.forget(DataKeyID(DataKeys.contact(contact)))

        let after = try pipeline.load(Streams.contact(contact))
        #expect(after.version == 2)
        guard case .contactRegistered(let registered) = after.events.first else {
            Issue.record("the first event must still be the registration")
            return
        }
        #expect(registered.personal == nil)
        #expect(Contact.fold(try pipeline.load(Streams.contact(bystander)).events)?.name == "Rui")
    }

    @Test func erasureSeenOnlyInTheLogDropsTheCache() throws {
        let (store, path) = try TemporaryStore.open()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pipeline = CommandPipeline(store: store, projection: nil)
        let other = CommandPipeline(store: store, projection: nil, cachedStreams: 0)
        let (tenant, contact) = (UUID(), UUID())
        try appendContact(pipeline, contact, tenant: tenant, name: "Ana")
        _ = try pipeline.load(Streams.contact(contact))
        #expect(pipeline.cache.count == 1)
        _ = try other.execute(context) {
            let loaded = try other.load(Streams.contact(contact))
            return CommandPlan(streams: [
                PlannedStream(
                    tenant: tenant, stream: loaded.name, expectedVersion: loaded.expectedVersion,
                    events: [(.contactErased(ContactErased(contactId: contact)), nil)])
            ])
        }
        let loaded = try pipeline.load(Streams.contact(contact))
        #expect(loaded.version == 2)
        #expect(pipeline.cache.count == 0)
        try store.forget(DataKeyID(DataKeys.contact(contact)))
        guard
            case .contactRegistered(let registered) = try pipeline.load(Streams.contact(contact)).events.first
        else {
            Issue.record("the first event must still be the registration")
            return
        }
        #expect(registered.personal == nil)
    }

    @Test func cacheHoldsAtMostItsCapacityAndKeepsReusedStreams() throws {
        let (store, path) = try TemporaryStore.open()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pipeline = CommandPipeline(store: store, projection: nil, cachedStreams: 4)
        let tenant = UUID()
        let contacts = (0..<10).map { _ in UUID() }
        for contact in contacts { try appendContact(pipeline, contact, tenant: tenant, name: "N") }
        let hot = contacts[0]
        for contact in contacts {
            _ = try pipeline.load(Streams.contact(hot))
            _ = try pipeline.load(Streams.contact(contact))
            #expect(pipeline.cache.count <= 4)
        }
        #expect(pipeline.cache.count == 4)
        #expect(pipeline.cache.lookup(Streams.contact(hot)).0?.version == 1)
        for contact in contacts {
            #expect(try pipeline.load(Streams.contact(contact)).events.count == 1)
        }
        #expect(pipeline.cache.count == 4)
    }
}
