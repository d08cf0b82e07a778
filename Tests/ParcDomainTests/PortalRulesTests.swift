import ParcDomain
import ParcProtocol
import Testing

@Suite struct PortalRulesTests {
    @Test func passwordsLongUncommonAndNotTheEmailName() {
        #expect(PasswordPolicy.problems("correct horse battery staple", email: "jane.doe@acme.example").isEmpty)
        #expect(PasswordPolicy.problems("Tr0ub4dor&3xyz", email: "jane@acme.example").isEmpty)
        #expect(PasswordPolicy.problems("short1!", email: "jane@acme.example") == [.tooShort])
        for common in ["Password2026!", "azertyuiop123", "123456789012", "aaaaaaaaaaaaaa", "Qwerty!!2026xx", "Motdepasse2026", "Bienvenue2026!"] {
            #expect(PasswordPolicy.problems(common, email: "jane@acme.example").contains(.common), "\(common)")
        }
        #expect(PasswordPolicy.problems("jane.doe-is-the-best", email: "jane.doe@acme.example") == [.containsEmailName])
        // bcrypt reads 72 bytes: a longer password would be silently cut.
        let long = String(repeating: "é", count: 40)
        #expect(PasswordPolicy.problems(long + "xyz-unusual", email: "j@a.example").contains(.tooLong))
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

@Suite struct PortalAccessTests {
    @Test func eachRoleReachesItsOwnPart() {
        let admin = PortalViewer(userID: 1, employeeID: 10, role: .clientAdmin, sharedTickets: false)
        let member = PortalViewer(userID: 2, employeeID: 20, role: .member, sharedTickets: false)
        let billing = PortalViewer(userID: 3, employeeID: 30, role: .billing, sharedTickets: false)
        #expect(PortalAccess.areas(admin) == PortalAccess.Area.allCases)
        #expect(PortalAccess.areas(member) == [.assets, .tickets])
        #expect(PortalAccess.areas(billing) == [.tickets, .invoices, .contracts])
        #expect(PortalAccess.assets(admin) == .all && PortalAccess.assets(member) == .held(employeeID: 20) && PortalAccess.assets(billing) == .none)
        #expect(PortalAccess.tickets(member) == .own(employeeID: 20) && PortalAccess.tickets(billing) == .own(employeeID: 30))
        var shared = member
        shared.sharedTickets = true
        #expect(PortalAccess.tickets(shared) == .all && PortalAccess.assets(shared) == .held(employeeID: 20), "sharing tickets shares no equipment")
    }

    @Test func clientsCloseOrReopenOnlyResolvedTickets() {
        for status in TicketStatus.allCases {
            #expect(PortalAccess.ticketActions(status) == (status == .resolved ? [.close, .reopen] : []), "\(status)")
            #expect(PortalAccess.mayComment(status) == (status != .closed))
        }
    }

    @Test func prioritiesAreThosePromised() {
        let terms = SLATerms(
            hours: .business,
            targets: [.init(priority: .p2, responseMinutes: 60, resolutionMinutes: 480), .init(priority: .p4, responseMinutes: 480, resolutionMinutes: 4800)])
        #expect(PortalAccess.priorities(terms) == [.p2, .p4])
        #expect(PortalAccess.priorities(SLATerms(hours: .business, targets: [])) == [.p3])
    }

    @Test func hoursPeriodFollowsTheBillingFrequency() {
        let day = CalendarDay(year: 2026, month: 5, day: 17)
        #expect(
            PortalAccess.hoursPeriod(containing: day, frequency: .monthly) == (
                CalendarDay(year: 2026, month: 5, day: 1), CalendarDay(year: 2026, month: 5, day: 31)
            ))
        #expect(
            PortalAccess.hoursPeriod(containing: day, frequency: .quarterly) == (
                CalendarDay(year: 2026, month: 4, day: 1), CalendarDay(year: 2026, month: 6, day: 30)
            ))
    }

    @Test func whatClientsTypeIsCheckedOnce() {
        #expect(PortalInput.ticketProblems(title: "  Printer jams ", description: nil).isEmpty)
        #expect(PortalInput.ticketProblems(title: " \n ", description: nil) == [.titleMissing])
        #expect(
            PortalInput.ticketProblems(title: String(repeating: "é", count: 201), description: String(repeating: "x", count: 20_001)) == [
                .titleTooLong, .descriptionTooLong,
            ])
        #expect(PortalInput.commentProblems("   ") == [.commentMissing])
        #expect(PortalInput.commentProblems(String(repeating: "é", count: 20_000)).isEmpty)
        #expect(PortalInput.commentProblems(String(repeating: "é", count: 20_001)) == [.commentTooLong])
        #expect(PortalInput.validationError([.titleMissing]).issues.map(\.field) == ["title"])
    }
}
