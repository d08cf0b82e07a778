import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOPosix
import ParcDomain
import ParcProtocol
import ParcServer
import ParcTestSupport
import Testing

/// Tickets, SLA clocks and maintenance plans in the store, on both databases.
@Suite struct TicketStoreTests {
    /// Two clients, the provider's stock, a technician, a billing user, and one asset each.
    struct Desk {
        let store: Store
        let manager: StaffUser
        let technician: StaffUser
        let billing: StaffUser
        let acmePC: Asset
        let otherPC: Asset
        let spare: Asset

        static func make(_ database: Database) async throws -> Desk {
            let store = Store(database)
            for code in ["ACME", "OTHER", "STOCK"] { _ = try await store.createClient(NewClient(code: code, name: code)) }
            let manager = try await store.createStaff(NewStaffUser(email: "boss@p.example", name: "Boss", role: .manager))
            let technician = try await store.createStaff(NewStaffUser(email: "sam@p.example", name: "Sam", role: .technician))
            let billing = try await store.createStaff(NewStaffUser(email: "bill@p.example", name: "Bill", role: .billing))
            var pc = NewAsset(client: "ACME", kind: .computer, name: "pc-compta")
            pc.status = .inUse
            let acmePC = try await store.createAsset(pc, by: "boss@p.example")
            pc.client = "OTHER"
            let otherPC = try await store.createAsset(pc, by: "boss@p.example")
            var spare = NewAsset(client: "STOCK", kind: .computer, name: "Spare laptop")
            spare.model = "T14"
            let stock = try await store.createAsset(spare, by: "boss@p.example")
            var provider = ProviderIdentity(name: "Parc Services SAS")
            provider.stockClient = "STOCK"
            _ = try await store.updateProviderIdentity(provider)
            return Desk(store: store, manager: manager, technician: technician, billing: billing, acmePC: acmePC, otherPC: otherPC, spare: stock)
        }
    }

    static func at(_ text: String) -> Date { try! Date(text, strategy: .iso8601) }

    /// A second pool on the same database, with its own SQLite threads: a second server instance.
    static func withSecondInstance<R: Sendable>(_ database: Database, _ body: (Store) async throws -> R) async throws -> R {
        let threads = NIOThreadPool(numberOfThreads: 2)
        threads.start()
        let second = Store(try Database(database.url, logger: TestLogger.make(), sqliteThreads: threads))
        do {
            let result = try await body(second)
            try await second.database.shutdown()
            try await threads.shutdownGracefully()
            return result
        } catch {
            try? await second.database.shutdown()
            try? await threads.shutdownGracefully()
            throw error
        }
    }

    @Test(arguments: TestBackend.available)
    func aTicketWorkedEndToEnd(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let desk = try await Desk.make(database)
            let store = desk.store
            let boss = TicketActor.staff(desk.manager)
            // Tue 24 Nov 2026, 17:30 Paris: default P2 targets are 2 h / 8 h in business hours.
            var new = NewTicket(client: "ACME", title: "PC won't boot", priority: .p2)
            new.assetIDs = [desk.acmePC.id]
            let created = try await store.createTicket(new, by: boss, now: Self.at("2026-11-24T16:30:00Z"))
            #expect(created.number == "T-2026-00001" && created.status == .new)
            #expect(created.sla.source == "default")
            #expect(created.sla.responseDueAt == Self.at("2026-11-25T09:30:00Z"))  // 30 min Tuesday + 90 min Wednesday
            #expect(created.sla.resolutionDueAt == Self.at("2026-11-25T15:30:00Z"))  // 30 min + 7 h 30 on Wednesday

            // Client scope: an asset of another client cannot be linked.
            new.assetIDs = [desk.otherPC.id]
            await #expect(throws: StoreError.invalidReference(field: "assetIDs", message: "asset \(desk.otherPC.id) belongs to OTHER, not to ACME")) {
                try await store.createTicket(new, by: boss)
            }
            await #expect(throws: StoreError.self) { try await store.updateTicket(id: created.id, TicketUpdate(addAssetIDs: [desk.otherPC.id]), by: boss) }
            // Billing staff do not take tickets.
            await #expect(throws: StoreError.self) { try await store.assignTicket(id: created.id, technicianID: desk.billing.id, by: boss) }

