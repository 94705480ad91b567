extension OutboundContent {
    /// Checks every seed 001 limit; the first violation is thrown as `ERR_VALIDATION`
    /// naming the request field (`buttons[1].title`) and the limit.
    public func validate() throws {
        switch self {
        case .text(let body):
            _ = try Validate.text(body, field: "content", max: OutboundLimits.textBody)
        case .media(let media):
            try Validate.httpURL(media.url, field: "content", max: OutboundLimits.mediaURL)
            _ = try Validate.optionalText(
                media.caption, field: "metadata.caption", max: OutboundLimits.caption)
            _ = try Validate.optionalText(media.filename, field: "metadata.filename", max: 240)
        case .template(let template):
            try Self.validate(template)
        case .buttons(let buttons):
            try Self.validate(buttons)
        case .list(let list):
            try Self.validate(list)
        }
    }

    private static func validate(_ template: TemplateContent) throws {
        _ = try Validate.text(template.name, field: "templateName", max: OutboundLimits.templateName)
        let nameIsValid = template.name.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_"
        }
        if !nameIsValid {
            throw DomainError(
                .validation, field: "templateName",
                message: "templateName may hold only lower-case letters, digits and underscores")
        }
        _ = try Validate.text(template.languageCode, field: "languageCode", max: OutboundLimits.languageCode)
        try Validate.count(template.parameters.count, field: "parameters", OutboundLimits.templateParameters)
        for (index, parameter) in template.parameters.enumerated() {
            _ = try Validate.text(
                parameter, field: "parameters[\(index)]", max: OutboundLimits.templateParameter)
        }
    }

    private static func validate(_ content: ButtonsContent) throws {
        _ = try Validate.text(content.body, field: "bodyText", max: OutboundLimits.interactiveBody)
        try Validate.count(content.buttons.count, field: "buttons", OutboundLimits.buttons)
        var seenIds = Set<String>()
        for (index, button) in content.buttons.enumerated() {
            _ = try Validate.text(button.id, field: "buttons[\(index)].id", max: OutboundLimits.replyId)
            _ = try Validate.text(
                button.title, field: "buttons[\(index)].title", max: OutboundLimits.buttonTitle)
            if !seenIds.insert(button.id).inserted {
                throw DomainError(
                    .validation, field: "buttons[\(index)].id", message: "button ids must be unique")
            }
        }
        _ = try Validate.optionalText(content.header, field: "headerText", max: OutboundLimits.headerFooter)
        _ = try Validate.optionalText(content.footer, field: "footerText", max: OutboundLimits.headerFooter)
    }

    private static func validate(_ content: ListContent) throws {
        _ = try Validate.text(content.body, field: "bodyText", max: OutboundLimits.interactiveBody)
        _ = try Validate.text(content.buttonText, field: "buttonText", max: OutboundLimits.listButtonText)
        _ = try Validate.optionalText(content.header, field: "headerText", max: OutboundLimits.headerFooter)
        _ = try Validate.optionalText(content.footer, field: "footerText", max: OutboundLimits.headerFooter)
        try Validate.count(content.sections.count, field: "sections", OutboundLimits.listSections)
        if let emptyIndex = content.sections.firstIndex(where: { $0.rows.isEmpty }) {
            throw DomainError.required("sections[\(emptyIndex)].rows")
        }
        let totalRows = content.sections.reduce(0) { $0 + $1.rows.count }
        try Validate.count(totalRows, field: "sections[].rows", OutboundLimits.listRows)
        var seenIds = Set<String>()
        for (sectionIndex, section) in content.sections.enumerated() {
            let sectionField = "sections[\(sectionIndex)]"
            _ = try Validate.optionalText(
                section.title, field: sectionField + ".title", max: OutboundLimits.sectionTitle)
            for (rowIndex, row) in section.rows.enumerated() {
                let rowField = sectionField + ".rows[\(rowIndex)]"
                _ = try Validate.text(row.id, field: rowField + ".id", max: OutboundLimits.replyId)
                _ = try Validate.text(row.title, field: rowField + ".title", max: OutboundLimits.rowTitle)
                _ = try Validate.optionalText(
                    row.description, field: rowField + ".description", max: OutboundLimits.rowDescription)
                if !seenIds.insert(row.id).inserted {
                    throw DomainError(.validation, field: rowField + ".id", message: "row ids must be unique")
                }
            }
        }
        if content.sections.count > 1, content.sections.contains(where: { $0.title == nil }) {
            throw DomainError(
                .validation, field: "sections[].title",
                message: "every section needs a title when there are several")
        }
    }
}
