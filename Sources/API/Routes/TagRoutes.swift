import Domain
import Foundation
import Projections

/// Conversation tags (seed 001 `tags`, referenced by `PATCH …/:id {tagIds}` and the `tag`
/// filter): `GET /api/tags` for everyone, `POST /api/tags {name, color}` for admins and
/// supervisors.
struct TagRoutes: Sendable {
    let services: AppServices

    func register(into router: inout Router) {
        let auth = services.authentication
        router.add("GET", "/api/tags", middleware: [auth, MinimumPosition(services)]) { try self.tags($0) }
        router.add("POST", "/api/tags", middleware: [auth, RequireRole(["ADMIN", "SUPERVISOR"])]) {
            try self.create($0)
        }
    }

    func tags(_ request: Request) throws -> Response {
        try Response.json([
            "data": try services.requireReadModel().tags(tenant: request.authenticatedUser.tenantId)
        ])
    }

    func create(_ request: Request) throws -> Response {
        let body = try request.decode(TagBody.self)
        let tenant = request.authenticatedUser.tenantId
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

/// `POST /api/tags`.
struct TagBody: Decodable {
    let name: String
    let color: String
}
