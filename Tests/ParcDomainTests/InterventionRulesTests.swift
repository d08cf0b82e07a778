import Foundation
import ParcDomain
import ParcProtocol
import Testing

/// SLA clocks on worked examples, computed by hand from the calendar: Paris time, Monday to Friday,
/// 09:00–18:00, Christmas a public holiday. November 2026: the 24th is a Tuesday, the 27th a Friday.
@Suite struct SLAClockTests {
    static let paris = TimeZone(identifier: "Europe/Paris")!
    static let calendar = WorkingCalendar(
        timeZone: "Europe/Paris", workingDays: [1, 2, 3, 4, 5], opensAt: "09:00", closesAt: "18:00", holidays: ["2026-12-25"])
    static let business = SLARules.workingTime(.business, calendar: calendar) { paris.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval($0))) }

    /// Seconds since the epoch of a UTC time written `2026-11-24T16:30`.
    static func utc(_ text: String) -> Int64 { Int64(try! Date(text + ":00Z", strategy: .iso8601).timeIntervalSince1970) }

    static func due(_ start: String, _ minutes: Int, pauses: [ClockPause] = [], in time: WorkingTime = business) -> String? {
        SLAClock.due(start: utc(start), targetMinutes: minutes, pauses: pauses, in: time).map {
            String(Date(timeIntervalSince1970: TimeInterval($0)).formatted(.iso8601).prefix(16))
        }
    }

    @Test func overnight() {
        // Tue 17:30 Paris (16:30Z), 2 h: 30 min on Tuesday, 90 on Wednesday from 09:00 → Wed 10:30 Paris.
        #expect(Self.due("2026-11-24T16:30", 120) == "2026-11-25T09:30")
        // Opened at night (Tue 23:00 Paris): the clock starts at Wednesday's opening.
        #expect(Self.due("2026-11-24T22:00", 60) == "2026-11-25T09:00")
    }

    @Test func overTheWeekend() {
        // Fri 16:00 Paris, 4 h: 2 h on Friday, 2 h on Monday the 30th → Mon 11:00 Paris.
        #expect(Self.due("2026-11-27T15:00", 240) == "2026-11-30T10:00")
        // Opened on Saturday: Monday opening plus the target.
        #expect(Self.due("2026-11-28T10:00", 60) == "2026-11-30T09:00")
    }

    @Test func overAHoliday() {
        // Thu 24 Dec 17:00 Paris, 4 h: 1 h on Thursday; Friday 25 is Christmas; Monday 28 3 h → 12:00 Paris.
        #expect(Self.due("2026-12-24T16:00", 240) == "2026-12-28T11:00")
    }

    @Test func acrossTheClockChange() {
        // Paris leaves summer time on Sunday 25 October 2026. Fri 23 Oct 17:00 CEST (15:00Z), 2 h:
        // 1 h on Friday, then Monday 09:00 CET (08:00Z) + 1 h → 09:00Z.
        #expect(Self.due("2026-10-23T15:00", 120) == "2026-10-26T09:00")
    }

    @Test func waitingForTheClientPausesTheClock() {
        // Mon 30 Nov 09:00 Paris, 8 h: without pauses due at 17:00 Paris the same day.
        #expect(Self.due("2026-11-30T08:00", 480) == "2026-11-30T16:00")
        // Waiting for the client 10:00–14:00 Paris: Monday counts 9–10 and 14–18 (5 h), Tuesday 3 h → Tue 12:00 Paris.
        let lunch = [ClockPause(start: Self.utc("2026-11-30T09:00"), end: Self.utc("2026-11-30T13:00"))]
        #expect(Self.due("2026-11-30T08:00", 480, pauses: lunch) == "2026-12-01T11:00")
        // Waiting from Monday 16:00 to Tuesday 10:00 Paris: Monday 7 h, then 1 h from Tuesday 10:00 → 11:00 Paris.
        let overnight = [ClockPause(start: Self.utc("2026-11-30T15:00"), end: Self.utc("2026-12-01T09:00"))]
        #expect(Self.due("2026-11-30T08:00", 480, pauses: overnight) == "2026-12-01T10:00")
        // Still waiting: the due time is not known yet...
        let ongoing = [ClockPause(start: Self.utc("2026-11-30T09:00"), end: nil)]
        #expect(Self.due("2026-11-30T08:00", 480, pauses: ongoing) == nil)
        // ...unless the target was already used up before the wait began.
        #expect(Self.due("2026-11-30T08:00", 30, pauses: ongoing) == "2026-11-30T08:30")
    }

    @Test func aroundTheClock() {
        // 24x7: Saturday 23:00Z + 4 h = Sunday 03:00Z, weekends and nights count.
        #expect(Self.due("2026-11-28T23:00", 240, in: .allDay) == "2026-11-29T03:00")
        let pause = [ClockPause(start: Self.utc("2026-11-29T00:00"), end: Self.utc("2026-11-29T02:00"))]
        #expect(Self.due("2026-11-28T23:00", 240, pauses: pause, in: .allDay) == "2026-11-29T05:00")
    }

    @Test func resolutionClockFromStatusChanges() {
        let changes: [(at: Int64, status: TicketStatus)] = [
            (100, .new), (200, .assigned), (300, .inProgress), (400, .waitingForClient), (500, .inProgress), (600, .resolved),
            (700, .inProgress), (800, .resolved), (900, .closed),
        ]
        let clock = SLAClock.resolutionClock(changes: changes)
        #expect(clock.pauses == [ClockPause(start: 400, end: 500), ClockPause(start: 600, end: 700)])
        #expect(clock.stoppedAt == 800)
        let waiting = SLAClock.resolutionClock(changes: Array(changes.prefix(4)))
        #expect(waiting.pauses == [ClockPause(start: 400, end: nil)] && waiting.stoppedAt == nil)
    }

    @Test func breachTimesAndStates() {
        // Response due at 1000, resolution at 5000.
        func breach(open: Bool = true, responded: Int64? = nil, resolutionDue: Int64? = 5000, stopped: Int64? = nil) -> Int64? {
            SLAClock.breachAt(isOpen: open, responseDue: 1000, respondedAt: responded, resolutionDue: resolutionDue, stoppedAt: stopped)
        }
        #expect(breach() == 1000)  // waiting for the answer
        #expect(breach(responded: 900) == 5000)  // answered in time: the resolution is next
        #expect(breach(responded: 1100) == 1000)  // answered late: breached for good
        #expect(breach(responded: 900, resolutionDue: nil) == nil)  // paused
        #expect(breach(open: false, responded: 900, stopped: 4000) == nil)  // all met
        #expect(breach(open: false, responded: 900, stopped: 6000) == 5000)  // resolved late

        func state(open: Bool = true, paused: Bool = false, clock: Bool = true, breach: Int64?, now: Int64) -> SLAState {
            SLAClock.state(isOpen: open, isPaused: paused, hasClock: clock, breachAt: breach, now: now, dueSoonSeconds: 300)
        }
        #expect(state(breach: 1000, now: 0) == .onTrack)
        #expect(state(breach: 1000, now: 800) == .dueSoon)
        #expect(state(breach: 1000, now: 1001) == .breached)
        #expect(state(paused: true, breach: nil, now: 4000) == .paused)
        #expect(state(open: false, breach: nil, now: 9000) == .met)
        #expect(state(open: false, breach: 5000, now: 9000) == .breached)
        #expect(state(clock: false, breach: nil, now: 0) == .none)
    }
}

