import ParcProtocol

/// When a scan reads the clock: the day (for dated kinds) and the moment (for SLA kinds), passed
/// in so that rules and tests never read a clock of their own.
public struct AlertClock: Sendable, Equatable {
    public var today: CalendarDay
    /// Seconds since 1970.
    public var now: Int64

    public init(today: CalendarDay, now: Int64) {
        self.today = today
        self.now = now
    }

    public init(now: Int64) {
        self.init(today: CalendarDay(epochSeconds: now, offsetSeconds: 0), now: now)
    }
}

/// What an alert counts from.
public enum AlertReference: Hashable, Sendable {
    case day(CalendarDay)
    /// Seconds since 1970 (a ticket's SLA breach).
    case instant(Int64)
    /// A condition that holds now (over-deployed, not covered): no date.
    case condition

    /// `YYYY-MM-DDTHH:MM:SSZ`, as the store keeps moments.
    static func timestamp(_ seconds: Int64) -> String {
        let day = CalendarDay(epochSeconds: seconds, offsetSeconds: 0)
        let second = Int(seconds - day.midnight(offsetSeconds: 0))
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(day)T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))Z"
    }

    /// As stored in an alert's key and shown as its due date.
    public var text: String {
        switch self {
        case .day(let day): day.description
        case .instant(let seconds): Self.timestamp(seconds)
        case .condition: ""
        }
    }
}

/// One thing an alert may be about, as the database says it is now.
public struct AlertSubject: Hashable, Sendable {
    public var clientID: Int64
    public var kind: AlertKind
    public var object: String
    public var label: String
    public var reference: AlertReference

    public init(clientID: Int64, kind: AlertKind, object: String, label: String, reference: AlertReference) {
        self.clientID = clientID
        self.kind = kind
        self.object = object
        self.label = label
        self.reference = reference
    }

    var series: AlertSeries { AlertSeries(clientID: clientID, kind: kind, object: object) }
}

/// An alert's identity: it fires once per key, ever.
public struct AlertKey: Hashable, Sendable {
    public var clientID: Int64
    public var kind: AlertKind
    public var object: String
    public var due: String
    public var threshold: Int

    public init(clientID: Int64, kind: AlertKind, object: String, due: String, threshold: Int) {
        self.clientID = clientID
        self.kind = kind
        self.object = object
        self.due = due
        self.threshold = threshold
    }

    var series: AlertSeries { AlertSeries(clientID: clientID, kind: kind, object: object) }
}

/// The alerts of one object for one kind.
struct AlertSeries: Hashable {
    var clientID: Int64
    var kind: AlertKind
    var object: String
}

/// An alert not resolved yet (open or acknowledged), as a scan needs to know it.
public struct LiveAlert: Sendable, Equatable {
    public var id: Int64
    public var key: AlertKey

    public init(id: Int64, key: AlertKey) {
        self.id = id
        self.key = key
    }
}

/// How one kind alerts for one client, once the client's override and the provider's default are
/// merged.
public struct EffectiveAlertRule: Sendable, Equatable {
    public var leadTimes: [Int]
    public var enabled: Bool
    public var opensTicket: Bool

    public init(leadTimes: [Int], enabled: Bool, opensTicket: Bool) {
        self.leadTimes = leadTimes
        self.enabled = enabled
        self.opensTicket = opensTicket
    }
}

/// What a scan should write: alerts to raise (each superseding the older thresholds of its
/// series if it is new) and alerts to resolve, with why.
public struct AlertScanPlan: Sendable, Equatable {
    public struct Raise: Sendable, Equatable {
        public var key: AlertKey
        public var label: String
        public var summary: String
        public var opensTicket: Bool
        /// Live alerts of the same object and due date at another threshold: resolved as
        /// superseded when this one is new.
        public var supersedes: [Int64]
    }

    public var raise: [Raise] = []
    public var resolve: [(id: Int64, reason: String)] = []

    public init(raise: [Raise] = [], resolve: [(id: Int64, reason: String)] = []) {
        self.raise = raise
        self.resolve = resolve
    }

    /// The same work in parts of at most `size` items, resolutions first: each part is one
    /// transaction, so a first scan that raises tens of thousands of alerts (and their messages)
    /// never holds SQLite's one writer for long.
    public func parts(of size: Int) -> [AlertScanPlan] {
        stride(from: 0, to: resolve.count, by: size).map { AlertScanPlan(resolve: Array(resolve[$0..<min($0 + size, resolve.count)])) }
            + stride(from: 0, to: raise.count, by: size).map { AlertScanPlan(raise: Array(raise[$0..<min($0 + size, raise.count)])) }
    }

    public static func == (lhs: AlertScanPlan, rhs: AlertScanPlan) -> Bool {
        lhs.raise == rhs.raise && lhs.resolve.map(\.id) == rhs.resolve.map(\.id) && lhs.resolve.map(\.reason) == rhs.resolve.map(\.reason)
    }
}

