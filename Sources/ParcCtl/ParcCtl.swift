import ArgumentParser
import Foundation
import ParcClient
import ParcDomain
import ParcProtocol

@main
struct ParcCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parcctl",
        abstract: "Command line for the Parc staff API.",
        discussion: """
            Connect once with 'parcctl login' (parc-server init prints the token and the CA fingerprint). \
            Every command also takes, before or after its name, --server URL, --token TOKEN and --ca CA \
            (a CA file or its sha256: fingerprint), or the PARC_SERVER, PARC_TOKEN and PARC_CA environment \
            variables; flags win over variables, which win over the login file.

            Examples:
              parcctl login --server URL --token TOKEN --ca-fingerprint sha256:HEX
              parcctl client create ACME --name "ACME SA" --siren 732829320
              parcctl client list --search acme
              parcctl employee add --client ACME --name "Jane Doe" --email jane@acme.fr
              parcctl staff create --email sam@provider.fr --name Sam --role technician
              parcctl token create --label laptop
              parcctl ticket create --client ACME --title "Printer jams" --priority P2
              parcctl ticket list --mine
              parcctl billing run --dry-run
              parcctl invoice issue 12
              parcctl invoice export 12 --format pdf
            """,
        version: ParcVersion.current,
        subcommands: [
            Login.self, WhoAmI.self, ServerCommand.self, ClientCommand.self, EmployeeCommand.self, SiteCommand.self, StaffCommand.self,
            TokenCommand.self, EnrollTokenCommand.self, IntakeCredentialCommand.self, AgentCommand.self, AssetCommand.self, SoftwareCommand.self,
            LicenceCommand.self,
            TicketCommand.self, MaintenanceCommand.self, ContractCommand.self, SLACommand.self, BillingCommand.self, InvoiceCommand.self,
            PaymentCommand.self, AccountingCommand.self, ProviderCommand.self, RevenueCommand.self, PortalUserCommand.self, AlertCommand.self,
            WebhookCommand.self, OutboxCommand.self, MailCommand.self,
        ]
    )

    /// The connection options may come before the subcommand too (`parcctl --server URL client
    /// list`), as kubectl and gh allow; they are moved after it, where the subcommand reads them.
    static func main() async {
        let arguments = GlobalOptions.movedAfterSubcommand(Array(CommandLine.arguments.dropFirst()))
        if let (typo, path, suggestion) = CommandSuggestion.unknown(in: arguments, of: ParcCtl.self) {
            let usage = (["parcctl"] + path).joined(separator: " ")
            FileHandle.standardError.write(
                Data("Error: '\(typo)' is not a command of \(usage)\(suggestion.map { "; did you mean '\($0)'?" } ?? "")\n  See '\(usage) --help'.\n".utf8))
            Foundation.exit(64)
        }
        let command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exit(withError: error)
        }
        do {
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                var synchronous = command
                try synchronous.run()
            }
        } catch let error as ParcClientError {
            exit(withError: error.inTermsOf(type(of: command)))
        } catch let error as ArgumentParser.ValidationError {
            // Found while running, once parsing is over: the sentence, not the root command's usage.
            FileHandle.standardError.write(Data("Error: \(error.message)\n".utf8))
            Foundation.exit(64)
        } catch {
            exit(withError: error)
        }
    }
}

/// A mistyped command gets the nearest real one, as mistyped options already do.
enum CommandSuggestion {
    /// The first argument that should name a subcommand and does not, the commands before it, and
    /// the nearest subcommand name (within two edits, or the only one it starts).
    static func unknown(in arguments: [String], of root: any ParsableCommand.Type) -> (String, [String], String?)? {
        var command = root
        var path: [String] = []
        for argument in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !argument.hasPrefix("-"), argument != "help" else { return nil }
            if let next = subcommands.first(where: { $0._commandName == argument }) {
                command = next
                path.append(argument)
                continue
            }
            return (argument, path, NearestName.nearest(to: argument, among: subcommands.map { $0._commandName }))
        }
        return nil
    }
}

enum GlobalOptions {
    static let names: Set<String> = ["--server", "--token", "--ca"]

    static func movedAfterSubcommand(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var rest = arguments[...]
        while let first = rest.first {
            if names.contains(first), rest.count >= 2 {
                leading += rest.prefix(2)
                rest = rest.dropFirst(2)
            } else if let equals = first.firstIndex(of: "="), names.contains(String(first[..<equals])) {
                leading.append(first)
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        guard !leading.isEmpty, !rest.isEmpty else { return arguments }
        return Array(rest) + leading
    }
}
