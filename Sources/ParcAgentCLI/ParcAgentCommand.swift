import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import ParcAgent
import ParcProtocol

@main
struct ParcAgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parc-agent",
        abstract: "The Parc agent: inventories this Linux machine and reports it to a Parc server.",
        discussion: """
            Start with 'parc-agent inventory' to see what it reads on this machine, then 'parc-agent enroll' once
            and 'parc-agent report' to send it.
            """,
        version: AgentInfo.version,
        subcommands: [InventoryCommand.self, EnrollCommand.self, ReportCommand.self, RunCommand.self, StatusCommand.self, RenewCommand.self]
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
        var info = stat()
        guard stat(root, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw ValidationError("--root \(root) is not a directory")
        }
        _ = try sections()
    }

    func sections() throws -> Set<InventorySection> {
        guard let only else { return Set(InventorySection.allCases) }
        var result: Set<InventorySection> = []
        for name in only.split(separator: ",") {
            let trimmed = String(name.filter { $0 != " " })
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
            var bytes = try CanonicalJSON.encodeBytes(inventory, pretty: true)
            bytes.append(0x0A)
            try writeToStandardOutput(bytes)
        case .text:
            print(InventoryText.render(inventory))
        }
    }
}

/// Writes all of `bytes` to file descriptor 1, without first building a String.
func writeToStandardOutput(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(1, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw ValidationError("cannot write the inventory to standard output (errno \(errno))")
            }
            offset += written
        }
    }
}
