import Foundation
import HummingbirdBcrypt
import NIOPosix
import ParcDomain
import ParcProtocol
import SQLKit

/// A signed-in portal user: the session's secret (for the cookie; only its hash is stored), the
/// CSRF token its forms carry, and who it is.
public struct PortalSession: Sendable, Equatable {
    public var id: String
    public var csrfToken: String
    public var user: PortalUser
    public var clientID: Int64
}

/// What a login attempt came to. Unknown e-mail and wrong password are one answer, reached in the
/// same time (a bcrypt comparison runs either way).
public enum PortalLoginOutcome: Sendable, Equatable {
    case signedIn(PortalSession)
    case refused
    case locked(until: Date)
    case addressLimited(until: Date)
}

/// Why a link cannot be used. All say the same to the visitor: no way to tell which links existed.
public enum PortalLinkRefusal: Error, Equatable, Sendable {
    case unknownOrUsed
    case expired
    case weakPassword([String])
}

/// Portal sign-in: setting a password from a link, logging in (with lockout per account and per
/// address), sessions kept server-side (idle 30 minutes, 12 hours at most, rotated at each login),
/// logging out. Bcrypt runs on NIO's blocking thread pool, never on an event loop.
extension Store {
    public static let sessionIdleSeconds: TimeInterval = 30 * 60
    public static let sessionLifetimeSeconds: TimeInterval = 12 * 3600
    /// Compared against when the e-mail is unknown, so that both answers take one bcrypt's time.
    static let decoyHash = Bcrypt.hash("parc decoy password, never a real one", cost: 12)

