import Foundation
import Hummingbird
import Logging
import ParcProtocol

/// Authenticates staff API requests by their bearer token. Role checks happen per route
/// (`AppRequestContext.requireStaff(_:)`), since each route knows what it does.
struct StaffAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: Store

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { throw APIError.unauthorized }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.unauthorized }
        let secret = parts[1].trimmingCharacters(in: .whitespaces)
        guard let staff = try await store.authenticate(secret: secret) else { throw APIError.unauthorized }
        var context = context
        context.staff = staff
        context.logger[metadataKey: "parc.staff_id"] = "\(staff.user.id)"
        return try await next(request, context)
    }
}
