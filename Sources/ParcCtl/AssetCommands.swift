import ArgumentParser
import Foundation
import ParcClient
import ParcDomain
import ParcProtocol

extension AssetKind: ExpressibleByArgument {}
extension AssetStatus: ExpressibleByArgument {}

struct AssetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asset", abstract: "The asset registry: what agents discovered and what was registered by hand.",
        discussion: """
            Examples:
              parcctl asset list --client ACME --kind computer
              parcctl asset list --review       # reconciliation was not sure of these
              parcctl asset list --warranty ending --within 30
              parcctl asset list --not-seen 30  # machines whose agent went quiet
              parcctl asset show 42
              parcctl asset history 42
              parcctl asset create --client ACME --kind computer --name "Laptop Jane" \\
                  --serial PC131TBF --warranty-end 2028-03-31
              parcctl asset update 42 --status in-repair --notes "screen replaced"
              parcctl asset assign 42 --employee 7
              parcctl asset merge 42 57         # 57 is the same machine: fold it in
              parcctl asset transfer 42 --client ACME  # from your stock to a client
              parcctl asset locate S3Z9NB0K111111      # the asset holding this part
              parcctl asset import stock.csv --client ACME --dry-run
              parcctl asset export --client ACME --output acme-assets.csv
            """,
        subcommands: [
            List.self, Show.self, History.self, Software.self, ProductKeys.self, Create.self, Update.self, Assign.self, Unassign.self, Retire.self,
            Transfer.self, Merge.self,
            Locate.self, Import.self, Export.self,
        ])

    /// Fields shared by create and update.
    struct Fields: ParsableArguments {
        @Option(help: "Manufacturer.") var manufacturer: String?
        @Option(help: "Model.") var model: String?
        @Option(help: "Serial number (a computer registered with it is matched when its agent reports).") var serial: String?
        @Option(help: "The provider's or client's inventory label.") var assetTag: String?
        @Option(help: "Site id (see 'parcctl site list').") var site: Int64?
        @Option(help: "Purchase date, YYYY-MM-DD.") var purchaseDate: String?
        @Option(help: "Supplier.") var supplier: String?
        @Option(help: "Purchase price, e.g. 1249.90 (in the client's currency).") var price: String?
        @Option(help: "Order or invoice reference.") var orderReference: String?
        @Option(help: "Warranty end, YYYY-MM-DD.") var warrantyEnd: String?
        @Option(help: "Notes.") var notes: String?

        func priceCents() throws -> Int64? {
            guard let price else { return nil }
            guard let cents = AssetRules.parseCents(price) else { throw ValidationError("--price must look like 1249.90 (got '\(price)')") }
            return cents
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List assets.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Only this client's.") var client: String?
        @Option(help: "Only this kind: \(AssetKind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: AssetKind?
        @Option(help: "Only this status: \(AssetStatus.allCases.map(\.rawValue).joined(separator: ", ")).") var status: AssetStatus?
        @Flag(help: "Only assets flagged for review (merge or confirm).") var review = false
        @Option(help: "Warranty: ending (within --within days), expired or unknown.") var warranty: String?
        @Option(help: "Days ahead for --warranty ending. (default: 90)") var within: Int?
        @Option(help: "Only assets of this site (id).") var site: Int64?
        @Option(help: "Only machines whose agent has not reported for this many days.") var notSeen: Int?
        @Flag(help: "Only machines agents found in use that no active contract covers (billing leakage).") var uncovered = false
        @Option(help: "Only names, serials, host names or asset tags containing this text.") var search: String?
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (page, clock) = try await connection.with {
                (
                    try await $0.listAssets(
                        client: client, kind: kind, status: status, review: review ? true : nil, warranty: warranty, withinDays: within, site: site,
                        notSeenDays: notSeen, uncovered: uncovered, search: search, limit: paging.limit, offset: paging.offset),
                    try await ProviderClock.of($0, unless: json)
                )
            }
            if json { return try printJSON(page) }
            var table = Table("ID", "CLIENT", "KIND", "NAME", "MODEL", "SERIAL", "STATUS", "WARRANTY", clock.header("LAST SEEN"), "CONTRACT", "REVIEW")
            for asset in page.items {
                table.add(
                    String(asset.id), asset.clientCode, asset.kind.rawValue, asset.name, asset.model ?? "-", asset.serial ?? "-", asset.status.rawValue,
                    asset.warrantyEnd ?? "-", asset.lastSeenAt.map(clock.stamp) ?? "-", asset.coveredByContract ?? "-", asset.reviewReason == nil ? "" : "yes")
            }
            table.print()
            print(pageFooter(page))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one asset and its components.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Asset id (see 'parcctl asset list').") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (detail, clock) = try await connection.with { (try await $0.asset(id: id), try await ProviderClock.of($0, unless: json)) }
            if json { return try printJSON(detail) }
            let asset = detail.asset
            let fields: [(String, String?)] = [
                ("Asset", "\(asset.id) \(asset.name)"), ("Client", asset.clientCode), ("Kind", asset.kind.rawValue), ("Status", asset.status.rawValue),
                ("Manufacturer", asset.manufacturer), ("Model", asset.model), ("Serial", asset.serial), ("Asset tag", asset.assetTag),
                ("Host", asset.hostname), ("OS", asset.operatingSystem), ("Addresses", asset.ipAddresses.map { $0.joined(separator: " ") }),
                ("Agent", asset.agentID), ("Source", asset.source.rawValue),
                ("Assigned to", asset.employeeName.map { "\($0) (employee \(asset.employeeID ?? 0))" }),
                ("Suggested", asset.employeeID == nil ? detail.suggestedAssignee.map { "\($0) (most frequent login)" } : nil),
                ("Site", asset.siteID.map(String.init)), ("Purchased", asset.purchaseDate), ("Supplier", asset.supplier),
                ("Price", asset.purchasePriceCents.map(money)), ("Order ref", asset.orderReference),
                ("Warranty end", asset.warrantyEnd), ("Notes", asset.notes),
                ("First seen", asset.firstSeenAt.map(clock.named)), ("Last seen", asset.lastSeenAt.map(clock.named)),
                ("Contract", asset.coveredByContract ?? "none covers it"), ("Review", asset.reviewReason),
                ("Software", "\(detail.softwareCount) packages ('parcctl asset software \(asset.id)')"),
            ]
            for (label, value) in fields {
                guard let value else { continue }
                print(label.padding(toLength: 14, withPad: " ", startingAt: 0) + line(value))
            }
            guard !detail.components.isEmpty else { return }
            print("")
            var table = Table("COMPONENT", "SLOT", "DESCRIPTION", "SERIAL")
            for component in detail.components { table.add(component.kind.rawValue, component.slot, component.summary, component.serial ?? "-") }
            table.print()
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An asset's history, newest first.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Asset id.") var id: Int64
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (page, clock) = try await connection.with {
                (try await $0.assetHistory(id: id, limit: paging.limit, offset: paging.offset), try await ProviderClock.of($0, unless: json))
            }
            if json { return try printJSON(page) }
            var table = Table(clock.header("WHEN"), "BY", "WHAT", "")
            for event in page.items {
                table.add(clock.stamp(event.at), [event.actor.rawValue, event.actorName].compactMap { $0 }.joined(separator: " "), event.kind, event.summary)
            }
            table.print()
            print(pageFooter(page))
        }
    }

    struct Software: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The packages installed on an asset.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Asset id.") var id: Int64
        @Option(help: "Only package names containing this text.") var search: String?
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let page = try await connection.with { try await $0.assetSoftware(id: id, search: search, limit: paging.limit, offset: paging.offset) }
            if json { return try printJSON(page) }
            var table = Table("NAME", "VERSION", "ARCH", "MANAGER")
            for package in page.items { table.add(package.name, package.version, package.architecture ?? "-", package.manager) }
            table.print()
            print(pageFooter(page))
        }
    }
}