            let assigned = try await store.assignTicket(id: created.id, technicianID: desk.technician.id, by: boss, now: Self.at("2026-11-25T08:00:00Z"))
            #expect(assigned.status == .assigned && assigned.technicianName == "Sam")
            let sam = TicketActor.staff(desk.technician)
            let working = try await store.changeTicketStatus(
                id: created.id, TicketStatusChange(status: .inProgress), by: sam, now: Self.at("2026-11-25T09:00:00Z"))
            #expect(working.sla.respondedAt == Self.at("2026-11-25T09:00:00Z") && working.sla.responseMet == true)
            // Waiting for the client from Wed 14:00 to Thu 10:00 Paris: 5.5 h were used, 2.5 h remain from Thu 10:00 → 12:30 Paris.
            _ = try await store.changeTicketStatus(id: created.id, TicketStatusChange(status: .waitingForClient), by: sam, now: Self.at("2026-11-25T13:00:00Z"))
            let paused = try await store.ticketDetail(id: created.id, now: Self.at("2026-11-25T13:30:00Z")).ticket
            #expect(paused.sla.resolutionDueAt == nil && paused.sla.state == .paused)
            let back = try await store.changeTicketStatus(
                id: created.id, TicketStatusChange(status: .inProgress), by: sam, now: Self.at("2026-11-26T09:00:00Z"))
            #expect(back.sla.resolutionDueAt == Self.at("2026-11-26T11:30:00Z"))