@Suite struct TicketWorkflowTests {
    @Test func legalMoves() throws {
        try TicketRules.checkTransition(number: "T", from: .assigned, to: .inProgress, hasTechnician: true)
        try TicketRules.checkTransition(number: "T", from: .inProgress, to: .waitingForClient, hasTechnician: true)
        try TicketRules.checkTransition(number: "T", from: .waitingForClient, to: .inProgress, hasTechnician: true)
        try TicketRules.checkTransition(number: "T", from: .new, to: .resolved, hasTechnician: false)
        try TicketRules.checkTransition(number: "T", from: .resolved, to: .closed, hasTechnician: true)
        try TicketRules.checkTransition(number: "T", from: .resolved, to: .inProgress, hasTechnician: true)  // reopen
        // A client reopens to the queue the ticket left.
        try TicketRules.checkTransition(number: "T", from: .resolved, to: .assigned, hasTechnician: true)
        try TicketRules.checkTransition(number: "T", from: .resolved, to: .new, hasTechnician: false)
    }

    @Test(arguments: [
        (TicketStatus.closed, TicketStatus.inProgress, true, "closed"),
        (.new, .inProgress, false, "assign a technician"),
        (.inProgress, .closed, true, "only resolved tickets can be closed"),
        (.resolved, .waitingForClient, true, "reopen it first"),
        (.new, .assigned, true, "assign action"),
        (.resolved, .new, true, "assign action"),
        (.resolved, .assigned, false, "assign action"),
        (.inProgress, .inProgress, true, "already"),
    ])
    func illegalMovesSayWhatToDo(_ from: TicketStatus, _ to: TicketStatus, _ hasTechnician: Bool, _ phrase: String) {
        #expect {
            try TicketRules.checkTransition(number: "T-2026-00001", from: from, to: to, hasTechnician: hasTechnician)
        } throws: { error in
            (error as? WorkflowError)?.message.contains(phrase) == true
        }
    }

    @Test func assignmentMovesNewAndUnassignedTickets() throws {
        #expect(try TicketRules.statusAfterAssignment(number: "T", .new, assigned: true) == .assigned)
        #expect(try TicketRules.statusAfterAssignment(number: "T", .inProgress, assigned: false) == .new)
        #expect(try TicketRules.statusAfterAssignment(number: "T", .waitingForClient, assigned: true) == .waitingForClient)
        #expect(throws: WorkflowError.self) { try TicketRules.statusAfterAssignment(number: "T", .closed, assigned: true) }
    }

    @Test func badTimeAndMaterialAreRefused() {
        #expect(throws: ValidationError.self) { try TicketRules.validated(NewTimeEntry(minutes: 0)) }
        #expect(throws: ValidationError.self) { try TicketRules.validated(NewTimeEntry(minutes: 2000)) }
        #expect(throws: ValidationError.self) { try TicketRules.validated(NewMaterial(description: "cable", quantity: -1)) }
        #expect(throws: ValidationError.self) { try TicketRules.validated(NewMaterial(description: nil)) }
        #expect(throws: ValidationError.self) { try TicketRules.validated(NewMaterial(description: nil, quantity: 2, assetID: 3)) }
    }

    @Test func slaTargetsAsTyped() throws {
        // The default calendar opens 09:00-18:00: a day is 9 hours of its clock.
        let calendar = SLARules.defaultSettings.calendar
        let targets = try SLARules.parseTargets("P1=1h/4h,P2=30/2h,p3=4h/3d,P4=1d/5d", hours: .business, calendar: calendar)
        #expect(targets.map(\.responseMinutes) == [60, 30, 240, 540])
        #expect(targets.map(\.resolutionMinutes) == [240, 120, 1620, 2700])
        var short = calendar
        (short.opensAt, short.closesAt) = ("08:30", "16:30")
        #expect(try SLARules.parseTargets("P1=1d/2d", hours: .business, calendar: short).first?.resolutionMinutes == 960)
        #expect(try SLARules.parseTargets("P1=1d/2d", hours: .allDay, calendar: calendar).first?.resolutionMinutes == 2880)
        #expect(throws: ValidationError.self) { try SLARules.parseTargets("P1=fast", hours: .business, calendar: calendar) }
        #expect(throws: ValidationError.self) { try SLARules.parseTargets("P1=1h/9999999999999999d", hours: .business, calendar: calendar) }
        // "1d" from the opening of a working day is due at its closing, whatever the opening hours.
        for (opens, closes) in [("09:00", "18:00"), ("08:30", "16:30"), ("07:00", "19:00")] {
            var custom = calendar
            (custom.opensAt, custom.closesAt) = (opens, closes)
            let day = try #require(try SLARules.parseTargets("P1=1h/1d", hours: .business, calendar: custom).first?.resolutionMinutes)
            let time = SLARules.workingTime(.business, calendar: custom, utcOffset: { _ in 0 })
            let monday = Int64(CalendarDay(year: 2026, month: 12, day: 7).number) * 86_400
            let opening = monday + Int64(try #require(SLARules.minutes(opens))) * 60
            let due = try #require(SLAClock.due(start: opening, targetMinutes: day, pauses: [], in: time))
            #expect(due == monday + Int64(try #require(SLARules.minutes(closes))) * 60, "\(opens)-\(closes)")
        }
        #expect(throws: ValidationError.self) { try SLARules.validated(SLATerms(hours: .business, targets: targets.dropLast().map { $0 })) }
    }
}

