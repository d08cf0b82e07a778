import Foundation
import ParcDomain
import ParcProtocol
import ParcServer
import ParcTestSupport
import SQLKit
import Testing

/// The alert scan against the real database, on both backends: once per key, re-armed by a date
/// change, resolved by renewal, fix, cover or contact, one ticket per alert, acknowledgement, rules.
@Suite struct AlertStoreTests {
    static func clock(_ day: CalendarDay) -> AlertClock { AlertClock(today: day, now: day.midnight(offsetSeconds: 0) + 10 * 3600) }

    static func alerts(_ store: Store, _ kind: AlertKind, client: String? = nil, all: Bool = true) async throws -> [Alert] {
        try await store.listAlerts(AlertFilter(clientCode: client, kind: kind, all: all)).items.sorted { $0.id < $1.id }
    }

    @Test(arguments: TestBackend.available)
    func aWarrantyAlertsOncePerThresholdCatchesUpAndResolvesWhenRenewed(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let estate = try await ReconciliationStoreTests.Estate.make(database)
            let store = estate.store
            let today = CalendarDay(todayUTC()) ?? CalendarDay(number: 0)
            var new = NewAsset(client: "ACME", kind: .computer, name: "PC-ALICE")
            new.warrantyEnd = today.adding(days: 20).description
            let asset = try await store.createAsset(new, by: "test")
            var other = NewAsset(client: "OTHER", kind: .computer, name: "PC-OTHER")
            other.warrantyEnd = today.adding(days: 100).description
            _ = try await store.createAsset(other, by: "test")

            let first = try await store.scanAlerts(at: Self.clock(today), kinds: [.warrantyEnd])
            #expect(first.raised == 1)
            var warranty = try await Self.alerts(store, .warrantyEnd, client: "ACME")
            #expect(warranty.map(\.threshold) == [30] && warranty[0].object == "asset:\(asset.id)" && warranty[0].clientCode == "ACME")
            #expect(warranty[0].summary.contains("PC-ALICE") && warranty[0].due == today.adding(days: 20).description)
            // The same day again, and again: nothing new.
            #expect(try await store.scanAlerts(at: Self.clock(today), kinds: [.warrantyEnd]).raised == 0)

            // Two weeks later the 7-day threshold; the 30-day alert is superseded.
            _ = try await store.scanAlerts(at: Self.clock(today.adding(days: 14)), kinds: [.warrantyEnd])
            warranty = try await Self.alerts(store, .warrantyEnd, client: "ACME")
            #expect(warranty.map(\.threshold) == [30, 7])
            #expect(warranty[0].state == .resolved && warranty[0].resolution?.hasPrefix("superseded") == true && warranty[1].state == .open)

            // Scans missed past the due date: one alert, at the nearest threshold (0), not one per threshold passed.
            let late = try await store.scanAlerts(at: Self.clock(today.adding(days: 25)), kinds: [.warrantyEnd])
            #expect(late.raised == 1)
            warranty = try await Self.alerts(store, .warrantyEnd, client: "ACME")
            #expect(warranty.map(\.threshold) == [30, 7, 0])

            // Acknowledged, then renewed: resolved, and the new date re-arms (nothing yet: 400 days away).
            let acknowledged = try await store.acknowledgeAlert(id: warranty[2].id, by: "tech@p.example")
            #expect(acknowledged.state == .acknowledged && acknowledged.acknowledgedBy == "tech@p.example")
            #expect(try await store.acknowledgeAlert(id: warranty[2].id, by: "other@p.example").acknowledgedBy == "tech@p.example")
            var update = AssetUpdate()
            update.warrantyEnd = today.adding(days: 400).description
            _ = try await store.updateAsset(id: asset.id, update, by: "test")
            let renewed = try await store.scanAlerts(at: Self.clock(today.adding(days: 25)), kinds: [.warrantyEnd])
            #expect(renewed.raised == 0 && renewed.resolved == 1)
            let resolved = try await store.alert(id: warranty[2].id)
            #expect(resolved.state == .resolved && resolved.resolution?.hasPrefix("renewed") == true)
            await #expect(throws: StoreError.self) { try await store.acknowledgeAlert(id: warranty[2].id, by: "tech@p.example") }
            // 310 days on, the new date's 90-day alert fires: a new key.
            // (OTHER's warranty ended 210 days before: stale, nothing new.)
            #expect(try await store.scanAlerts(at: Self.clock(today.adding(days: 310)), kinds: [.warrantyEnd]).raised == 1)
            #expect(try await Self.alerts(store, .warrantyEnd, client: "ACME").map(\.threshold) == [30, 7, 0, 90])
            // The other client's alerts stay its own.
            #expect(try await Self.alerts(store, .warrantyEnd, client: "OTHER").allSatisfy { $0.clientCode == "OTHER" })
        }
    }

    @Test(arguments: TestBackend.available)
    func anOverDeployedLicenceOpensOneTicketAndResolvesWhenSeatsAreAdded(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            var estate = try await ReconciliationStoreTests.Estate.make(database)
            let store = estate.store
            for index in 1...2 {
                let agent = try await estate.agent("ACME", hostname: "pc-\(index)")
                try await estate.report(
                    agent, ReconciliationStoreTests.machine(uuid: nil, serial: "PC-\(index)", mac: "e4:70:b8:01:02:0\(index)", hostname: "pc-\(index)"))
            }
            let licence = try await store.createLicence(NewLicence(client: "ACME", product: "Package Suite", packagePatterns: ["package-*"], seats: 1))
            _ = try await store.setAlertRule(AlertRuleUpdate(kind: .licenceOverDeployed, client: "ACME", opensTicket: true))
            let today = CalendarDay(todayUTC()) ?? CalendarDay(number: 0)
            let scan = try await store.scanAlerts(at: Self.clock(today), kinds: [.licenceOverDeployed])
            #expect(scan.raised == 1 && scan.ticketsOpened == 1)
            #expect(try await store.scanAlerts(at: Self.clock(today.adding(days: 1)), kinds: [.licenceOverDeployed]).ticketsOpened == 0)
            let alert = try #require(try await Self.alerts(store, .licenceOverDeployed).first)
            #expect(alert.label.contains("2 installed, 1 seats") && alert.ticketNumber != nil)
            var filter = TicketFilter()
            filter.clientCode = "ACME"
            let ticket = try await store.listTickets(filter, ListQuery()).items
            #expect(ticket.count == 1 && ticket[0].title.contains("Package Suite"))

            var update = LicenceUpdate()
            update.seats = 5
            _ = try await store.updateLicence(id: licence.id, update)
            #expect(try await store.scanAlerts(at: Self.clock(today.adding(days: 1)), kinds: [.licenceOverDeployed]).resolved == 1)
            #expect(try await store.alert(id: alert.id).resolution?.hasPrefix("fixed") == true)

            // New machines no contract covers; a contract covering computers resolves them.
            let uncovered = try await store.scanAlerts(at: Self.clock(today), kinds: [.uncoveredDevice])
            #expect(uncovered.raised == 2)
            _ = try await store.createContract(
                NewContract(client: "ACME", reference: "ACME-MS", title: "Support", startsOn: today.description, status: .active))
            #expect(try await store.scanAlerts(at: Self.clock(today), kinds: [.uncoveredDevice]).resolved == 2)

            // Agents silent for 3 days; one comes back.
            let silent = try await store.scanAlerts(at: Self.clock(today.adding(days: 3)), kinds: [.agentSilent])
            #expect(silent.raised == 2)
            try await database.withConnection { db in
                try await db.raw("UPDATE agents SET last_seen_at = \(bind: today.adding(days: 3).description + "T09:00:00Z") WHERE hostname = 'pc-1'").run()
            }
            let back = try await store.scanAlerts(at: Self.clock(today.adding(days: 3)), kinds: [.agentSilent])
            #expect(back.resolved == 1)
            let agentAlerts = try await Self.alerts(store, .agentSilent)
            #expect(agentAlerts.filter { $0.state == .resolved }.allSatisfy { $0.resolution?.hasPrefix("back in contact") == true && $0.label == "pc-1" })
        }
    }

    @Test(arguments: TestBackend.available)
    func rulesAreTheProvidersUnlessAClientOverridesThem(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let estate = try await ReconciliationStoreTests.Estate.make(database)
            let store = estate.store
            #expect(try await store.alertRules(clientCode: nil).first { $0.kind == .warrantyEnd }?.leadTimes == [90, 30, 7, 0])
            _ = try await store.setAlertRule(AlertRuleUpdate(kind: .warrantyEnd, leadTimes: [0, 60, 14]))
            let custom = try await store.setAlertRule(AlertRuleUpdate(kind: .warrantyEnd, client: "acme", leadTimes: [180]))
            #expect(custom.leadTimes == [180] && custom.overridden && custom.clientCode == "ACME")
            #expect(try await store.alertRules(clientCode: "OTHER").first { $0.kind == .warrantyEnd }?.leadTimes == [60, 14, 0])
            _ = try await store.setAlertRule(AlertRuleUpdate(kind: .warrantyEnd, client: "ACME", reset: true))
            let reset = try await store.alertRules(clientCode: "ACME").first { $0.kind == .warrantyEnd }
            #expect(reset?.leadTimes == [60, 14, 0] && reset?.overridden == false)
            // Bad rules are refused whole.
            await #expect(throws: ValidationError.self) { try await store.setAlertRule(AlertRuleUpdate(kind: .warrantyEnd, leadTimes: [7, 7])) }
            await #expect(throws: ValidationError.self) { try await store.setAlertRule(AlertRuleUpdate(kind: .warrantyEnd, leadTimes: [99_999])) }
            await #expect(throws: ValidationError.self) { try await store.setAlertRule(AlertRuleUpdate(kind: .uncoveredDevice, leadTimes: [3])) }
            await #expect(throws: StoreError.self) { try await store.setAlertRule(AlertRuleUpdate(kind: .warrantyEnd, client: "NOPE", leadTimes: [3])) }
        }
    }
}

/// Today's UTC day, as the store keeps dates.
func todayUTC() -> String {
    String(ISO8601DateFormatter().string(from: Date()).prefix(10))
}
