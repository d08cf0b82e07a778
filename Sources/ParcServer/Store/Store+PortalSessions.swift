import Foundation
import HummingbirdBcrypt
import NIOCore
import NIOPosix
import ParcDomain
import ParcProtocol
import SQLKit

#if canImport(Glibc)
    import Glibc
#endif

/// A signed-in portal user: the session's secret (for the cookie; only its hash is stored), the
/// CSRF token its forms carry, who it is, and the client scope and reach its pages get.
public struct PortalSession: Sendable, Equatable {
    public var id: String
    public var csrfToken: String
    public var user: PortalUser
    public var scope: ClientScope
    public var viewer: PortalViewer
    /// The provider requires a second factor of this user, who has none yet: only the page that
    /// sets it up opens.
    public var mustSetUpSecondFactor = false
}

/// What a login attempt came to. Unknown e-mail and wrong password are one answer, reached in the
/// same time (a bcrypt comparison runs either way).
public enum PortalLoginOutcome: Sendable, Equatable {
    case signedIn(PortalSession)
    /// The password was right; the session opens once the account's one-time code is typed.
    case codeNeeded(PortalSession)
    case refused
    case locked(until: Date)
    case addressLimited(until: Date)
}

/// Why a link cannot be used. All say the same to the visitor: no way to tell which links existed.
public enum PortalLinkRefusal: Error, Equatable, Sendable {
    case unknownOrUsed
    case expired
    case weakPassword([PasswordPolicy.Problem])
}

/// Portal sign-in: setting a password from a link, logging in (with lockout per account and per
/// address), sessions kept server-side (idle 30 minutes, 12 hours at most, rotated at each login),
/// logging out. Bcrypt runs on NIO's blocking thread pool, never on an event loop.
extension Store {
    public static let sessionIdleSeconds: TimeInterval = 30 * 60
    public static let sessionLifetimeSeconds: TimeInterval = 12 * 3600
    /// Compared against when the e-mail is unknown, so that both answers take one bcrypt's time.
    static let decoyHash = Bcrypt.hash("parc decoy password, never a real one", cost: passwordCost)
    /// Bcrypt's work factor: OWASP's floor, which lets one core of a small server check twenty
    /// sign-ins a second; the lockout and address limits are what stop guessing online.
    static let passwordCost: UInt8 = 10

