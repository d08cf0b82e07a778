import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// A client admin's personal access tokens for the portal's JSON API: made, listed and revoked
/// from the portal; only their SHA-256 is stored.
extension ClientStore {
    static func portalToken(_ row: any SQLRow) throws -> PortalToken {
        PortalToken(
            id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self), createdAt: try row.date("created_at"),
            expiresAt: try row.date("expires_at"), lastUsedAt: try row.optionalDate("last_used_at"))
    }

    /// The viewer's live tokens, newest first.
    public func portalTokens(_ viewer: PortalViewer, now: Date = Date()) async throws -> [PortalToken] {
        try require(viewer, .users)
        return try await database.withConnection { db in
            try await db.raw(
                """
                SELECT t.id, t.name, t.created_at, t.expires_at, t.last_used_at FROM portal_tokens t JOIN portal_users u ON u.id = t.portal_user_id
                WHERE t.portal_user_id = \(bind: viewer.userID) AND u.client_id = \(bind: scope.clientID) AND t.revoked_at IS NULL
                    AND t.expires_at > \(bind: Timestamp.string(now))
                ORDER BY t.id DESC
                """
            ).all().map(Self.portalToken)
        }
    }

    public func createPortalToken(_ viewer: PortalViewer, name: String, days: Int?, now: Date = Date()) async throws -> CreatedPortalToken {
        try require(viewer, .users)
        let (name, days) = try PortalTokenRules.validated(name: name, days: days)
        let live = try await portalTokens(viewer, now: now)
        guard live.count < PortalTokenRules.maximumLive else {
            throw StoreError.conflict(field: nil, message: "you have \(live.count) live tokens: revoke one first")
        }
        let secret = PortalTokenRules.prefix + PortalSecret.generate()
        let stamp = Timestamp.string(now)
        let expires = Timestamp.string(now.addingTimeInterval(TimeInterval(days) * 86_400))
        return try await database.transaction { db in
            let row = try await db.raw(
                """
                INSERT INTO portal_tokens (portal_user_id, name, token_hash, created_at, expires_at)
                SELECT u.id, \(bind: name), \(bind: PortalSecret.hash(secret)), \(bind: stamp), \(bind: expires) FROM portal_users u
                WHERE u.id = \(bind: viewer.userID) AND u.client_id = \(bind: scope.clientID)
                RETURNING id, name, created_at, expires_at, last_used_at
                """
            ).first()
            guard let row else { throw StoreError.notFound(entity: "portal user", key: String(viewer.userID)) }
            return CreatedPortalToken(token: try Self.portalToken(row), secret: secret)
        }
    }

    public func revokePortalToken(_ viewer: PortalViewer, id: Int64, now: Date = Date()) async throws {
        try require(viewer, .users)
        try await database.transaction { db in
            let row = try await db.raw(
                """
                UPDATE portal_tokens SET revoked_at = \(bind: Timestamp.string(now))
                WHERE id = \(bind: id) AND portal_user_id = \(bind: viewer.userID) AND revoked_at IS NULL
                    AND portal_user_id IN (SELECT u.id FROM portal_users u WHERE u.client_id = \(bind: scope.clientID))
                RETURNING id
                """
            ).first()
            guard row != nil else { throw StoreError.notFound(entity: "token", key: String(id)) }
        }
    }
}
