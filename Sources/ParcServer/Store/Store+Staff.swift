import Crypto
import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// A staff user authenticated by one of their tokens.
public struct AuthenticatedStaff: Sendable, Equatable {
    public var user: StaffUser
    public var tokenID: Int64
}

extension Store {
    static let staffColumns = "s.id, s.email, s.name, s.role, s.active, s.hourly_cost_cents, s.skills, s.created_at"

    static func staffUser(_ row: any SQLRow) throws -> StaffUser {
        let roleText = try row.decode(column: "role", as: String.self)
        var user = StaffUser(
            id: try row.decode(column: "id", as: Int64.self),
            email: try row.decode(column: "email", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            role: StaffRole(rawValue: roleText) ?? .technician,
            active: try row.decode(column: "active", as: Bool.self),
            createdAt: try row.date("created_at"))
        user.hourlyCostCents = try row.decode(column: "hourly_cost_cents", as: Int64?.self)
        user.skills = try row.decode(column: "skills", as: String?.self).map { $0.split(separator: "\n").map(String.init) } ?? []
        return user
    }

    public func createStaff(_ new: NewStaffUser, now: Date = Date()) async throws -> StaffUser {
        try await database.transaction { db in try await Self.insertStaff(new, now: now, db: db) }
    }

    static func insertStaff(_ new: NewStaffUser, now: Date, db: any SQLDatabase) async throws -> StaffUser {
        let stamp = Timestamp.string(now)
        do {
            let row = try await db.raw(
                """
                INSERT INTO staff_users (email, name, role, active, created_at, updated_at)
                VALUES (\(bind: new.email), \(bind: new.name), \(bind: new.role.rawValue), \(bind: true), \(bind: stamp), \(bind: stamp))
                RETURNING id
                """
            ).first()
            let id = try row.require().decode(column: "id", as: Int64.self)
            return StaffUser(id: id, email: new.email, name: new.name, role: new.role, active: true, createdAt: Timestamp.date(stamp) ?? now)
        } catch {
            throw translate(error, uniqueField: "email", uniqueMessage: "a staff user with email \(new.email) already exists")
        }
    }

    public func staff(id: Int64) async throws -> StaffUser {
        try await database.withConnection { db in
            let row = try await db.raw("SELECT \(unsafeRaw: Self.staffColumns) FROM staff_users s WHERE s.id = \(bind: id)").first()
            guard let row else { throw StoreError.notFound(entity: "staff user", key: String(id)) }
            return try Self.staffUser(row)
        }
    }

    public func listStaff(_ query: ListQuery) async throws -> Page<StaffUser> {
        try await database.withConnection { db in
            var conditions: [SQLQueryString] = []
            if let search = query.search, !search.isEmpty {
                let pattern = Self.likePattern(search)
                conditions.append("(LOWER(s.email) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(s.name) LIKE \(bind: pattern) ESCAPE '\\')")
            }
            if let active = query.active { conditions.append("s.active = \(bind: active)") }
            let whereClause = Self.whereClause(conditions)
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM staff_users s \(whereClause)")
            let rows = try await db.raw(
                "SELECT \(unsafeRaw: Self.staffColumns) FROM staff_users s \(whereClause) ORDER BY s.email LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)"
            ).all()
            return Page(items: try rows.map(Self.staffUser), total: total, limit: query.limit, offset: query.offset)
        }
    }

    /// Changes a staff user. Refuses to leave the provider without an active manager.
    public func updateStaff(id: Int64, _ update: StaffUpdate, now: Date = Date()) async throws -> StaffUser {
        try await database.transaction { db in
            let row = try await db.raw("SELECT \(unsafeRaw: Self.staffColumns) FROM staff_users s WHERE s.id = \(bind: id)").first()
            guard let row else { throw StoreError.notFound(entity: "staff user", key: String(id)) }
            var user = try Self.staffUser(row)
            let wasActiveManager = user.active && user.role == .manager
            if let name = update.name { user.name = name }
            if let role = update.role { user.role = role }
            if let active = update.active { user.active = active }
            if let cost = update.hourlyCostCents {
                guard cost <= Bounds.amountCents else {
                    throw ValidationError(field: "hourlyCostCents", reason: "must be at most \(Bounds.amountCents) cents (got \(cost))")
                }
                user.hourlyCostCents = cost < 0 ? nil : cost
            }
            // Deactivating revokes every token for good: reactivating the user does not bring them back.
            if update.active == false {
                try await db.raw(
                    "UPDATE api_tokens SET revoked_at = \(bind: Timestamp.string(now)) WHERE staff_id = \(bind: id) AND revoked_at IS NULL"
                ).run()
            }
            if let skills = update.skills {
                user.skills = skills.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }.uniqued()
            }
            if wasActiveManager && !(user.active && user.role == .manager) {
                let managers = try await Self.count(
                    db, "SELECT COUNT(*) AS n FROM staff_users WHERE role = 'manager' AND active = \(bind: true)")
                if managers <= 1 {
                    throw StoreError.conflict(field: "role", message: "this is the last active manager; make another manager first")
                }
            }
            try await db.raw(
                """
                UPDATE staff_users SET name = \(bind: user.name), role = \(bind: user.role.rawValue), active = \(bind: user.active),
                hourly_cost_cents = \(bind: user.hourlyCostCents), skills = \(bind: user.skills.isEmpty ? nil : user.skills.joined(separator: "\n")),
                updated_at = \(bind: Timestamp.string(now)) WHERE id = \(bind: id)
                """
            ).run()
            return user
        }
    }

