import ArgumentParser
import Foundation
import ParcClient
import ParcProtocol

extension AssetKind: ExpressibleByArgument {}
extension AssetStatus: ExpressibleByArgument {}

struct AssetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asset", abstract: "The asset registry: what agents discovered and what was registered by hand.",
        discussion: """
            Examples:
              parcctl asset list --client ACME --kind computer
              parcctl asset list --review          # assets reconciliation could not match with certainty
              parcctl asset show 42
              parcctl asset history 42
            """,
        subcommands: [List.self, Show.self, History.self, Software.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List assets.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only this client's.") var client: String?
        @Option(help: "Only this kind: \(AssetKind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: AssetKind?
        @Option(help: "Only this status: \(AssetStatus.allCases.map(\.rawValue).joined(separator: ", ")).") var status: AssetStatus?
        @Flag(help: "Only assets flagged for review (merge or confirm).") var review = false
        @Option(help: "Only names, serials, host names or asset tags containing this text.") var search: String?
        @Option(help: "At most this many (1–500). (default: 50)") var limit: Int?
        @Option(help: "Skip this many.") var offset: Int?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let page = try await connection.with {
                try await $0.listAssets(client: client, kind: kind, status: status, review: review ? true : nil, search: search, limit: limit, offset: offset)
            }
            if json { return try printJSON(page) }
            var table = Table("ID", "CLIENT", "KIND", "NAME", "MODEL", "SERIAL", "STATUS", "LAST SEEN", "REVIEW")
            for asset in page.items {
                table.add(
                    String(asset.id), asset.clientCode, asset.kind.rawValue, asset.name, asset.model ?? "-", asset.serial ?? "-", asset.status.rawValue,
                    asset.lastSeenAt?.stampText ?? "-", asset.reviewReason == nil ? "" : "yes")
            }
            table.print()
            print(pageFooter(page))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one asset and its components.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Asset id (see 'parcctl asset list').") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let detail = try await connection.with { try await $0.asset(id: id) }
            if json { return try printJSON(detail) }
            let asset = detail.asset
            let fields: [(String, String?)] = [
                ("Asset", "\(asset.id) \(asset.name)"), ("Client", asset.clientCode), ("Kind", asset.kind.rawValue), ("Status", asset.status.rawValue),
                ("Manufacturer", asset.manufacturer), ("Model", asset.model), ("Serial", asset.serial), ("Asset tag", asset.assetTag),
                ("Host", asset.hostname), ("OS", asset.operatingSystem), ("Agent", asset.agentID), ("Source", asset.source.rawValue),
                ("First seen", asset.firstSeenAt?.stampText), ("Last seen", asset.lastSeenAt?.stampText), ("Review", asset.reviewReason),
                ("Software", "\(detail.softwareCount) packages ('parcctl asset software \(asset.id)')"),
            ]
            for (label, value) in fields {
                guard let value else { continue }
                print(label.padding(toLength: 14, withPad: " ", startingAt: 0) + value)
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
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Asset id.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let events = try await connection.with { try await $0.assetHistory(id: id) }
            if json { return try printJSON(events) }
            var table = Table("WHEN", "BY", "WHAT", "")
            for event in events { table.add(event.at.stampText, [event.actor.rawValue, event.actorName].compactMap { $0 }.joined(separator: " "), event.kind, event.summary) }
            table.print()
        }
    }

    struct Software: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The packages installed on an asset.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Asset id.") var id: Int64
        @Option(help: "Only package names containing this text.") var search: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            var packages = try await connection.with { try await $0.assetSoftware(id: id) }
            if let search { packages = packages.filter { $0.name.localizedCaseInsensitiveContains(search) } }
            if json { return try printJSON(packages) }
            var table = Table("NAME", "VERSION", "ARCH", "MANAGER")
            for package in packages { table.add(package.name, package.version, package.architecture ?? "-", package.manager) }
            table.print()
        }
    }
}
