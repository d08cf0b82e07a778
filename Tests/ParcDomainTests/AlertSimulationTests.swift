import ParcDomain
import ParcProtocol
import ParcTestSupport
import Testing

/// The alert rules over 400 simulated days: 1,000 clients × 50 dated objects whose dates move
/// (renewals, corrections, agents going silent and coming back), scans skipped three days in a
/// row twice. The alerts the scans raise must be exactly those an independent computation finds.
///
/// The oracle reasons per threshold interval rather than per scan: lead time L (before a date D,
/// with the next nearer lead time L') fires iff some scan day s, while the date was D, has
/// D − L ≤ s < D − L' (for the nearest lead time: s ≤ D + staleDays); after a date R, lead time A
/// (next A') fires iff some scan day has R + A ≤ s < R + A'.
@Suite struct AlertSimulationTests {
    static let days = 400
    static let clients = 1_000
    static let objectsPerClient = 50
    static let skipped: Set<Int> = [120, 121, 122, 301, 302, 303]
    static let start = CalendarDay(year: 2027, month: 1, day: 1)

    /// An object's reference date on each simulated day (nil: it does not exist that day).
    struct Object {
        var clientID: Int64
        var kind: AlertKind
        var object: String
        var references: [CalendarDay?]
    }

    struct Series: Hashable {
        var clientID: Int64
        var kind: AlertKind
        var object: String
    }

    @Test func fourHundredDaysOfScansRaiseExactlyTheAlertsAnIndependentComputationFinds() {
        var random = SeededGenerator(state: 20_261_205)
        let objects = Self.makeObjects(&random)
        // A tenth of the clients override the warranty lead times; one kind is off for another tenth.
        func rule(_ clientID: Int64, _ kind: AlertKind) -> EffectiveAlertRule {
            var rule = AlertRules.defaultRule(kind)
            if kind == .warrantyEnd && clientID % 10 == 3 { rule.leadTimes = [60, 14, 1] }
            if kind == .licenceExpiry && clientID % 10 == 7 { rule.enabled = false }
            return rule
        }

        // The scans, with dictionaries standing for the alerts table: every key raised, and the live ones by id.
        var table: [AlertKey: Int64] = [:]
        var live: [Int64: AlertKey] = [:]
        var maxLivePerSeries = 0
        for day in 0..<Self.days where !Self.skipped.contains(day) {
            let today = Self.start.adding(days: day)
            let clock = AlertClock(today: today, now: today.midnight(offsetSeconds: 0) + 9 * 3600)
            let subjects = objects.compactMap { object -> AlertSubject? in
                object.references[day].map {
                    AlertSubject(clientID: object.clientID, kind: object.kind, object: object.object, label: object.object, reference: .day($0))
                }
            }
            let plan = AlertRules.plan(subjects: subjects, live: live.map { LiveAlert(id: $0.key, key: $0.value) }, at: clock, rule: rule)
            for (id, _) in plan.resolve { live[id] = nil }
            for raise in plan.raise where table[raise.key] == nil {
                let id = Int64(table.count + 1)
                table[raise.key] = id
                live[id] = raise.key
                for superseded in raise.supersedes { live[superseded] = nil }
            }
            if day % 10 == 0 {
                var liveCount: [Series: Int] = [:]
                for key in live.values { liveCount[Series(clientID: key.clientID, kind: key.kind, object: key.object), default: 0] += 1 }
                maxLivePerSeries = max(maxLivePerSeries, liveCount.values.max() ?? 0)
            }
        }

        let expected = Self.oracle(objects, rule: rule)
        let raised = Set(table.keys)
        #expect(raised.count == expected.count)
        #expect(raised.subtracting(expected).isEmpty, "raised but not expected: \(raised.subtracting(expected).prefix(5))")
        #expect(expected.subtracting(raised).isEmpty, "expected but not raised: \(expected.subtracting(raised).prefix(5))")
        #expect(expected.count > 20_000, "the simulation must exercise the rules (\(expected.count) alerts)")
        #expect(maxLivePerSeries == 1, "an object has one live alert per kind at a time")
    }

    static func oracle(_ objects: [Object], rule: (Int64, AlertKind) -> EffectiveAlertRule) -> Set<AlertKey> {
        var keys = Set<AlertKey>()
        for object in objects {
            let rule = rule(object.clientID, object.kind)
            guard rule.enabled else { continue }
            let after = AlertRules.timing(object.kind) == .after
            // Intervals of day offsets from the reference, one per lead time: [low, high).
            let leads = after ? rule.leadTimes.sorted() : rule.leadTimes.sorted(by: >)
            var intervals: [(lead: Int, low: Int, high: Int)] = []
            for (index, lead) in leads.enumerated() {
                let next = index + 1 < leads.count ? leads[index + 1] : nil
                if after {
                    intervals.append((lead, lead, next ?? Int.max))
                } else {
                    intervals.append((lead, -lead, next.map { -$0 } ?? AlertRules.staleDays + 1))
                }
            }
            for day in 0..<days where !skipped.contains(day) {
                guard let reference = object.references[day] else { continue }
                let offset = day - (reference.number - start.number)  // days since the reference
                for interval in intervals where interval.low <= offset && offset < interval.high {
                    keys.insert(
                        AlertKey(clientID: object.clientID, kind: object.kind, object: object.object, due: reference.description, threshold: interval.lead))
                }
            }
        }
        return keys
    }

    /// Warranties, contracts and licences whose end moves (a renewal a year later, a correction of
    /// a few days, an end removed), and agents that check in daily with silent spells.
    static func makeObjects(_ random: inout SeededGenerator) -> [Object] {
        let kinds: [AlertKind] = [.warrantyEnd, .contractEnd, .licenceExpiry, .agentCertificateExpiry, .agentSilent]
        var objects: [Object] = []
        objects.reserveCapacity(clients * objectsPerClient)
        for client in 1...clients {
            for index in 0..<objectsPerClient {
                let kind = kinds[index % kinds.count]
                var references = [CalendarDay?](repeating: nil, count: days)
                if kind == .agentSilent {
                    var lastSeen = start.adding(days: -Int(random.next() % 5))
                    var silentUntil = -1
                    for day in 0..<days {
                        if day > silentUntil {
                            lastSeen = start.adding(days: day)
                            if random.next() % 60 == 0 { silentUntil = day + 1 + Int(random.next() % 25) }
                        }
                        references[day] = lastSeen
                    }
                } else {
                    var due: CalendarDay? = start.adding(days: Int(random.next() % 560) - 80)
                    let appearsOn = random.next() % 4 == 0 ? Int(random.next() % 200) : 0
                    for day in 0..<days {
                        if day < appearsOn { continue }
                        switch random.next() % 400 {
                        case 0: due = due.map { $0.adding(days: 365) }  // renewed
                        case 1: due = due.map { $0.adding(days: Int(random.next() % 21) - 10) }  // corrected
                        case 2: due = due == nil ? start.adding(days: day + Int(random.next() % 120)) : nil  // end removed, or set again
                        default: break
                        }
                        references[day] = due
                    }
                }
                objects.append(Object(clientID: Int64(client), kind: kind, object: "\(kind.rawValue):\(client)-\(index)", references: references))
            }
        }
        return objects
    }
}