    // MARK: - API tokens

    static let tokenColumns = """
        t.id, t.staff_id, s.email AS staff_email, t.label, t.prefix, t.created_at, t.expires_at, t.last_used_at, t.revoked_at
        """

    static func apiToken(_ row: any SQLRow) throws -> APIToken {
        APIToken(
            id: try row.decode(column: "id", as: Int64.self),
            staffID: try row.decode(column: "staff_id", as: Int64.self),
            staffEmail: try row.decode(column: "staff_email", as: String.self),
            label: try row.decode(column: "label", as: String.self),
            prefix: try row.decode(column: "prefix", as: String.self),
            createdAt: try row.date("created_at"),
            expiresAt: try row.optionalDate("expires_at"),
            lastUsedAt: try row.optionalDate("last_used_at"),
            revokedAt: try row.optionalDate("revoked_at"))
    }

    /// Creates a token for `staffID` and returns it with its secret, which is stored only as a SHA-256 hash.
    public func createToken(staffID: Int64, label: String, expiresInDays: Int?, now: Date = Date()) async throws -> CreatedAPIToken {
        try await database.transaction { db in
            try await Self.insertToken(staffID: staffID, label: label, expiresInDays: expiresInDays, now: now, db: db)
        }
    }

    static func insertToken(staffID: Int64, label: String, expiresInDays: Int?, now: Date, db: any SQLDatabase) async throws -> CreatedAPIToken {
        let owner = try await db.raw("SELECT s.email, s.active FROM staff_users s WHERE s.id = \(bind: staffID)").first()
        guard let owner else { throw StoreError.invalidReference(field: "staffID", message: "no staff user has id \(staffID)") }
        guard try owner.decode(column: "active", as: Bool.self) else {
            throw StoreError.conflict(field: "staffID", message: "staff user \(staffID) is deactivated")
        }
        let secret = StaffTokenSecret.generate()
        let expires = expiresInDays.map { now.addingTimeInterval(TimeInterval($0) * 86_400) }
        let created = Timestamp.string(now)
        let row = try await db.raw(
            """
            INSERT INTO api_tokens (staff_id, label, secret_hash, prefix, created_at, expires_at)
            VALUES (\(bind: staffID), \(bind: label), \(bind: StaffTokenSecret.hash(secret)), \(bind: StaffTokenSecret.displayPrefix(secret)),
                    \(bind: created), \(bind: expires.map(Timestamp.string)))
            RETURNING id
            """
        ).first()
        let id = try row.require().decode(column: "id", as: Int64.self)
        let token = APIToken(
            id: id, staffID: staffID, staffEmail: try owner.decode(column: "email", as: String.self), label: label,
            prefix: StaffTokenSecret.displayPrefix(secret), createdAt: Timestamp.date(created) ?? now,
            expiresAt: expires.flatMap { Timestamp.date(Timestamp.string($0)) }, lastUsedAt: nil, revokedAt: nil)
        return CreatedAPIToken(token: token, secret: secret)
    }

