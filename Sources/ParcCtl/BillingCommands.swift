import ArgumentParser
import Foundation
import ParcClient
import ParcDomain
import ParcProtocol

extension InvoiceStatus: ExpressibleByArgument {}
extension DocumentLanguage: ExpressibleByArgument {}

struct BillingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing", abstract: "Billing runs: draft invoices for every contract period due (managers and billing).",
        discussion: """
            A run invoices each active contract period whose invoice day is on or before --as-of and that
            was not invoiced yet; running it again, or on two servers at once, never bills a period twice.

            Examples:
              parcctl billing run --dry-run     # what would be invoiced; writes nothing
              parcctl billing run --as-of 2026-03-31 --client ACME
            """,
        subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create the draft invoices due up to a day.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Invoice what is due up to this day, YYYY-MM-DD (default today).") var asOf: String?
        @Option(help: "Only this client's contracts.") var client: String?
        @Flag(help: "Show what would be invoiced, with totals; write nothing.") var dryRun = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let run = try await connection.with { try await $0.runBilling(BillingRunRequest(asOf: asOf, client: client, dryRun: dryRun)) }
            if json { return try printJSON(run) }
            guard !run.invoices.isEmpty else { return print("nothing to invoice as of \(run.asOf)") }
            var table = Table("INVOICE", "CLIENT", "CONTRACT", "PERIOD", "DATE", "NET", "VAT", "TOTAL")
            for invoice in run.invoices {
                table.add(
                    run.dryRun ? "-" : "#\(invoice.id)", invoice.clientCode, invoice.contractReference ?? "-",
                    "\(invoice.periodFirst ?? "")…\(invoice.periodLast ?? "")",
                    invoice.issueDate, money(invoice.netCents), money(invoice.vatCents), money(invoice.grossCents))
            }
            table.print()
            print(
                "\(run.invoices.count) draft invoice(s)\(run.dryRun ? " would be created (dry run: nothing written)" : " created"); "
                    + "net \(money(run.netCents)), total \(money(run.grossCents))")
        }
    }
}

