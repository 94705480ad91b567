import Domain
import EventStore
import Foundation
import Projections

/// `chatledger rebuild | verify | digest | replay`: maintenance on the log and read models.
struct MaintenanceCommands {
    let configuration: AppConfiguration
    let logger: Logger

    private func openStore() throws -> EventStore {
        try EventStore(options: EventStoreOptions(path: configuration.eventLogPath))
    }

    /// Rebuilds every read model (or one tenant's) from the log without downtime.
    func rebuild(tenant: UUID?) throws {
        let store = try openStore()
        let database = try Database(url: configuration.databaseURL)
        _ = try Migrator(database: database).migrate()
        let progress = ProgressReporter(label: "rebuild")
        let callback: @Sendable (RebuildProgress) -> Void = { step in
            progress.update(done: step.position, total: step.target, phase: step.phase.rawValue)
        }
        let rebuilder = Rebuilder(store: store, database: database)
        let report =
            try tenant.map { try rebuilder.rebuildTenant($0, progress: callback) }
            ?? rebuilder.rebuildAll(progress: callback)
        progress.finish(
            "rebuild done: \(report.eventsApplied) events in \(String(format: "%.1f", report.seconds)) s, schema \(report.schema)"
        )
        print(
            JSONValue.object([
                "schema": .string(report.schema), "eventsApplied": .number(Double(report.eventsApplied)),
                "rowsCopied": .number(Double(report.rowsCopied)), "seconds": .number(report.seconds),
            ]).serialized())
    }

    /// Recomputes the hash chain of one tenant or of every tenant; false when one is broken.
    func verify(tenant: UUID?) throws -> Bool {
        let store = try openStore()
        let tenants = try tenant.map { [$0] } ?? allTenants(store)
        var intact = true
        for tenant in tenants {
            let report = try store.verify(tenant: tenant)
            intact = intact && report.isIntact
            print(
                JSONValue.object([
                    "tenant": .string(tenant.lowercasedString), "intact": .bool(report.isIntact),
                    "eventsChecked": .number(Double(report.eventsChecked)),
                    "firstBrokenPosition": report.firstBrokenPosition.map { .number(Double($0)) } ?? .null,
                ]).serialized())
        }
        return intact
    }

    /// Prints the checksum of the read-model contents (equal for equal logs).
    func digest() throws {
        let database = try Database(url: configuration.databaseURL)
        print(try ReadModel(database: database).digest())
    }

    /// Replays one tenant's log up to `until` (ms) and prints each conversation's state then.
    func replay(tenant: UUID, until: Int64?) throws {
        let store = try openStore()
        let records = try store.readTenant(tenant, recordedUpTo: until ?? Int64.max)
        let progress = ProgressReporter(label: "replay")
        var conversations: [String: Conversation] = [:]
        for (index, record) in records.enumerated() {
            progress.update(done: UInt64(index + 1), total: UInt64(records.count), phase: "folding")
            guard record.stream.rawValue.hasPrefix("conversation-") else { continue }
            let event = try AuditRecord.decode(record)
            conversations[record.stream.rawValue] = Conversation.evolve(
                conversations[record.stream.rawValue], event)
        }
        progress.finish("replay done: \(records.count) events, \(conversations.count) conversations")
        for (_, conversation) in conversations.sorted(by: { $0.key < $1.key }) {
            print(
                JSONValue.object([
                    "id": .string(conversation.id.lowercasedString),
                    "status": .string(conversation.status.rawValue),
                    "priority": .string(conversation.priority.rawValue),
                    "assignedToId": conversation.assignedUserId.map { .string($0.lowercasedString) } ?? .null,
                    "messages": .number(Double(conversation.messages.count)),
                    "unreadCount": .number(Double(conversation.unreadCount)),
                ]).serialized())
        }
    }

    /// Every tenant that has events, in order of first appearance.
    private func allTenants(_ store: EventStore) throws -> [UUID] {
        var seen: [UUID] = []
        var known = Set<UUID>()
        var next: UInt64 = 1
        while true {
            let batch = try store.read(from: next, limit: 10_000)
            guard let last = batch.last else { return seen }
            for record in batch where known.insert(record.tenant).inserted { seen.append(record.tenant) }
            next = last.position + 1
        }
    }
}
