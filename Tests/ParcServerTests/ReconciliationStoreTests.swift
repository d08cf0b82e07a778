import Foundation
import ParcDomain
import ParcProtocol
import ParcServer
import ParcTestSupport
import Testing

/// Reports turned into assets, on both databases: the cases real estates have.
@Suite struct ReconciliationStoreTests {
    struct Estate {
        let store: Store
        var serial = 0
        var certificateSerials: [String: String] = [:]
        let staffID: Int64

        static func make(_ database: Database) async throws -> Estate {
            let store = Store(database)
            let staff = try await store.createStaff(NewStaffUser(email: "boss@p.example", name: "Boss", role: .manager))
            for code in ["ACME", "OTHER"] { _ = try await store.createClient(NewClient(code: code, name: code)) }
            return Estate(store: store, staffID: staff.id)
        }

        /// A newly enrolled agent of `client`, as the authenticator hands it to the routes.
        mutating func agent(_ client: String, hostname: String) async throws -> AuthenticatedAgent {
            serial += 1
            let token = try await store.createEnrollmentToken(clientCode: client, maxUses: 1, expiresInHours: 1, label: nil, createdBy: staffID)
            let certificateSerial = String(serial, radix: 16)
            _ = try await store.enroll(secret: token.secret, hostname: hostname, agentVersion: "0.1.0") { _, _ in
                ("pem", certificateSerial, Date().addingTimeInterval(3600))
            }
            let agent = try await store.authenticateAgent(certificateSerial: certificateSerial)
            certificateSerials[agent.id] = certificateSerial
            return agent
        }

        func report(_ agent: AuthenticatedAgent, _ inventory: Inventory) async throws {
            // As the report route does: the sections' canonical bytes and hashes.
            let sections = try inventory.sectionPayloads().sorted { $0.key.rawValue < $1.key.rawValue }.map { section, bytes in
                (section: section, hash: Inventory.sectionHash(bytes), content: String(decoding: bytes, as: UTF8.self))
            }
            // The agent's stored hashes change with each report, as authentication would reload them.
            let current = try await store.authenticateAgent(certificateSerial: certificateSerials[agent.id] ?? "")
            _ = try await store.scoped(to: current.scope).storeReport(
                agent: current, reportKey: nil, inventory: inventory, sections: sections, bodyBytes: 1, wireBytes: 1)
        }
    }

    static func machine(uuid: String?, serial: String?, mac: String, hostname: String, packages: Int = 3) -> Inventory {
        var inventory = Inventory(agentVersion: "0.1.0", collectedAt: Date())
        var system = SystemSection(source: "smbios")
        (system.manufacturer, system.product, system.uuid, system.serial) = ("LENOVO", "20L8S07A14", uuid, serial)
        inventory.system = system
        var network = NetworkSection()
        var interface = NetworkInterface(name: "enp0s31f6")
        (interface.permanentMAC, interface.physical) = (mac, true)
        network.interfaces = [interface]
        inventory.network = network
        var os = OperatingSystemSection()
        (os.hostname, os.prettyName) = (hostname, "Debian GNU/Linux 12 (bookworm)")
        inventory.os = os
        inventory.software = SoftwareSection(packages: (0..<packages).map { SoftwarePackage(name: "package-\($0)", version: "1.0-1", manager: "dpkg") })
        return inventory
    }

