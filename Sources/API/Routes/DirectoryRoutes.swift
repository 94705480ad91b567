import Domain
import Foundation
import Projections

/// Seed 004 department creation (the list is `StatsReadRoutes`) and conversation tags.
struct DirectoryRoutes: Sendable {
    let services: AppServices

    func register(into router: inout Router) {
        let auth = services.authentication
        let read: [any Middleware] = [auth, MinimumPosition(services)]
        router.add("POST", "/api/departments", middleware: [auth, RequireRole.admin]) {
            try self.createDepartment($0)
        }
        router.add("GET", "/api/tags", middleware: read) { try self.tags($0) }
        router.add("POST", "/api/tags", middleware: [auth, RequireRole(["ADMIN", "SUPERVISOR"])]) {
            try self.createTag($0)
        }
    }

    func createDepartment(_ request: Request) throws -> Response {
        let body = try request.decode(DepartmentBody.self)
        let tenant = request.tenantId
        let id = UUIDv7.generate()
        let pipeline = services.pipeline
        let outcome = try pipeline.execute(CommandContext(request: request)) {
            let loaded = try pipeline.load(Streams.department(id))
            let decision = try Department.decide(
                .create(
                    departmentId: id, tenantId: tenant,
                    settings: DepartmentSettings(
                        name: body.name, color: body.color, maxConcurrentPerAgent: body.maxConcurrentPerAgent,
                        expectedResponseMinutes: body.expectedResponseMinutes)),
                state: loaded.fold(Department.evolve))
            return try CommandPlan(decision: decision, tenant: tenant, loaded: loaded, store: services.store)
        }
        _ = pipeline.waitForProjection(outcome)
        guard
            let view = try services.requireReadModel().departments(tenant: tenant).first(where: {
                $0.id == id.lowercasedString
            })
        else { throw APIError.unavailable("The read models have not caught up yet") }
        return try Response.json(view, status: 201).logPosition(outcome.head)
    }

    func tags(_ request: Request) throws -> Response {
        try Response.json(["data": try services.requireReadModel().tags(tenant: request.tenantId)])
    }

    func createTag(_ request: Request) throws -> Response {
        let body = try request.decode(TagBody.self)
        let tenant = request.tenantId
        let id = UUIDv7.generate()
        let pipeline = services.pipeline
        let outcome = try pipeline.execute(CommandContext(request: request)) {
            let loaded = try pipeline.load(Streams.tag(id))
            let decision = try Tag.decide(
                .create(tagId: id, tenantId: tenant, name: body.name, color: body.color),
                state: loaded.fold(Tag.evolve))
            return try CommandPlan(decision: decision, tenant: tenant, loaded: loaded, store: services.store)
        }
        _ = pipeline.waitForProjection(outcome)
        guard
            let view = try services.requireReadModel().tags(tenant: tenant).first(where: {
                $0.id == id.lowercasedString
            })
        else { throw APIError.unavailable("The read models have not caught up yet") }
        return try Response.json(view, status: 201).logPosition(outcome.head)
    }
}