    /// Tokens of one staff user, or of everyone when `staffID` is nil; newest first.
    public func listTokens(staffID: Int64?, _ query: ListQuery = ListQuery()) async throws -> Page<APIToken> {
        try await database.withConnection { db in
            let filter: SQLQueryString = staffID.map { "WHERE t.staff_id = \(bind: $0)" } ?? ""
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM api_tokens t \(filter)")
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.tokenColumns) FROM api_tokens t JOIN staff_users s ON s.id = t.staff_id \(filter)
                ORDER BY t.id DESC LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
                """
            ).all()
            return Page(items: try rows.map(Self.apiToken), total: total, limit: query.limit, offset: query.offset)
        }
    }

    public func token(id: Int64) async throws -> APIToken {
        try await database.withConnection { db in
            let row = try await db.raw(
                "SELECT \(unsafeRaw: Self.tokenColumns) FROM api_tokens t JOIN staff_users s ON s.id = t.staff_id WHERE t.id = \(bind: id)"
            ).first()
            guard let row else { throw StoreError.notFound(entity: "token", key: String(id)) }
            return try Self.apiToken(row)
        }
    }

    /// Revokes a token at once; revoking a revoked token keeps its first revocation time.
    public func revokeToken(id: Int64, now: Date = Date()) async throws -> APIToken {
        try await database.transaction { db in
            try await db.raw(
                "UPDATE api_tokens SET revoked_at = \(bind: Timestamp.string(now)) WHERE id = \(bind: id) AND revoked_at IS NULL"
            ).run()
            let row = try await db.raw(
                "SELECT \(unsafeRaw: Self.tokenColumns) FROM api_tokens t JOIN staff_users s ON s.id = t.staff_id WHERE t.id = \(bind: id)"
            ).first()
            guard let row else { throw StoreError.notFound(entity: "token", key: String(id)) }
            return try Self.apiToken(row)
        }
    }

    /// Finds the active staff user owning `secret`, if the token is valid now. Records the use
    /// at most once a minute per token, so authentication does not write on every request.
    public func authenticate(secret: String, now: Date = Date()) async throws -> AuthenticatedStaff? {
        guard StaffTokenSecret.looksValid(secret) else { return nil }
        let hash = StaffTokenSecret.hash(secret)
        let found: (AuthenticatedStaff, Date?)? = try await database.withConnection { db in
            let row = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.staffColumns), t.id AS token_id, t.expires_at, t.last_used_at, t.revoked_at
                FROM api_tokens t JOIN staff_users s ON s.id = t.staff_id WHERE t.secret_hash = \(bind: hash)
                """
            ).first()
            guard let row else { return nil }
            let user = try Self.staffUser(row)
            guard user.active, try row.decode(column: "revoked_at", as: String?.self) == nil else { return nil }
            if let expires = try row.optionalDate("expires_at"), expires <= now { return nil }
            let staff = AuthenticatedStaff(user: user, tokenID: try row.decode(column: "token_id", as: Int64.self))
            return (staff, try row.optionalDate("last_used_at"))
        }
        guard let (staff, lastUsed) = found else { return nil }
        if lastUsed.map({ now.timeIntervalSince($0) >= 60 }) ?? true {
            try await database.withConnection { db in
                try await db.raw(
                    "UPDATE api_tokens SET last_used_at = \(bind: Timestamp.string(now)) WHERE id = \(bind: staff.tokenID)"
                ).run()
            }
        }
        return staff
    }
}

/// Staff API token secrets: `parc_` + 43 base64url characters (256 random bits).
/// Only the SHA-256 of a secret is stored; a fast hash is right here because the secret has full entropy.
public enum StaffTokenSecret {
    public static let scheme = "parc_"

    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return scheme + Data(bytes).base64URLEncoded()
    }

    public static func hash(_ secret: String) -> String {
        Hex.encode(SHA256.hash(data: Data(secret.utf8)))
    }

    public static func displayPrefix(_ secret: String) -> String {
        String(secret.prefix(scheme.count + 6))
    }

    static func looksValid(_ secret: String) -> Bool {
        secret.hasPrefix(scheme) && secret.utf8.count == scheme.utf8.count + 43
    }
}

extension Data {
    func base64URLEncoded() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
