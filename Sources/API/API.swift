/// The API module of ChatLedger (see SPEC §2 for its responsibilities).
public enum APIModule {
    public static let name = "API"
}
