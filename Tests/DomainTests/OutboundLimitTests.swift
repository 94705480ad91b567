import Domain
import Testing

/// Every seed 001 limit: a passing case exactly at the limit and a failing case one past it.
@Suite struct OutboundLimitTests {
    struct LimitCase: Sendable, CustomTestStringConvertible {
        var name: String
        var field: String
        var limit: Int
        /// Content with the limited thing at `size`.
        var make: @Sendable (Int) -> OutboundContent
        var testDescription: String { name }
    }

    static func text(_ count: Int) -> String { String(repeating: "a", count: count) }
    static func buttons(_ count: Int) -> [ReplyButton] {
        (0..<count).map { ReplyButton(id: "b\($0)", title: "B\($0)") }
    }
    static func rows(_ count: Int) -> [ListRow] { (0..<count).map { ListRow(id: "r\($0)", title: "R\($0)") } }
    static func list(
        body: String = "Escolha", button: String = "Ver", rows: [ListRow] = rows(1), header: String? = nil,
        footer: String? = nil
    ) -> OutboundContent {
        .list(
            ListContent(
                body: body, buttonText: button, sections: [ListSection(title: "S", rows: rows)],
                header: header, footer: footer))
    }
    static func buttonsMessage(
        body: String = "Escolha", buttons: [ReplyButton] = buttons(1), header: String? = nil,
        footer: String? = nil
    ) -> OutboundContent {
        .buttons(ButtonsContent(body: body, buttons: buttons, header: header, footer: footer))
    }

    static let cases: [LimitCase] = [
        LimitCase(name: "text body", field: "content", limit: 4096) { .text(body: text($0)) },
        LimitCase(name: "media caption", field: "metadata.caption", limit: 1024) {
            .media(MediaContent(kind: .image, url: "https://cdn.example.com/a.jpg", caption: text($0)))
        },
        LimitCase(name: "buttons count", field: "buttons", limit: 3) { buttonsMessage(buttons: buttons($0)) },
        LimitCase(name: "button title", field: "buttons[0].title", limit: 20) {
            buttonsMessage(buttons: [ReplyButton(id: "b", title: text($0))])
        },
        LimitCase(name: "buttons header", field: "headerText", limit: 60) {
            buttonsMessage(header: text($0))
        },
        LimitCase(name: "buttons footer", field: "footerText", limit: 60) {
            buttonsMessage(footer: text($0))
        },
        LimitCase(name: "buttons body", field: "bodyText", limit: 1024) { buttonsMessage(body: text($0)) },
        LimitCase(name: "list rows in one section", field: "sections[].rows", limit: 10) {
            list(rows: rows($0))
        },
        LimitCase(name: "list rows over sections", field: "sections[].rows", limit: 10) { count in
            .list(
                ListContent(
                    body: "b", buttonText: "Ver",
                    sections: [
                        ListSection(title: "A", rows: rows(5)),
                        ListSection(title: "B", rows: (5..<count).map { ListRow(id: "x\($0)", title: "X") }),
                    ]))
        },
        LimitCase(name: "row title", field: "sections[0].rows[0].title", limit: 24) {
            list(rows: [ListRow(id: "r", title: text($0))])
        },
        LimitCase(name: "row description", field: "sections[0].rows[0].description", limit: 72) {
            list(rows: [ListRow(id: "r", title: "t", description: text($0))])
        },
        LimitCase(name: "list button text", field: "buttonText", limit: 20) { list(button: text($0)) },
        LimitCase(name: "list header", field: "headerText", limit: 60) { list(header: text($0)) },
        LimitCase(name: "list footer", field: "footerText", limit: 60) { list(footer: text($0)) },
    ]

    @Test(arguments: cases)
    func atTheLimitPasses(_ limitCase: LimitCase) throws {
        try limitCase.make(limitCase.limit).validate()
    }

    @Test(arguments: cases)
    func onePastTheLimitFailsNamingFieldAndLimit(_ limitCase: LimitCase) {
        expectDomainError(.validation, field: limitCase.field, limit: limitCase.limit) {
            try limitCase.make(limitCase.limit + 1).validate()
        }
    }

    @Test func charactersAreCountedAsTheUserSeesThem() throws {
        let thumbs = String(repeating: "👍🏽", count: 20)
        #expect(thumbs.utf16.count > 20)
        try Self.buttonsMessage(buttons: [ReplyButton(id: "b", title: thumbs)]).validate()
        try OutboundContent.text(body: String(repeating: "ção", count: 1365) + "a").validate()
    }

    @Test(arguments: [
        (OutboundContent.text(body: "  "), "content"),
        (.buttons(ButtonsContent(body: "", buttons: buttons(1))), "bodyText"),
        (.buttons(ButtonsContent(body: "b", buttons: [])), "buttons"),
        (.list(ListContent(body: "", buttonText: "Ver", sections: [ListSection(rows: rows(1))])), "bodyText"),
        (.list(ListContent(body: "b", buttonText: "Ver", sections: [])), "sections"),
        (
            .list(ListContent(body: "b", buttonText: "Ver", sections: [ListSection(rows: [])])),
            "sections[0].rows"
        ),
        (.template(TemplateContent(name: "", languageCode: "pt_BR", parameters: [])), "templateName"),
        (
            .template(TemplateContent(name: "Reserva Confirmada", languageCode: "pt_BR", parameters: [])),
            "templateName"
        ),
        (
            .template(TemplateContent(name: "reserva_confirmada", languageCode: "", parameters: [])),
            "languageCode"
        ),
        (
            .template(
                TemplateContent(name: "reserva_confirmada", languageCode: "pt_BR", parameters: ["ok", ""])),
            "parameters[1]"
        ),
        (.media(MediaContent(kind: .image, url: "ftp://x/y.jpg")), "content"),
        (.media(MediaContent(kind: .document, url: "")), "content"),
        (
            .buttons(
                ButtonsContent(
                    body: "b", buttons: [ReplyButton(id: "a", title: "A"), ReplyButton(id: "a", title: "B")])),
            "buttons[1].id"
        ),
    ])
    func requiredAndMalformedFieldsAreNamed(content: OutboundContent, field: String) {
        expectDomainError(.validation, field: field) { try content.validate() }
    }

    @Test func seedExamplesAreValid() throws {
        try OutboundContent.template(
            TemplateContent(
                name: "reserva_confirmada", languageCode: "pt_BR",
                parameters: ["João Silva", "15", "dezembro", "14:00"])
        ).validate()
        try OutboundContent.buttons(
            ButtonsContent(
                body: "Escolha uma opção:",
                buttons: [
                    ReplyButton(id: "opt1", title: "Nova Reserva"),
                    ReplyButton(id: "opt2", title: "Ver Reservas"),
                    ReplyButton(id: "opt3", title: "Falar com Atendente"),
                ], header: "Menu Principal", footer: "Disponível 24/7")
        ).validate()
        try OutboundContent.list(
            ListContent(
                body: "Escolha o tipo de quarto:", buttonText: "Ver quartos",
                sections: [
                    ListSection(
                        title: "Quartos Standard",
                        rows: [
                            ListRow(
                                id: "quarto_single", title: "Single",
                                description: "Cama de solteiro - R$ 150/noite"),
                            ListRow(
                                id: "quarto_double", title: "Double",
                                description: "Cama de casal - R$ 200/noite"),
                        ]),
                    ListSection(
                        title: "Quartos Premium",
                        rows: [
                            ListRow(
                                id: "quarto_suite", title: "Suite Master",
                                description: "Cama king + sala - R$ 350/noite")
                        ]),
                ])
        ).validate()
    }
}