    @Test(arguments: TestBackend.available)
    func aReinstalledMachineKeepsItsAsset(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            var estate = try await Estate.make(database)
            let laptop = Self.machine(uuid: "4c4c4544-0042-3510-8052-b4c04f4e4d32", serial: "PC131TBF", mac: "e4:70:b8:01:02:03", hostname: "pc-42")
            let before = try await estate.agent("ACME", hostname: "pc-42")
            try await estate.report(before, laptop)
            let after = try await estate.agent("ACME", hostname: "pc-42")
            try await estate.report(after, laptop)
            let assets = try await estate.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery())
            #expect(assets.total == 1)
            #expect(assets.items.first?.agentID == after.id)
            #expect(assets.items.first?.reviewReason == nil)
            let history = try await estate.store.assetHistory(id: try #require(assets.items.first?.id)).items
            #expect(history.contains { $0.kind == "asset.agent-bound" && $0.summary.contains("matched by uuid") })
        }
    }

    @Test(arguments: TestBackend.available)
    func clonedVirtualMachinesBecomeTwoAssetsOneFlagged(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            var estate = try await Estate.make(database)
            let uuid = "564d2a4e-aaaa-bbbb-cccc-0123456789ab"
            let first = try await estate.agent("ACME", hostname: "vm-1")
            try await estate.report(first, Self.machine(uuid: uuid, serial: nil, mac: "00:50:56:01:01:01", hostname: "vm-1"))
            let clone = try await estate.agent("ACME", hostname: "vm-2")
            try await estate.report(clone, Self.machine(uuid: uuid, serial: nil, mac: "00:50:56:02:02:02", hostname: "vm-2"))
            #expect(try await estate.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery()).total == 2)
            let flagged = try await estate.store.listAssets(AssetFilter(clientCode: "ACME", needsReview: true), ListQuery())
            #expect(flagged.total == 1)
            #expect(flagged.items.first?.name == "vm-2")
            #expect(flagged.items.first?.reviewReason?.contains("different MAC addresses") == true)
        }
    }

    /// The same hardware identifiers in another client are another asset: never across clients.
    @Test(arguments: TestBackend.available)
    func matchingNeverCrossesClients(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            var estate = try await Estate.make(database)
            let laptop = Self.machine(uuid: "4c4c4544-0042-3510-8052-b4c04f4e4d32", serial: "PC131TBF", mac: "e4:70:b8:01:02:03", hostname: "pc")
            let acmeAgent = try await estate.agent("ACME", hostname: "pc")
            try await estate.report(acmeAgent, laptop)
            let otherAgent = try await estate.agent("OTHER", hostname: "pc")
            try await estate.report(otherAgent, laptop)
            let acme = try await estate.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery())
            let other = try await estate.store.listAssets(AssetFilter(clientCode: "OTHER"), ListQuery())
            #expect(acme.total == 1 && other.total == 1)
            #expect(acme.items.first?.id != other.items.first?.id)
            #expect(other.items.first?.reviewReason == nil)
        }
    }

    /// A software section with ten changes among 1,500 packages writes ten rows and ten events.
    @Test(arguments: TestBackend.available)
    func onlyWhatChangedIsWritten(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            var estate = try await Estate.make(database)
            let agent = try await estate.agent("ACME", hostname: "pc")
            var inventory = Self.machine(uuid: nil, serial: "SERIAL-1", mac: "e4:70:b8:01:02:03", hostname: "pc", packages: 1500)
            try await estate.report(agent, inventory)
            let assetID = try #require(try await estate.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery()).items.first?.id)
            var packages = try #require(inventory.software?.packages)
            for index in 0..<8 { packages[index * 100].version = "1.0-2" }
            packages.removeLast()
            packages.append(SoftwarePackage(name: "curl", version: "7.88.1-10", manager: "dpkg"))
            inventory = Inventory(agentVersion: "0.1.0", collectedAt: Date())
            inventory.software = SoftwareSection(packages: packages)
            let eventsBefore = try await estate.store.assetHistory(id: assetID).total
            try await estate.report(agent, inventory)
            let events = try await estate.store.assetHistory(id: assetID)
            #expect(events.total - eventsBefore == 10)
            #expect(events.items.prefix(10).filter { $0.kind == "software.upgraded" }.count == 8)
            #expect(try await estate.store.assetSoftware(id: assetID).total == 1500)
            #expect(try await estate.store.assetDetail(id: assetID).asset.serial == "SERIAL-1")
            // The same section sent again (a full report, a retry) changes nothing.
            try await estate.report(agent, inventory)
            #expect(try await estate.store.assetHistory(id: assetID).total == events.total)
        }
    }

    /// A monitor found through EDID becomes an asset attached to its computer, and follows the
    /// monitor when it moves to another desk.
    @Test(arguments: TestBackend.available)
    func monitorsAreAssetsThatMoveBetweenComputers(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            var estate = try await Estate.make(database)
            var screen = Monitor(manufacturerID: "DEL", productCode: 41_111, edidVersion: "1.4")
            (screen.manufacturerName, screen.name, screen.serial) = ("Dell", "DELL U2419H", "CFV9N7BT0L1L")
            var anonymous = Monitor(manufacturerID: "BOE", productCode: 1_234, edidVersion: "1.4")
            anonymous.serialNumber = 0
            var first = Self.machine(uuid: nil, serial: "PC-1", mac: "e4:70:b8:01:02:03", hostname: "pc-1")
            first.monitors = [screen, anonymous]
            let agentA = try await estate.agent("ACME", hostname: "pc-1")
            try await estate.report(agentA, first)
            let monitors = try await estate.store.listAssets(AssetFilter(clientCode: "ACME", kind: .monitor), ListQuery())
            #expect(monitors.total == 1)  // the one without a serial cannot be told from its twins
            let monitor = try #require(monitors.items.first)
            #expect(monitor.name == "Dell DELL U2419H" && monitor.serial == "CFV9N7BT0L1L")
            let computerA = try #require(try await estate.store.listAssets(AssetFilter(clientCode: "ACME", kind: .computer), ListQuery()).items.first)
            #expect(monitor.attachedToAssetID == computerA.id)

            var second = Self.machine(uuid: nil, serial: "PC-2", mac: "e4:70:b8:09:09:09", hostname: "pc-2")
            second.monitors = [screen]
            let agentB = try await estate.agent("ACME", hostname: "pc-2")
            try await estate.report(agentB, second)
            let moved = try await estate.store.assetDetail(id: monitor.id).asset
            #expect(moved.attachedToAssetID != computerA.id && moved.attachedToAssetID != nil)
            #expect(try await estate.store.assetHistory(id: monitor.id).items.first?.summary.contains("was asset \(computerA.id)") == true)
            #expect(try await estate.store.listAssets(AssetFilter(clientCode: "ACME", kind: .monitor), ListQuery()).total == 1)
        }
    }

    /// Staff fold a flagged duplicate into the asset it duplicates: one asset, one history.
    @Test(arguments: TestBackend.available)
    func mergingFoldsADuplicateIntoTheAssetKept(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            var estate = try await Estate.make(database)
            let uuid = "564d2a4e-aaaa-bbbb-cccc-0123456789ab"
            let first = try await estate.agent("ACME", hostname: "vm-1")
            try await estate.report(first, Self.machine(uuid: uuid, serial: nil, mac: "00:50:56:01:01:01", hostname: "vm-1"))
            let second = try await estate.agent("ACME", hostname: "vm-1b")
            try await estate.report(second, Self.machine(uuid: uuid, serial: nil, mac: "00:50:56:02:02:02", hostname: "vm-1b"))
            let all = try await estate.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery()).items
            let keep = try #require(all.first { $0.reviewReason == nil })
            let duplicate = try #require(all.first { $0.reviewReason != nil })
            let merged = try await estate.store.mergeAssets(keep: keep.id, duplicate: duplicate.id, by: "boss@p.example")
            #expect(merged.reviewReason == nil)
            #expect(try await estate.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery()).total == 1)
            let history = try await estate.store.assetHistory(id: keep.id).items
            #expect(history.first?.kind == "asset.merged")
            #expect(history.filter { $0.kind == "asset.created" }.count == 2)
            let retired = try await estate.store.assetDetail(id: duplicate.id).asset
            #expect(retired.status == .retired && retired.mergedIntoAssetID == keep.id)
            await #expect(throws: StoreError.self) { try await estate.store.mergeAssets(keep: keep.id, duplicate: keep.id, by: "boss@p.example") }
            // The duplicate's agent reports again: it lands on the asset kept.
            try await estate.report(second, Self.machine(uuid: uuid, serial: nil, mac: "00:50:56:02:02:02", hostname: "vm-1b"))
            #expect(try await estate.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery()).total == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func warrantiesEndingExpiredOrUnknown(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let estate = try await Estate.make(database)
            func day(_ offset: Int) -> String { String(Date().addingTimeInterval(Double(offset) * 86_400).formatted(.iso8601).prefix(10)) }
            for (name, end) in [("soon", day(10)), ("later", day(200)), ("gone", day(-1)), ("nobody knows", nil)] {
                var new = NewAsset(client: "ACME", kind: .computer, name: name)
                new.warrantyEnd = end
                _ = try await estate.store.createAsset(new, by: "boss@p.example")
            }
            func names(_ warranty: AssetFilter.WarrantyFilter) async throws -> [String] {
                try await estate.store.listAssets(AssetFilter(clientCode: "ACME", warranty: warranty), ListQuery()).items.map(\.name)
            }
            #expect(try await names(.ending(today: day(0), days: 30)) == ["soon"])
            #expect(try await names(.ending(today: day(0), days: 365)) == ["later", "soon"])
            #expect(try await names(.expired(today: day(0))) == ["gone"])
            #expect(try await names(.unknown) == ["nobody knows"])
        }
    }

    @Test(arguments: TestBackend.available)
    func addressAndHostnameChangesAreHistoryAndQuietMachinesAreFound(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            var estate = try await Estate.make(database)
            let agent = try await estate.agent("ACME", hostname: "pc")
            var inventory = Self.machine(uuid: nil, serial: "PC-1", mac: "e4:70:b8:01:02:03", hostname: "pc")
            inventory.network?.interfaces[0].ipv4 = ["192.168.1.20/24"]
            try await estate.report(agent, inventory)
            inventory.network?.interfaces[0].ipv4 = ["10.0.0.7/8"]
            inventory.os?.hostname = "pc-renamed"
            try await estate.report(agent, inventory)
            let asset = try #require(try await estate.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery()).items.first)
            #expect(asset.ipAddresses == ["10.0.0.7/8"] && asset.hostname == "pc-renamed")
            let summaries = try await estate.store.assetHistory(id: asset.id).items.map(\.summary)
            #expect(summaries.contains("IP addresses changed from 192.168.1.20/24 to 10.0.0.7/8"))
            #expect(summaries.contains("host name changed from pc to pc-renamed"))
            var quiet = AssetFilter(clientCode: "ACME")
            quiet.notSeenSince = Date().addingTimeInterval(3600)
            #expect(try await estate.store.listAssets(quiet, ListQuery()).total == 1)
            quiet.notSeenSince = Date().addingTimeInterval(-3600)
            #expect(try await estate.store.listAssets(quiet, ListQuery()).total == 0)
            // An unchanged check-in two hours later: the machine is there, though nothing changed.
            let later = Date().addingTimeInterval(7200)
            let current = try await estate.store.authenticateAgent(certificateSerial: estate.certificateSerials[agent.id] ?? "")
            _ = try await estate.store.scoped(to: current.scope).checkIn(
                agent: current, CheckIn(agentVersion: "0.1.0", hostname: "pc-renamed", sectionHashes: current.sectionHashes), reportKey: nil, wireBytes: 100,
                now: later)
            quiet.notSeenSince = Date().addingTimeInterval(3600)
            #expect(try await estate.store.listAssets(quiet, ListQuery()).total == 0)
            let seen = try #require(try await estate.store.assetDetail(id: asset.id).asset.lastSeenAt)
            #expect(abs(seen.timeIntervalSince(later)) < 2)
        }
    }

    /// Unchanged check-ins arriving together are written in shared batches, each caller acknowledged
    /// once its own row is committed: every one recorded once, a retried key not again.
    /// The limit catches a batch that never commits; it is wide because the suite runs alongside
    /// (1.5 s alone, 32 s with the whole suite and a release build sharing two cores).
    @Test(.timeLimit(.minutes(3)), arguments: TestBackend.available)
    func concurrentCheckInsAreEachRecordedOnce(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            var estate = try await Estate.make(database)
            let agents = [try await estate.agent("ACME", hostname: "a"), try await estate.agent("ACME", hostname: "b")]
            let store = estate.store
            func recorded() async throws -> Int {
                var count = 0
                for agent in agents { count += try await store.agentReports(agentID: agent.id, limit: 1000).count }
                return count
            }
            let before = try await recorded()
            try await withThrowingTaskGroup(of: [InventorySection].self) { group in
                for index in 0..<240 {
                    let agent = agents[index % 2]
                    // Keys 0..<200 once each; 40 of them sent a second time, as a retry would.
                    let key = "key-\(index < 200 ? index : index - 200)"
                    group.addTask {
                        try await store.scoped(to: agent.scope).checkIn(
                            agent: agent, CheckIn(agentVersion: "0.1.0", hostname: agent.hostname, sectionHashes: agent.sectionHashes),
                            reportKey: key, wireBytes: 300)
                    }
                }
                for try await needed in group { #expect(needed.isEmpty) }
            }
            #expect(try await recorded() - before == 200)
        }
    }

    /// The provider's own stock is a client of its own; a machine leaves it for a customer.
    @Test(arguments: TestBackend.available)
    func stockIsTransferredToAClient(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            var estate = try await Estate.make(database)
            _ = try await estate.store.createClient(NewClient(code: "STOCK", name: "Our stock"))
            var new = NewAsset(client: "STOCK", kind: .computer, name: "Spare laptop")
            new.serial = "PC-SPARE"
            let spare = try await estate.store.createAsset(new, by: "boss@p.example")
            let moved = try await estate.store.transferAsset(id: spare.id, toClient: "ACME", by: "boss@p.example")
            #expect(moved.clientCode == "ACME")
            #expect(try await estate.store.assetHistory(id: spare.id).items.first?.summary == "transferred from STOCK to ACME")
            // Once there, its agent finds it by serial.
            let agent = try await estate.agent("ACME", hostname: "spare")
            try await estate.report(agent, Self.machine(uuid: nil, serial: "PC-SPARE", mac: "e4:70:b8:07:07:07", hostname: "spare"))
            let bound = try await estate.store.assetDetail(id: spare.id).asset
            #expect(bound.agentID == agent.id && bound.status == .inUse)
            await #expect(throws: StoreError.self) { try await estate.store.transferAsset(id: spare.id, toClient: "OTHER", by: "boss@p.example") }
        }
    }

    /// Two agents that both keep reporting the same hardware (a cloned disk image, a dual boot)
    /// get an asset each, the second flagged; they never take one asset from each other in turns.
    @Test(arguments: TestBackend.available)
    func twoLiveAgentsOnOneMachineNeverTakeTurns(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            var estate = try await Estate.make(database)
            let machine = Self.machine(uuid: nil, serial: "SAME-1", mac: "e4:70:b8:05:05:05", hostname: "twin")
            let first = try await estate.agent("ACME", hostname: "twin-a")
            let second = try await estate.agent("ACME", hostname: "twin-b")
            // The first reports after the second enrolled: it is alive.
            try await Task.sleep(for: .milliseconds(1100))
            try await estate.report(first, machine)
            for _ in 0..<2 {
                try await estate.report(second, machine)
                try await estate.report(first, machine)
            }
            let assets = try await estate.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery()).items
            #expect(assets.count == 2)
            #expect(Set(assets.compactMap(\.agentID)) == [first.id, second.id])
            #expect(assets.filter { $0.reviewReason?.contains("still reports") == true }.count == 1)
            for asset in assets { #expect(try await estate.store.assetHistory(id: asset.id).items.filter { $0.kind == "asset.agent-bound" }.isEmpty) }
        }
    }
}
