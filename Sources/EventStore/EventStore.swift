/// The EventStore module of ChatLedger (see SPEC §2 for its responsibilities).
public enum EventStoreModule {
    public static let name = "EventStore"
}
