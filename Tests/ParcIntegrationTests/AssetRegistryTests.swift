import Foundation
import ParcClient
import ParcProtocol
import ParcTestSupport
import Testing

/// A fixture machine reported twice, with a disk swapped and a package upgraded in between, as
/// staff then see it through `parcctl`: one asset, its components, and the two changes in its history.
@Suite(.serialized) struct AssetRegistryTests {
    static func writeDisk(in machine: String, serial: String) throws {
        let device = machine + "/sys/block/sda/device"
        try FileManager.default.createDirectory(atPath: device, withIntermediateDirectories: true)
        try "1000215216\n".write(toFile: machine + "/sys/block/sda/size", atomically: true, encoding: .utf8)
        try "0\n".write(toFile: machine + "/sys/block/sda/removable", atomically: true, encoding: .utf8)
        try "Samsung SSD 860\n".write(toFile: device + "/model", atomically: true, encoding: .utf8)
        try (serial + "\n").write(toFile: device + "/serial", atomically: true, encoding: .utf8)
    }

    @Test(arguments: TestBackend.available)
    func aSwappedDiskAndAnUpgradedPackageShowInTheHistory(_ backend: TestBackend) async throws {
        try await AgentReportingTests.withSetup(backend) { setup in
            let state = setup.root + "/agent-state"
            let machine = try AgentReportingTests.laptopRoot(in: setup.root)
            try Self.writeDisk(in: machine, serial: "S3Z9NB0K111111")
            let enroll = try await run(
                "parc-agent",
                [
                    "enroll", "--server", setup.server.url, "--token", try await setup.enrollmentToken(), "--ca-fingerprint", setup.fingerprint, "--state-dir",
                    state,
                ])
            #expect(enroll.status == 0, "\(enroll.stderr)")
            #expect(try await run("parc-agent", ["report", "--state-dir", state, "--root", machine]).status == 0)

            let ctl = ["--server", setup.server.url, "--token", setup.managerToken, "--ca", setup.fingerprint]
            let listed = try await run("parcctl", ["asset", "list", "--client", "ACME", "--json"] + ctl)
            #expect(listed.status == 0, "\(listed.stderr)")
            let page = try CanonicalJSON.decode(Page<Asset>.self, from: Data(listed.stdout.utf8))
            let asset = try #require(page.items.first)
            #expect(page.total == 1)
            #expect(asset.kind == .computer)
            #expect(asset.source == .agent)
            #expect(asset.manufacturer == "LENOVO")
            #expect(asset.serial != nil)
            let first = try await setup.staff.asset(id: asset.id)
            #expect(first.components.contains { $0.kind == .disk && $0.serial == "S3Z9NB0K111111" })
            #expect(first.components.contains { $0.kind == .memory })
            #expect(first.softwareCount > 100)
            let initialHistory = try await setup.staff.assetHistory(id: asset.id).items
            #expect(initialHistory.map(\.kind).sorted() == ["asset.created", "asset.inventoried"])

            // The disk is swapped and adduser upgraded; the agent sends only those two sections.
            try Self.writeDisk(in: machine, serial: "S3Z9NB0K222222")
            let status = machine + "/var/lib/dpkg/status"
            let text = try String(contentsOfFile: status, encoding: .utf8)
            try text.replacingOccurrences(of: "Version: 3.134\n", with: "Version: 3.134+parc1\n").write(toFile: status, atomically: true, encoding: .utf8)
            let second = try await run("parc-agent", ["report", "--state-dir", state, "--root", machine])
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stdout.contains("storage") && second.stdout.contains("software"), "\(second.stdout)")

            let history = try await run("parcctl", ["asset", "history", String(asset.id), "--json"] + ctl)
            let events = try CanonicalJSON.decode(Page<AssetEvent>.self, from: Data(history.stdout.utf8)).items
            let replaced = try #require(events.first { $0.kind == "component.replaced" })
            #expect(replaced.summary.contains("S3Z9NB0K111111") && replaced.summary.contains("S3Z9NB0K222222"), "\(replaced.summary)")
            #expect(replaced.actor == .agent)
            #expect(events.contains { $0.kind == "software.upgraded" && $0.summary == "adduser upgraded from 3.134 to 3.134+parc1" })
            #expect(events.count == 4, "\(events.map(\.summary))")
            let table = try await run("parcctl", ["asset", "history", String(asset.id)] + ctl)
            #expect(table.stdout.contains("adduser upgraded from 3.134 to 3.134+parc1"))

            let shown = try await run("parcctl", ["asset", "show", String(asset.id)] + ctl)
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.stdout.contains("S3Z9NB0K222222") && !shown.stdout.contains("S3Z9NB0K111111"))
            let software = try await setup.staff.assetSoftware(id: asset.id, limit: 500)
            #expect(software.items.first { $0.name == "adduser" }?.version == "3.134+parc1")
            #expect(software.total == first.softwareCount)
            #expect(try await setup.staff.listAssets(client: "ACME").total == 1)

