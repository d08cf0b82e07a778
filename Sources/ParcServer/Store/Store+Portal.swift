import Crypto
import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// Portal accounts as staff manage them: invite an employee of a client, list, change the role,
/// disable (which ends every session at once), unlock, and send a new link.
extension Store {
    static let portalUserColumns = """
        u.id, c.code AS client_code, u.employee_id, e.name AS employee_name, u.email, u.role, u.password_hash IS NOT NULL AS has_password,
        u.totp_secret IS NOT NULL AS has_totp, u.locked_until, u.disabled_at, u.last_login_at, u.created_at
        """
    static let portalUserTables = "portal_users u JOIN clients c ON c.id = u.client_id JOIN employees e ON e.id = u.employee_id"

    static func portalUser(_ row: any SQLRow, now: Date) throws -> PortalUser {
        let lockedUntil = try row.decode(column: "locked_until", as: String?.self).flatMap(Timestamp.date)
        let status = PortalRules.status(
            hasPassword: try row.decode(column: "has_password", as: Bool.self), disabled: try row.decode(column: "disabled_at", as: String?.self) != nil,
            lockedUntil: lockedUntil.map { Int64($0.timeIntervalSince1970) }, now: Int64(now.timeIntervalSince1970))
        return PortalUser(
            id: try row.decode(column: "id", as: Int64.self), clientCode: try row.decode(column: "client_code", as: String.self),
            employeeID: try row.decode(column: "employee_id", as: Int64.self), employeeName: try row.decode(column: "employee_name", as: String.self),
            email: try row.decode(column: "email", as: String.self), role: PortalRole(rawValue: try row.decode(column: "role", as: String.self)) ?? .member,
            status: status, secondFactor: try row.decode(column: "has_totp", as: Bool.self), lockedUntil: status == .locked ? lockedUntil : nil,
            lastLoginAt: try row.decode(column: "last_login_at", as: String?.self).flatMap(Timestamp.date), createdAt: try row.date("created_at"))
    }

    static func portalUser(id: Int64, now: Date, db: any SQLDatabase) async throws -> PortalUser {
        let row = try await db.raw("SELECT \(unsafeRaw: portalUserColumns) FROM \(unsafeRaw: portalUserTables) WHERE u.id = \(bind: id)").first()
        guard let row else { throw StoreError.notFound(entity: "portal user", key: String(id)) }
        return try portalUser(row, now: now)
    }

    public func portalUser(id: Int64, now: Date = Date()) async throws -> PortalUser {
        try await database.withConnection { db in try await Self.portalUser(id: id, now: now, db: db) }
    }

    /// Opens a portal account for one of the client's employees and returns its invitation link.
    /// The employee's e-mail is the login; an employee has at most one account.
    public func invitePortalUser(clientCode: String, _ new: NewPortalUser, now: Date = Date()) async throws -> PortalLink {
        try await database.transaction { db in try await Self.invitePortalUser(client: try await Self.client(code: clientCode, db: db), new, now: now, db: db) }
    }

    static func invitePortalUser(client: Client, _ new: NewPortalUser, now: Date, db: any SQLDatabase) async throws -> PortalLink {
        let employee = try await Self.employee(id: new.employeeID, db: db)
        guard employee.clientCode == client.code else {
            throw StoreError.invalidReference(
                field: "employeeID", message: "employee \(new.employeeID) works for \(employee.clientCode), not for \(client.code)")
        }
        guard employee.active else { throw StoreError.invalidReference(field: "employeeID", message: "employee \(new.employeeID) is deactivated") }
        guard let email = employee.email else {
            throw StoreError.invalidReference(
                field: "employeeID", message: "\(employee.name) has no e-mail address, which is the portal login: add one with 'parcctl employee update'")
        }
        let taken = try await db.raw(
            "SELECT id FROM portal_users WHERE employee_id = \(bind: employee.id) OR LOWER(email) = \(bind: email.lowercased())"
        ).first()
        if let taken {
            throw StoreError.conflict(
                field: "employeeID", message: "\(email) already has portal account \(try taken.decode(column: "id", as: Int64.self))")
        }
        let stamp = Timestamp.string(now)
        let row = try await db.raw(
            """
            INSERT INTO portal_users (client_id, employee_id, email, role, created_at, updated_at)
            VALUES (\(bind: client.id), \(bind: employee.id), \(bind: email), \(bind: new.role.rawValue), \(bind: stamp), \(bind: stamp))
            RETURNING id
            """
        ).first()
        let id = try row.require().decode(column: "id", as: Int64.self)
        return try await Self.issuePortalLink(userID: id, purpose: .invitation, now: now, db: db)
    }