struct InvoiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice", abstract: "Invoices: list, show, edit drafts, issue, credit and export (managers and billing).",
        discussion: """
            Drafts come from billing runs. Issuing gives the next number of the year's gapless sequence
            (F2026-000042) and freezes the invoice.

            Examples:
              parcctl invoice list --status draft
              parcctl invoice show 12
              parcctl invoice issue 12
              parcctl invoice credit 12 --line 2     # a credit note for line 2 only
              parcctl invoice export 12 --format pdf # or html, ubl, json
              parcctl invoice export --format csv    # every invoice, for a spreadsheet
            """,
        subcommands: [List.self, Show.self, AddLine.self, RemoveLine.self, Delete.self, Issue.self, Credit.self, Export.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List invoices by issue date.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Only this client's.") var client: String?
        @Option(help: "draft, issued, partially-paid, paid, overdue or cancelled.") var status: InvoiceStatus?
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let page = try await connection.with { try await $0.listInvoices(client: client, status: status, limit: paging.limit, offset: paging.offset) }
            if json { return try printJSON(page) }
            var table = Table("ID", "NUMBER", "CLIENT", "STATUS", "DATE", "DUE", "NET", "TOTAL")
            for invoice in page.items {
                table.add(
                    String(invoice.id), invoice.number ?? "(draft)", invoice.clientCode, invoice.status.rawValue, invoice.issueDate, invoice.dueDate,
                    money(invoice.netCents), money(invoice.grossCents))
            }
            table.print()
            print(pageFooter(page))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an invoice: lines, VAT per rate, totals.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Invoice number (F2026-000042) or id.") var id: InvoiceReference
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let invoice = try await connection.with { try await $0.invoice(id: try await id.resolve($0)) }
            if json { return try printJSON(invoice) }
            print(
                "\(invoice.kind == .invoice ? "Invoice" : "Credit note") \(invoice.number ?? "(draft #\(invoice.id))") for \(invoice.clientCode) · \(invoice.status.rawValue)"
            )
            print(
                "dated \(invoice.issueDate), due \(invoice.dueDate)" + (invoice.contractReference.map { " · contract \($0)" } ?? "")
                    + (invoice.periodFirst.map { " · period \($0)…\(invoice.periodLast ?? "")" } ?? ""))
            if let reason = invoice.creditReason { print("reason: \(reason)") }
            // QTY × PRICE ÷ PER = AMOUNT on every line (a prorated month: days at the month's price per its days).
            var table = Table("#", "DESCRIPTION", "QTY", "PRICE", "PER", "AMOUNT", "VAT")
            for line in invoice.lines {
                let unit = line.unit == .unit ? "" : " " + (line.unit == .day ? "d" : "min")
                table.add(
                    String(line.position), line.description, quantity(line.quantityMilli) + unit, money(line.unitPriceCents),
                    String(line.baseQuantity) + unit, money(line.amountCents), line.vatExemption.map { "0% (\($0.rawValue))" } ?? formatVAT(line.vatBasisPoints)
                )
            }
            table.print()
            for rate in invoice.vat {
                print(
                    "  VAT \(rate.exemption.map { "0% — \($0.legalMention)" } ?? formatVAT(rate.basisPoints)) on \(money(rate.subtotalCents)): \(money(rate.vatCents))"
                )
            }
            print("Net \(money(invoice.netCents)) · VAT \(money(invoice.vatCents)) · Total \(money(invoice.grossCents)) \(invoice.currency)")
        }

        func quantity(_ milli: Int64) -> String {
            let whole = milli / 1000
            let fraction = milli % 1000
            guard fraction != 0 else { return String(whole) }
            var digits = String(fraction)
            digits = String(repeating: "0", count: 3 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            return "\(whole).\(digits)"
        }
    }

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a draft: it gets its number and never changes again.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Invoice number (F2026-000042) or id.") var id: InvoiceReference

        func run() async throws {
            let invoice = try await connection.with { try await $0.issueInvoice(id: try await id.resolve($0)) }
            print("Issued \(invoice.number ?? "?") for \(invoice.clientCode): \(money(invoice.grossCents)) \(invoice.currency), due \(invoice.dueDate)")
        }
    }
}

extension PaymentMethod: ExpressibleByArgument {}

extension InvoiceCommand {
    struct AddLine: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-line", abstract: "Add a line to a draft invoice.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Invoice number (F2026-000042) or id.") var id: InvoiceReference
        @Option var description: String
        @Option(help: "Unit price, e.g. 49.90.") var price: String
        @Option(help: "Quantity, e.g. 2 or 1.5 (default 1).") var quantity: String?
        @Option(help: "VAT rate in percent (default the client's).") var vat: String?
        @Option(help: "With 0 % VAT: franchise, reverse-charge, export or exempt.") var exemption: VATExemption?

