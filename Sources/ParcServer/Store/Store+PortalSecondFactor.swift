import Foundation
import HummingbirdOTP
import ParcDomain
import ParcProtocol
import SQLKit

/// The portal's second factor: a TOTP secret an authenticator app keeps, set up by the user
/// (confirmed by a first code), asked for after the password, each code good once. Wrong codes
/// count with wrong passwords towards the lockout.
extension Store {
    /// A new secret: 20 random letters and digits (the HMAC key; apps read it in base32).
    static func newSecondFactorSecret() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    static func code(secret: String, step: Int64) -> Int {
        TOTP(secret: secret).compute(date: Date(timeIntervalSince1970: TimeInterval(step * SecondFactorRules.stepSeconds)))
    }

    /// The session waiting for its code, if still within its five minutes.
    public func sessionAwaitingCode(id: String, now: Date = Date()) async throws -> PortalSession? {
        guard id.count <= 100 else { return nil }
        return try await database.withConnection { db in
            let row = try await db.raw(
                """
                SELECT s.portal_user_id, s.csrf_token, s.created_at, u.disabled_at FROM portal_sessions s JOIN portal_users u ON u.id = s.portal_user_id
                WHERE s.id_hash = \(bind: PortalSecret.hash(id)) AND s.awaiting_code
                """
            ).first()
            guard let row, try row.decode(column: "disabled_at", as: String?.self) == nil,
                let created = Timestamp.date(try row.decode(column: "created_at", as: String.self)),
                now.timeIntervalSince(created) < TimeInterval(SecondFactorRules.pendingSeconds)
            else { return nil }
            return try await Self.portalSession(
                id: id, csrfToken: try row.decode(column: "csrf_token", as: String.self),
                userID: try row.decode(column: "portal_user_id", as: Int64.self), now: now, db: db)
        }
    }

    /// The code typed after the password: right, the waiting session is replaced by a signed-in
    /// one (a new id); wrong, a failure is counted.
    public func completeSignIn(sessionID: String, code typed: String, now: Date = Date()) async throws -> PortalLoginOutcome {
        guard let waiting = try await sessionAwaitingCode(id: sessionID, now: now) else { return .refused }
        let userID = waiting.user.id
        let row = try await database.withConnection { db in
            try await db.raw("SELECT totp_secret, totp_last_step, failed_logins, locked_until FROM portal_users WHERE id = \(bind: userID)").first()
        }
        guard let row, let secret = try row.decode(column: "totp_secret", as: String?.self) else { return .refused }
        if let lockedUntil = try row.decode(column: "locked_until", as: String?.self).flatMap(Timestamp.date), lockedUntil > now {
            return .locked(until: lockedUntil)
        }
        let step = SecondFactorRules.matchingStep(
            typed, now: Int64(now.timeIntervalSince1970), lastUsedStep: try row.decode(column: "totp_last_step", as: Int64?.self)
        ) { Self.code(secret: secret, step: $0) }
        guard let step else {
            return try await recordFailure(userID: userID, failures: Int(try row.decode(column: "failed_logins", as: Int64.self)), now: now)
        }
        return .signedIn(
            try await database.transaction { db in
                // The step is taken only if no other sign-in took it meanwhile: a code serves once.
                let taken = try await db.raw(
                    """
                    UPDATE portal_users SET totp_last_step = \(bind: step), failed_logins = 0, locked_until = NULL, last_login_at = \(bind: Timestamp.string(now))
                    WHERE id = \(bind: userID) AND (totp_last_step IS NULL OR totp_last_step < \(bind: step)) RETURNING id
                    """
                ).first()
                guard taken != nil else { throw StoreError.conflict(field: "code", message: "this code was already used: wait for the next one") }
                try await db.raw("DELETE FROM portal_sessions WHERE id_hash = \(bind: PortalSecret.hash(sessionID))").run()
                return try await Self.openPortalSession(userID: userID, now: now, db: db)
            })
    }

    /// Starts setting up a second factor: a new secret, kept aside until a code confirms it.
    /// Answers the secret and its `otpauth://` address for an authenticator app.
    public func startSecondFactor(userID: Int64, issuer: String, now: Date = Date()) async throws -> (secret: String, url: String) {
        let secret = Self.newSecondFactorSecret()
        let email = try await database.transaction { db -> String in
            let user = try await Self.portalUser(id: userID, now: now, db: db)
            guard !user.secondFactor else { throw StoreError.conflict(field: nil, message: "a second factor is already set up: remove it first") }
            try await db.raw(
                "UPDATE portal_users SET totp_pending_secret = \(bind: secret), updated_at = \(bind: Timestamp.string(now)) WHERE id = \(bind: userID)"
            ).run()
            return user.email
        }
        return (secret, TOTP(secret: secret).createAuthenticatorURL(label: "\(issuer):\(email)", issuer: issuer))
    }

    /// The first code from the app: right, the secret becomes the account's second factor.
    public func confirmSecondFactor(userID: Int64, code typed: String, now: Date = Date()) async throws {
        try await database.transaction { db in
            let row = try await db.raw("SELECT totp_pending_secret FROM portal_users WHERE id = \(bind: userID)").first()
            guard let secret = try row?.decode(column: "totp_pending_secret", as: String?.self) else {
                throw StoreError.conflict(field: nil, message: "start the set-up first")
            }
            guard
                let step = SecondFactorRules.matchingStep(
                    typed, now: Int64(now.timeIntervalSince1970), lastUsedStep: nil, code: { Self.code(secret: secret, step: $0) })
            else { throw ValidationError(field: "code", reason: "this is not the code the app shows now: check the phone's clock and try the next one") }
            try await db.raw(
                """
                UPDATE portal_users SET totp_secret = \(bind: secret), totp_pending_secret = NULL, totp_last_step = \(bind: step),
                    updated_at = \(bind: Timestamp.string(now)) WHERE id = \(bind: userID)
                """
            ).run()
        }
    }

    /// Removes the account's second factor, on a current code; refused where the provider requires one.
    public func removeSecondFactor(userID: Int64, code typed: String, now: Date = Date()) async throws {
        try await database.transaction { db in
            let user = try await Self.portalUser(id: userID, now: now, db: db)
            let adminsNeedIt = try await Self.providerIdentity(db: db).portalAdminsNeedSecondFactor ?? false
            guard !SecondFactorRules.required(role: user.role, adminsNeedIt: adminsNeedIt) else {
                throw StoreError.conflict(field: nil, message: "your IT provider requires a second factor for client admins")
            }
            let row = try await db.raw("SELECT totp_secret, totp_last_step FROM portal_users WHERE id = \(bind: userID)").first()
            guard let secret = try row?.decode(column: "totp_secret", as: String?.self) else { return }
            let last = try row?.decode(column: "totp_last_step", as: Int64?.self)
            guard
                SecondFactorRules.matchingStep(typed, now: Int64(now.timeIntervalSince1970), lastUsedStep: last, code: { Self.code(secret: secret, step: $0) })
                    != nil
            else { throw ValidationError(field: "code", reason: "this is not the code the app shows now") }
            try await db.raw(
                "UPDATE portal_users SET totp_secret = NULL, totp_last_step = NULL, updated_at = \(bind: Timestamp.string(now)) WHERE id = \(bind: userID)"
            ).run()
        }
    }
}
