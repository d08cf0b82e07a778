import Hummingbird
import Logging

/// Turns every error into a JSON error response. Errors the code does not know are logged with the
/// request id and answered with a bare 500, so internals never reach the caller.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            if let apiError = APIError.from(error) {
                if apiError.status.code >= 500 {
                    context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
                }
                return try apiError.response(from: request, context: context)
            }
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            return try APIError(
                .internalServerError, code: "internal",
                message: "internal error; the server log has the details (request id \(context.logger[metadataKey: "hb.request.id"] ?? "?"))"
            )
            .response(from: request, context: context)
        }
    }
}
