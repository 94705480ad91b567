/// The Domain module of ChatLedger (see SPEC §2 for its responsibilities).
public enum DomainModule {
    public static let name = "Domain"
}
