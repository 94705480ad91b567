/// Why a token was refused; all of them are a 401 to the caller.
public enum JWTError: Error, Equatable, Sendable {
    case malformed
    case unsupportedAlgorithm(String)
    case badSignature
    case expired
}

extension JWTError: HTTPResponseError {
    public var apiError: APIError {
        switch self {
        case .expired: return APIError.unauthorized("Token expired")
        case .malformed, .unsupportedAlgorithm, .badSignature: return APIError.unauthorized("Invalid token")
        }
    }
}
