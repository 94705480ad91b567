import Foundation

/// Name-based ids of everything derived from webhooks, so redelivering a webhook yields
/// exactly the same ids (and the store skips them).
public enum EventIDs {
    /// Id of the message with provider id `wamid`.
    public static func message(provider: ChannelProvider, wamid: String) -> UUID {
        NameBasedID.make(provider: provider.rawValue, providerId: wamid, kind: "message")
    }

    /// Id of an event derived from the message with provider id `wamid` (`kind` names
    /// which one: "MessageReceived", "ContactRegistered", …).
    public static func derived(provider: ChannelProvider, wamid: String, kind: String) -> UUID {
        NameBasedID.make(provider: provider.rawValue, providerId: wamid, kind: kind)
    }

    /// Id of the status event that moves message `wamid` to `status`. It does not depend on
    /// the provider or on whether the status was first kept pending, so both paths agree.
    public static func status(wamid: String, status: DeliveryStatus) -> UUID {
        NameBasedID.make(provider: "status", providerId: wamid, kind: status.rawValue)
    }

    /// Id of the pending record of `status` for `wamid`.
    public static func pendingStatus(wamid: String, status: DeliveryStatus) -> UUID {
        NameBasedID.make(provider: "pending-status", providerId: wamid, kind: status.rawValue)
    }

    /// Id of a raw webhook body: the same bytes give the same id.
    public static func rawWebhook(provider: ChannelProvider, body: [UInt8]) -> UUID {
        NameBasedID.make(
            provider: provider.rawValue, providerId: Hex.encode(SHA256.hash(body)), kind: "raw-webhook")
    }
}
