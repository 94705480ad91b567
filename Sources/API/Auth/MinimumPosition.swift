import Foundation
import Projections

/// Read-your-writes for GETs: `X-Min-Position: <log position>` waits (bounded) until the read
/// models include that position; 503 when they do not get there in time.
public struct MinimumPosition: Middleware {
    private let pipeline: CommandPipeline

    public init(_ services: AppServices) {
        pipeline = services.pipeline
    }

    public func handle(_ request: Request, next: Responder) throws -> Response {
        guard let text = request.header("X-Min-Position") else { return try next(request) }
        guard let position = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
            throw APIError.validation(field: "X-Min-Position", "X-Min-Position must be a log position")
        }
        guard position == 0 || pipeline.waitForProjection(position: position) else {
            throw APIError(
                status: 503, code: "ERR_PROJECTION_LAGGING",
                message: "The read models have not caught up yet",
                details: ["position": .number(Double(position)), "retry": true],
                headers: [HTTPHeader("Retry-After", "1")])
        }
        return try next(request)
    }
}
