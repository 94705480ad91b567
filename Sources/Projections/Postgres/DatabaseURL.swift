import Foundation

/// Helpers on PostgreSQL URLs (used to create per-test and per-bench databases).
public enum DatabaseURL {
    /// The same URL pointing at database `name`.
    public static func replacingDatabase(in url: String, with name: String) throws -> String {
        guard var components = URLComponents(string: url), components.scheme?.hasPrefix("postgres") == true
        else {
            throw DatabaseError.invalidURL(url)
        }
        components.path = "/" + name
        guard let result = components.string else { throw DatabaseError.invalidURL(url) }
        return result
    }
}
