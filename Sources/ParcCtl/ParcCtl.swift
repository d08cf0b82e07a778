import ArgumentParser
import ParcProtocol

@main
struct ParcCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parcctl",
        abstract: "Command line for the Parc staff API.",
        discussion: """
            Connect once with 'parcctl login --server https://HOST:8443 --token TOKEN --ca-fingerprint sha256:HEX'
            (parc-server init prints the token and fingerprint). Every command also takes --server, --token and
            --ca, or the PARC_SERVER, PARC_TOKEN and PARC_CA environment variables (PARC_CA is a CA file or a
            sha256: fingerprint); flags win over variables, which win over the login file.

            Examples:
              parcctl client create ACME --name "ACME SA" --siren 732829320
              parcctl client list --search acme
              parcctl employee add --client ACME --name "Jane Doe" --email jane@acme.example
              parcctl staff create --email tech@provider.example --name "Sam Tech" --role technician
              parcctl token create --label laptop
              parcctl ticket create --client ACME --title "Printer jams" --priority P2 ; parcctl ticket list --mine
              parcctl billing run --dry-run ; parcctl invoice issue 12 ; parcctl invoice export 12 --format pdf
            """,
        version: ParcVersion.current,
        subcommands: [
            Login.self, WhoAmI.self, ServerCommand.self, ClientCommand.self, EmployeeCommand.self, SiteCommand.self, StaffCommand.self,
            TokenCommand.self, EnrollTokenCommand.self, AgentCommand.self, AssetCommand.self, SoftwareCommand.self, LicenceCommand.self,
            TicketCommand.self, MaintenanceCommand.self, ContractCommand.self, SLACommand.self, BillingCommand.self, InvoiceCommand.self,
            PaymentCommand.self, AccountingCommand.self, ProviderCommand.self, RevenueCommand.self,
        ]
    )
}
