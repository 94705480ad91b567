import Foundation

extension Tenant {
    /// Decides a tenant command against the folded state (`nil` = no stream yet).
    public static func decide(_ command: TenantCommand, state: Tenant?) throws -> Decision {
        switch command {
        case .register(let tenantId, let name, let slug):
            if state != nil { throw DomainError.invalidState("tenant already exists", field: "tenantSlug") }
            let cleanName = Validate.trimmed(try Validate.text(name, field: "tenantName", max: 120))
            try Validate.slug(slug, field: "tenantSlug")
            return Decision(
                [.tenantRegistered(TenantRegistered(tenantId: tenantId, name: cleanName, slug: slug))],
                keyChanges: [.reserve(key: UniqueKeys.slug(slug), stream: Streams.tenant(tenantId))])
        case .configureChannel(let settings):
            guard let tenant = state else { throw DomainError.notFound("tenant") }
            return try tenant.configure(settings)
        case .changeConnectionState(let connectionState, let at):
            guard let tenant = state else { throw DomainError.notFound("tenant") }
            if tenant.connectionState == connectionState { return .none }
            return Decision([
                .channelStatusChanged(
                    ChannelStatusChanged(tenantId: tenant.id, state: connectionState, at: at))
            ])
        }
    }

    private func configure(_ settings: ChannelSettings) throws -> Decision {
        _ = try Validate.text(settings.sealedSecrets, field: "secrets", max: 16_384)
        let stream = Streams.tenant(id)
        let newKey: String
        switch settings.provider {
        case .meta:
            let number = try Validate.text(settings.phoneNumberId ?? "", field: "phoneNumberId", max: 64)
            _ = try Validate.optionalText(settings.apiVersion, field: "apiVersion", max: 16)
            newKey = UniqueKeys.metaNumber(number)
        case .evolution:
            let instance = try Validate.text(settings.instanceName ?? "", field: "instanceName", max: 128)
            try Validate.httpURL(settings.apiBaseUrl ?? "", field: "apiBaseUrl")
            newKey = UniqueKeys.evolutionInstance(instance)
        }
        if let base = settings.apiBaseUrl { try Validate.httpURL(base, field: "apiBaseUrl") }
        _ = try Validate.optionalText(settings.displayPhoneNumber, field: "displayPhoneNumber", max: 32)
        let event = WhatsAppChannelConfigured(
            tenantId: id, provider: settings.provider, phoneNumberId: settings.phoneNumberId,
            displayPhoneNumber: settings.displayPhoneNumber, instanceName: settings.instanceName,
            apiBaseUrl: settings.apiBaseUrl, apiVersion: settings.apiVersion,
            sealedSecrets: settings.sealedSecrets)
        if event == channel { return .none }
        var keys: [DomainKeyChange] = []
        if let oldKey = channel.map(Self.channelKey), oldKey != newKey {
            keys.append(.release(key: oldKey, stream: stream))
        }
        keys.append(.reserve(key: newKey, stream: stream))
        return Decision([.whatsAppChannelConfigured(event)], keyChanges: keys)
    }

    /// The unique key that routes a provider's webhooks to this tenant.
    public static func channelKey(_ channel: WhatsAppChannelConfigured) -> String {
        switch channel.provider {
        case .meta: UniqueKeys.metaNumber(channel.phoneNumberId ?? "")
        case .evolution: UniqueKeys.evolutionInstance(channel.instanceName ?? "")
        }
    }
}
