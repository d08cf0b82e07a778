import Foundation
import ParcDomain
import ParcProtocol
import ParcServer
import ParcTestSupport
import SQLKit
import Testing

/// Portal sign-in in the store, on both databases: a link sets the password once, logins lock an
/// account after five failures and an address after twenty, unknown e-mails get the same answer,
/// sessions end when idle, when old, at logout, and when the user is disabled.
@Suite struct PortalSignInTests {
    static let password = "correct horse battery staple"

    static func invited(_ store: Store, email: String = "jane@acme.example", now: Date) async throws -> PortalLink {
        if (try? await store.client(code: "ACME")) == nil { _ = try await store.createClient(NewClient(code: "ACME", name: "ACME")) }
        let employee = try await store.addEmployee(clientCode: "ACME", NewEmployee(name: "Jane Roe", email: email))
        return try await store.invitePortalUser(clientCode: "ACME", NewPortalUser(employeeID: employee.id, role: .member), now: now)
    }

    static func token(_ link: PortalLink) -> String { String(link.path.split(separator: "/").last ?? "") }

    @Test(arguments: TestBackend.available)
    func aLinkSetsThePasswordOnce(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let link = try await Self.invited(store, now: start)
            await #expect(throws: PortalLinkRefusal.weakPassword([.tooShort])) {
                try await store.usePortalLink(token: Self.token(link), password: "short", now: start)
            }
            let session = try await store.usePortalLink(token: Self.token(link), password: Self.password, now: start)
            #expect(session.user.status == .active && session.user.clientCode == "ACME")
            await #expect(throws: PortalLinkRefusal.unknownOrUsed) {
                try await store.usePortalLink(token: Self.token(link), password: Self.password + "!", now: start)
            }
            await #expect(throws: PortalLinkRefusal.unknownOrUsed) { try await store.usePortalLink(token: "forged", password: Self.password, now: start) }
            // A reset link lives 15 minutes.
            let reset = try await store.portalLink(userID: session.user.id, now: start)
            #expect(reset.path.hasPrefix("/portal/reset/"))
            await #expect(throws: PortalLinkRefusal.expired) {
                try await store.usePortalLink(token: Self.token(reset), password: Self.password, now: start.addingTimeInterval(15 * 60 + 1))
            }
            // The password is stored as bcrypt, never as given.
            let stored = try await database.withConnection { db in
                try await db.raw("SELECT password_hash FROM portal_users").first()?.decode(column: "password_hash", as: String.self)
            }
            #expect(stored?.hasPrefix("$2b$10$") == true && stored?.contains(Self.password) == false)
        }
    }

    @Test(arguments: TestBackend.available)
    func loginsLockAccountsAndAddresses(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let link = try await Self.invited(store, now: start)
            _ = try await store.usePortalLink(token: Self.token(link), password: Self.password, now: start)

            guard case .signedIn(let first) = try await store.portalLogin(email: "JANE@acme.example", password: Self.password, address: "a", now: start)
            else {
                Issue.record("the right password signs in")
                return
            }
            // Unknown e-mail and wrong password: one answer.
            #expect(try await store.portalLogin(email: "nobody@acme.example", password: Self.password, address: "b", now: start) == .refused)
            for attempt in 1...4 {
                #expect(try await store.portalLogin(email: "jane@acme.example", password: "wrong \(attempt)", address: "b", now: start) == .refused)
            }
            let lockedUntil = start.addingTimeInterval(TimeInterval(PortalRules.lockSeconds))
            #expect(try await store.portalLogin(email: "jane@acme.example", password: "wrong 5", address: "b", now: start) == .locked(until: lockedUntil))
            // Locked even with the right password, until the time or a staff unlock.
            #expect(try await store.portalLogin(email: "jane@acme.example", password: Self.password, address: "c", now: start) == .locked(until: lockedUntil))
            _ = try await store.unlockPortalUser(id: first.user.id, now: start)
            guard case .signedIn(let second) = try await store.portalLogin(email: "jane@acme.example", password: Self.password, address: "c", now: start)
            else {
                Issue.record("unlocked")
                return
            }
            // Each login is a new session id.
            #expect(second.id != first.id && second.csrfToken != first.csrfToken)

            // Twenty failures from one address close it to every account for 15 minutes.
            for index in 0..<14 {
                _ = try await store.portalLogin(email: "guess\(index)@acme.example", password: "x", address: "b", now: start)
            }
            let limited = try await store.portalLogin(email: "jane@acme.example", password: Self.password, address: "b", now: start)
            #expect(limited == .addressLimited(until: start.addingTimeInterval(TimeInterval(PortalRules.addressWindowSeconds))), "\(limited)")
            guard
                case .signedIn = try await store.portalLogin(
                    email: "jane@acme.example", password: Self.password, address: "b", now: start.addingTimeInterval(901))
            else {
                Issue.record("the address window ends")
                return
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func sessionsEndWhenIdleOldLoggedOutOrDisabled(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let link = try await Self.invited(store, now: start)
            let session = try await store.usePortalLink(token: Self.token(link), password: Self.password, now: start)
            // Kept alive by use for almost 12 hours, never past them.
            var now = start
            for _ in 0..<23 {
                now = now.addingTimeInterval(29 * 60)
                #expect(try await store.portalSession(id: session.id, now: now)?.user.id == session.user.id)
            }
            #expect(try await store.portalSession(id: session.id, now: start.addingTimeInterval(12 * 3600)) == nil)
            // Idle for 30 minutes.
            let idle = try await store.usePortalLink(
                token: Self.token(try await store.portalLink(userID: session.user.id, now: start)), password: Self.password + "x", now: start)
            #expect(try await store.portalSession(id: idle.id, now: start.addingTimeInterval(30 * 60)) == nil)
            // Logged out, and disabled.
            let other = try await store.usePortalLink(
                token: Self.token(try await store.portalLink(userID: session.user.id, now: start)), password: Self.password + "y", now: start)
            try await store.endPortalSession(id: other.id)
            #expect(try await store.portalSession(id: other.id, now: start) == nil)
            guard case .signedIn(let live) = try await store.portalLogin(email: "jane@acme.example", password: Self.password + "y", address: "a", now: start)
            else {
                Issue.record("signed in")
                return
            }
            _ = try await store.updatePortalUser(id: session.user.id, PortalUserUpdate(disabled: true), now: start)
            #expect(try await store.portalSession(id: live.id, now: start) == nil)
            #expect(try await store.portalLogin(email: "jane@acme.example", password: Self.password + "y", address: "a", now: start) == .refused)
        }
    }
}