    /// A new single-use link: the invitation again while no password is set, else a password reset.
    /// Earlier unused links of the account stop working.
    public func portalLink(userID: Int64, now: Date = Date()) async throws -> PortalLink {
        try await database.transaction { db in try await Self.portalLink(userID: userID, now: now, db: db) }
    }

    static func portalLink(userID: Int64, now: Date, db: any SQLDatabase) async throws -> PortalLink {
        let user = try await Self.portalUser(id: userID, now: now, db: db)
        guard user.status != .disabled else { throw StoreError.conflict(field: nil, message: "portal user \(userID) is disabled") }
        return try await Self.issuePortalLink(userID: userID, purpose: user.status == .invited ? .invitation : .reset, now: now, db: db)
    }

    static func issuePortalLink(userID: Int64, purpose: PortalRules.LinkPurpose, now: Date, db: any SQLDatabase) async throws -> PortalLink {
        let stamp = Timestamp.string(now)
        try await db.raw("UPDATE portal_links SET used_at = \(bind: stamp) WHERE portal_user_id = \(bind: userID) AND used_at IS NULL").run()
        let token = PortalSecret.generate()
        let expires = now.addingTimeInterval(TimeInterval(purpose.lifetimeSeconds))
        try await db.raw(
            """
            INSERT INTO portal_links (portal_user_id, purpose, token_hash, expires_at, created_at)
            VALUES (\(bind: userID), \(bind: purpose.rawValue), \(bind: PortalSecret.hash(token)), \(bind: Timestamp.string(expires)), \(bind: stamp))
            """
        ).run()
        var link = PortalLink(
            user: try await portalUser(id: userID, now: now, db: db), path: "/portal/\(purpose.rawValue)/\(token)",
            expiresAt: Timestamp.date(Timestamp.string(expires)) ?? expires)
        link.emailedTo = try await mailPortalLink(link, purpose: purpose, userID: userID, now: now, db: db)
        return link
    }

    /// Queues the link's mail to its user when mail can carry it (a relay and the portal's address
    /// are set), in the user's client's language; returns the address, or nil when not mailed.
    /// The link itself stays in the outbox only until the mail is sent (see `recordDelivery`).
    static func mailPortalLink(_ link: PortalLink, purpose: PortalRules.LinkPurpose, userID: Int64, now: Date, db: any SQLDatabase) async throws -> String? {
        guard let base = try await mailSetup(db: db)?.portalURL else { return nil }
        let client = try await db.raw(
            "SELECT c.id, c.document_language FROM portal_users u JOIN clients c ON c.id = u.client_id WHERE u.id = \(bind: userID)"
        ).first().require()
        let language = try client.decode(column: "document_language", as: String.self)
        // The links mailed before stop working now: their mails are not sent, and forgotten.
        let earlier: SQLQueryString = """
            SELECT d.event_id FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id
            WHERE e.type = \(bind: MailComposer.PortalLinkMail.eventType) AND d.target = \(bind: link.user.email) AND d.status = 'pending'
            """
        try await db.raw("UPDATE outbox_events SET payload = '{}' WHERE id IN (\(earlier))").run()
        try await db.raw(
            """
            UPDATE outbox_deliveries SET status = 'cancelled', last_error = 'a newer link was made', claimed_until = 0
            WHERE status = 'pending' AND target = \(bind: link.user.email)
                AND event_id IN (SELECT id FROM outbox_events WHERE type = \(bind: MailComposer.PortalLinkMail.eventType))
            """
        ).run()
        let mail = MailComposer.PortalLinkMail(
            purpose: purpose.rawValue, url: PortalAddress.link(base, link.path), name: link.user.employeeName, expiresAt: link.expiresAt)
        let payload = String(decoding: try CanonicalJSON.encode(mail), as: UTF8.self)
        let event = try await insertEvent(
            type: MailComposer.PortalLinkMail.eventType, clientID: try client.decode(column: "id", as: Int64.self), payload: payload, now: now, db: db)
        try await insertDelivery(eventID: event, endpointID: nil, channel: "email", target: link.user.email, language: language, now: now, db: db)
        return link.user.email
    }

