import Domain
import EventStore
import Foundation
import Testing

@testable import API

@Suite struct CommandLineTests {
    @Test func maintenanceCommandsRunOnALogAndRefuseBadArguments() throws {
        let directory = NSTemporaryDirectory() + "chatledger-cli-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tenant = UUID()
        do {
            let store = try EventStore(
                options: EventStoreOptions(path: directory + "/log", durability: .noSync))
            let pipeline = CommandPipeline(store: store, projection: nil)
            _ = try pipeline.execute(CommandContext(actor: "test", correlationId: nil)) {
                let stream = try pipeline.load(Streams.tenant(tenant))
                let decision = try Tenant.decide(
                    .register(tenantId: tenant, name: "Hotel", slug: "hotel"), state: nil)
                return try CommandPlan(decision: decision, tenant: tenant, loaded: stream, store: store)
            }
        }
        let environment = [
            "DATABASE_URL": TestApp.baseURL, "CHATLEDGER_DATA_DIR": directory,
            "CHATLEDGER_LOG_LEVEL": "error",
        ]
        #expect(CommandLineInterface.run(["chatledger", "verify"], environment: environment) == 0)
        #expect(
            CommandLineInterface.run(
                ["chatledger", "verify", "--tenant", tenant.uuidString], environment: environment)
                == 0)
        #expect(
            CommandLineInterface.run(
                ["chatledger", "replay", "--tenant", tenant.uuidString, "--until", "2999-01-01T00:00:00Z"],
                environment: environment) == 0)
        #expect(CommandLineInterface.run(["chatledger", "replay"], environment: environment) == 2)
        #expect(
            CommandLineInterface.run(["chatledger", "verify", "--tenant", "x"], environment: environment) == 2
        )
        #expect(
            CommandLineInterface.run(["chatledger", "verify", "--bogus", "1"], environment: environment) == 2)
        #expect(CommandLineInterface.run(["chatledger", "launch"], environment: environment) == 2)
        // A missing DATABASE_URL is a configuration error, reported like a usage error.
        #expect(CommandLineInterface.run(["chatledger", "verify"], environment: [:]) == 2)
    }
}