            _ = try await store.logTime(ticketID: created.id, NewTimeEntry(minutes: 45, note: "diagnosis"), technicianID: desk.technician.id, by: sam)
            // Another client's in-stock asset is not this ticket's to deploy: refused, and it stays where it is.
            var otherSpare = NewAsset(client: "OTHER", kind: .computer, name: "Other's spare")
            otherSpare.status = .inStock
            let others = try await store.createAsset(otherSpare, by: "boss@p.example")
            await #expect(
                throws: StoreError.invalidReference(
                    field: "assetID", message: "asset \(others.id) belongs to OTHER, neither \(created.number)'s client ACME nor the provider's stock (STOCK)")
            ) {
                try await store.addMaterial(ticketID: created.id, NewMaterial(description: nil, assetID: others.id), by: sam)
            }
            let untouched = try await store.assetDetail(id: others.id).asset
            #expect(untouched.clientCode == "OTHER" && untouched.status == .inStock)
            let spare = try await store.addMaterial(
                ticketID: created.id, NewMaterial(description: nil, unitPriceCents: 89_900, assetID: desk.spare.id), by: sam)
            #expect(spare.description.contains("Spare laptop"))
            let deployed = try await store.assetDetail(id: desk.spare.id).asset
            #expect(deployed.clientCode == "ACME" && deployed.status == .inUse)
            await #expect(throws: StoreError.self) {  // no longer in stock
                try await store.addMaterial(ticketID: created.id, NewMaterial(description: nil, assetID: desk.spare.id), by: sam)
            }

            await #expect(throws: ValidationError.self) {
                try await store.changeTicketStatus(id: created.id, TicketStatusChange(status: .resolved, resolution: "  "), by: sam)
            }
            let resolved = try await store.changeTicketStatus(
                id: created.id, TicketStatusChange(status: .resolved, resolution: "Replaced by a spare"), by: sam, now: Self.at("2026-11-26T11:00:00Z"))
            #expect(resolved.sla.resolutionMet == true && resolved.sla.state == .met)
            let closed = try await store.changeTicketStatus(id: created.id, TicketStatusChange(status: .closed), by: boss, now: Self.at("2026-11-26T14:00:00Z"))
            #expect(closed.status == .closed && closed.closedAt != nil)
            await #expect(throws: WorkflowError.self) { try await store.changeTicketStatus(id: created.id, TicketStatusChange(status: .inProgress), by: boss) }
            await #expect(throws: StoreError.self) {
                try await store.logTime(ticketID: created.id, NewTimeEntry(minutes: 5), technicianID: desk.technician.id, by: sam)
            }

            // The ticket's history, and the same lines in the history of both assets it names.
            let detail = try await store.ticketDetail(id: created.id)
            #expect(
                detail.history.map(\.kind) == [
                    "ticket.created", "ticket.assigned", "ticket.status-changed", "ticket.status-changed", "ticket.status-changed", "ticket.time-logged",
                    "ticket.material-added", "ticket.status-changed", "ticket.status-changed",
                ])
            #expect(detail.timeEntries.map(\.minutes) == [45] && detail.materials.first?.unitPriceCents == 89_900)
            #expect(TicketRules.visible(detail, to: .technician).materials.first?.unitPriceCents == nil)
            let pcHistory = try await store.assetHistory(id: desk.acmePC.id).items
            #expect(pcHistory.filter { $0.summary.hasPrefix("T-2026-00001: ") }.count == detail.history.count)
            let spareHistory = try await store.assetHistory(id: desk.spare.id).items.map(\.kind)
            #expect(spareHistory.contains("asset.transferred") && spareHistory.contains("asset.deployed") && spareHistory.contains("ticket.status-changed"))
        }
    }

    @Test(arguments: TestBackend.available)
    func contractTermsSetTheClocksAndBreachesAreListed(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let desk = try await Desk.make(database)
            let store = desk.store
            let boss = TicketActor.staff(desk.manager)
            let terms = SLATerms(
                hours: .allDay,
                targets: try SLARules.parseTargets("P1=15/1h,P2=30/2h,P3=1h/4h,P4=2h/8h", hours: .allDay, calendar: SLARules.defaultSettings.calendar))
            _ = try await store.createContract(
                try ContractRules.validated(
                    NewContract(client: "ACME", reference: "C-ACME", title: "Care", startsOn: "2026-01-01", status: .active, sla: terms)))
            await #expect(throws: StoreError.self) {  // references are unique
                try await store.createContract(NewContract(client: "OTHER", reference: "C-ACME", title: "x", startsOn: "2026-01-01"))
            }
            // Saturday night: 24x7 terms count it, the OTHER client (default, business hours) waits for Monday.
            let saturday = Self.at("2026-11-28T22:00:00Z")
            let acme = try await store.createTicket(NewTicket(client: "ACME", title: "Server down", priority: .p1), by: boss, now: saturday)
            #expect(acme.sla.source == "contract C-ACME" && acme.sla.hours == .allDay)
            #expect(acme.sla.responseDueAt == Self.at("2026-11-28T22:15:00Z") && acme.sla.resolutionDueAt == Self.at("2026-11-28T23:00:00Z"))
            let other = try await store.createTicket(NewTicket(client: "OTHER", title: "Slow PC", priority: .p3), by: boss, now: saturday)
            #expect(other.sla.source == "default" && other.sla.responseDueAt == Self.at("2026-11-30T12:00:00Z"))

            let page = { (sla: SLAState, now: String) in try await store.listTickets(TicketFilter(sla: sla), ListQuery(), now: Self.at(now)).items.map(\.number)
            }
            #expect(try await page(.dueSoon, "2026-11-28T22:05:00Z") == [acme.number])
            #expect(try await page(.breached, "2026-11-28T22:20:00Z") == [acme.number])
            #expect(try await page(.breached, "2026-11-30T12:01:00Z") == [acme.number, other.number])
            // Answering late leaves the response breached for good, even once resolved in time.
            _ = try await store.addTicketComment(
                id: acme.id, NewTicketComment(body: "Looking into it", isPublic: true), by: boss, now: Self.at("2026-11-28T22:20:00Z"))
            let late = try await store.changeTicketStatus(
                id: acme.id, TicketStatusChange(status: .resolved, resolution: "Rebooted"), by: boss, now: Self.at("2026-11-28T22:40:00Z"))
            #expect(late.sla.responseMet == false && late.sla.resolutionMet == true && late.sla.state == .breached)
            #expect(try await page(.breached, "2026-11-29T00:00:00Z").isEmpty)  // the list shows open tickets by default
            var everyBreach = TicketFilter(sla: .breached)
            everyBreach.includeDone = true
            #expect(try await store.listTickets(everyBreach, ListQuery(), now: Self.at("2026-11-29T00:00:00Z")).items.map(\.number) == [acme.number])
            let all = try await store.listTickets(TicketFilter(clientCode: "ACME"), ListQuery(), now: saturday)
            #expect(all.total == 0)  // resolved tickets are not open
            var filter = TicketFilter(clientCode: "ACME")
            filter.includeDone = true
            #expect(try await store.listTickets(filter, ListQuery()).total == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func ticketNumbersStayGaplessUnderConcurrentOpening(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let desk = try await Desk.make(database)
            let numbers = try await Self.withSecondInstance(database) { second in
                try await withThrowingTaskGroup(of: String.self) { group in
                    // Twelve: enough to interleave two instances; at 24, under the whole suite's load on two
                    // cores, the last ones waited past the pool's 30 s for a connection.
                    for index in 0..<12 {
                        let store = index.isMultiple(of: 2) ? desk.store : second
                        group.addTask { try await store.createTicket(NewTicket(client: "ACME", title: "Ticket \(index)"), by: .staff(desk.manager)).number }
                    }
                    return try await group.reduce(into: [String]()) { $0.append($1) }
                }
            }
            let year = String(Date().formatted(.iso8601).prefix(4))
            #expect(numbers.sorted() == (1...12).map { "T-\(year)-" + String(repeating: "0", count: 5 - String($0).count) + String($0) })
        }
    }

    @Test(arguments: TestBackend.available)
    func maintenanceOpensEachOccurrenceOnceAndCatchesUp(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let desk = try await Desk.make(database)
            let store = desk.store
            var new = NewMaintenancePlan(
                client: "ACME", name: "Weekly check", recurrence: Recurrence(every: 1, unit: .weeks, startsOn: "2026-12-07"), checklist: ["Updates", "Backups"])
            new.kind = .computer
            new.leadDays = 3
            new.technicianID = desk.technician.id
            new.estimatedMinutes = 30
            let plan = try await store.createMaintenancePlan(try MaintenanceRules.validated(new), now: Self.at("2026-12-01T08:00:00Z"))
            #expect(plan.nextOccurrence == "2026-12-07" && plan.scheduledThrough == "2026-12-06")

            #expect(try await store.runMaintenance(asOf: "2026-12-03").opened.isEmpty)  // 12-07 is 4 days away, lead is 3
            let first = try await store.runMaintenance(asOf: "2026-12-04")
            #expect(first.opened.count == 1)  // one computer at ACME (the spare is still in stock, another client's)
            let ticket = try await store.ticketDetail(id: try await store.ticketID(first.opened[0])).ticket
            #expect(ticket.type == .preventiveMaintenance && ticket.scheduledFor == "2026-12-07" && ticket.status == .assigned)
            #expect(ticket.maintenancePlanID == plan.id && ticket.assets.map(\.id) == [desk.acmePC.id] && ticket.estimatedMinutes == 30)
            #expect(ticket.description?.contains("☐ Backups") == true && ticket.reporterKind == .system)
            #expect(try await store.runMaintenance(asOf: "2026-12-04").opened.isEmpty)  // idempotent

            // The server was down for three weeks; two instances come back at once.
            _ = try await store.transferAsset(id: desk.spare.id, toClient: "ACME", by: "boss@p.example")
            let opened = try await Self.withSecondInstance(database) { second in
                async let a = store.runMaintenance(asOf: "2026-12-25")
                async let b = second.runMaintenance(asOf: "2026-12-25")
                return try await a.opened + b.opened
            }
            // Occurrences 12-14, 12-21 and 12-28 for both computers, each opened by one instance only.
            #expect(opened.count == 6, "\(opened)")
            var filter = TicketFilter(clientCode: "ACME")
            filter.type = .preventiveMaintenance
            let tickets = try await store.listTickets(filter, ListQuery(limit: 500)).items
            #expect(tickets.count == 7)
            let keys = tickets.map { "\($0.assets.first?.id ?? 0)@\($0.scheduledFor ?? "")" }
            #expect(Set(keys).count == keys.count)
            #expect(Set(tickets.compactMap(\.scheduledFor)) == ["2026-12-07", "2026-12-14", "2026-12-21", "2026-12-28"])

            // Paused plans open nothing; resuming starts from that day.
            _ = try await store.setMaintenancePlan(id: plan.id, paused: true)
            #expect(try await store.runMaintenance(asOf: "2027-01-20").opened.isEmpty)
            let resumed = try await store.setMaintenancePlan(id: plan.id, paused: false, now: Self.at("2027-01-20T08:00:00Z"))
            #expect(resumed.nextOccurrence == "2027-01-25")
            #expect(try await store.runMaintenance(asOf: "2027-01-22").opened.count == 2)
        }
    }
}

