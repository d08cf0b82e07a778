import Foundation
import ParcClient
import ParcProtocol
import ParcTestSupport
import Testing

/// A technician works a ticket end to end with `parcctl` against a running `parc-server` (created,
/// assigned, time logged, a laptop deployed from stock, resolved, closed) and the assets' histories
/// show it; the server's own scheduler opens a maintenance plan's ticket on schedule.
@Suite(.serialized) struct InterventionTests {
    @Test(arguments: TestBackend.available)
    func aTechnicianWorksATicketAndThePlanOpensItsOwn(_ backend: TestBackend) async throws {
        try await AgentReportingTests.withSetup(backend, serverArguments: ["--maintenance-every", "1s"]) { setup in
            let staff = setup.staff
            _ = try await staff.createClient(NewClient(code: "STOCK", name: "Provider stock"))
            var provider = try await staff.providerIdentity()
            provider.stockClient = "STOCK"
            _ = try await staff.updateProviderIdentity(provider)
            let sam = try await staff.createStaff(NewStaffUser(email: "sam@p.example", name: "Sam Tech", role: .technician))
            let samToken = try await staff.createToken(NewAPIToken(label: "laptop", staffID: sam.id)).secret
            var pc = NewAsset(client: "ACME", kind: .computer, name: "pc-compta")
            pc.status = .inUse
            let computer = try await staff.createAsset(pc)
            var spare = NewAsset(client: "STOCK", kind: .computer, name: "Spare laptop")
            spare.model = "ThinkPad T14"
            let laptop = try await staff.createAsset(spare)

            let ctl = ["--server", setup.server.url, "--token", samToken, "--ca", setup.fingerprint]
            func ctlOK(_ arguments: [String]) async throws -> String {
                let result = try await run("parcctl", arguments + ctl)
                #expect(result.status == 0, "parcctl \(arguments.joined(separator: " ")): \(result.stderr)")
                return result.stdout
            }
            let created = try CanonicalJSON.decode(
                Ticket.self,
                from: Data(
                    try await ctlOK([
                        "ticket", "create", "--client", "ACME", "--title", "PC won't boot", "--priority", "P2", "--asset", String(computer.id), "--json",
                    ]).utf8))
            let number = created.number
            #expect(number.hasPrefix("T-") && created.status == .new && created.sla.responseDueAt != nil)
            #expect(try await ctlOK(["ticket", "assign", number, "--technician", "me"]).contains("assigned, technician Sam Tech"))
            #expect(try await ctlOK(["ticket", "list", "--mine"]).contains(number))
            #expect(try await ctlOK(["ticket", "status", number, "in-progress"]).contains("in-progress"))
            #expect(try await ctlOK(["ticket", "log-time", number, "--minutes", "45", "--note", "diagnosis"]).contains("45 min logged for Sam Tech"))
            #expect(try await ctlOK(["ticket", "add-material", number, "--asset", String(laptop.id)]).contains("deployed"))
            _ = try await ctlOK(["ticket", "comment", number, "Your laptop is replaced", "--public"])
            #expect(try await ctlOK(["ticket", "resolve", number, "--resolution", "Replaced by a spare laptop"]).contains("is resolved"))
            #expect(try await ctlOK(["ticket", "close", number]).contains("is closed"))
            let again = try await run("parcctl", ["ticket", "close", number] + ctl)
            #expect(again.status != 0 && again.stderr.contains("closed and can no longer change"), "\(again.stderr)")
            let zero = try await run("parcctl", ["ticket", "log-time", number, "--minutes", "0"] + ctl)
            #expect(zero.status != 0 && zero.stderr.contains("minutes"), "\(zero.stderr)")

            let detail = try CanonicalJSON.decode(TicketDetail.self, from: Data(try await ctlOK(["ticket", "show", number, "--json"]).utf8))
            #expect(detail.ticket.status == .closed && detail.ticket.resolution == "Replaced by a spare laptop")
            #expect(detail.timeEntries.map(\.minutes) == [45] && detail.materials.map(\.assetID) == [laptop.id])
            #expect(detail.comments.first?.isPublic == true && detail.ticket.sla.responseMet != nil)
            let shown = try await ctlOK(["ticket", "show", number])
            #expect(shown.contains("time (45 min)") && shown.contains("Spare laptop ThinkPad T14"))

            let history = try CanonicalJSON.decode(
                Page<AssetEvent>.self, from: Data(try await ctlOK(["asset", "history", String(computer.id), "--json"]).utf8)
            ).items
            #expect(history.filter { $0.summary.hasPrefix(number + ": ") }.count == detail.history.count)
            let deployed = try await staff.asset(id: laptop.id)
            #expect(deployed.asset.clientCode == "ACME" && deployed.asset.status == .inUse)
            let laptopHistory = try await staff.assetHistory(id: laptop.id).items.map(\.kind)
            #expect(laptopHistory.contains("asset.transferred") && laptopHistory.contains("asset.deployed"))

            // A weekly check starting today: the server's scheduler (every second here) opens the tickets of
            // today's and next week's checks (seven days of lead by default).
            let today = String(Date().formatted(.iso8601).prefix(10))
            let plan = try await ctlOK([
                "maintenance", "plan", "create", "--client", "ACME", "--name", "Weekly check", "--asset", String(computer.id), "--every", "1", "--unit",
                "weeks",
                "--starts-on", today, "--check", "Apply updates", "--check", "Test backups", "--estimate", "30", "--technician", String(sam.id),
            ])
            #expect(plan.contains("next \(today)"), "\(plan)")
            var opened: [Ticket] = []
            for _ in 0..<100 where opened.isEmpty {
                try await Task.sleep(for: .milliseconds(200))
                opened = try await staff.listTickets(["type": "preventive-maintenance"]).items
            }
            let maintenance = try #require(opened.first { $0.scheduledFor == today })
            #expect(opened.count == 2 && Set(opened.compactMap(\.scheduledFor)).count == 2)
            #expect(maintenance.technicianID == sam.id && maintenance.assets.map(\.id) == [computer.id] && maintenance.status == .assigned)
            #expect(maintenance.description?.contains("☐ Test backups") == true)
            #expect(try await ctlOK(["maintenance", "run"]).contains("no maintenance ticket due"))
            #expect(try await staff.listTickets(["type": "preventive-maintenance"]).total == 2)
        }
    }
}