            let missing = try await run("parcctl", ["asset", "show", "99999"] + ctl)
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("asset"))
        }
    }

    /// A laptop bought and registered by hand (serial typed in) is found by its serial when its agent
    /// first reports: one asset, keeping its purchase and warranty data, now in use; then staff
    /// assign it, and never to another client's employee.
    @Test(arguments: TestBackend.available)
    func aRegisteredMachineIsFoundBySerialAndAssigned(_ backend: TestBackend) async throws {
        try await AgentReportingTests.withSetup(backend) { setup in
            let ctl = ["--server", setup.server.url, "--token", setup.managerToken, "--ca", setup.fingerprint]
            let created = try await run(
                "parcctl",
                [
                    "asset", "create", "--client", "ACME", "--kind", "computer", "--name", "Laptop Jane", "--serial", "PC131TBF", "--purchase-date",
                    "2024-03-01",
                    "--price", "1249.90", "--warranty-end", "2027-02-28", "--supplier", "LDLC", "--json",
                ] + ctl)
            #expect(created.status == 0, "\(created.stderr)")
            let registered = try CanonicalJSON.decode(Asset.self, from: Data(created.stdout.utf8))
            #expect(registered.status == .inStock)
            #expect(registered.purchasePriceCents == 124_990)
            let badDate = try await run(
                "parcctl", ["asset", "create", "--client", "ACME", "--kind", "computer", "--name", "X", "--warranty-end", "2027-02-30"] + ctl)
            #expect(badDate.status != 0)
            #expect(badDate.stderr.contains("--warranty-end must be a date"), "\(badDate.stderr)")

            let state = setup.root + "/agent-state"
            let machine = try AgentReportingTests.laptopRoot(in: setup.root)
            #expect(
                try await run(
                    "parc-agent",
                    [
                        "enroll", "--server", setup.server.url, "--token", try await setup.enrollmentToken(), "--ca-fingerprint", setup.fingerprint,
                        "--state-dir", state,
                    ]
                ).status == 0)
            #expect(try await run("parc-agent", ["report", "--state-dir", state, "--root", machine]).status == 0)

            let assets = try await setup.staff.listAssets(client: "ACME")
            #expect(assets.total == 1)
            let asset = try #require(assets.items.first)
            #expect(asset.id == registered.id)
            #expect(asset.agentID != nil)
            #expect(asset.source == .manual)
            #expect(asset.status == .inUse)
            #expect(asset.warrantyEnd == "2027-02-28" && asset.purchaseDate == "2024-03-01" && asset.supplier == "LDLC")
            #expect(asset.manufacturer == "LENOVO")

            let jane = try await setup.staff.addEmployee(client: "ACME", NewEmployee(name: "Jane Doe", email: "jane@acme.example"))
            _ = try await setup.staff.createClient(NewClient(code: "RIVAL", name: "Rival"))
            let stranger = try await setup.staff.addEmployee(client: "RIVAL", NewEmployee(name: "Sam Rival"))
            let refused = try await run("parcctl", ["asset", "assign", String(asset.id), "--employee", String(stranger.id)] + ctl)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("RIVAL"), "\(refused.stderr)")
            let assigned = try await run("parcctl", ["asset", "assign", String(asset.id), "--employee", String(jane.id)] + ctl)
            #expect(assigned.status == 0, "\(assigned.stderr)")
            #expect(assigned.stdout.contains("Jane Doe"))
            let updated = try await run("parcctl", ["asset", "update", String(asset.id), "--status", "in-repair", "--notes", "screen replaced"] + ctl)
            #expect(updated.status == 0, "\(updated.stderr)")
            #expect(try await run("parcctl", ["asset", "unassign", String(asset.id)] + ctl).status == 0)

            let history = try await setup.staff.assetHistory(id: asset.id).items
            #expect(
                history.map(\.kind) == [
                    "asset.unassigned", "asset.status-changed", "asset.assigned", "asset.inventoried", "asset.agent-bound", "asset.created",
                ])
            let staffEvents = history.filter { $0.actor == .staff }
            #expect(staffEvents.allSatisfy { $0.actorName == "admin@parc.local" }, "\(staffEvents)")
            #expect(history.first { $0.kind == "asset.status-changed" }?.summary.contains("in-use → in-repair") == true)

            let found = try await run("parcctl", ["software", "find", "adduser", "--client", "ACME", "--version-below", "3.135", "--json"] + ctl)
            #expect(try CanonicalJSON.decode(Page<SoftwareInstall>.self, from: Data(found.stdout.utf8)).items.map(\.assetID) == [asset.id])
            let none = try await run("parcctl", ["software", "find", "adduser", "--version-below", "3.134", "--json"] + ctl)
            #expect(try CanonicalJSON.decode(Page<SoftwareInstall>.self, from: Data(none.stdout.utf8)).items.isEmpty)
        }
    }

    /// A spreadsheet of stock: refused whole with every problem by line, previewed, imported once,
    /// refused again for its serials, and exported back for a spreadsheet.
    @Test func importsAndExportsAssetsAsCSV() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let ctl = ["--server", setup.server.url, "--token", setup.managerToken, "--ca", setup.fingerprint]
            let file = setup.root + "/stock.csv"
            let bad =
                "kind,name,serial,warranty_end,purchase_price\ncomputer,\"Laptop, spare\",SN-1,2027-01-31,899.00\nprinter,Printer,SN-2,2027-02-30,\nspaceship,Enterprise,,,\n"
            try bad.write(toFile: file, atomically: true, encoding: .utf8)
            let refused = try await run("parcctl", ["asset", "import", file, "--client", "ACME"] + ctl)
            #expect(refused.status != 0)
            #expect(refused.stdout.contains("stock.csv:3: warrantyEnd"), "\(refused.stdout)")
            #expect(refused.stdout.contains("stock.csv:4: kind"), "\(refused.stdout)")
            #expect(try await setup.staff.listAssets(client: "ACME").total == 0)

            try bad.replacingOccurrences(of: "2027-02-30", with: "2027-02-28").replacingOccurrences(of: "spaceship,Enterprise,,,\n", with: "")
                .write(toFile: file, atomically: true, encoding: .utf8)
            let preview = try await run("parcctl", ["asset", "import", file, "--client", "ACME", "--dry-run"] + ctl)
            #expect(preview.status == 0, "\(preview.stdout) \(preview.stderr)")
            #expect(preview.stdout.contains("Laptop, spare") && preview.stdout.contains("2 asset(s) would be imported"))
            #expect(try await setup.staff.listAssets(client: "ACME").total == 0)

            let imported = try await run("parcctl", ["asset", "import", file, "--client", "ACME"] + ctl)
            #expect(imported.status == 0, "\(imported.stdout) \(imported.stderr)")
            let assets = try await setup.staff.listAssets(client: "ACME").items
            #expect(assets.map(\.name) == ["Laptop, spare", "Printer"])
            #expect(assets.first?.purchasePriceCents == 89_900)
            let again = try await run("parcctl", ["asset", "import", file, "--client", "ACME", "--json"] + ctl)
            #expect(again.status != 0)
            let result = try CanonicalJSON.decode(AssetImportResult.self, from: Data(again.stdout.utf8))
            #expect(result.problems.map(\.field) == ["serial", "serial"] && result.created.isEmpty)

            let exported = try await run("parcctl", ["asset", "export", "--client", "ACME"] + ctl)
            #expect(exported.status == 0, "\(exported.stderr)")
            let lines = exported.stdout.components(separatedBy: "\r\n")
            #expect(lines.first?.hasPrefix("id,client,kind,name,") == true)
            #expect(lines.contains { $0.contains("\"Laptop, spare\"") && $0.contains("899.00") && $0.contains("2027-01-31") })
            let json = try await run("parcctl", ["asset", "export", "--client", "ACME", "--format", "json"] + ctl)
            #expect(try CanonicalJSON.decode([Asset].self, from: Data(json.stdout.utf8)).count == 2)

            let people = setup.root + "/people.csv"
            try "name,email,department\nJane Doe,jane@acme.example,Sales\nJohn Roe,jane@acme.example,\n,nobody@acme.example,\n".write(
                toFile: people, atomically: true, encoding: .utf8)
            let refusedPeople = try await run("parcctl", ["employee", "import", people, "--client", "ACME"] + ctl)
            #expect(refusedPeople.status != 0)
            #expect(refusedPeople.stdout.contains("people.csv:3: email") && refusedPeople.stdout.contains("people.csv:4: name"), "\(refusedPeople.stdout)")
            try "name,email,department\nJane Doe,jane@acme.example,Sales\nJohn Roe,john@acme.example,\n".write(
                toFile: people, atomically: true, encoding: .utf8)
            let importedPeople = try await run("parcctl", ["employee", "import", people, "--client", "ACME"] + ctl)
            #expect(importedPeople.status == 0, "\(importedPeople.stdout) \(importedPeople.stderr)")
            #expect(importedPeople.stdout.contains("2 employee(s) imported"))
        }
    }

    /// What `asset export` writes, `asset import` reads back: edited rows with an id update those
    /// assets (shown first by --dry-run), rows without one are created, an unchanged export changes
    /// nothing, and what an import may not change is refused by line.
    @Test func anEditedExportUpdatesTheAssetsItNames() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let ctl = ["--server", setup.server.url, "--token", setup.managerToken, "--ca", setup.fingerprint]
            var first = NewAsset(client: "ACME", kind: .computer, name: "PC-1")
            (first.supplier, first.warrantyEnd, first.serial) = ("Dell", "2026-06-30", "SER-1")
            let pc = try await setup.staff.createAsset(first)
            var second = NewAsset(client: "ACME", kind: .printer, name: "Printer")
            second.supplier = "Brother"
            let printer = try await setup.staff.createAsset(second)
            _ = try await setup.staff.createClient(NewClient(code: "RIVAL", name: "Rival"))
            let rival = try await setup.staff.createAsset(NewAsset(client: "RIVAL", kind: .computer, name: "Theirs"))
            let employee = try await setup.staff.addEmployee(client: "ACME", NewEmployee(name: "Jane Roe"))
            _ = try await setup.staff.assignAsset(id: printer.id, employeeID: employee.id)

            let file = setup.root + "/acme.csv"
            let exported = try await run("parcctl", ["asset", "export", "--client", "ACME", "--output", file] + ctl)
            #expect(exported.status == 0, "\(exported.stderr)")
            // Exported and read back untouched: nothing to do.
            let unchanged = try await run("parcctl", ["asset", "import", file, "--client", "ACME"] + ctl)
            #expect(unchanged.status == 0 && unchanged.stdout.hasSuffix("0 asset(s) imported\n"), "\(unchanged.output)")

            let original = try String(contentsOfFile: file, encoding: .utf8)
            let edited =
                original.replacingOccurrences(of: ",PC-1,", with: ",PC-01,").replacingOccurrences(of: "2026-06-30", with: "2027-01-31")
                .replacingOccurrences(of: ",Brother,", with: ",,") + ",ACME,monitor,Spare screen,,,,,in-stock,,,,,,,,,,,,,\r\n"
            try edited.write(toFile: file, atomically: true, encoding: .utf8)
            let preview = try await run("parcctl", ["asset", "import", file, "--client", "ACME", "--dry-run"] + ctl)
            #expect(preview.status == 0, "\(preview.output)")
            #expect(preview.stdout.contains("asset \(pc.id): name: PC-1 → PC-01; warranty end: 2026-06-30 → 2027-01-31"), "\(preview.stdout)")
            #expect(preview.stdout.contains("asset \(printer.id): supplier: Brother → -"), "\(preview.stdout)")
            #expect(preview.stdout.contains("1 asset(s) would be imported, 2 asset(s) would be updated"), "\(preview.stdout)")
            #expect(try await setup.staff.asset(id: pc.id).asset.name == "PC-1")

            let imported = try await run("parcctl", ["asset", "import", file, "--client", "ACME", "--json"] + ctl)
            #expect(imported.status == 0, "\(imported.output)")
            let result = try CanonicalJSON.decode(AssetImportResult.self, from: Data(imported.stdout.utf8))
            #expect(result.updated.sorted() == [pc.id, printer.id].sorted() && result.created.count == 1)
            let updated = try await setup.staff.asset(id: pc.id).asset
            #expect(updated.name == "PC-01" && updated.warrantyEnd == "2027-01-31" && updated.supplier == "Dell" && updated.serial == "SER-1")
            #expect(try await setup.staff.asset(id: printer.id).asset.supplier == nil)
            #expect(try await setup.staff.asset(id: printer.id).asset.employeeID == employee.id)
            #expect(try await setup.staff.assetHistory(id: pc.id).items.first?.summary.contains("name: PC-1 → PC-01") == true)

            // Refused, by line, and nothing written: a holder changed, another client's asset, an id twice.
            let fresh = try await run("parcctl", ["asset", "export", "--client", "ACME"] + ctl)
            var lines = fresh.stdout.components(separatedBy: "\r\n")
            let printerLine = try #require(lines.firstIndex { $0.hasPrefix("\(printer.id),") })
            lines[printerLine] = lines[printerLine].replacingOccurrences(of: "Jane Roe", with: "John Doe").replacingOccurrences(
                of: ",Printer,", with: ",Printer 2,")
            let pcLine = try #require(lines.firstIndex { $0.hasPrefix("\(pc.id),") })
            lines.insert(lines[pcLine], at: pcLine + 1)
            lines.insert("\(rival.id),ACME,computer,Theirs,,,,,in-stock,,,,,,,,,,,,,", at: 1)
            try lines.joined(separator: "\r\n").write(toFile: file, atomically: true, encoding: .utf8)
            let refused = try await run("parcctl", ["asset", "import", file, "--client", "ACME"] + ctl)
            #expect(refused.status != 0, "\(refused.output)")
            #expect(refused.stdout.contains("acme.csv:2: id: ACME has no asset \(rival.id)"), "\(refused.stdout)")
            #expect(refused.stdout.contains("employee: cannot be changed by an import (assigning is 'parcctl asset assign')"), "\(refused.stdout)")
            #expect(refused.stdout.contains("id: asset \(pc.id) is also on line"), "\(refused.stdout)")
            #expect(try await setup.staff.asset(id: printer.id).asset.name == "Printer")
        }
    }
}