        func run() async throws {
            var line = NewInvoiceLine(description: description, unitPriceCents: try cents(price, option: "--price"))
            if let quantity {
                guard let milli = AssetRules.parseCents(quantity).map({ $0 * 10 }), milli > 0 else {
                    throw ValidationError("--quantity must be a positive number like 2 or 1.5")
                }
                line.quantityMilli = milli
            }
            line.vatBasisPoints = try vat.map(parseVATRate)
            line.vatExemption = exemption
            let invoice = try await connection.with { try await $0.addInvoiceLine(id: try await id.resolve($0), line) }
            print("Draft #\(invoice.id): \(invoice.lines.count) line(s), total \(money(invoice.grossCents)) \(invoice.currency)")
        }
    }

    struct RemoveLine: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove-line", abstract: "Remove a line from a draft invoice (see 'invoice show').")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Invoice number (F2026-000042) or id.") var id: InvoiceReference
        @Argument(help: "Line position.") var position: Int

        func run() async throws {
            let invoice = try await connection.with { try await $0.removeInvoiceLine(id: try await id.resolve($0), position: position) }
            print("Draft #\(invoice.id): \(invoice.lines.count) line(s), total \(money(invoice.grossCents)) \(invoice.currency)")
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a draft: its period can be billed again by the next run. Issued invoices are never deleted.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Invoice number (F2026-000042) or id.") var id: InvoiceReference

        func run() async throws {
            try await connection.with { try await $0.deleteDraft(id: try await id.resolve($0)) }
            print("Draft #\(id) deleted")
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an invoice as PDF, HTML, UBL 2.1 (EN 16931) or JSON, or every invoice as CSV (no id).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Invoice number (F2026-000042) or id (none with --format csv).") var id: InvoiceReference?
        @Option(help: "pdf, html, ubl, json, or csv for the list.") var format: String
        @Option(help: "Only this client's (csv).") var client: String?
        @Option(help: "File to write, '-' for standard output (default: NUMBER.EXT, or invoices.csv).") var output: String?

        func validate() throws {
            guard ["pdf", "html", "ubl", "json", "csv"].contains(format) else { throw ValidationError("--format must be pdf, html, ubl, json or csv") }
            if format == "csv" && id != nil { throw ValidationError("csv lists every invoice: give no id") }
            if format != "csv" && id == nil { throw ValidationError("give the invoice id to export as \(format)") }
        }

        func run() async throws {
            let (data, number) = try await connection.with { client -> (Data, String?) in
                let invoiceID = try await id.asyncMap { try await $0.resolve(client) }
                let data = try await client.exportInvoice(id: invoiceID, format: format, client: self.client)
                return (data, try await invoiceID.asyncMap { try await client.invoice(id: $0).number ?? "draft-\($0)" })
            }
            let name = output ?? (format == "csv" ? "invoices.csv" : "\(number ?? "invoice").\(format == "ubl" ? "xml" : format)")
            if name == "-" { return FileHandle.standardOutput.write(data) }
            guard FileManager.default.createFile(atPath: name, contents: data) else { throw CLIError("cannot write \(name)") }
            print("wrote \(name) (\(data.count) bytes)")
        }
    }
}

/// An invoice as people name it: its number as printed (`F2026-000042`, `AV2026-000003`, any case)
/// or its id (drafts have no number yet).
struct InvoiceReference: ExpressibleByArgument, Sendable {
    let text: String

    init?(argument: String) {
        text = argument.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
    }

