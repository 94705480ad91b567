import Foundation

/// The one normal form of an e-mail address. Everything that stores, compares or keys an
/// address (user creation, login, the login rate limiter, the `email:` unique key) goes
/// through `normalized(_:)`, so two spellings of one address can never be two users, two
/// rate-limit buckets or a lookup that misses.
public enum EmailAddress {
    /// `raw` without surrounding white space, lower-cased, in Unicode NFC.
    ///
    /// NFC comes last: lower-casing a composed letter can leave a sequence that is not
    /// composed, and "é" typed as `e` + U+0301 and as U+00E9 must be one address.
    public static func normalized(_ raw: String) -> String {
        Validate.trimmed(raw).lowercased().precomposedStringWithCanonicalMapping
    }
}
