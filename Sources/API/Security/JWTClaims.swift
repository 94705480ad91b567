/// The claims ChatLedger puts in a token: user (`sub`), tenant (`tid`), role, issue and
/// expiry times (seconds since the epoch).
public struct JWTClaims: Codable, Sendable, Equatable {
    public let sub: String
    public let tid: String
    public let role: String
    public let iat: Int64
    public let exp: Int64

    public init(sub: String, tid: String, role: String, iat: Int64, exp: Int64) {
        self.sub = sub
        self.tid = tid
        self.role = role
        self.iat = iat
        self.exp = exp
    }
}
