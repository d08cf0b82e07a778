import ArgumentParser
import Foundation
import ParcClient
import ParcProtocol

struct IntakeCredentialCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake-credential",
        abstract: "Credentials for the GLPI Agents a client already runs: each files its inventories into one client.",
        discussion: """
            A GLPI Agent given one of these reports its machine into the client the credential belongs to,
            whatever its 'tag' says. Basic credentials go in the agent's --user and --password; OAuth ones in
            --oauth-client-id and --oauth-client-secret (tokens of one hour).
            """,
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an intake credential; the secret is printed once.",
            discussion: """
                Example: parcctl intake-credential create --client ACME --kind oauth --label "GLPI agents, Lyon"
                """)
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Client code.") var client: String
        @Option(help: "basic (the agent's --user/--password) or oauth (--oauth-client-id/--oauth-client-secret). (default: basic)")
        var kind: IntakeCredential.Kind = .basic
        @Option(help: "A note, e.g. 'GLPI agents, Lyon office'.") var label: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (created, server, fingerprint) = try await connection.with { staff in
                (
                    try await staff.createIntakeCredential(IntakeCredentialRequest(clientCode: client, kind: kind, label: label)), staff.server,
                    staff.caFingerprint
                )
            }
            let intakeURL = server.hasSuffix("/") ? server + "glpi/" : server + "/glpi/"
            if json { return try printJSON(created) }
            let credential = created.credential
            print("Intake credential \(credential.id) (\(credential.kind.rawValue)) for \(credential.clientCode).")
            print("Secret (shown only once):")
            print(created.secret)
            print("")
            print("Give GLPI Agent on the client's machines (the server's CA in ca.pem, fingerprint \(fingerprint)):")
            switch credential.kind {
            case .basic:
                print("glpi-agent --server \(intakeURL) --ca-cert-file ca.pem --user \(credential.login) --password \(created.secret)")
            case .oauth:
                print(
                    "glpi-agent --server \(intakeURL) --ca-cert-file ca.pem --oauth-client-id \(credential.login) --oauth-client-secret \(created.secret)"
                )
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List intake credentials (revoked ones with --all).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Only this client's.") var client: String?
        @Flag(help: "Revoked credentials too.") var all = false
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (page, clock) = try await connection.with {
                (
                    try await $0.listIntakeCredentials(client: client, all: all, limit: paging.limit, offset: paging.offset),
                    try await ProviderClock.of($0, unless: json)
                )
            }
            if json { return try printJSON(page) }
            var table = Table("ID", "CLIENT", "KIND", "LOGIN", "LABEL", clock.header("LAST USED"), "STATUS")
            for credential in page.items {
                table.add(
                    String(credential.id), credential.clientCode, credential.kind.rawValue, credential.login, credential.label ?? "-",
                    credential.lastUsedAt.map(clock.stamp) ?? "never", credential.revokedAt == nil ? "active" : "revoked")
            }
            table.print()
            print(pageFooter(page))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an intake credential at once, and the tokens made from it.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Credential id (see 'parcctl intake-credential list').") var id: Int64

        func run() async throws {
            let credential = try await connection.with { try await $0.revokeIntakeCredential(id: id) }
            print("Revoked intake credential \(credential.id) of \(credential.clientCode)")
        }
    }
}

extension IntakeCredential.Kind: ExpressibleByArgument {}
