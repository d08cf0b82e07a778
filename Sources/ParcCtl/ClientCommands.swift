import ArgumentParser
import Foundation
import ParcClient
import ParcProtocol

struct ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client", abstract: "Client companies: create, list, show, update.",
        subcommands: [Create.self, List.self, Show.self, Update.self])

    /// Billing address flags shared by create and update.
    struct AddressOptions: ParsableArguments {
        @Option(help: "Billing address, first line.") var addressLine1: String?
        @Option(help: "Billing address, second line.") var addressLine2: String?
        @Option(help: "Billing address postal code.") var postalCode: String?
        @Option(help: "Billing address city.") var city: String?
        @Option(help: "Billing address country (ISO code).") var country: String?

        var address: PostalAddress? {
            guard let addressLine1 else { return nil }
            return PostalAddress(line1: addressLine1, line2: addressLine2, postalCode: postalCode ?? "", city: city ?? "", country: country ?? "FR")
        }

        func validate() throws {
            if addressLine1 == nil && (addressLine2 != nil || postalCode != nil || city != nil || country != nil) {
                throw ValidationError("a billing address needs --address-line1")
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a client.",
            discussion: "Example: parcctl client create ACME --name \"ACME SA\" --siren 732829320 --vat-rate 20")

        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Short unique code, 2–16 letters, digits, - or _ (stored upper-case).") var code: String
        @Option(help: "Company name.") var name: String
        @Option(help: "SIREN (9 digits).") var siren: String?
        @Option(help: "SIRET (14 digits).") var siret: String?
        @Option(help: "Intra-community VAT number, e.g. FR44732829320.") var vatNumber: String?
        @Option(help: "Contact email.") var email: String?
        @Option(help: "Currency (ISO 4217). (default: EUR)") var currency: String?
        @Option(help: "Default VAT rate in percent, e.g. 20 or 5.5. (default: 20)") var vatRate: String?
        @Option(help: "Language of its invoices and credit notes: fr or en. (default: fr)") var documentLanguage: DocumentLanguage?
        @Option(help: "Free notes.") var notes: String?
        @OptionGroup var address: AddressOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            var new = NewClient(
                code: code, name: name, siren: siren, siret: siret, vatNumber: vatNumber, billingAddress: address.address,
                contactEmail: email, currency: currency, defaultVATBasisPoints: try vatRate.map(parseVATRate), notes: notes)
            new.documentLanguage = documentLanguage
            let client = try await connection.with { try await $0.createClient(new) }
            if json { return try printJSON(client) }
            print("Created client \(client.code) (\(client.name)), id \(client.id)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List clients.")

        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Only clients whose code or name contains this text.") var search: String?
        @Flag(help: "Include deactivated clients.") var all = false
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (page, clock) = try await connection.with {
                (
                    try await $0.listClients(search: search, active: all ? nil : true, limit: paging.limit, offset: paging.offset),
                    try await ProviderClock.of($0, unless: json)
                )
            }
            if json { return try printJSON(page) }
            var table = Table("CODE", "NAME", "SIREN", "VAT", "ACTIVE", "CREATED")
            for client in page.items {
                table.add(
                    client.code, client.name, client.siren ?? "-", formatVAT(client.defaultVATBasisPoints), client.active ? "yes" : "no",
                    clock.day(client.createdAt))
            }
            table.print()
            print(pageFooter(page))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one client.")

        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Client code.") var code: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (client, clock) = try await connection.with { (try await $0.client(code: code), try await ProviderClock.of($0, unless: json)) }
            if json { return try printJSON(client) }
            printClient(client, clock)
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a client. Only the options given change; pass \"\" to clear a text field.",
            discussion: "Example: parcctl client update ACME --email it@acme.example --deactivate")

        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Client code.") var code: String
        @Option(help: "Company name.") var name: String?
        @Option(help: "SIREN (9 digits).") var siren: String?
        @Option(help: "SIRET (14 digits).") var siret: String?
        @Option(help: "VAT number.") var vatNumber: String?
        @Option(help: "Contact email.") var email: String?
        @Option(help: "Currency (ISO 4217).") var currency: String?
        @Option(help: "Default VAT rate in percent.") var vatRate: String?
        @Option(help: "Language of its invoices and credit notes: fr or en.") var documentLanguage: DocumentLanguage?
        @Flag(help: "Its portal members see all of its tickets, not only those they reported or follow.") var shareTickets = false
        @Flag(help: "Its portal members see only the tickets they reported or follow (the default).") var privateTickets = false
        @Option(help: "Free notes.") var notes: String?
        @OptionGroup var address: AddressOptions
        @Flag(help: "Deactivate the client (managers only).") var deactivate = false
        @Flag(help: "Reactivate the client (managers only).") var activate = false
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if deactivate && activate { throw ValidationError("--activate and --deactivate contradict each other") }
            if shareTickets && privateTickets { throw ValidationError("--share-tickets and --private-tickets contradict each other") }
        }

        func run() async throws {
            var update = ClientUpdate(
                name: name, siren: siren, siret: siret, vatNumber: vatNumber, billingAddress: address.address, contactEmail: email,
                currency: currency, defaultVATBasisPoints: try vatRate.map(parseVATRate), notes: notes,
                active: deactivate ? false : (activate ? true : nil))
            update.documentLanguage = documentLanguage
            update.sharedTickets = shareTickets ? true : (privateTickets ? false : nil)
            guard update != ClientUpdate() else { throw ValidationError("nothing to change: give at least one option") }
            let (client, clock) = try await connection.with {
                (try await $0.updateClient(code: code, update), try await ProviderClock.of($0, unless: json))
            }
            if json { return try printJSON(client) }
            print("Updated client \(client.code)")
            printClient(client, clock)
        }
    }
}

func printClient(_ client: Client, _ clock: ProviderClock) {
    var lines: [(String, String)] = [
        ("Code", client.code), ("Name", client.name), ("Active", client.active ? "yes" : "no"),
        ("SIREN", client.siren ?? "-"), ("SIRET", client.siret ?? "-"), ("VAT number", client.vatNumber ?? "-"),
        ("Contact", client.contactEmail ?? "-"), ("Currency", client.currency), ("Default VAT", formatVAT(client.defaultVATBasisPoints)),
    ]
    if let address = client.billingAddress {
        let text = [address.line1, address.line2, "\(address.postalCode) \(address.city)", address.country].compactMap { $0 }.joined(separator: ", ")
        lines.append(("Billing address", text))
    }
    lines.append(("Portal tickets", client.sharedTickets ? "shared with all members" : "each member sees their own"))
    if let notes = client.notes { lines.append(("Notes", notes)) }
    lines.append(("Created", clock.named(client.createdAt)))
    lines.append(("Updated", clock.named(client.updatedAt)))
    for (label, value) in lines { print("\(label.padding(toLength: 16, withPad: " ", startingAt: 0))\(line(value))") }
}
