import ParcAgent
import ParcAgentReporting
import ParcProtocol

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

@main
enum ParcAgentMain {
    static func main() {
        let program = AgentProgram(
            name: "parc-agent",
            abstract: "The Parc agent: inventories this Linux machine and reports it to a Parc server.",
            discussion: """
                Start with 'parc-agent inventory' to see what it reads on this machine, then 'parc-agent enroll'
                once and 'parc-agent report' to send it.
                """,
            version: AgentInfo.version,
            commands: [inventory, enroll, report, run, status, renew])
        exit(program.main(CommandLine.arguments.dropFirst().map { $0 }))
    }

    static let inventory = AgentCommand(
        name: "inventory",
        abstract: "Print this machine's inventory.",
        discussion: """
            Reads sysfs, procfs, the SMBIOS table, udev and dpkg's database; nothing is sent anywhere.
            Run as root for serial numbers and memory modules (the SMBIOS table is root-only).

            Examples:
              parc-agent inventory
              parc-agent inventory --format json --only system,software
              parc-agent inventory --root /srv/fixtures/thinkpad   # a copied tree instead of /
            """,
        options: [
            AgentOption(name: "root", value: "dir", help: "Read every file under this directory instead of /.", completion: .directory),
            AgentOption(
                name: "format", value: "format", help: "text (a summary, the default) or json (the full inventory, as reported).",
                completion: .choices(["text", "json"])),
            AgentOption(
                name: "only", value: "sections",
                help: "Only these sections, comma-separated: \(InventorySection.allCases.map(\.rawValue).joined(separator: ", ")).",
                completion: .list(InventorySection.allCases.map(\.rawValue))),
        ],
        run: runInventory)

    static func runInventory(_ arguments: AgentArguments) throws {
        let root = arguments["root"] ?? "/"
        var info = stat()
        guard stat(root, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw AgentUsageError("--root \(root) is not a directory", command: inventory)
        }
        let inventory = InventoryCollector(root: SystemRoot(root), sections: try sections(arguments["only"])).collect()
        if arguments["format"] == "json" {
            var bytes = try CanonicalJSON.encodeBytes(inventory, pretty: true)
            bytes.append(0x0A)
            try writeToStandardOutput(bytes)
        } else {
            print(InventoryText.render(inventory))
        }
    }

    static func sections(_ only: String?) throws(AgentUsageError) -> Set<InventorySection> {
        guard let only else { return Set(InventorySection.allCases) }
        var result: Set<InventorySection> = []
        for name in only.split(separator: ",") {
            let trimmed = String(name.filter { $0 != " " })
            guard let section = InventorySection(rawValue: trimmed) else {
                throw AgentUsageError(
                    "unknown section '\(trimmed)'; sections are \(InventorySection.allCases.map(\.rawValue).joined(separator: ", "))",
                    command: inventory)
            }
            result.insert(section)
        }
        guard !result.isEmpty else { throw AgentUsageError("--only needs at least one section", command: inventory) }
        return result
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
                throw AgentError.unwritable("standard output", errno)
            }
            offset += written
        }
    }
}
