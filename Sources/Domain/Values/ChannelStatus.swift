/// What a tenant's WhatsApp channel shows, wherever it is shown (the channel routes, the
/// dashboard's read model): one mapping from its provider and last connection report.
public enum ChannelStatus: String, Sendable, Equatable {
    case unconfigured = "UNCONFIGURED"
    case connected = "CONNECTED"
    case connecting = "CONNECTING"
    case disconnected = "DISCONNECTED"

    /// A Meta Cloud API number holds no session: once configured it receives and sends. An
    /// Evolution instance is connecting until it reports its WhatsApp Web session; configuring
    /// a channel again forgets the last report (the provider reports afresh).
    public init(provider: ChannelProvider, connection: ChannelConnectionState?) {
        switch (provider, connection) {
        case (.meta, _): self = .connected
        case (.evolution, nil), (.evolution, .connecting?): self = .connecting
        case (.evolution, .open?): self = .connected
        case (.evolution, .close?), (.evolution, .refused?): self = .disconnected
        }
    }
}