extension AssetCommand {
    struct ProductKeys: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "product-keys",
            abstract: "The product keys GLPI, FusionInventory or OCS agents reported for an asset (managers only).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Asset id.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (keys, clock) = try await connection.with { (try await $0.assetProductKeys(id: id), try await ProviderClock.of($0, unless: json)) }
            if json { return try printJSON(keys) }
            var table = Table("PRODUCT", "KEY", "REPORTED BY", clock.header("LAST SEEN"))
            for key in keys { table.add(key.product, key.key, key.source, clock.stamp(key.lastSeenAt)) }
            table.print()
            if keys.isEmpty { print("No product key reported for asset \(id).") }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register an asset by hand (bought, in stock, or without an agent).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Client code.") var client: String
        @Option(help: "Kind: \(AssetKind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: AssetKind
        @Option(help: "Name.") var name: String
        @Option(help: "Status. (default: in-stock)") var status: AssetStatus?
        @OptionGroup var fields: Fields
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            var new = NewAsset(client: client, kind: kind, name: name)
            (new.manufacturer, new.model, new.serial, new.assetTag, new.status, new.siteID) = (
                fields.manufacturer, fields.model, fields.serial, fields.assetTag, status, fields.site
            )
            (new.purchaseDate, new.supplier, new.purchasePriceCents) = (fields.purchaseDate, fields.supplier, try fields.priceCents())
            (new.orderReference, new.warrantyEnd, new.notes) = (fields.orderReference, fields.warrantyEnd, fields.notes)
            let asset = try await connection.with { try await $0.createAsset(new) }
            if json { return try printJSON(asset) }
            print("Registered asset \(asset.id) \(asset.name) for \(asset.clientCode) (\(asset.status.rawValue))")
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change what is known of an asset.", discussion: "Only the options given change; an empty value clears a text field.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Asset id.") var id: Int64
        @Option(help: "Name.") var name: String?
        @Option(help: "Status: \(AssetStatus.allCases.map(\.rawValue).joined(separator: ", ")).") var status: AssetStatus?
        @OptionGroup var fields: Fields
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            var update = AssetUpdate()
            (update.name, update.status, update.manufacturer, update.model, update.serial) = (name, status, fields.manufacturer, fields.model, fields.serial)
            (update.assetTag, update.siteID, update.purchaseDate, update.supplier) = (fields.assetTag, fields.site, fields.purchaseDate, fields.supplier)
            (update.purchasePriceCents, update.orderReference, update.warrantyEnd, update.notes) = (
                try fields.priceCents(), fields.orderReference, fields.warrantyEnd, fields.notes
            )
            let asset = try await connection.with { try await $0.updateAsset(id: id, update) }
            if json { return try printJSON(asset) }
            print("Updated asset \(asset.id) \(asset.name)")
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Assign an asset to an employee of its client ('parcctl asset show' suggests one).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Asset id.") var id: Int64
        @Option(help: "The employee: an id, or an e-mail address (see 'parcctl employee list --client CODE').") var employee: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let asset = try await connection.with { client in
                try await client.assignAsset(id: id, employeeID: try await EmployeeReference(employee).resolve(assetID: id, client))
            }
            if json { return try printJSON(asset) }
            print("Asset \(asset.id) \(asset.name) is assigned to \(asset.employeeName ?? "employee \(employee)")")
        }
    }

    struct Unassign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Unassign an asset.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Asset id.") var id: Int64

        func run() async throws {
            let asset = try await connection.with { try await $0.unassignAsset(id: id) }
            print("Asset \(asset.id) \(asset.name) is not assigned to anyone")
        }
    }

    struct Retire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Retire an asset (kept with its history, out of service).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Asset id.") var id: Int64
        @Option(help: "Why, kept in the notes.") var reason: String?

        func run() async throws {
            var update = AssetUpdate()
            update.status = .retired
            update.notes = reason
            let asset = try await connection.with { try await $0.updateAsset(id: id, update) }
            print("Asset \(asset.id) \(asset.name) is retired")
        }
    }

    struct Transfer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hand an asset to another client: from your own stock (a client of your own, e.g. STOCK) to a customer, or back.",
            discussion: "Its assignment and site are cleared; a machine reported by an agent stays with the agent's client.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Asset id.") var id: Int64
        @Option(help: "The client it now belongs to.") var client: String

        func run() async throws {
            let asset = try await connection.with { try await $0.transferAsset(id: id, client: client) }
            print("Asset \(asset.id) \(asset.name) now belongs to \(asset.clientCode)")
        }
    }

    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge a duplicate record of a machine into the asset to keep.",
            discussion: "The duplicate's identifiers, agent, parts, software, monitors and history move to the asset kept; the duplicate is retired.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "The asset to keep.") var keep: Int64
        @Argument(help: "The duplicate to fold into it.") var duplicate: Int64

        func run() async throws {
            let asset = try await connection.with { try await $0.mergeAssets(keep: keep, duplicate: duplicate) }
            print("Asset \(duplicate) merged into \(asset.id) \(asset.name)")
        }
    }

    struct Locate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find an asset by a serial number: the machine's own, or a part's (disk, memory module, battery...).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "The serial number.") var serial: String
        @Flag(help: "Print JSON (the parts found).") var json = false

        func run() async throws {
            let (parts, machines) = try await connection.with { client in
                (
                    try await client.locateComponent(serial: serial),
                    try await client.listAssets(search: serial, limit: 500).items.filter { $0.serial?.caseInsensitiveCompare(serial) == .orderedSame }
                )
            }
            if json { return try printJSON(parts) }
            guard !parts.isEmpty || !machines.isEmpty else { throw CLIError("no asset or part has serial \(serial)") }
            var table = Table("ASSET", "CLIENT", "NAME", "COMPONENT", "SLOT", "DESCRIPTION")
            for asset in machines {
                table.add(
                    String(asset.id), asset.clientCode, asset.name, "(the asset itself)", "-",
                    [asset.manufacturer, asset.model].compactMap { $0 }.joined(separator: " "))
            }
            for item in parts {
                table.add(String(item.assetID), item.clientCode, item.assetName, item.component.kind.rawValue, item.component.slot, item.component.summary)
            }
            table.print()
        }
    }
}