/// The alert rules: which threshold each object has crossed, what fires, what resolves. Pure
/// functions over dates and counts with the time passed in (`AlertClock`).
///
/// Each alert fires once per (client, kind, object, due, threshold): the key is unique in the
/// database. A changed due date is a new key (the alert re-arms) and resolves the old one. A scan
/// raises only the nearest threshold an object has crossed, so scans missed for days catch up with
/// one alert per object, not one per threshold passed.
public enum AlertRules {
    public enum Timing: Sendable {
        /// Lead times before a date (or a moment).
        case before
        /// Days after a date: silence since the last contact, lateness of a payment.
        case after
        /// Fires once when the condition starts.
        case condition
    }

    public enum Unit: String, Sendable {
        case days, minutes
    }

    /// Dates further in the past than this raise nothing: a warranty that ended two years before
    /// the asset was registered is not news (GLPI users' complaint about years-old alerts).
    public static let staleDays = 30
    public static let maximumLeadTimes = 10

    public static func timing(_ kind: AlertKind) -> Timing {
        switch kind {
        case .agentSilent, .invoiceOverdue: .after
        case .licenceOverDeployed, .uncoveredDevice: .condition
        default: .before
        }
    }

    public static func unit(_ kind: AlertKind) -> Unit {
        kind == .slaDueSoon || kind == .slaBreached ? .minutes : .days
    }

    public static func defaultRule(_ kind: AlertKind) -> EffectiveAlertRule {
        let leadTimes: [Int] =
            switch kind {
            case .warrantyEnd, .contractEnd, .contractNotice, .licenceExpiry: [90, 30, 7, 0]
            case .agentCertificateExpiry: [30, 7, 0]
            case .maintenanceDue: [7, 0]
            case .agentSilent: [3, 14]
            case .invoiceOverdue: [1, 15, 30]
            case .slaDueSoon: [60]
            case .slaBreached: [0]
            case .licenceOverDeployed, .uncoveredDevice: []
            }
        return EffectiveAlertRule(leadTimes: leadTimes, enabled: true, opensTicket: false)
    }

    /// Lead times as kept: distinct, in range, nearest last (largest first before a date,
    /// smallest first after one).
    public static func validated(leadTimes: [Int], for kind: AlertKind) throws(ValidationError) -> [Int] {
        var validator = Validator()
        let range = unit(kind) == .minutes ? 0...10_080 : 0...Bounds.days
        validator.check(timing(kind) != .condition || leadTimes.isEmpty, "leadTimes", "\(kind.rawValue) fires when it starts: it takes no lead times")
        validator.check(timing(kind) == .condition || !leadTimes.isEmpty, "leadTimes", "give at least one lead time, or turn the rule off")
        validator.check(leadTimes.count <= maximumLeadTimes, "leadTimes", "at most \(maximumLeadTimes) lead times")
        validator.check(Set(leadTimes).count == leadTimes.count, "leadTimes", "each lead time once")
        for value in leadTimes where !range.contains(value) {
            validator.add("leadTimes", "\(value) is out of range: \(range.lowerBound) to \(range.upperBound) \(unit(kind).rawValue)")
        }
        try validator.throwIfInvalid()
        return timing(kind) == .after ? leadTimes.sorted() : leadTimes.sorted(by: >)
    }

    /// The nearest threshold `reference` has crossed at `clock`, or nil when none has (or the date
    /// is stale).
    /// `keepingStale` reads past due dates however old (a live alert stays until someone acts).
    public static func nearestCrossed(
        _ kind: AlertKind, _ reference: AlertReference, leadTimes: [Int], at clock: AlertClock, keepingStale: Bool = false
    ) -> Int? {
        // Loops, not filter/min: a scan calls this for every dated object.
        func nearestBefore(_ left: Int64, scale: Int64) -> Int? {
            var nearest: Int?
            for lead in leadTimes where left <= Int64(lead) * scale && lead < (nearest ?? .max) { nearest = lead }
            return nearest
        }
        func nearestAfter(_ since: Int64) -> Int? {
            var nearest: Int?
            for lead in leadTimes where since >= Int64(lead) && lead > (nearest ?? .min) { nearest = lead }
            return nearest
        }
        switch (timing(kind), reference) {
        case (.condition, _): return 0
        case (.before, .day(let due)):
            let daysLeft = due.number - clock.today.number
            return daysLeft >= -staleDays || keepingStale ? nearestBefore(Int64(daysLeft), scale: 1) : nil
        case (.before, .instant(let due)): return nearestBefore(due - clock.now, scale: 60)
        case (.after, .day(let since)): return nearestAfter(Int64(clock.today.number - since.number))
        case (.after, .instant(let since)): return nearestAfter((clock.now - since) / 60)
        case (.before, .condition), (.after, .condition): return nil
        }
    }

