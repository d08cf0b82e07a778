import ParcDomain
import ParcProtocol
import Testing

@Suite struct PortalRulesTests {
    @Test func passwordsLongUncommonAndNotTheEmailName() {
        #expect(PasswordPolicy.problems("correct horse battery staple", email: "jane.doe@acme.example").isEmpty)
        #expect(PasswordPolicy.problems("Tr0ub4dor&3xyz", email: "jane@acme.example").isEmpty)
        #expect(PasswordPolicy.problems("short1!", email: "jane@acme.example") == ["must be at least 12 characters"])
        for common in ["Password2026!", "azertyuiop123", "123456789012", "aaaaaaaaaaaaaa", "Qwerty!!2026xx", "Motdepasse2026", "Bienvenue2026!"] {
            #expect(PasswordPolicy.problems(common, email: "jane@acme.example").contains { $0.contains("common password") }, "\(common)")
        }
        #expect(PasswordPolicy.problems("jane.doe-is-the-best", email: "jane.doe@acme.example") == ["must not contain your e-mail name"])
        // bcrypt reads 72 bytes: a longer password would be silently cut.
        let long = String(repeating: "é", count: 40)
        #expect(PasswordPolicy.problems(long + "xyz-unusual", email: "j@a.example").contains { $0.contains("72 bytes") })
    }

    @Test func lockoutAfterFiveFailures() {
        var failures = 0
        var locked: Int64?
        for attempt in 1...5 {
            (failures, locked) = PortalRules.afterFailure(failures: failures, now: 1_000)
            #expect((locked != nil) == (attempt == 5))
        }
        #expect(locked == 1_000 + PortalRules.lockSeconds && failures == 0)
        #expect(PortalRules.status(hasPassword: true, disabled: false, lockedUntil: locked, now: 1_001) == .locked)
        #expect(PortalRules.status(hasPassword: true, disabled: false, lockedUntil: locked, now: 1_000 + PortalRules.lockSeconds) == .active)
        #expect(PortalRules.status(hasPassword: false, disabled: false, lockedUntil: nil, now: 0) == .invited)
        #expect(PortalRules.status(hasPassword: true, disabled: true, lockedUntil: locked, now: 1_001) == .disabled)
        #expect(PortalRules.LinkPurpose.invitation.lifetimeSeconds == 7 * 86_400 && PortalRules.LinkPurpose.reset.lifetimeSeconds == 900)
    }
}
