import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// A client admin managing the client's portal accounts from the portal: the same rules as the
/// staff's (`Store+Portal`), on the scope's client only, and never on their own account (an admin
/// cannot lock themselves out; another admin or the provider can).
extension ClientStore {
    public func portalUsers(_ viewer: PortalViewer, now: Date = Date()) async throws -> [PortalUser] {
        try require(viewer, .users)
        return try await database.withConnection { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Store.portalUserColumns) FROM \(unsafeRaw: Store.portalUserTables)
                WHERE u.client_id = \(bind: scope.clientID) ORDER BY LOWER(e.name), u.id LIMIT 1000
                """
            ).all().map { try Store.portalUser($0, now: now) }
        }
    }

    /// The client's active employee with this e-mail address, to invite.
    public func employee(_ viewer: PortalViewer, email: String) async throws -> Employee {
        try require(viewer, .users)
        let address = email.trimmingCharacters(in: .whitespaces).lowercased()
        return try await database.withConnection { db in
            let row = try await db.raw(
                "SELECT e.id FROM employees e WHERE e.client_id = \(bind: scope.clientID) AND LOWER(e.email) = \(bind: address)"
            ).first()
            guard let row else {
                throw StoreError.invalidReference(
                    field: "email", message: "no employee of yours has the address \(address.prefix(254)): your IT provider adds employees")
            }
            return try await Store.employee(id: try row.decode(column: "id", as: Int64.self), db: db)
        }
    }

    public func invitePortalUser(_ viewer: PortalViewer, _ new: NewPortalUser, now: Date = Date()) async throws -> PortalLink {
        try require(viewer, .users)
        return try await database.transaction { db in
            try await Store.invitePortalUser(client: try await Store.client(id: scope.clientID, db: db), new, now: now, db: db)
        }
    }

    /// Another account of the client, or not found.
    func otherAccount(_ viewer: PortalViewer, id: Int64, db: any SQLDatabase) async throws {
        guard id != viewer.userID else {
            throw StoreError.conflict(field: nil, message: "you cannot change your own account here: ask another client admin or your IT provider")
        }
        let found = try await Store.count(db, "SELECT COUNT(*) AS n FROM portal_users u WHERE u.id = \(bind: id) AND u.client_id = \(bind: scope.clientID)")
        guard found == 1 else { throw StoreError.notFound(entity: "portal user", key: String(id)) }
    }

    public func updatePortalUser(_ viewer: PortalViewer, id: Int64, _ update: PortalUserUpdate, now: Date = Date()) async throws -> PortalUser {
        try require(viewer, .users)
        return try await database.transaction { db in
            try await otherAccount(viewer, id: id, db: db)
            return try await Store.updatePortalUser(id: id, update, now: now, db: db)
        }
    }

    /// A new invitation or reset link for another account of the client, shown to the admin.
    public func portalLink(_ viewer: PortalViewer, userID: Int64, now: Date = Date()) async throws -> PortalLink {
        try require(viewer, .users)
        return try await database.transaction { db in
            try await otherAccount(viewer, id: userID, db: db)
            return try await Store.portalLink(userID: userID, now: now, db: db)
        }
    }
}
