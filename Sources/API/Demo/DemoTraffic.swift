import Foundation

/// Simulated customers and agents for `chatledger demo`: customers write through signed
/// webhooks, agents answer and close conversations through the API, so a newcomer sees
/// conversations, statuses and statistics move.
final class DemoTraffic: @unchecked Sendable {
    // @unchecked: `running` is guarded by `lock`; everything else is immutable.
    private let app: DemoHTTPClient
    private let token: String
    private let appSecret: [UInt8]
    private let phoneNumberId: String
    private let lock = NSLock()
    private var running = false

    private static let customers = [
        "João Silva", "Maria Souza", "Ana Lima", "Pedro Alves", "Carla Dias", "Lucas Rocha", "Beatriz Costa",
        "Rafael Gomes", "Juliana Reis", "Marcos Nunes", "Fernanda Melo", "Tiago Pires",
    ]
    private static let questions = [
        "Olá, gostaria de fazer uma reserva", "Vocês têm quarto para o fim de semana?",
        "Qual o horário do check-in?",
        "Aceitam pets?", "Preciso de uma segunda via da nota", "O café da manhã está incluso?",
        "Quero cancelar minha reserva", "Obrigado pelo atendimento!",
    ]
    private static let answers = [
        "Olá! Como posso ajudar?", "Temos sim, para quantas pessoas?", "O check-in é a partir das 14h.",
        "Claro, vou verificar para você.", "Pronto, está resolvido!",
    ]

    init(app: DemoHTTPClient, token: String, appSecret: String, phoneNumberId: String) {
        self.app = app
        self.token = token
        self.appSecret = Array(appSecret.utf8)
        self.phoneNumberId = phoneNumberId
    }

    func start() {
        lock.withLock { running = true }
        let thread = Thread { [self] in loop() }
        thread.name = "demo-traffic"
        thread.start()
    }

    func stop() {
        lock.withLock { running = false }
    }

    private var isRunning: Bool { lock.withLock { running } }

    private func loop() {
        var tick = 0
        while isRunning {
            tick += 1
            customerWrites()
            if tick % 3 == 0 { agentAnswers() }
            if tick % 11 == 0 { agentCloses() }
            Thread.sleep(forTimeInterval: 0.4)
        }
    }

    private func customerWrites() {
        let index = Int.random(in: 0..<Self.customers.count)
        let phone = "55119" + String(format: "%08d", 10_000 + index)
        let body = MetaWebhookBody.message(
            phoneNumberId: phoneNumberId, from: phone, name: Self.customers[index],
            wamid: "wamid.DEMO-IN-" + UUIDv7.generate().uuidString.lowercased(),
            text: Self.questions.randomElement()!)
        app.send(
            "POST", "/webhooks/whatsapp",
            headers: ["X-Hub-Signature-256": WebhookSignature.sign(body: body, secret: appSecret)], body: body
        )
    }

    private func openConversation() -> String? {
        let list = app.send("GET", "/api/conversations?status=OPEN&limit=20", headers: auth)
        return (try? list.json?["data"].optionalArray())??.randomElement()?["id"].optionalString
    }

    private func agentAnswers() {
        guard let id = openConversation() else { return }
        app.sendJSON(
            "POST", "/api/messages",
            .object([
                "conversationId": .string(id), "type": "TEXT",
                "content": .string(Self.answers.randomElement()!),
            ]),
            headers: auth)
    }

    private func agentCloses() {
        guard let id = openConversation() else { return }
        app.sendJSON(
            "POST", "/api/conversations/\(id)/close", .object(["notes": "Atendimento concluído"]),
            headers: auth)
    }

    private var auth: [String: String] { ["Authorization": "Bearer \(token)"] }
}
