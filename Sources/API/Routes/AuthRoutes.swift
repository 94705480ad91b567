import Domain
import Foundation
import Projections

/// Seed 001 authentication and user administration:
/// `POST /auth/register`, `POST /auth/login`, `GET /auth/me`, `PUT /auth/change-password`,
/// admin `POST /auth/users`, `GET /auth/users`, `PUT /auth/users/:id/toggle-status`.
/// Everything but the user list is answered from the event log, so auth keeps working while
/// Postgres is down.
struct AuthRoutes: Sendable {
    let services: AppServices
    /// Verified against when the e-mail is unknown, so both failures cost the same time.
    let decoyHash: String

    init(services: AppServices) throws {
        self.services = services
        decoyHash = try services.hasher.hash(UUIDv7.generate().uuidString)
    }

    func register(into router: inout Router) {
        let auth = services.authentication
        router.add("POST", "/auth/register") { try self.registerTenant($0) }
        router.add("POST", "/auth/login") { try self.login($0) }
        router.add("GET", "/auth/me", middleware: [auth]) { try self.me($0) }
        router.add("PUT", "/auth/change-password", middleware: [auth]) { try self.changePassword($0) }
        router.add("POST", "/auth/users", middleware: [auth, RequireRole.admin]) { try self.createUser($0) }
        router.add("GET", "/auth/users", middleware: [auth, RequireRole.admin, MinimumPosition(services)]) {
            try self.listUsers($0)
        }
        router.add("PUT", "/auth/users/:id/toggle-status", middleware: [auth, RequireRole.admin]) {
            try self.toggleStatus($0)
        }
    }

    private var pipeline: CommandPipeline { services.pipeline }

    func registerTenant(_ request: Request) throws -> Response {
        let body = try request.decode(RegisterBody.self)
        try PasswordPolicy.check(body.password, field: "password")
        let tenantId = UUIDv7.generate()
        let userId = UUIDv7.generate()
        let hash = try services.hasher.hash(body.password)
        let outcome = try pipeline.execute(CommandContext(request: request)) {
            let tenantStream = try pipeline.load(Streams.tenant(tenantId))
            let tenantDecision = try Tenant.decide(
                .register(tenantId: tenantId, name: body.tenantName, slug: body.tenantSlug),
                state: tenantStream.fold(Tenant.evolve))
            let userStream = try pipeline.load(Streams.user(userId))
            let userDecision = try User.decide(
                .create(
                    userId: userId, tenantId: tenantId, name: body.userName, email: body.email,
                    passwordHash: hash,
                    role: .admin, departmentId: nil),
                state: userStream.fold(User.evolve))
            var plan = try CommandPlan(
                decision: tenantDecision, tenant: tenantId, loaded: tenantStream, store: services.store)
            plan.merge(
                try CommandPlan(
                    decision: userDecision, tenant: tenantId, loaded: userStream, store: services.store))
            return plan
        }
        let user = try loadUser(userId)
        let tenant = try loadTenant(tenantId)
        _ = pipeline.waitForProjection(outcome)
        let session = SessionJSON(
            user: UserJSON(user), token: try services.token(for: user, now: Timestamp.nowMilliseconds()),
            tenant: TenantJSON(tenant))
        return try Response.json(session, status: 201).logPosition(outcome.head)
    }

    func login(_ request: Request) throws -> Response {
        let body = try request.decode(LoginBody.self)
        let email = EmailAddress.normalized(body.email)
        let now = Timestamp.nowMilliseconds()
        try services.loginLimiter.attempt(email: email, clientAddress: request.clientAddress, now: now)
        let invalid = APIError.unauthorized("Invalid e-mail or password")
        guard let stream = try pipeline.lookup(UniqueKeys.email(email)),
            let user = try pipeline.load(stream).fold(User.evolve)
        else {
            _ = services.hasher.verify(body.password, against: decoyHash)
            throw invalid
        }
        guard services.hasher.verify(body.password, against: user.passwordHash) else { throw invalid }
        guard user.isActive else {
            throw APIError(status: 403, code: "ERR_USER_INACTIVE", message: "This user is deactivated")
        }
        services.loginLimiter.reset(email: email, clientAddress: request.clientAddress)
        let tenant = try loadTenant(user.tenantId)
        let session = SessionJSON(
            user: UserJSON(user), token: try services.token(for: user, now: now), tenant: TenantJSON(tenant))
        return try Response.json(session)
    }

    func me(_ request: Request) throws -> Response {
        let user = try activeCaller(request)
        return try Response.json(
            ProfileJSON(user: UserJSON(user), tenant: TenantJSON(try loadTenant(user.tenantId))))
    }

