import Foundation
import Hummingbird
import Logging
import ParcDomain
import ParcProtocol

/// Clients' portal accounts as staff manage them (`/api/v1/clients/{code}/portal-users`,
/// `/api/v1/portal-users/{id}`). Everyone on staff reads them; managers invite, change roles,
/// disable, unlock and send new links. A link's token is in the answer that made it, only.
struct PortalUserController {
    let store: Store

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("clients/{code}/portal-users") { request, context in
            _ = try context.requireStaff(.managePortalUsers)
            let new = try await request.decodeJSON(NewPortalUser.self, context: context)
            let link = try await store.invitePortalUser(clientCode: try context.parameters.string("code"), new)
            context.logger.info(
                "portal user invited", metadata: ["parc.portal_user_id": "\(link.user.id)", "parc.client_code": "\(link.user.clientCode)"])
            return try JSONResponse.make(link, status: .created)
        }
        group.get("clients/{code}/portal-users") { request, context in
            _ = try context.requireStaff(.readDirectory)
            return try JSONResponse.make(try await store.listPortalUsers(clientCode: try context.parameters.string("code"), try request.listQuery()))
        }
        group.get("portal-users/{id}") { _, context in
            _ = try context.requireStaff(.readDirectory)
            return try JSONResponse.make(try await store.portalUser(id: try context.parameters.id("id")))
        }
        group.patch("portal-users/{id}") { request, context in
            _ = try context.requireStaff(.managePortalUsers)
            let update = try await request.decodeJSON(PortalUserUpdate.self, context: context)
            let user = try await store.updatePortalUser(id: try context.parameters.id("id"), update)
            context.logger.info("portal user updated", metadata: ["parc.portal_user_id": "\(user.id)", "parc.status": "\(user.status.rawValue)"])
            return try JSONResponse.make(user)
        }
        group.post("portal-users/{id}/unlock") { _, context in
            _ = try context.requireStaff(.managePortalUsers)
            return try JSONResponse.make(try await store.unlockPortalUser(id: try context.parameters.id("id")))
        }
        group.post("portal-users/{id}/link") { _, context in
            _ = try context.requireStaff(.managePortalUsers)
            let link = try await store.portalLink(userID: try context.parameters.id("id"))
            context.logger.info("portal link issued", metadata: ["parc.portal_user_id": "\(link.user.id)"])
            return try JSONResponse.make(link, status: .created)
        }
    }
}
