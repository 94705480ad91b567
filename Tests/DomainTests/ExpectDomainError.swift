import Domain
import Testing

/// Asserts that `body` throws a `DomainError` with this code, field and limit.
func expectDomainError(
    _ code: DomainError.Code, field: String?, limit: Int? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record(
            "expected \(code.rawValue) on \(field ?? "-"), nothing was thrown", sourceLocation: sourceLocation
        )
    } catch let error as DomainError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        #expect(error.field == field, "\(error)", sourceLocation: sourceLocation)
        if let limit { #expect(error.limit == limit, "\(error)", sourceLocation: sourceLocation) }
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}
