import Domain
import EventStore
import Foundation
import Synchronization

/// Every tenant's channel, kept in memory so webhook routing never touches Postgres: built
/// from the log at start and brought up to date by `refresh()` (after a channel command, and
/// whenever a webhook names a channel or token it does not know yet).
public final class ChannelDirectory: Sendable {
    private struct State {
        var position: UInt64 = 0
        var byTenant: [UUID: ChannelEntry] = [:]
        var tenantByMetaNumber: [String: UUID] = [:]
        var tenantByInstance: [String: UUID] = [:]
    }

    private let store: EventStore
    private let secretBox: SecretBox
    private let state = Mutex(State())
    /// Serialises refreshes so two readers of the log never apply the same events twice.
    private let refreshing = Mutex(())

    /// Reads the whole log once.
    public init(store: EventStore, secretBox: SecretBox) throws {
        self.store = store
        self.secretBox = secretBox
        try refresh()
    }

    /// Applies the channel events appended since the last refresh.
    public func refresh() throws {
        try refreshing.withLock { _ in
            var position = state.withLock { $0.position }
            while true {
                let records = try store.read(from: position + 1, limit: 4096)
                guard let last = records.last else { break }
                for record in records
                where record.type == WhatsAppChannelConfigured.type
                    || record.type == ChannelStatusChanged.type
                {
                    let event = try DomainCodec.decode(
                        type: record.type, payload: record.payload, personal: nil)
                    apply(event, recordedAt: record.recordedAt, occurredAt: record.occurredAt)
                }
                position = last.position
                state.withLock { $0.position = position }
            }
        }
    }

    private func apply(_ event: DomainEvent, recordedAt: Int64, occurredAt: Int64) {
        switch event {
        case .whatsAppChannelConfigured(let configured):
            let secrets = try? ChannelSecrets.open(configured.sealedSecrets, with: secretBox)
            state.withLock { state in
                if let old = state.byTenant[configured.tenantId] {
                    if let number = old.phoneNumberId { state.tenantByMetaNumber[number] = nil }
                    if let instance = old.instanceName { state.tenantByInstance[instance] = nil }
                }
                let entry = ChannelEntry(
                    tenantId: configured.tenantId, provider: configured.provider,
                    phoneNumberId: configured.phoneNumberId,
                    displayPhoneNumber: configured.displayPhoneNumber,
                    instanceName: configured.instanceName, apiBaseUrl: configured.apiBaseUrl,
                    apiVersion: configured.apiVersion, secrets: secrets,
                    connectionState: nil, configuredAt: recordedAt, statusChangedAt: occurredAt)
                state.byTenant[configured.tenantId] = entry
                switch configured.provider {
                case .meta:
                    if let number = configured.phoneNumberId {
                        state.tenantByMetaNumber[number] = configured.tenantId
                    }
                case .evolution:
                    if let instance = configured.instanceName {
                        state.tenantByInstance[instance] = configured.tenantId
                    }
                }
            }
        case .channelStatusChanged(let changed):
            state.withLock {
                $0.byTenant[changed.tenantId]?.connectionState = changed.state
                $0.byTenant[changed.tenantId]?.statusChangedAt = changed.at
            }
        default:
            break
        }
    }

    /// The channel of a tenant.
    public func channel(tenant: UUID) -> ChannelEntry? {
        state.withLock { $0.byTenant[tenant] }
    }

    /// The Meta channel with this `phone_number_id`; refreshes once on a miss.
    public func meta(phoneNumberId: String) throws -> ChannelEntry? {
        if let entry = lookupMeta(phoneNumberId) { return entry }
        try refresh()
        return lookupMeta(phoneNumberId)
    }

    /// The Evolution channel of this instance; refreshes once on a miss.
    public func evolution(instance: String) throws -> ChannelEntry? {
        if let entry = lookupInstance(instance) { return entry }
        try refresh()
        return lookupInstance(instance)
    }

    /// Whether any Meta channel has this verify token (each compared in constant time).
    public func isVerifyToken(_ token: String) throws -> Bool {
        if matchesVerifyToken(token) { return true }
        try refresh()
        return matchesVerifyToken(token)
    }

    private func matchesVerifyToken(_ token: String) -> Bool {
        let tokens = state.withLock { state in state.byTenant.values.compactMap { $0.secrets?.verifyToken } }
        var found = false
        // No early exit: the time taken does not reveal which channel matched.
        for candidate in tokens where WebhookSignature.tokensEqual(candidate, token) { found = true }
        return found
    }

    private func lookupMeta(_ number: String) -> ChannelEntry? {
        state.withLock { state in state.tenantByMetaNumber[number].flatMap { state.byTenant[$0] } }
    }

    private func lookupInstance(_ instance: String) -> ChannelEntry? {
        state.withLock { state in state.tenantByInstance[instance].flatMap { state.byTenant[$0] } }
    }
}
