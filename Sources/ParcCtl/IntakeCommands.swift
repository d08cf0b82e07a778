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
            abstract: "Create an intake credential; the secret is printed once (a certificate's is written to --out).",
            discussion: """
                Examples:
                  parcctl intake-credential create --client ACME --label "Lyon"
                  parcctl intake-credential create --client ACME --kind oauth
                  parcctl intake-credential create --client ACME --kind certificate --out a.pem

                A certificate credential is a client certificate Parc's CA signs for the client, valid two years, \
                with its private key in the same PEM file (GLPI Agent's ssl-cert-file setting in agent.cfg reads both). \
                Basic credentials also serve FusionInventory (--user/--password) and OCS agents (--user/--password \
                base64-encoded, --realm "Parc inventory").
                """)
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Client code.") var client: String
        @Option(
            help:
                "basic (the agent's --user/--password), oauth (--oauth-client-id/--oauth-client-secret) or certificate (agent.cfg's ssl-cert-file)."
        )
        var kind: IntakeCredential.Kind = .basic
        @Option(help: "A note, e.g. 'GLPI agents, Lyon office'.") var label: String?
        @Option(help: ArgumentHelp("Where to write a certificate credential's PEM (certificate and key, mode 0600).", valueName: "file"))
        var out: String?
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if kind == .certificate, out == nil, !json {
                throw ValidationError("--kind certificate needs --out <file>: the PEM holds a private key, it is not printed")
            }
            if kind != .certificate, out != nil { throw ValidationError("--out is for --kind certificate only") }
            if let out, FileManager.default.fileExists(atPath: out) { throw ValidationError("\(out) already exists: choose another --out") }
        }

        func run() async throws {
            let (created, server, fingerprint) = try await connection.with { staff in
                (
                    try await staff.createIntakeCredential(IntakeCredentialRequest(clientCode: client, kind: kind, label: label)), staff.server,
                    staff.caFingerprint
                )
            }
            if let out {
                // Created with mode 0600 before anything is written: the key is never readable by others.
                let descriptor = open(out, O_WRONLY | O_CREAT | O_EXCL, 0o600)
                guard descriptor >= 0 else { throw CLIError("cannot create \(out): \(String(cString: strerror(errno)))") }
                let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
                try handle.write(contentsOf: Data(created.secret.utf8))
                try handle.close()
            }
            let intakeURL = server.hasSuffix("/") ? server + "glpi/" : server + "/glpi/"
            if json { return try printJSON(created) }
            let credential = created.credential
            print("Intake credential \(credential.id) (\(credential.kind.rawValue)) for \(credential.clientCode).")
            if let out {
                print(
                    "Certificate and key written to \(out)\(credential.certificateExpiresAt.map { " (valid until \(String($0.formatted(.iso8601).prefix(10))))" } ?? "")."
                )
            } else {
                print("Secret (shown only once):")
                print(created.secret)
            }
            print("")
            print("Give GLPI Agent on the client's machines (the server's CA in ca.pem, fingerprint \(fingerprint)):")
            switch credential.kind {
            case .basic:
                print("glpi-agent --server \(intakeURL) --ca-cert-file ca.pem --user \(credential.login) --password \(created.secret)")
                print("FusionInventory: the same --server, --ca-cert-file, --user and --password.")
                // OCS reads both base64-encoded (its Agent/Encrypt.pm).
                let user = Data(credential.login.utf8).base64EncodedString()
                let password = Data(created.secret.utf8).base64EncodedString()
                print(
                    "OCS: ocsinventory-agent --server \(server.hasSuffix("/") ? server : server + "/")ocsinventory --ssl 1 --ca ca.pem --user \(user) --password \(password) --realm \"Parc inventory\""
                )
            case .oauth:
                print(
                    "glpi-agent --server \(intakeURL) --ca-cert-file ca.pem --oauth-client-id \(credential.login) --oauth-client-secret \(created.secret)"
                )
            case .certificate:
                // GLPI Agent takes the client certificate from its configuration file only.
                print("in agent.cfg: ssl-cert-file = /etc/glpi-agent/\(out.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "agent.pem")")
                print("glpi-agent --server \(intakeURL) --ca-cert-file ca.pem")
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
                    credential.lastUsedAt.map(clock.stamp) ?? "never",
                    credential.revokedAt != nil ? "revoked" : credential.certificateExpiresAt.map { "active until \(clock.day($0))" } ?? "active")
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