struct SoftwareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "software", abstract: "Installed software across assets.", subcommands: [Find.self])

    struct Find: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Where a package is installed.",
            discussion: "Example: parcctl software find openssl --client ACME --version-below 3.0.13-1~deb12u1 (Debian version ordering).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Package name (exact).") var name: String
        @Option(help: "Only this client's assets.") var client: String?
        @Option(help: "Only versions older than this one.") var versionBelow: String?
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let page = try await connection.with {
                try await $0.findSoftware(name: name, client: client, versionBelow: versionBelow, limit: paging.limit, offset: paging.offset)
            }
            if json { return try printJSON(page) }
            var table = Table("ASSET", "CLIENT", "NAME", "VERSION", "ARCH")
            for install in page.items {
                table.add(String(install.assetID), install.clientCode, install.assetName, install.version, install.architecture ?? "-")
            }
            table.print()
            print(pageFooter(page))
        }
    }
}

extension AssetCommand {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import or update assets of one client from a CSV file: every row valid, or nothing written.",
            discussion: """
                The first line names the columns: kind and name are required; manufacturer, model, serial, \
                asset_tag, status, site_id, purchase_date, supplier, purchase_price, order_reference, \
                warranty_end and notes are optional. Dates are YYYY-MM-DD, prices like 1249.90; commas or \
                semicolons, UTF-8 with or without a BOM.

                What 'asset export --format csv' writes reads back: a row with an id updates that asset (an \
                empty cell clears the field; a column left out of the file is left as it is), a row without \
                one creates an asset. Who holds an asset, its client and what its agent reports are not \
                changed here. --dry-run prints each change and writes nothing.

                Examples (edit acme.csv in a spreadsheet between the first two):
                  parcctl asset export --client ACME --output acme.csv
                  parcctl asset import acme.csv --client ACME --dry-run
                  parcctl asset import acme.csv --client ACME
                """)
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "The CSV file (UTF-8).") var file: String
        @Option(help: "Client code.") var client: String
        @Flag(help: "Check and preview only; write nothing.") var dryRun = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            guard let csv = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
            let result = try await connection.with { try await $0.importAssets(client: client, csv: Array(csv), dryRun: dryRun) }
            try report(result, file: file, json: json) { preview in
                var table = Table("KIND", "NAME", "SERIAL", "STATUS", "WARRANTY END")
                for asset in preview {
                    table.add(asset.kind.rawValue, asset.name, asset.serial ?? "-", (asset.status ?? .inStock).rawValue, asset.warrantyEnd ?? "-")
                }
                return table
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export assets as CSV (for spreadsheets) or JSON.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Only this client's.") var client: String?
        @Option(help: "Only this kind.") var kind: AssetKind?
        @Option(help: "Only this status.") var status: AssetStatus?
        @Option(help: "Warranty: ending, expired or unknown.") var warranty: String?
        @Option(help: "csv or json. (default: csv)") var format = "csv"
        @Option(help: "Write to this file instead of standard output.") var output: String?

        func run() async throws {
            guard format == "csv" || format == "json" else { throw ValidationError("--format must be csv or json") }
            let data = try await connection.with { try await $0.exportAssets(format: format, client: client, kind: kind, status: status, warranty: warranty) }
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: data) else { throw CLIError("cannot write \(output)") }
                print("Wrote \(output)")
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}

