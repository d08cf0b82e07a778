import ArgumentParser
import Foundation
import ParcClient
import ParcProtocol

struct EnrollTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enroll-token", abstract: "Tokens that let agents enroll for one client.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an enrollment token; the secret is printed once.",
            discussion: """
                Give the secret to 'parc-agent enroll --token' on the client's machines, with the server's CA fingerprint.
                Example: parcctl enroll-token create --client ACME --uses 25 --expires 7d
                """)
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Client code.") var client: String
        @Option(help: "How many agents may enroll with it. (default: 1)") var uses: Int?
        @Option(help: "Lifetime: Nd (days) or Nh (hours). (default: 7d)") var expires: String?
        @Option(help: "A note, e.g. 'office rollout'.") var label: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let hours = try expires.map { try parseLifetimeHours($0) }
            let (created, server, fingerprint, clock) = try await connection.with { staff in
                (
                    try await staff.createEnrollmentToken(NewEnrollmentToken(client: client, uses: uses, expiresInHours: hours, label: label)),
                    staff.server, staff.caFingerprint, try await ProviderClock.of(staff, unless: json)
                )
            }
            if json { return try printJSON(created) }
            print(
                "Enrollment token \(created.token.id) for \(created.token.clientCode): \(created.token.maxUses) use(s), expires \(clock.named(created.token.expiresAt))."
            )
            print("Secret (shown only once):")
            print(created.secret)
            print("")
            print("On each of the client's machines, as root:")
            print("parc-agent enroll --server \(server) --token \(created.secret) --ca-fingerprint \(fingerprint)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List enrollment tokens.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Only this client's.") var client: String?
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (page, clock) = try await connection.with {
                (try await $0.listEnrollmentTokens(client: client, limit: paging.limit, offset: paging.offset), try await ProviderClock.of($0, unless: json))
            }
            if json { return try printJSON(page) }
            var table = Table("ID", "CLIENT", "LABEL", "PREFIX", "USES", clock.header("EXPIRES"), "STATUS")
            let now = Date()
            for token in page.items {
                let status = token.revokedAt != nil ? "revoked" : (token.expiresAt <= now ? "expired" : (token.uses >= token.maxUses ? "used up" : "active"))
                table.add(
                    String(token.id), token.clientCode, token.label ?? "-", token.prefix + "…", "\(token.uses)/\(token.maxUses)", clock.stamp(token.expiresAt),
                    status)
            }
            table.print()
            print(pageFooter(page))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an enrollment token at once.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Token id (see 'parcctl enroll-token list').") var id: Int64

        func run() async throws {
            let token = try await connection.with { try await $0.revokeEnrollmentToken(id: id) }
            print("Revoked enrollment token \(token.id) of \(token.clientCode)")
        }
    }
}

/// How long something lasts, as every parcctl option says it: `12h`, `7d`, `2w` (a bare number is
/// hours). In hours, at most ten years.
func parseLifetimeHours(_ text: String, flag: String = "--expires") throws -> Int {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    let units: [Character: Int] = ["h": 1, "d": 24, "w": 168]
    let (number, unit) = trimmed.last.flatMap { units[$0] }.map { (trimmed.dropLast(), $0) } ?? (Substring(trimmed), 1)
    guard let value = Int(number), value > 0, value <= 87_840 / unit else {
        throw ValidationError("\(flag) must be a duration like 12h, 7d or 2w, up to ten years (got '\(text)')")
    }
    return value * unit
}

struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent", abstract: "Enrolled agents: list, show, revoke.", subcommands: [List.self, Show.self, Revoke.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List agents.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Only this client's.") var client: String?
        @Option(help: "Only host names containing this text.") var search: String?
        @Flag(help: "Include revoked agents.") var all = false
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (page, clock) = try await connection.with {
                (
                    try await $0.listAgents(client: client, search: search, active: all ? nil : true, limit: paging.limit, offset: paging.offset),
                    try await ProviderClock.of($0, unless: json)
                )
            }
            if json { return try printJSON(page) }
            var table = Table("ID", "CLIENT", "HOST", "KIND", "VERSION", clock.header("LAST SEEN"), "CERT EXPIRES", "STATUS")
            for agent in page.items {
                table.add(
                    agent.id, agent.clientCode, agent.hostname, agent.kind, agent.agentVersion, agent.lastSeenAt.map(clock.stamp) ?? "never",
                    agent.certificateExpiresAt.map(clock.day) ?? "-", agent.revokedAt == nil ? "active" : "revoked")
            }
            table.print()
            print(pageFooter(page))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one agent.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Agent id, or a unique start of it (as 'parcctl agent list' shows it).") var id: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (agent, clock) = try await connection.with { client in
                (try await client.agent(id: try await AgentReference.resolve(id, client)), try await ProviderClock.of(client, unless: json))
            }
            if json { return try printJSON(agent) }
            for (label, value) in [
                ("Agent", agent.id), ("Client", agent.clientCode), ("Host", agent.hostname), ("Kind", agent.kind), ("Version", agent.agentVersion),
                ("Enrolled", clock.named(agent.enrolledAt)), ("Last seen", agent.lastSeenAt.map(clock.named) ?? "never"),
                ("Last report", agent.lastReportScope ?? "-"),
                ("Cert expires", agent.certificateExpiresAt.map(clock.named) ?? "- (no certificate of its own)"),
                ("Status", agent.revokedAt.map { "revoked \(clock.named($0))" } ?? "active"),
            ] {
                print(label.padding(toLength: 14, withPad: " ", startingAt: 0) + line(value))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an agent: the server refuses its certificate from now on.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Agent id, or a unique start of it (see 'parcctl agent list').") var id: String

        func run() async throws {
            let agent = try await connection.with { client in try await client.revokeAgent(id: try await AgentReference.resolve(id, client)) }
            print("Revoked agent \(agent.id) (\(agent.hostname), \(agent.clientCode))")
        }
    }
}

/// Agents named by a unique start of their id (`b85a0099`), as git names commits.
enum AgentReference {
    static func resolve(_ text: String, _ client: StaffClient) async throws -> String {
        let prefix = text.lowercased()
        if prefix.count == 36 { return prefix }
        guard prefix.count >= 4, prefix.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw CLIError("an agent is named by its id or at least its first 4 characters (got '\(text)')")
        }
        var candidates: [AgentRecord] = []
        var offset = 0
        while true {
            let page = try await client.listAgents(limit: 500, offset: offset)
            candidates += page.items.filter { $0.id.hasPrefix(prefix) }
            offset += page.items.count
            if page.items.isEmpty || offset >= page.total { break }
        }
        switch candidates.count {
        case 1: return candidates[0].id
        case 0: throw CLIError("no agent's id starts with \(text)")
        default:
            throw CLIError(
                "\(candidates.count) agents' ids start with \(text); give more of it:\n"
                    + candidates.map { "  \($0.id)  \($0.clientCode)  \($0.hostname)" }.joined(separator: "\n"))
        }
    }
}