    public func listPortalUsers(clientCode: String, _ query: ListQuery = ListQuery(), now: Date = Date()) async throws -> Page<PortalUser> {
        try await database.withConnection { db in
            let client = try await Self.client(code: clientCode, db: db)
            var conditions: [SQLQueryString] = ["u.client_id = \(bind: client.id)"]
            if let search = query.search, !search.isEmpty {
                let pattern = Self.likePattern(search)
                conditions.append("(LOWER(u.email) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(e.name) LIKE \(bind: pattern) ESCAPE '\\')")
            }
            let whereClause = Self.whereClause(conditions)
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM \(unsafeRaw: Self.portalUserTables) \(whereClause)")
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.portalUserColumns) FROM \(unsafeRaw: Self.portalUserTables) \(whereClause)
                ORDER BY LOWER(u.email), u.id LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
                """
            ).all()
            return Page(items: try rows.map { try Self.portalUser($0, now: now) }, total: total, limit: query.limit, offset: query.offset)
        }
    }

    /// A new role, or disabled / enabled again. Disabling deletes the account's sessions and links
    /// in the same transaction: nothing it opened works a moment later, on any server instance.
    public func updatePortalUser(id: Int64, _ update: PortalUserUpdate, now: Date = Date()) async throws -> PortalUser {
        try await database.transaction { db in try await Self.updatePortalUser(id: id, update, now: now, db: db) }
    }

    static func updatePortalUser(id: Int64, _ update: PortalUserUpdate, now: Date, db: any SQLDatabase) async throws -> PortalUser {
        _ = try await Self.portalUser(id: id, now: now, db: db)
        let stamp = Timestamp.string(now)
        if let role = update.role {
            try await db.raw("UPDATE portal_users SET role = \(bind: role.rawValue), updated_at = \(bind: stamp) WHERE id = \(bind: id)").run()
        }
        if update.resetSecondFactor == true {
            try await db.raw(
                """
                UPDATE portal_users SET totp_secret = NULL, totp_pending_secret = NULL, totp_last_step = NULL, updated_at = \(bind: stamp)
                WHERE id = \(bind: id)
                """
            ).run()
            try await db.raw("DELETE FROM portal_sessions WHERE portal_user_id = \(bind: id)").run()
        }
        if let disabled = update.disabled {
            try await db.raw(
                "UPDATE portal_users SET disabled_at = \(bind: disabled ? stamp : nil), updated_at = \(bind: stamp) WHERE id = \(bind: id)"
            ).run()
            if disabled {
                try await db.raw("DELETE FROM portal_sessions WHERE portal_user_id = \(bind: id)").run()
                try await db.raw("UPDATE portal_links SET used_at = \(bind: stamp) WHERE portal_user_id = \(bind: id) AND used_at IS NULL").run()
            }
        }
        return try await Self.portalUser(id: id, now: now, db: db)
    }

    /// Ends a lockout before its time and forgets the failures.
    public func unlockPortalUser(id: Int64, now: Date = Date()) async throws -> PortalUser {
        try await database.transaction { db in
            _ = try await Self.portalUser(id: id, now: now, db: db)
            try await db.raw(
                "UPDATE portal_users SET locked_until = NULL, failed_logins = 0, updated_at = \(bind: Timestamp.string(now)) WHERE id = \(bind: id)"
            ).run()
            return try await Self.portalUser(id: id, now: now, db: db)
        }
    }
}

/// Portal link and session secrets: 256 random bits, base64url; only their SHA-256 is stored
/// (a fast hash fits secrets with full entropy, unlike passwords).
public enum PortalSecret {
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64URLEncoded()
    }

    public static func hash(_ secret: String) -> String { StaffTokenSecret.hash(secret) }
}
