import ArgumentParser
import Foundation
import ParcClient
import ParcDomain
import ParcProtocol

struct LicenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "licence", abstract: "Software licences per client, and whether installs match the seats bought.",
        discussion: """
            Examples:
              parcctl licence create --client ACME --product "TeamViewer Corporate" \\
                  --packages 'teamviewer*' --seats 10 --expires-on 2027-06-30
              parcctl licence list --client ACME
              parcctl licence compliance 3
            """,
        subcommands: [Create.self, List.self, Show.self, Update.self, Compliance.self, Seat.self, Release.self])

    struct Seat: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Name a seat for an asset or an employee of the licence's client (managers).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Licence id.") var id: Int64
        @Option(help: "The asset the seat goes to.") var asset: Int64?
        @Option(help: "The employee the seat goes to.") var employee: Int64?

        func validate() throws {
            guard (asset == nil) != (employee == nil) else { throw ValidationError("give either --asset or --employee") }
        }

        func run() async throws {
            let licence = try await connection.with { try await $0.nameLicenceSeat(id: id, NewLicenceSeat(assetID: asset, employeeID: employee)) }
            print("Licence \(licence.id) \(licence.product): \(licence.namedSeats.count) of \(licence.seats) seat(s) named")
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Release a named seat (see 'parcctl licence show').")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Licence id.") var id: Int64
        @Argument(help: "Seat id.") var seat: Int64

        func run() async throws {
            let licence = try await connection.with { try await $0.releaseLicenceSeat(id: id, seat: seat) }
            print("Licence \(licence.id) \(licence.product): \(licence.namedSeats.count) of \(licence.seats) seat(s) named")
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a licence bought for a client (managers).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Client code.") var client: String
        @Option(help: "What was bought.") var product: String
        @Option(help: "Package-name patterns that recognise installs, comma-separated ('libreoffice*,teamviewer').") var packages: String
        @Option(help: "Seats bought.") var seats: Int
        @Option(help: "Licence key (shown only to managers).") var key: String?
        @Option(help: "First day, YYYY-MM-DD.") var startsOn: String?
        @Option(help: "Last day, YYYY-MM-DD.") var expiresOn: String?
        @Option(help: "Cost per seat, e.g. 12.50.") var cost: String?
        @Option(help: "Resale price per seat, e.g. 15.00.") var resale: String?
        @Option(help: "Supplier.") var supplier: String?
        @Option(help: "Notes.") var notes: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            var new = NewLicence(client: client, product: product, packagePatterns: packages.split(separator: ",").map(String.init), seats: seats)
            (new.licenceKey, new.startsOn, new.expiresOn, new.supplier, new.notes) = (key, startsOn, expiresOn, supplier, notes)
            new.costCentsPerSeat = try cost.map { try cents($0, option: "--cost") }
            new.resaleCentsPerSeat = try resale.map { try cents($0, option: "--resale") }
            let licence = try await connection.with { try await $0.createLicence(new) }
            if json { return try printJSON(licence) }
            print("Licence \(licence.id): \(licence.product) for \(licence.clientCode), \(licence.seats) seat(s)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List licences.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Only this client's.") var client: String?
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let page = try await connection.with { try await $0.listLicences(client: client, limit: paging.limit, offset: paging.offset) }
            if json { return try printJSON(page) }
            var table = Table("ID", "CLIENT", "PRODUCT", "PACKAGES", "SEATS", "EXPIRES", "KEY")
            for licence in page.items {
                table.add(
                    String(licence.id), licence.clientCode, licence.product, licence.packagePatterns.joined(separator: ","), String(licence.seats),
                    licence.expiresOn ?? "-", licence.licenceKey ?? "-")
            }
            table.print()
            print(pageFooter(page))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one licence.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Licence id.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (licence, clock) = try await connection.with { (try await $0.licence(id: id), try await ProviderClock.of($0, unless: json)) }
            if json { return try printJSON(licence) }
            let fields: [(String, String?)] = [
                ("Licence", "\(licence.id) \(licence.product)"), ("Client", licence.clientCode), ("Packages", licence.packagePatterns.joined(separator: ", ")),
                ("Seats", String(licence.seats)), ("Key", licence.licenceKey), ("Starts", licence.startsOn), ("Expires", licence.expiresOn),
                ("Cost/seat", licence.costCentsPerSeat.map(money)), ("Resale/seat", licence.resaleCentsPerSeat.map(money)), ("Supplier", licence.supplier),
                ("Notes", licence.notes),
            ]
            for (label, value) in fields {
                guard let value else { continue }
                print(label.padding(toLength: 14, withPad: " ", startingAt: 0) + line(value))
            }
            guard !licence.namedSeats.isEmpty else { return }
            var table = Table("SEAT", "ASSET", "EMPLOYEE", clock.header("SINCE"))
            for seat in licence.namedSeats {
                table.add(
                    String(seat.id), seat.assetName.map { "\($0) (\(seat.assetID ?? 0))" } ?? "-",
                    seat.employeeName.map { "\($0) (\(seat.employeeID ?? 0))" } ?? "-", clock.stamp(seat.assignedAt))
            }
            table.print()
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a licence (managers); an empty value clears a text field.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Licence id.") var id: Int64
        @Option(help: "What was bought.") var product: String?
        @Option(help: "Package-name patterns, comma-separated.") var packages: String?
        @Option(help: "Seats bought.") var seats: Int?
        @Option(help: "Licence key.") var key: String?
        @Option(help: "Last day, YYYY-MM-DD.") var expiresOn: String?
        @Option(help: "Notes.") var notes: String?

        func run() async throws {
            var update = LicenceUpdate()
            (update.product, update.seats, update.licenceKey, update.expiresOn, update.notes) = (product, seats, key, expiresOn, notes)
            update.packagePatterns = packages.map { $0.split(separator: ",").map(String.init) }
            let licence = try await connection.with { try await $0.updateLicence(id: id, update) }
            print("Updated licence \(licence.id) \(licence.product)")
        }
    }

    struct Compliance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Installs found against seats bought, from what agents last reported.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Licence id.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let compliance = try await connection.with { try await $0.licenceCompliance(id: id) }
            if json { return try printJSON(compliance) }
            let licence = compliance.licence
            print("\(licence.product) (\(licence.clientCode)): \(compliance.installs) machine(s) for \(licence.seats) seat(s): \(compliance.state.rawValue)")
            guard !compliance.installedOn.isEmpty else { return }
            var table = Table("ASSET", "NAME", "PACKAGE", "VERSION")
            for install in compliance.installedOn { table.add(String(install.assetID), install.assetName, install.name, install.version) }
            table.print()
        }
    }
}

func cents(_ text: String, option: String) throws -> Int64 {
    guard let cents = AssetRules.parseCents(text) else { throw ValidationError("\(option) must look like 12.50 (got '\(text)')") }
    return cents
}