    func changePassword(_ request: Request) throws -> Response {
        let body = try request.decode(ChangePasswordBody.self)
        let caller = try activeCaller(request)
        guard services.hasher.verify(body.currentPassword, against: caller.passwordHash) else {
            throw APIError(
                status: 401, code: "ERR_INVALID_CREDENTIALS", message: "The current password is wrong",
                details: ["field": "currentPassword"])
        }
        try PasswordPolicy.check(body.newPassword, field: "newPassword")
        let hash = try services.hasher.hash(body.newPassword)
        let outcome = try pipeline.execute(CommandContext(request: request)) {
            let stream = try pipeline.load(Streams.user(caller.id))
            let decision = try User.decide(
                .changePassword(passwordHash: hash), state: stream.fold(User.evolve))
            return try CommandPlan(
                decision: decision, tenant: caller.tenantId, loaded: stream, store: services.store)
        }
        return Response.noContent.logPosition(outcome.head)
    }

    func createUser(_ request: Request) throws -> Response {
        let body = try request.decode(CreateUserBody.self)
        let tenantId = request.authenticatedUser.tenantId
        try PasswordPolicy.check(body.password, field: "password")
        let role =
            try body.role.map { text -> UserRole in
                guard let role = UserRole(rawValue: text) else {
                    throw APIError.validation(field: "role", "role must be ADMIN, SUPERVISOR or AGENT")
                }
                return role
            } ?? .agent
        let departmentId = try body.departmentId.map { text -> UUID in
            guard let id = UUID(uuidString: text) else {
                throw APIError.validation(field: "departmentId", "departmentId must be a UUID")
            }
            guard let department = try pipeline.load(Streams.department(id)).fold(Department.evolve),
                department.tenantId == tenantId
            else { throw APIError.notFound("Department not found") }
            return id
        }
        let userId = UUIDv7.generate()
        let hash = try services.hasher.hash(body.password)
        let outcome = try pipeline.execute(CommandContext(request: request)) {
            let stream = try pipeline.load(Streams.user(userId))
            let decision = try User.decide(
                .create(
                    userId: userId, tenantId: tenantId, name: body.name, email: body.email,
                    passwordHash: hash,
                    role: role, departmentId: departmentId),
                state: stream.fold(User.evolve))
            return try CommandPlan(
                decision: decision, tenant: tenantId, loaded: stream, store: services.store)
        }
        let user = try loadUser(userId)
        _ = pipeline.waitForProjection(outcome)
        return try Response.json(UserJSON(user), status: 201).logPosition(outcome.head)
    }

    func listUsers(_ request: Request) throws -> Response {
        let users = try services.requireReadModel().users(tenant: request.authenticatedUser.tenantId)
        return try Response.json(["data": users])
    }

    func toggleStatus(_ request: Request) throws -> Response {
        let targetId = try request.uuidParameter("id")
        let caller = request.authenticatedUser
        let outcome = try pipeline.execute(CommandContext(request: request)) {
            let stream = try pipeline.load(Streams.user(targetId))
            guard let target = stream.fold(User.evolve), target.tenantId == caller.tenantId else {
                throw APIError.notFound("User not found")
            }
            if target.isActive && target.id == caller.userId {
                throw APIError.unprocessable("ERR_CANNOT_DEACTIVATE_SELF", "You cannot deactivate yourself")
            }
            let command: UserCommand =
                target.isActive ? .deactivate(byUserId: caller.userId) : .activate(byUserId: caller.userId)
            let decision = try User.decide(command, state: target)
            return try CommandPlan(
                decision: decision, tenant: caller.tenantId, loaded: stream, store: services.store)
        }
        let user = try loadUser(targetId)
        _ = pipeline.waitForProjection(outcome)
        return try Response.json(UserJSON(user)).logPosition(outcome.head)
    }

    /// The caller's own user, refused as the bearer step refuses it: unknown, outside the
    /// token's tenant, or deactivated.
    private func activeCaller(_ request: Request) throws -> User {
        let caller = request.authenticatedUser
        return try CallerStanding.requireActive(
            try pipeline.load(Streams.user(caller.userId)).fold(User.evolve), tenantId: caller.tenantId)
    }

    private func loadUser(_ id: UUID) throws -> User {
        guard let user = try pipeline.load(Streams.user(id)).fold(User.evolve) else {
            throw APIError.internal
        }
        return user
    }

    private func loadTenant(_ id: UUID) throws -> Tenant {
        guard let tenant = try pipeline.load(Streams.tenant(id)).fold(Tenant.evolve) else {
            throw APIError.internal
        }
        return tenant
    }
}
