import Domain
import Testing

@testable import API

/// The API, not the Domain, chooses how a Domain error answers.
struct DomainErrorHTTPTests {
    @Test func errorCodesMapToHttpStatuses() {
        #expect(DomainError.Code.validation.httpStatus == 400)
        #expect(DomainError.Code.invalidWebhook.httpStatus == 400)
        #expect(DomainError.Code.notFound.httpStatus == 404)
        #expect(DomainError.Code.conflict.httpStatus == 409)
        #expect(DomainError.Code.windowClosed.httpStatus == 422)
    }

    @Test func fieldAndLimitGoIntoDetails() {
        let error = DomainError(.validation, field: "content", limit: 4096, message: "too long").apiError
        #expect(error.status == 400)
        #expect(error.code == "ERR_VALIDATION")
        #expect(error.details["field"] == .string("content"))
        #expect(error.details["limit"] == .number(4096))
    }
}
