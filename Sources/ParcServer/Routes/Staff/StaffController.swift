import Foundation
import Hummingbird
import Logging
import ParcDomain
import ParcProtocol

/// Staff users and their API tokens (`/api/v1/me`, `/api/v1/staff/...`, `/api/v1/tokens/...`).
struct StaffController {
    let store: Store

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("me") { _, context in
            let staff = try context.requireStaff(.manageOwnTokens)
            return try JSONResponse.make(Identity(staff: staff.user, tokenID: staff.tokenID))
        }

        group.post("staff") { request, context in
            _ = try context.requireStaff(.manageStaff)
            let new = try DirectoryRules.validated(try await request.decodeJSON(NewStaffUser.self, context: context))
            let user = try await store.createStaff(new)
            context.logger.info("staff user created", metadata: ["parc.new_staff_id": "\(user.id)", "parc.role": "\(user.role.rawValue)"])
            return try JSONResponse.make(user, status: .created)
        }
        group.get("staff") { request, context in
            _ = try context.requireStaff(.readStaff)
            return try JSONResponse.make(try await store.listStaff(try request.listQuery()))
        }
        group.get("staff/{id}") { _, context in
            _ = try context.requireStaff(.readStaff)
            return try JSONResponse.make(try await store.staff(id: try context.parameters.id("id")))
        }
        group.patch("staff/{id}") { request, context in
            _ = try context.requireStaff(.manageStaff)
            var update = try await request.decodeJSON(StaffUpdate.self, context: context)
            if let name = update.name {
                update.name = name.trimmingCharacters(in: .whitespaces)
                if update.name?.isEmpty ?? true { throw ValidationError(field: "name", reason: "must not be empty") }
            }
            return try JSONResponse.make(try await store.updateStaff(id: try context.parameters.id("id"), update))
        }

        group.post("tokens") { request, context in
            let caller = try context.requireStaff(.manageOwnTokens)
            let new = try DirectoryRules.validated(try await request.decodeJSON(NewAPIToken.self, context: context))
            let owner = new.staffID ?? caller.user.id
            if owner != caller.user.id { _ = try context.requireStaff(.manageOthersTokens) }
            let created = try await store.createToken(staffID: owner, label: new.label, expiresInDays: new.expiresInDays)
            context.logger.info("API token created", metadata: ["parc.token_id": "\(created.token.id)", "parc.owner_id": "\(owner)"])
            return try JSONResponse.make(created, status: .created)
        }
        group.get("tokens") { request, context in
            let caller = try context.requireStaff(.manageOwnTokens)
            let everyone = StaffAction.manageOthersTokens.isAllowed(for: caller.user.role)
            return try JSONResponse.make(try await store.listTokens(staffID: everyone ? nil : caller.user.id, try request.listQuery()))
        }
        group.delete("tokens/{id}") { _, context in
            let caller = try context.requireStaff(.manageOwnTokens)
            let id = try context.parameters.id("id")
            let token = try await store.token(id: id)
            if token.staffID != caller.user.id {
                // Someone else's token: managers only, and others must not learn it exists.
                guard StaffAction.manageOthersTokens.isAllowed(for: caller.user.role) else {
                    throw StoreError.notFound(entity: "token", key: String(id))
                }
            }
            let revoked = try await store.revokeToken(id: id)
            context.logger.info("API token revoked", metadata: ["parc.token_id": "\(id)"])
            return try JSONResponse.make(revoked)
        }
    }
}