    static func offLoop<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }

    /// Sets the password of the link's account (an invitation or a reset), uses the link, clears any
    /// lockout and signs the user in.
    public func usePortalLink(token: String, password: String, now: Date = Date()) async throws -> PortalSession {
        let hash = PortalSecret.hash(token)
        let row = try await database.withConnection { db in
            try await db.raw(
                """
                SELECT l.id, l.portal_user_id, l.expires_at, l.used_at, u.email, u.disabled_at FROM portal_links l
                JOIN portal_users u ON u.id = l.portal_user_id WHERE l.token_hash = \(bind: hash)
                """
            ).first()
        }
        guard let row, try row.decode(column: "used_at", as: String?.self) == nil, try row.decode(column: "disabled_at", as: String?.self) == nil
        else { throw PortalLinkRefusal.unknownOrUsed }
        guard let expires = Timestamp.date(try row.decode(column: "expires_at", as: String.self)), expires > now else {
            throw PortalLinkRefusal.expired
        }
        let problems = PasswordPolicy.problems(password, email: try row.decode(column: "email", as: String.self))
        guard problems.isEmpty else { throw PortalLinkRefusal.weakPassword(problems) }
        let passwordHash = try await Self.offLoop { Bcrypt.hash(password, cost: 12) }
        let linkID = try row.decode(column: "id", as: Int64.self)
        let userID = try row.decode(column: "portal_user_id", as: Int64.self)
        return try await database.transaction { db in
            let stamp = Timestamp.string(now)
            // Used once: the update only succeeds for the first of two concurrent uses.
            let used = try await db.raw(
                "UPDATE portal_links SET used_at = \(bind: stamp) WHERE id = \(bind: linkID) AND used_at IS NULL RETURNING id"
            ).first()
            guard used != nil else { throw PortalLinkRefusal.unknownOrUsed }
            try await db.raw(
                """
                UPDATE portal_users SET password_hash = \(bind: passwordHash), failed_logins = 0, locked_until = NULL, updated_at = \(bind: stamp)
                WHERE id = \(bind: userID)
                """
            ).run()
            // A new password ends every other session of the account.
            try await db.raw("DELETE FROM portal_sessions WHERE portal_user_id = \(bind: userID)").run()
            return try await Self.openPortalSession(userID: userID, now: now, db: db)
        }
    }

    /// Checks an e-mail and password from `address`. Five wrong passwords lock the account for 15
    /// minutes; twenty failures from one address within 15 minutes refuse that address.
    public func portalLogin(email: String, password: String, address: String, now: Date = Date()) async throws -> PortalLoginOutcome {
        let nowSeconds = Int64(now.timeIntervalSince1970)
        if let until = try await addressLimit(address, now: nowSeconds) {
            return .addressLimited(until: Date(timeIntervalSince1970: TimeInterval(until)))
        }
        let row = try await database.withConnection { db in
            try await db.raw(
                "SELECT id, password_hash, failed_logins, locked_until, disabled_at FROM portal_users WHERE LOWER(email) = \(bind: email.lowercased())"
            ).first()
        }
        let stored = try row?.decode(column: "password_hash", as: String?.self)
        let matches = try await Self.offLoop { Bcrypt.verify(password, hash: stored ?? Self.decoyHash) }
        guard let row, stored != nil, try row.decode(column: "disabled_at", as: String?.self) == nil else {
            try await recordAddressFailure(address, now: nowSeconds)
            return .refused
        }
        let userID = try row.decode(column: "id", as: Int64.self)
        if let lockedUntil = try row.decode(column: "locked_until", as: String?.self).flatMap(Timestamp.date), lockedUntil > now {
            return .locked(until: lockedUntil)
        }
        guard matches else {
            try await recordAddressFailure(address, now: nowSeconds)
            let (failures, lockedUntil) = PortalRules.afterFailure(failures: Int(try row.decode(column: "failed_logins", as: Int64.self)), now: nowSeconds)
            let until = lockedUntil.map { Date(timeIntervalSince1970: TimeInterval($0)) }
            try await database.withConnection { db in
                try await db.raw(
                    """
                    UPDATE portal_users SET failed_logins = \(bind: Int64(failures)), locked_until = \(bind: until.map(Timestamp.string))
                    WHERE id = \(bind: userID)
                    """
                ).run()
            }
            return until.map { .locked(until: $0) } ?? .refused
        }
        return .signedIn(
            try await database.transaction { db in
                try await db.raw(
                    """
                    UPDATE portal_users SET failed_logins = 0, locked_until = NULL, last_login_at = \(bind: Timestamp.string(now)) WHERE id = \(bind: userID)
                    """
                ).run()
                return try await Self.openPortalSession(userID: userID, now: now, db: db)
            })
    }

    /// The session a cookie names, if it is still good: not idle 30 minutes, not older than 12
    /// hours, its user not disabled. Using it keeps it alive.
    public func portalSession(id: String, now: Date = Date()) async throws -> PortalSession? {
        try await database.withConnection { db in
            let hash = PortalSecret.hash(id)
            let row = try await db.raw(
                """
                SELECT s.portal_user_id, s.csrf_token, s.created_at, s.last_seen_at, u.client_id, u.disabled_at FROM portal_sessions s
                JOIN portal_users u ON u.id = s.portal_user_id WHERE s.id_hash = \(bind: hash)
                """
            ).first()
            guard let row, try row.decode(column: "disabled_at", as: String?.self) == nil,
                let created = Timestamp.date(try row.decode(column: "created_at", as: String.self)),
                let seen = Timestamp.date(try row.decode(column: "last_seen_at", as: String.self)),
                now.timeIntervalSince(created) < Self.sessionLifetimeSeconds, now.timeIntervalSince(seen) < Self.sessionIdleSeconds
            else {
                if row != nil { try await db.raw("DELETE FROM portal_sessions WHERE id_hash = \(bind: hash)").run() }
                return nil
            }
            // Written at most once a minute: reading a page is not a write each time.
            if now.timeIntervalSince(seen) >= 60 {
                try await db.raw("UPDATE portal_sessions SET last_seen_at = \(bind: Timestamp.string(now)) WHERE id_hash = \(bind: hash)").run()
            }
            let userID = try row.decode(column: "portal_user_id", as: Int64.self)
            return PortalSession(
                id: id, csrfToken: try row.decode(column: "csrf_token", as: String.self), user: try await Self.portalUser(id: userID, now: now, db: db),
                clientID: try row.decode(column: "client_id", as: Int64.self))
        }
    }

    public func endPortalSession(id: String) async throws {
        try await database.withConnection { db in
            try await db.raw("DELETE FROM portal_sessions WHERE id_hash = \(bind: PortalSecret.hash(id))").run()
        }
    }

    static func openPortalSession(userID: Int64, now: Date, db: any SQLDatabase) async throws -> PortalSession {
        let id = PortalSecret.generate()
        let csrf = PortalSecret.generate()
        let stamp = Timestamp.string(now)
        try await db.raw(
            """
            INSERT INTO portal_sessions (id_hash, portal_user_id, csrf_token, created_at, last_seen_at)
            VALUES (\(bind: PortalSecret.hash(id)), \(bind: userID), \(bind: csrf), \(bind: stamp), \(bind: stamp))
            """
        ).run()
        let clientID = try await db.raw("SELECT client_id FROM portal_users WHERE id = \(bind: userID)").first().require()
            .decode(column: "client_id", as: Int64.self)
        return PortalSession(id: id, csrfToken: csrf, user: try await portalUser(id: userID, now: now, db: db), clientID: clientID)
    }

    /// When the address may try again, if it is refused now.
    func addressLimit(_ address: String, now: Int64) async throws -> Int64? {
        try await database.withConnection { db in
            let row = try await db.raw("SELECT window_started_at, failures FROM portal_login_attempts WHERE address = \(bind: address)").first()
            guard let row, let started = Int64(try row.decode(column: "window_started_at", as: String.self)) else { return nil }
            let end = started + PortalRules.addressWindowSeconds
            let failures = try row.decode(column: "failures", as: Int64.self)
            return end > now && failures >= Int64(PortalRules.failuresPerAddress) ? end : nil
        }
    }

    func recordAddressFailure(_ address: String, now: Int64) async throws {
        try await database.transaction { db in
            let row = try await db.raw("SELECT window_started_at, failures FROM portal_login_attempts WHERE address = \(bind: address)").first()
            if let row, let started = Int64(try row.decode(column: "window_started_at", as: String.self)),
                started + PortalRules.addressWindowSeconds > now
            {
                let failures = try row.decode(column: "failures", as: Int64.self)
                try await db.raw("UPDATE portal_login_attempts SET failures = \(bind: failures + 1) WHERE address = \(bind: address)").run()
            } else {
                try await db.raw("DELETE FROM portal_login_attempts WHERE address = \(bind: address)").run()
                try await db.raw(
                    "INSERT INTO portal_login_attempts (address, window_started_at, failures) VALUES (\(bind: address), \(bind: String(now)), 1)"
                ).run()
            }
        }
    }
}