@Suite struct MaintenanceRecurrenceTests {
    static func days(_ recurrence: Recurrence, after: String, through: String) -> [String] {
        MaintenanceRules.occurrences(recurrence, after: CalendarDay(after)!, through: CalendarDay(through)!).map(\.description)
    }

    @Test func calendarDays() {
        #expect(CalendarDay("2026-11-25")?.isoWeekday == 3)  // a Wednesday
        #expect(CalendarDay("1970-01-01")?.number == 0)
        #expect(CalendarDay("2024-02-29")?.adding(days: 366).description == "2025-03-01")
        #expect(CalendarDay("2026-02-30") == nil)
        #expect(CalendarDay("1969-12-31")?.number == -1 && CalendarDay(number: -1).description == "1969-12-31")
    }

    @Test func monthEndsDoNotDrift() {
        let monthly = Recurrence(every: 1, unit: .months, startsOn: "2027-01-31")
        #expect(Self.days(monthly, after: "2027-01-01", through: "2027-04-30") == ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"])
        let leap = Recurrence(every: 1, unit: .years, startsOn: "2028-02-29")
        #expect(Self.days(leap, after: "2028-01-01", through: "2032-12-31") == ["2028-02-29", "2029-02-28", "2030-02-28", "2031-02-28", "2032-02-29"])
    }

    @Test func weeksAndDaysWithinAWindow() {
        let fortnightly = Recurrence(every: 2, unit: .weeks, startsOn: "2026-11-02")
        #expect(Self.days(fortnightly, after: "2026-11-16", through: "2026-12-31") == ["2026-11-30", "2026-12-14", "2026-12-28"])
        let quarterly = Recurrence(every: 3, unit: .months, startsOn: "2026-01-15")
        #expect(Self.days(quarterly, after: "2026-04-15", through: "2026-12-31") == ["2026-07-15", "2026-10-15"])
    }

    @Test func plansNeedTargetsAndAValidRecurrence() {
        var plan = NewMaintenancePlan(client: "ACME", name: "Check", recurrence: Recurrence(every: 0, unit: .days, startsOn: "2026-13-01"))
        #expect {
            try MaintenanceRules.validated(plan)
        } throws: { error in
            Set((error as? ValidationError)?.issues.map(\.field) ?? []) == ["assetIDs", "recurrence.every", "recurrence.startsOn"]
        }
        plan.recurrence = Recurrence(every: 1, unit: .months, startsOn: "2027-01-01")
        plan.kind = .computer
        #expect(throws: Never.self) { try MaintenanceRules.validated(plan) }
    }
}