    func resolve(_ client: StaffClient) async throws -> Int64 {
        if let id = Int64(text), id > 0 { return id }
        guard let invoice = try await client.listInvoices(number: text, limit: 1).items.first else {
            throw CLIError("no invoice is numbered \(text.uppercased()) (numbers look like F2026-000042; 'parcctl invoice list' shows them)")
        }
        return invoice.id
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

extension InvoiceCommand {
    struct Credit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Credit an issued invoice: all of it, or the lines named (--line POSITION); the credit note is numbered AVyyyy-nnnnnn.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Invoice number (F2026-000042) or id.") var id: InvoiceReference
        @Option(name: .customLong("line"), help: "A line position to credit; repeat for several (default all).") var lines: [Int] = []
        @Option(help: "Why (kept with the note).") var reason: String?

        func run() async throws {
            let note = try await connection.with {
                try await $0.creditInvoice(id: try await id.resolve($0), NewCreditNote(positions: lines.isEmpty ? nil : lines, reason: reason))
            }
            print("Credit note \(note.number ?? "?") issued for \(note.clientCode): \(money(note.grossCents)) \(note.currency)")
        }
    }
}

struct PaymentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment", abstract: "Payments received for issued invoices (managers and billing).",
        discussion: """
            Examples:
              parcctl payment record 12 --amount 708.00 --method transfer \\
                  --reference VIR-2026-118 --date 2026-03-02
              parcctl payment list --client ACME --from 2026-01-01 --to 2026-03-31
            """,
        subcommands: [Record.self, List.self])

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a full or partial payment (never more than is still due).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Invoice number (F2026-000042) or id.") var invoice: InvoiceReference
        @Option(help: "Amount received, e.g. 708.00.") var amount: String
        @Option(help: "transfer, card, cheque, direct-debit or cash.") var method: PaymentMethod = .transfer
        @Option(help: "Day received, YYYY-MM-DD (default today).") var date: String?
        @Option(help: "Bank reference.") var reference: String?

        func run() async throws {
            let payment = NewPayment(amountCents: try cents(amount, option: "--amount"), method: method, paidOn: date, reference: reference)
            let (recorded, invoice) = try await connection.with { client in
                let invoiceID = try await self.invoice.resolve(client)
                let recorded = try await client.recordPayment(invoiceID: invoiceID, payment)
                return (recorded, try await client.invoice(id: invoiceID))
            }
            print(
                "Payment \(recorded.id) of \(money(recorded.amountCents)) recorded on \(recorded.invoiceNumber): \(invoice.status.rawValue), "
                    + "\(money(invoice.grossCents - invoice.creditedCents - invoice.paidCents)) still due")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List payments.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Only this client's.") var client: String?
        @Option(help: "Received on or after, YYYY-MM-DD.") var from: String?
        @Option(help: "Received on or before, YYYY-MM-DD.") var to: String?
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false
        @Flag(help: "Print CSV of every payment selected, not one page (for a spreadsheet).") var csv = false

        func run() async throws {
            if csv { return FileHandle.standardOutput.write(try await connection.with { try await $0.exportPayments(client: client, from: from, to: to) }) }
            let page = try await connection.with { try await $0.listPayments(client: client, from: from, to: to, limit: paging.limit, offset: paging.offset) }
            if json { return try printJSON(page) }
            var table = Table("ID", "DATE", "CLIENT", "INVOICE", "AMOUNT", "METHOD", "REFERENCE")
            for payment in page.items {
                table.add(
                    String(payment.id), payment.paidOn, payment.clientCode, payment.invoiceNumber, money(payment.amountCents), payment.method.rawValue,
                    payment.reference ?? "-")
            }
            table.print()
            print(pageFooter(page))
        }
    }
}

struct AccountingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounting", abstract: "The journal issuing and payments write, exported for the accountant (managers and billing).",
        discussion: """
            Example:
              parcctl accounting export --format fec --from 2026-01-01 --to 2026-12-31
              parcctl accounting export --format csv --from 2026-01-01 --to 2026-03-31 \\
                  --output q1.csv
            The FEC file is named from the provider's SIREN, e.g. 732829320FEC20261231.txt.
            """,
        subcommands: [Export.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export the journal for a period as a FEC file (18 tab-separated fields) or CSV.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "fec or csv.") var format = "fec"
        @Option(help: "First day, YYYY-MM-DD.") var from: String
        @Option(help: "Last day, YYYY-MM-DD (the FEC's closing date).") var to: String
        @Option(help: "File to write, '-' for standard output (default: the FEC's legal name, SIRENFECyyyymmdd.txt, or journal.csv).") var output: String?

        func validate() throws {
            guard format == "fec" || format == "csv" else { throw ValidationError("--format must be fec or csv") }
        }

        func run() async throws {
            let (data, siren) = try await connection.with { client in
                (try await client.exportAccounting(format: format, from: from, to: to), try await client.providerIdentity().siren)
            }
            let name = output ?? (format == "fec" ? "\(siren ?? "000000000")FEC\(to.filter { $0 != "-" }).txt" : "journal.csv")
            if name == "-" { return FileHandle.standardOutput.write(data) }
            guard FileManager.default.createFile(atPath: name, contents: data) else { throw CLIError("cannot write \(name)") }
            print(
                "wrote \(name) (\(data.count) bytes)"
                    + (siren == nil && format == "fec" ? "; set the provider's SIREN (parcctl provider set --siren) for the legal file name" : ""))
        }
    }
}