    /// Bcrypt's own threads: never an event loop, and not the threads SQLite's blocking calls run
    /// on either, so that a burst of sign-ins slows sign-ins, not agents' check-ins. At most half
    /// the cores (one on a two-core machine): whatever the storm, agents and pages keep the rest.
    /// At normal priority: a lower one (nice 10, earlier 19) let any other load on the machine
    /// starve sign-ins, past 30 s each on a busy host, while the thread count alone already bounds
    /// what sign-ins take.
    static let passwordThreads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(1, System.coreCount / 2))
        pool.start()
        return pool
    }()

    static func offLoop<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws -> T {
        try await passwordThreads.runIfActive { work() }
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
        let passwordHash = try await Self.offLoop { Bcrypt.hash(password, cost: Self.passwordCost) }
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
            return try await recordFailure(userID: userID, failures: Int(try row.decode(column: "failed_logins", as: Int64.self)), now: now)
        }
        return try await database.transaction { db in
            let hasCode =
                try await db.raw("SELECT totp_secret FROM portal_users WHERE id = \(bind: userID)").first()?
                .decode(column: "totp_secret", as: String?.self) != nil
            if hasCode { return .codeNeeded(try await Self.openPortalSession(userID: userID, now: now, awaitingCode: true, db: db)) }
            try await db.raw(
                """
                UPDATE portal_users SET failed_logins = 0, locked_until = NULL, last_login_at = \(bind: Timestamp.string(now)) WHERE id = \(bind: userID)
                """
            ).run()
            return .signedIn(try await Self.openPortalSession(userID: userID, now: now, db: db))
        }
    }

    /// A wrong password or code: counted, and the fifth in a row locks the account.
    func recordFailure(userID: Int64, failures: Int, now: Date) async throws -> PortalLoginOutcome {
        let (count, lockedUntil) = PortalRules.afterFailure(failures: failures, now: Int64(now.timeIntervalSince1970))
        let until = lockedUntil.map { Date(timeIntervalSince1970: TimeInterval($0)) }
        try await database.withConnection { db in
            try await db.raw(
                """
                UPDATE portal_users SET failed_logins = \(bind: Int64(count)), locked_until = \(bind: until.map(Timestamp.string))
                WHERE id = \(bind: userID)
                """
            ).run()
        }
        return until.map { .locked(until: $0) } ?? .refused
    }

    /// The session a cookie names, if it is still good: not idle 30 minutes, not older than 12
    /// hours, its user not disabled. Using it keeps it alive.
    public func portalSession(id: String, now: Date = Date()) async throws -> PortalSession? {
        try await database.withConnection { db in
            let hash = PortalSecret.hash(id)
            let row = try await db.raw(
                """
                SELECT s.portal_user_id, s.csrf_token, s.created_at, s.last_seen_at, s.awaiting_code, u.disabled_at FROM portal_sessions s
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
            // A session waiting for its code opens no page.
            guard try !row.decode(column: "awaiting_code", as: Bool.self) else { return nil }
            // Written at most once a minute: reading a page is not a write each time.
            if now.timeIntervalSince(seen) >= 60 {
                try await db.raw("UPDATE portal_sessions SET last_seen_at = \(bind: Timestamp.string(now)) WHERE id_hash = \(bind: hash)").run()
            }
            return try await Self.portalSession(
                id: id, csrfToken: try row.decode(column: "csrf_token", as: String.self),
                userID: try row.decode(column: "portal_user_id", as: Int64.self), now: now, db: db)
        }
    }

    public func endPortalSession(id: String) async throws {
        try await database.withConnection { db in
            try await db.raw("DELETE FROM portal_sessions WHERE id_hash = \(bind: PortalSecret.hash(id))").run()
        }
    }

    static func openPortalSession(userID: Int64, now: Date, awaitingCode: Bool = false, db: any SQLDatabase) async throws -> PortalSession {
        let id = PortalSecret.generate()
        let csrf = PortalSecret.generate()
        let stamp = Timestamp.string(now)
        try await db.raw(
            """
            INSERT INTO portal_sessions (id_hash, portal_user_id, csrf_token, created_at, last_seen_at, awaiting_code)
            VALUES (\(bind: PortalSecret.hash(id)), \(bind: userID), \(bind: csrf), \(bind: stamp), \(bind: stamp), \(bind: awaitingCode))
            """
        ).run()
        return try await portalSession(id: id, csrfToken: csrf, userID: userID, now: now, db: db)
    }

    /// The session of a user whose password (or session secret) was just verified: the one place
    /// a portal user's client scope is made.
    static func portalSession(id: String, csrfToken: String, userID: Int64, now: Date, db: any SQLDatabase) async throws -> PortalSession {
        let user = try await portalUser(id: userID, now: now, db: db)
        let row = try await db.raw(
            "SELECT c.id, c.code, c.shared_tickets, u.totp_secret IS NOT NULL AS has_code FROM portal_users u JOIN clients c ON c.id = u.client_id WHERE u.id = \(bind: userID)"
        ).first().require()
        let scope = ClientScope(verifiedClientID: try row.decode(column: "id", as: Int64.self), clientCode: try row.decode(column: "code", as: String.self))
        let viewer = PortalViewer(
            userID: userID, employeeID: user.employeeID, role: user.role, sharedTickets: try row.decode(column: "shared_tickets", as: Bool.self))
        var session = PortalSession(id: id, csrfToken: csrfToken, user: user, scope: scope, viewer: viewer)
        if try !row.decode(column: "has_code", as: Bool.self) {
            let adminsNeedIt = try await providerIdentity(db: db).portalAdminsNeedSecondFactor ?? false
            session.mustSetUpSecondFactor = SecondFactorRules.required(role: user.role, adminsNeedIt: adminsNeedIt)
        }
        return session
    }

    /// When the address may try again, if it is refused now.
    /// What asking for a new password by e-mail came to. The page says the same whether the
    /// e-mail has an account or not.
    public enum PortalResetRequest: Sendable, Equatable {
        /// Done if the e-mail has an account: a link is on its way.
        case handled
        /// Mail cannot carry links here (no relay or no portal address): ask the provider.
        case unavailable
        case addressLimited(until: Date)
    }

    /// "Forgotten password": mails a new link (a reset, or the invitation again while no password
    /// is set) to the account with `email`, if there is one and it is not disabled. Each request
    /// counts against the address's sign-in failures, so guessing e-mails this way is limited too.
    public func requestPortalReset(email: String, address: String, now: Date = Date()) async throws -> PortalResetRequest {
        let nowSeconds = Int64(now.timeIntervalSince1970)
        if let until = try await addressLimit(address, now: nowSeconds) {
            return .addressLimited(until: Date(timeIntervalSince1970: TimeInterval(until)))
        }
        guard try await mailSetup()?.portalURL != nil else { return .unavailable }
        try await recordAddressFailure(address, now: nowSeconds)
        try await database.transaction { db in
            guard
                let row = try await db.raw(
                    "SELECT id FROM portal_users WHERE LOWER(email) = \(bind: email.lowercased()) AND disabled_at IS NULL"
                ).first()
            else { return }
            _ = try await Self.portalLink(userID: try row.decode(column: "id", as: Int64.self), now: now, db: db)
        }
        return .handled
    }

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

/// Who calls the portal's JSON API: the user whose personal access token it is, with that user's
/// client scope and reach (as they are now: a demoted or disabled user's tokens shrink or die).
public struct PortalCaller: Sendable, Equatable {
    public var tokenID: Int64
    public var user: PortalUser
    public var scope: ClientScope
    public var viewer: PortalViewer
}

extension Store {
    /// The caller a `parcp_` token names, if it is live: not revoked, not expired, its user not
    /// disabled. Its last use is written at most once a minute.
    public func portalCaller(token: String, now: Date = Date()) async throws -> PortalCaller? {
        guard token.hasPrefix(PortalTokenRules.prefix), token.count <= 100 else { return nil }
        return try await database.withConnection { db in
            let hash = PortalSecret.hash(token)
            let row = try await db.raw(
                """
                SELECT t.id, t.portal_user_id, t.expires_at, t.last_used_at, t.revoked_at, u.disabled_at FROM portal_tokens t
                JOIN portal_users u ON u.id = t.portal_user_id WHERE t.token_hash = \(bind: hash)
                """
            ).first()
            guard let row, try row.decode(column: "revoked_at", as: String?.self) == nil, try row.decode(column: "disabled_at", as: String?.self) == nil,
                let expires = Timestamp.date(try row.decode(column: "expires_at", as: String.self)), expires > now
            else { return nil }
            let id = try row.decode(column: "id", as: Int64.self)
            if try row.optionalDate("last_used_at").map({ now.timeIntervalSince($0) >= 60 }) ?? true {
                try await db.raw("UPDATE portal_tokens SET last_used_at = \(bind: Timestamp.string(now)) WHERE id = \(bind: id)").run()
            }
            let session = try await Self.portalSession(
                id: "", csrfToken: "", userID: try row.decode(column: "portal_user_id", as: Int64.self), now: now, db: db)
            return PortalCaller(tokenID: id, user: session.user, scope: session.scope, viewer: session.viewer)
        }
    }
}