    /// One scan: what to raise and what to resolve, given every subject as it is now and the live
    /// alerts.
    public static func plan(
        subjects: [AlertSubject], live: [LiveAlert], at clock: AlertClock, rule: (Int64, AlertKind) -> EffectiveAlertRule
    ) -> AlertScanPlan {
        var liveBySeries: [AlertSeries: [LiveAlert]] = [:]
        for alert in live { liveBySeries[alert.key.series, default: []].append(alert) }
        var plan = AlertScanPlan()
        // Only the series with live alerts need their subject for resolving.
        var current: [AlertSeries: AlertSubject] = [:]
        for subject in subjects {
            let series = subject.series
            let siblings = liveBySeries[series] ?? []
            if !siblings.isEmpty { current[series] = subject }
            let rule = rule(subject.clientID, subject.kind)
            guard rule.enabled, let threshold = nearestCrossed(subject.kind, subject.reference, leadTimes: rule.leadTimes, at: clock) else {
                continue
            }
            let key = AlertKey(clientID: subject.clientID, kind: subject.kind, object: subject.object, due: subject.reference.text, threshold: threshold)
            guard !siblings.contains(where: { $0.key == key }) else { continue }
            plan.raise.append(
                AlertScanPlan.Raise(
                    key: key, label: subject.label, summary: summary(key, label: subject.label), opensTicket: rule.opensTicket,
                    supersedes: siblings.filter { $0.key.due == key.due }.map(\.id)))
        }
        for alert in live {
            let series = alert.key.series
            guard let subject = current[series] else {
                plan.resolve.append((alert.id, goneReason(alert.key.kind)))
                continue
            }
            if subject.reference.text != alert.key.due {
                plan.resolve.append((alert.id, changedReason(alert.key.kind, from: alert.key.due, to: subject.reference.text)))
                continue
            }
            let rule = rule(subject.clientID, subject.kind)
            if !rule.enabled {
                plan.resolve.append((alert.id, "alerts of this kind were turned off"))
            } else if nearestCrossed(subject.kind, subject.reference, leadTimes: rule.leadTimes, at: clock, keepingStale: true) == nil {
                plan.resolve.append((alert.id, "not due yet under the lead times now set"))
            }
        }
        return plan
    }

    /// One line for lists and notifications.
    public static func summary(_ key: AlertKey, label: String) -> String {
        let due = key.due
        let lead = key.threshold
        let when = lead == 0 ? "today or earlier" : "in \(lead) \(unit(key.kind) == .minutes ? "minutes" : "days") or less"
        switch key.kind {
        case .warrantyEnd: return lead == 0 ? "Warranty of \(label) ended on \(due)" : "Warranty of \(label) ends on \(due) (\(when))"
        case .contractEnd: return lead == 0 ? "Contract \(label) ended on \(due)" : "Contract \(label) ends on \(due) (\(when))"
        case .contractNotice:
            return lead == 0 ? "Contract \(label): the last day to give notice was \(due)" : "Contract \(label): give notice by \(due) (\(when))"
        case .licenceExpiry: return lead == 0 ? "Licence \(label) expired on \(due)" : "Licence \(label) expires on \(due) (\(when))"
        case .licenceOverDeployed: return "Licence \(label): more installations than seats"
        case .agentCertificateExpiry:
            return lead == 0 ? "Agent \(label): its certificate expired on \(due)" : "Agent \(label): its certificate expires on \(due) (\(when))"
        case .agentSilent: return "Agent \(label) has not been seen since \(due) (\(lead) days or more)"
        case .uncoveredDevice: return "\(label) is covered by no contract"
        case .slaDueSoon: return "Ticket \(label): SLA breached at \(due) unless handled (\(when))"
        case .slaBreached: return "Ticket \(label): SLA breached at \(due)"
        case .invoiceOverdue: return "Invoice \(label) was due on \(due) and is unpaid (\(lead) days late or more)"
        case .maintenanceDue: return lead == 0 ? "Maintenance \(label) was due on \(due)" : "Maintenance \(label) is due on \(due) (\(when))"
        }
    }

    static func goneReason(_ kind: AlertKind) -> String {
        switch kind {
        case .warrantyEnd: "the asset was retired or merged, or its warranty end removed"
        case .contractEnd, .contractNotice: "the contract no longer ends on that date (ended, cancelled or made open-ended)"
        case .licenceExpiry: "the licence no longer expires on that date"
        case .licenceOverDeployed: "fixed: installations are within the seats"
        case .agentCertificateExpiry, .agentSilent: "the agent was revoked"
        case .uncoveredDevice: "a contract covers it now (or it left service)"
        case .slaDueSoon, .slaBreached: "the ticket was resolved or its clock stopped"
        case .invoiceOverdue: "the invoice was paid or cancelled"
        case .maintenanceDue: "the maintenance was done"
        }
    }

    static func changedReason(_ kind: AlertKind, from old: String, to new: String) -> String {
        switch kind {
        case .agentSilent: "back in contact (last seen \(new))"
        case .contractEnd, .contractNotice, .warrantyEnd, .licenceExpiry, .agentCertificateExpiry:
            new > old ? "renewed: now \(new) (was \(old))" : "the date changed to \(new) (was \(old))"
        default: "the date changed to \(new) (was \(old))"
        }
    }
}