/// Prints an import's outcome: each problem as `file:line: field: why` (as compilers do, so editors
/// jump to it), the preview of a dry run, then the summary; fails when anything was refused.
func report<Item>(_ result: ImportResult<Item>, file: String, json: Bool, preview: ([Item]) -> Table) throws {
    if json {
        try printJSON(result)
    } else {
        for problem in result.problems { print("\(file):\(problem.line): \(problem.field): \(problem.message)") }
        if result.dryRun && result.problems.isEmpty && !result.preview.isEmpty { preview(result.preview).print() }
        if result.problems.isEmpty {
            // Each updated record with what changes on it, as its history will say.
            for change in result.changes {
                print("\(file):\(change.line): asset \(change.id): \(change.changes.joined(separator: "; "))")
            }
        }
        print(result.message)
    }
    if !result.problems.isEmpty { throw ExitCode.failure }
}

/// An employee named on the command line: by id, or by e-mail among the asset's client's employees.
struct EmployeeReference {
    let text: String

    init(_ text: String) { self.text = text.trimmingCharacters(in: .whitespaces) }

    func resolve(assetID: Int64, _ client: StaffClient) async throws -> Int64 {
        if let id = Int64(text), id > 0 { return id }
        return try await resolve(clientCode: try await client.asset(id: assetID).asset.clientCode, client)
    }

    /// The employee of `owner` this id or e-mail names.
    func resolve(clientCode owner: String, _ client: StaffClient) async throws -> Int64 {
        if let id = Int64(text), id > 0 { return id }
        guard text.contains("@") else { throw CLIError("--employee takes an employee id or an e-mail address (got '\(text)')") }
        let matches = try await client.listEmployees(client: owner, search: text, limit: 500).items
            .filter { $0.email?.caseInsensitiveCompare(text) == .orderedSame }
        guard let employee = matches.first else {
            throw CLIError("\(owner) has no employee with e-mail \(text) (see 'parcctl employee list --client \(owner)')")
        }
        return employee.id
    }
}
