import Foundation

/// `chatledger demo`: serves like `serve`, plus a local fake WhatsApp provider and simulated
/// traffic on a demo tenant (log in as `demo@chatledger.local` / `demo-password`).
enum DemoCommand {
    static let email = "demo@chatledger.local"
    static let password = "demo-password"
    static let appSecret = "demo-app-secret"
    static let phoneNumberId = "DEMO-PNID"

    static func run(_ configuration: AppConfiguration, environment: [String: String], logger: Logger) throws {
        ShutdownSignal.block()
        let app = try ChatLedgerApp(configuration: configuration, environment: environment, logger: logger)
        defer { app.stop() }
        let client = DemoHTTPClient(base: "http://127.0.0.1:\(app.server.port)")
        let provider = try FakeWhatsAppProvider(
            keepsRequests: false,
            reportsTo: StatusReportTarget(
                webhookURL: "http://127.0.0.1:\(app.server.port)/webhooks/whatsapp", appSecret: appSecret,
                phoneNumberId: phoneNumberId))
        defer { provider.stop() }
        logger.info("demo provider listening", ["apiBaseUrl": .string(provider.baseURL)])
        let token = try signIn(client)
        let channel = client.sendJSON(
            "PUT", "/api/channels/whatsapp",
            .object([
                "provider": "meta", "phoneNumberId": .string(phoneNumberId),
                "displayPhoneNumber": "15550001111",
                "apiBaseUrl": .string(provider.baseURL), "appSecret": .string(appSecret),
                "verifyToken": "demo-verify-token", "accessToken": "demo-access-token",
            ]), headers: ["Authorization": "Bearer \(token)"])
        guard channel.status == 200 else { throw DemoError.setupFailed("channel: HTTP \(channel.status)") }
        let traffic = DemoTraffic(
            app: client, token: token, appSecret: appSecret, phoneNumberId: phoneNumberId)
        traffic.start()
        logger.info(
            "demo running",
            [
                "url": .string("http://localhost:\(app.server.port)"), "email": .string(email),
                "password": .string(password), "tenantSlug": "demo",
            ])
        ShutdownSignal.wait()
        logger.info("shutting down")
        traffic.stop()
    }

    /// Registers the demo tenant on first run, logs in on later ones.
    private static func signIn(_ client: DemoHTTPClient) throws -> String {
        let registered = client.sendJSON(
            "POST", "/auth/register",
            .object([
                "tenantName": "Hotel Demo", "tenantSlug": "demo", "userName": "Demo Admin",
                "email": .string(email),
                "password": .string(password),
            ]))
        if let token = registered.json?["token"].optionalString { return token }
        let login = client.sendJSON(
            "POST", "/auth/login", .object(["email": .string(email), "password": .string(password)]))
        guard let token = login.json?["token"].optionalString else {
            throw DemoError.setupFailed("login: HTTP \(login.status)")
        }
        return token
    }
}

/// The demo could not set itself up.
enum DemoError: Error {
    case setupFailed(String)
}
