import ArgumentParser
import Foundation
import ParcAgent
import ParcProtocol

@main
struct ParcAgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parc-agent",
        abstract: "The Parc agent: inventories this Linux machine and reports it to a Parc server.",
        discussion: "Start with 'parc-agent inventory' to see what it reads on this machine.",
        version: AgentInfo.version,
        subcommands: [InventoryCommand.self]
    )
}

extension InventorySection: ExpressibleByArgument {}

struct InventoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "Print this machine's inventory.",
        discussion: """
            Reads sysfs, procfs, the SMBIOS table, udev and dpkg's database; nothing is sent anywhere.
            Run as root for serial numbers and memory modules (the SMBIOS table is root-only).

            Examples:
              parc-agent inventory
              parc-agent inventory --format json --only system,software
              parc-agent inventory --root /srv/fixtures/thinkpad   # read a copied tree instead of /
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Read every file under this directory instead of /.")
    var root: String = "/"

    @Option(help: "text (a summary) or json (the full inventory, as reported).")
    var format: Format = .text

    @Option(
        help: ArgumentHelp(
            "Only these sections, comma-separated.",
            discussion: "One of: \(InventorySection.allCases.map(\.rawValue).joined(separator: ", "))."))
    var only: String?

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--root \(root) is not a directory")
        }
        _ = try sections()
    }

    func sections() throws -> Set<InventorySection> {
        guard let only else { return Set(InventorySection.allCases) }
        var result: Set<InventorySection> = []
        for name in only.split(separator: ",") {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let section = InventorySection(rawValue: trimmed) else {
                throw ValidationError("unknown section '\(trimmed)'; sections are \(InventorySection.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            result.insert(section)
        }
        return result
    }

    func run() throws {
        let inventory = InventoryCollector(root: SystemRoot(root), sections: try sections()).collect()
        switch format {
        case .json:
            var data = try CanonicalJSON.encode(inventory, pretty: true)
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        case .text:
            print(InventoryText.render(inventory))
        }
    }
}
