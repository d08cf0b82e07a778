import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ParcDomain
import ParcProtocol

/// The portal's JSON API for a client's integrations (`/portal/api/v1`): what the pages show, with
/// the same `ClientStore` queries and the same reach, for the bearer of a personal access token a
/// client admin made. Errors are JSON like the staff API's.
struct PortalAPIController {
    let store: Store

    static let unauthorized = APIError(
        .unauthorized, code: "unauthorized",
        message: "missing, invalid, expired or revoked portal token (send 'Authorization: Bearer parcp_...'; a client admin makes one in the portal)")

    typealias Handler = @Sendable (Request, AppRequestContext, PortalCaller, ClientStore) async throws -> Response

    /// Runs `handler` for a token's bearer, 401 otherwise.
    func authorized(_ handler: @escaping Handler) -> @Sendable (Request, AppRequestContext) async throws -> Response {
        { [store] request, context in
            guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
                let caller = try await store.portalCaller(token: String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces))
            else { throw Self.unauthorized }
            var context = context
            context.logger[metadataKey: "parc.portal_user_id"] = "\(caller.user.id)"
            return try await handler(request, context, caller, store.scoped(to: caller.scope))
        }
    }

    /// A JSON body of at most 64 KiB: a ticket or a comment.
    static let bodyLimit = 64 * 1024

    func addRoutes(to router: Router<AppRequestContext>) {
        let api = router.group("portal/api/v1")
        api.get("home", use: authorized { _, _, caller, client in try JSONResponse.make(try await client.portalHome(caller.viewer)) })
        api.get(
            "assets",
            use: authorized { request, _, caller, client in try JSONResponse.make(try await client.portalAssets(caller.viewer, try request.listQuery())) })
        api.get(
            "assets/{id}",
            use: authorized { _, context, caller, client in
                try JSONResponse.make(try await client.portalAsset(caller.viewer, id: try context.parameters.id("id")))
            })
        api.get(
            "assets/{id}/software",
            use: authorized { request, context, caller, client in
                try JSONResponse.make(try await client.portalAssetSoftware(caller.viewer, id: try context.parameters.id("id"), try request.listQuery()))
            })
        api.get(
            "tickets",
            use: authorized { request, _, caller, client in
                let all = try Self.flag(request, "all")
                return try JSONResponse.make(try await client.portalTickets(caller.viewer, includeDone: all, try request.listQuery()))
            })
        api.post(
            "tickets",
            use: authorized { request, context, caller, client in
                let new = try await request.decodeJSON(PortalNewTicket.self, context: context, limit: Self.bodyLimit)
                return try JSONResponse.make(try await client.openPortalTicket(caller.viewer, user: caller.user, new), status: .created)
            })
        api.get(
            "tickets/{id}",
            use: authorized { _, context, caller, client in
                try JSONResponse.make(try await client.portalTicket(caller.viewer, id: try context.parameters.id("id")))
            })
        api.post(
            "tickets/{id}/comments",
            use: authorized { request, context, caller, client in
                let comment = try await request.decodeJSON(PortalNewComment.self, context: context, limit: Self.bodyLimit)
                let made = try await client.commentPortalTicket(caller.viewer, user: caller.user, id: try context.parameters.id("id"), body: comment.body)
                return try JSONResponse.make(made, status: .created)
            })
        for action in PortalAccess.TicketAction.allCases {
            api.post(
                "tickets/{id}/\(action.rawValue)",
                use: authorized { _, context, caller, client in
                    try JSONResponse.make(try await client.actOnPortalTicket(caller.viewer, user: caller.user, id: try context.parameters.id("id"), action))
                })
        }
        api.get(
            "licences",
            use: authorized { request, _, caller, client in try JSONResponse.make(try await client.portalLicences(caller.viewer, try request.listQuery())) })
        api.get(
            "invoices",
            use: authorized { request, _, caller, client in try JSONResponse.make(try await client.portalInvoices(caller.viewer, try request.listQuery())) })
        api.get(
            "invoices/{id}",
            use: authorized { _, context, caller, client in
                try JSONResponse.make(try await client.portalInvoice(caller.viewer, id: try context.parameters.id("id")))
            })
        for format in PortalController.InvoiceFormat.allCases {
            api.get(
                "invoices/{id}/\(format.rawValue)",
                use: authorized { _, context, caller, client in
                    try await PortalController.invoiceDocument(format, client: client, viewer: caller.viewer, id: try context.parameters.id("id"))
                })
        }
        api.get(
            "contracts",
            use: authorized { request, _, caller, client in try JSONResponse.make(try await client.portalContracts(caller.viewer, try request.listQuery())) })
        api.get(
            "contracts/{id}",
            use: authorized { _, context, caller, client in
                try JSONResponse.make(try await client.portalContract(caller.viewer, id: try context.parameters.id("id")))
            })
    }

    static func flag(_ request: Request, _ name: String) throws -> Bool {
        guard let raw = request.uri.queryParameters.get(name) else { return false }
        switch raw {
        case "true", "1": return true
        case "false", "0": return false
        default: throw APIError(.badRequest, code: "invalid_parameter", message: "\(name) must be true or false", field: name)
        }
    }
}
