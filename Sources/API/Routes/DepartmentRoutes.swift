import Domain
import Foundation
import Projections

/// `POST /api/departments` (seed 004, admin or supervisor): creates a department and answers
/// with it as projected.
struct DepartmentRoutes: Sendable {
    let services: AppServices

    struct Body: Decodable {
        let name: String
        let color: String?
        let maxConcurrentConversations: Int?
        let expectedResponseMinutes: Int?
    }

    func register(into router: inout Router) {
        router.add(
            "POST", "/api/departments",
            middleware: [services.authentication, RequireRole(["ADMIN", "SUPERVISOR"])]
        ) { try self.create($0) }
    }

    func create(_ request: Request) throws -> Response {
        let body = try request.decode(Body.self)
        let tenantId = request.authenticatedUser.tenantId
        let departmentId = UUIDv7.generate()
        let settings = DepartmentSettings(
            name: body.name, color: body.color ?? "#607D8B",
            maxConcurrentPerAgent: body.maxConcurrentConversations ?? 5,
            expectedResponseMinutes: body.expectedResponseMinutes ?? 15)
        let outcome = try services.pipeline.execute(CommandContext(request: request)) {
            let stream = try services.pipeline.load(Streams.department(departmentId))
            let decision = try Department.decide(
                .create(departmentId: departmentId, tenantId: tenantId, settings: settings),
                state: stream.fold(Department.evolve))
            return try CommandPlan(
                decision: decision, tenant: tenantId, loaded: stream, store: services.store)
        }
        let id = departmentId.lowercasedString
        guard services.pipeline.waitForProjection(outcome),
            let view = try services.requireReadModel().departments(tenant: tenantId).first(where: {
                $0.id == id
            })
        else {
            return Response.json(
                .object(["status": "accepted", "id": .string(id), "position": .number(Double(outcome.head))]),
                status: 202
            ).logPosition(outcome.head)
        }
        return try Response.json(view, status: 201).logPosition(outcome.head)
    }
}