/// The ticket API as a technician and a billing user meet it: workflow errors are 409 with a message,
/// bad input 4xx naming the field, prices hidden from technicians.
@Suite struct TicketAPITests {
    @Test func workflowAndInputErrorsOverHTTP() async throws {
        try await TestServer.with(.sqlite) { server in
            try await server.application.test(.router) { client in
                let boss = server.managerToken
                #expect(try await client.call(.post, "/api/v1/clients", token: boss, json: #"{"code":"ACME","name":"ACME"}"#).status == .created)
                let tech = try await client.call(.post, "/api/v1/staff", token: boss, json: #"{"email":"sam@p.example","name":"Sam","role":"technician"}"#)
                    .decode(StaffUser.self)
                let techToken = try await client.call(.post, "/api/v1/tokens", token: boss, json: #"{"label":"t","staffID":\#(tech.id)}"#).decode(
                    CreatedAPIToken.self
                ).secret
                // Technicians have an hourly cost (for profitability) and skills.
                let costed = try await client.call(
                    .patch, "/api/v1/staff/\(tech.id)", token: boss, json: #"{"hourlyCostCents":4250,"skills":["Printers"," networking ",""]}"#)
                #expect(try costed.decode(StaffUser.self).hourlyCostCents == 4250 && costed.decode(StaffUser.self).skills == ["printers", "networking"])

                let missing = try await client.call(.post, "/api/v1/tickets", token: techToken, json: #"{"client":"ACME","type":"incident","priority":"P2"}"#)
                #expect(missing.status == .badRequest && missing.error?.field == "title")
                let badPriority = try await client.call(
                    .post, "/api/v1/tickets", token: techToken, json: #"{"client":"ACME","title":"x","type":"incident","priority":"P9"}"#)
                #expect(badPriority.status == .badRequest && badPriority.error?.field == "priority")
                let unknownClient = try await client.call(
                    .post, "/api/v1/tickets", token: techToken, json: #"{"client":"NOPE","title":"x","type":"incident","priority":"P2"}"#)
                #expect(unknownClient.status == .notFound)
                let created = try await client.call(
                    .post, "/api/v1/tickets", token: techToken, json: #"{"client":"ACME","title":"Printer","type":"incident","priority":"P2"}"#)
                #expect(created.status == .created)
                let ticket = try created.decode(Ticket.self)

                let early = try await client.call(.post, "/api/v1/tickets/\(ticket.number)/status", token: techToken, json: #"{"status":"in-progress"}"#)
                #expect(early.status == .conflict && early.error?.error == "invalid_transition")
                #expect(early.error?.message.contains("assign a technician") == true)
                let close = try await client.call(.post, "/api/v1/tickets/\(ticket.id)/status", token: techToken, json: #"{"status":"closed"}"#)
                #expect(close.status == .conflict && close.error?.message.contains("resolve it first") == true)
                let noResolution = try await client.call(.post, "/api/v1/tickets/\(ticket.id)/status", token: techToken, json: #"{"status":"resolved"}"#)
                #expect(noResolution.status == .unprocessableContent && noResolution.error?.field == "resolution")

                let otherTime = try await client.call(.post, "/api/v1/tickets/\(ticket.id)/time", token: techToken, json: #"{"minutes":30,"technicianID":1}"#)
                #expect(otherTime.status == .forbidden)
                let negative = try await client.call(
                    .post, "/api/v1/tickets/\(ticket.id)/materials", token: techToken, json: #"{"description":"toner","quantity":-2}"#)
                #expect(negative.status == .unprocessableContent && negative.error?.field == "quantity")
                let priced = try await client.call(
                    .post, "/api/v1/tickets/\(ticket.id)/materials", token: boss, json: #"{"description":"toner","quantity":2,"unitPriceCents":4990}"#)
                #expect(priced.status == .created)
                let seenByTech = try await client.call(.get, "/api/v1/tickets/\(ticket.number)", token: techToken).decode(TicketDetail.self)
                #expect(seenByTech.materials.first?.quantity == 2 && seenByTech.materials.first?.unitPriceCents == nil)
                let seenByBoss = try await client.call(.get, "/api/v1/tickets/\(ticket.number)", token: boss).decode(TicketDetail.self)
                #expect(seenByBoss.materials.first?.unitPriceCents == 4990)

                let mine = try await client.call(.get, "/api/v1/tickets?technician=me", token: techToken).decode(Page<Ticket>.self)
                #expect(mine.total == 0)
                #expect(
                    try await client.call(.post, "/api/v1/tickets/\(ticket.id)/assign", token: techToken, json: #"{"technicianID":\#(tech.id)}"#).status == .ok)
                #expect(try await client.call(.get, "/api/v1/tickets?technician=me", token: techToken).decode(Page<Ticket>.self).total == 1)
                #expect(try await client.call(.get, "/api/v1/tickets?sla=paused", token: techToken).status == .badRequest)
                #expect(try await client.call(.get, "/api/v1/tickets/T-1999-00001", token: techToken).status == .notFound)

                let badSLA = try await client.call(
                    .put, "/api/v1/sla", token: boss,
                    json:
                        #"{"calendar":{"timeZone":"Mars/Base","workingDays":[],"opensAt":"18:00","closesAt":"09:00","holidays":["someday"]},"defaultTerms":{"hours":"business","targets":[]},"dueSoonMinutes":60}"#
                )
                #expect(badSLA.status == .unprocessableContent)
                #expect(badSLA.error?.message.contains("unknown time zone") == true && badSLA.error?.message.contains("closesAt") == true)
                let badContract = try await client.call(
                    .post, "/api/v1/contracts", token: boss,
                    json: #"{"client":"ACME","reference":"C1","title":"x","startsOn":"2026-05-01","endsOn":"2026-04-01"}"#)
                #expect(badContract.status == .unprocessableContent && badContract.error?.field == "endsOn")
                let badPlan = try await client.call(
                    .post, "/api/v1/maintenance/plans", token: techToken,
                    json: #"{"client":"ACME","name":"x","recurrence":{"every":1,"unit":"fortnights","startsOn":"2027-01-01"},"checklist":[]}"#)
                #expect(badPlan.status == .badRequest)
            }
        }
    }
}
