/// The Projections module of ChatLedger (see SPEC §2 for its responsibilities).
public enum ProjectionsModule {
    public static let name = "Projections"
}