struct ProviderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provider", abstract: "The provider's own identity, printed on invoices and naming the FEC file.",
        discussion: """
            Example:
              parcctl provider set --name "Parc Services SAS" --siren 732829320 \\
                  --vat-number FR44732829320 --address-line1 "10 rue de la Paix" \\
                  --postal-code 75002 --city Paris --stock-client STOCK
            """,
        subcommands: [Show.self, Set.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the provider's identity.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let identity = try await connection.with { try await $0.providerIdentity() }
            if json { return try printJSON(identity) }
            print(identity.name)
            for (label, value) in [
                ("SIREN", identity.siren), ("SIRET", identity.siret), ("VAT", identity.vatNumber), ("Legal form", identity.legalForm),
                ("Registration", identity.registration), ("Email", identity.email), ("IBAN", identity.iban),
            ] {
                print("  \(label): \(line(value ?? "-"))")
            }
            if let address = identity.address { print("  Address: \(address.line1), \(address.postalCode) \(address.city) \(address.country)") }
            print("  Late payment: \(identity.latePenalty)")
            print("  Stock client: \(identity.stockClient ?? "none (parcctl provider set --stock-client CODE)")")
            print("  Portal admins' second factor: \(identity.portalAdminsNeedSecondFactor == true ? "required" : "optional")")
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change the provider's identity (managers); what is not given stays.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option var name: String?
        @Option var siren: String?
        @Option var siret: String?
        @Option var vatNumber: String?
        @Option var legalForm: String?
        @Option(help: "e.g. RCS Paris 732 829 320.") var registration: String?
        @Option var email: String?
        @Option var iban: String?
        @Option var bic: String?
        @Option var addressLine1: String?
        @Option var postalCode: String?
        @Option var city: String?
        @Option var country: String?
        @Option(help: "The late-payment penalty printed on invoices.") var latePenalty: String?
        @Option(help: "The client code that holds the provider's own stock (assets any ticket may deploy).") var stockClient: String?
        @Option(help: "Client admins' second factor on the portal: required or optional.") var portalAdmin2fa: SecondFactorPolicy?

        enum SecondFactorPolicy: String, ExpressibleByArgument, CaseIterable {
            case required, optional
        }

        func run() async throws {
            let saved = try await connection.with { client -> ProviderIdentity in
                var identity = try await client.providerIdentity()
                if let name { identity.name = name }
                (identity.siren, identity.siret, identity.vatNumber) = (siren ?? identity.siren, siret ?? identity.siret, vatNumber ?? identity.vatNumber)
                (identity.legalForm, identity.registration, identity.email) = (
                    legalForm ?? identity.legalForm, registration ?? identity.registration, email ?? identity.email
                )
                (identity.iban, identity.bic) = (iban ?? identity.iban, bic ?? identity.bic)
                if let latePenalty { identity.latePenalty = latePenalty }
                if let stockClient { identity.stockClient = stockClient }
                if let portalAdmin2fa { identity.portalAdminsNeedSecondFactor = portalAdmin2fa == .required }
                if addressLine1 != nil || postalCode != nil || city != nil || country != nil {
                    let current = identity.address
                    identity.address = PostalAddress(
                        line1: addressLine1 ?? current?.line1 ?? "", postalCode: postalCode ?? current?.postalCode ?? "", city: city ?? current?.city ?? "",
                        country: country ?? current?.country ?? "FR")
                }
                return try await client.updateProviderIdentity(identity)
            }
            print("Provider identity saved: \(saved.name)\(saved.siren.map { ", SIREN \($0)" } ?? "")")
        }
    }
}

struct RevenueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revenue", abstract: "Monthly and annual recurring revenue (MRR, ARR) by client, from active contracts (managers and billing).",
        discussion: "Flat fees, devices, users and resold seats at today's counts; support-hour overage and one-off items are not recurring.")
    @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
    @Option(help: "Only this client.") var client: String?
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let report = try await connection.with { try await $0.revenue(client: client) }
        if json { return try printJSON(report) }
        var table = Table("CLIENT", "CONTRACTS", "MRR", "ARR")
        for row in report.clients { table.add(row.clientCode, String(row.contracts), money(row.mrrCents), money(row.arrCents)) }
        table.add("TOTAL", String(report.clients.map(\.contracts).reduce(0, +)), money(report.mrrCents), money(report.arrCents))
        table.print()
    }
}
