import Domain

/// Realistic message contents (hotel customer service, as in the seeds).
enum SampleContent {
    static let customerTexts = [
        "Olá, gostaria de fazer uma reserva", "Qual o valor da diária?", "Vocês aceitam pets?",
        "Preciso cancelar minha reserva", "Tem estacionamento?", "Obrigado!", "Pode ser para o dia 15?",
        "Qual o horário do check-in?", "O café da manhã está incluso?", "Ok, combinado 👍",
    ]
    static let agentTexts = [
        "Olá! Como posso ajudá-lo?", "A diária está R$ 200,00.", "Sim, aceitamos pets de pequeno porte.",
        "Sua reserva foi confirmada.", "O check-in é a partir das 14h.", "Posso ajudar em algo mais?",
    ]
    static let names = ["João Silva", "Maria Souza", "Ana Lima", "Pedro Alves", "Carla Dias", "Rafael Costa"]
    static let reasons = [
        "Cliente solicitou especialista", "Assunto financeiro", "Fim do turno", "Reclamação",
    ]

    static func inbound(_ random: inout SeededRandom) -> (InboundMessageType, InboundContent) {
        switch random.below(100) {
        case 0..<68: return (.text, InboundContent(text: random.pick(customerTexts)))
        case 68..<76:
            return (
                .image,
                InboundContent(
                    caption: "Foto", mediaId: "media-\(random.next() % 1_000_000)", mimeType: "image/jpeg")
            )
        case 76..<81:
            return (
                .audio, InboundContent(mediaId: "media-\(random.next() % 1_000_000)", mimeType: "audio/ogg")
            )
        case 81..<83:
            return (
                .video, InboundContent(mediaId: "media-\(random.next() % 1_000_000)", mimeType: "video/mp4")
            )
        case 83..<86:
            return (
                .document,
                InboundContent(
                    mediaId: "media-\(random.next() % 1_000_000)", mimeType: "application/pdf",
                    filename: "comprovante.pdf")
            )
        case 86..<88:
            return (
                .sticker,
                InboundContent(mediaId: "media-\(random.next() % 1_000_000)", mimeType: "image/webp")
            )
        case 88..<90:
            return (
                .location,
                InboundContent(
                    location: SharedLocation(latitude: -23.56, longitude: -46.65, name: "Av. Paulista"))
            )
        case 90..<91:
            return (
                .contacts, InboundContent(contacts: [SharedContact(name: "Ana", phones: ["5511988887777"])])
            )
        case 91..<94: return (.interactive, InboundContent(text: "Nova Reserva", replyId: "opt1"))
        case 94..<95: return (.button, InboundContent(text: "Confirmar", replyId: "CONFIRMAR"))
        case 95..<99: return (.reaction, InboundContent(emoji: "👍"))
        default: return (.unsupported, InboundContent())
        }
    }

    static let template = OutboundContent.template(
        TemplateContent(
            name: "reserva_confirmada", languageCode: "pt_BR", parameters: ["João Silva", "15", "dezembro"]))

    static func outbound(_ random: inout SeededRandom, windowOpen: Bool) -> OutboundContent {
        if !windowOpen { return template }
        switch random.below(100) {
        case 0..<70: return .text(body: random.pick(agentTexts))
        case 70..<78:
            return .media(
                MediaContent(kind: .image, url: "https://cdn.example.com/quarto.jpg", caption: "Quarto"))
        case 78..<82:
            return .media(
                MediaContent(
                    kind: .document, url: "https://cdn.example.com/tarifas.pdf", filename: "tarifas.pdf"))
        case 82..<84: return .media(MediaContent(kind: .audio, url: "https://cdn.example.com/audio.ogg"))
        case 84..<85: return .media(MediaContent(kind: .video, url: "https://cdn.example.com/tour.mp4"))
        case 85..<90: return template
        case 90..<95:
            return .buttons(
                ButtonsContent(
                    body: "Escolha uma opção:",
                    buttons: [
                        ReplyButton(id: "opt1", title: "Nova Reserva"),
                        ReplyButton(id: "opt2", title: "Ver Reservas"),
                    ],
                    header: "Menu Principal", footer: "Disponível 24/7"))
        default:
            return .list(
                ListContent(
                    body: "Escolha o tipo de quarto:", buttonText: "Ver quartos",
                    sections: [
                        ListSection(
                            title: "Quartos",
                            rows: [
                                ListRow(id: "single", title: "Single", description: "R$ 150/noite"),
                                ListRow(id: "double", title: "Double", description: "R$ 200/noite"),
                            ])
                    ]))
        }
    }
}
