import ArgumentParser
import Foundation
import ParcClient
import ParcDomain
import ParcProtocol

extension InvoiceStatus: ExpressibleByArgument {}

struct BillingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing", abstract: "Billing runs: draft invoices for every contract period due (managers and billing).",
        discussion: """
            A run invoices each active contract period whose invoice day is on or before --as-of and that
            was not invoiced yet; running it again, or on two servers at once, never bills a period twice.

            Examples:
              parcctl billing run --dry-run          # what would be invoiced today, with totals; writes nothing
              parcctl billing run --as-of 2026-03-31 --client ACME
            """,
        subcommands: [Run.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create the draft invoices due up to a day.")
        @OptionGroup var connection: ConnectionOptions
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
                    run.dryRun ? "-" : "#\(invoice.id)", invoice.clientCode, invoice.contractReference ?? "-", "\(invoice.periodFirst ?? "")…\(invoice.periodLast ?? "")",
                    invoice.issueDate, money(invoice.netCents), money(invoice.vatCents), money(invoice.grossCents))
            }
            table.print()
            print("\(run.invoices.count) draft invoice(s)\(run.dryRun ? " would be created (dry run: nothing written)" : " created"); "
                + "net \(money(run.netCents)), total \(money(run.grossCents))")
        }
    }
}

struct InvoiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice", abstract: "Invoices: list, show and issue (managers and billing).",
        discussion: """
            Drafts come from billing runs. Issuing gives the next number of the year's gapless sequence
            (F2026-000042) and freezes the invoice.

            Examples:
              parcctl invoice list --status draft
              parcctl invoice show 12
              parcctl invoice issue 12
            """,
        subcommands: [List.self, Show.self, Issue.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List invoices by issue date.")
        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Only this client's.") var client: String?
        @Option(help: "draft, issued, partially-paid, paid, overdue or cancelled.") var status: InvoiceStatus?
        @Option(help: "Page size (1-500).") var limit: Int?
        @Option(help: "Skip this many.") var offset: Int?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let page = try await connection.with { try await $0.listInvoices(client: client, status: status, limit: limit, offset: offset) }
            if json { return try printJSON(page) }
            var table = Table("ID", "NUMBER", "CLIENT", "STATUS", "DATE", "DUE", "NET", "TOTAL")
            for invoice in page.items {
                table.add(String(invoice.id), invoice.number ?? "(draft)", invoice.clientCode, invoice.status.rawValue, invoice.issueDate, invoice.dueDate,
                          money(invoice.netCents), money(invoice.grossCents))
            }
            table.print()
            print(pageFooter(page))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an invoice: lines, VAT per rate, totals.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Invoice id.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let invoice = try await connection.with { try await $0.invoice(id: id) }
            if json { return try printJSON(invoice) }
            print("\(invoice.kind == .invoice ? "Invoice" : "Credit note") \(invoice.number ?? "(draft #\(invoice.id))") for \(invoice.clientCode) · \(invoice.status.rawValue)")
            print("dated \(invoice.issueDate), due \(invoice.dueDate)" + (invoice.contractReference.map { " · contract \($0)" } ?? "")
                + (invoice.periodFirst.map { " · period \($0)…\(invoice.periodLast ?? "")" } ?? ""))
            var table = Table("#", "DESCRIPTION", "QTY", "UNIT", "AMOUNT", "VAT")
            for line in invoice.lines {
                table.add(String(line.position), line.description, quantity(line.quantityMilli), money(line.unitPriceCents), money(line.amountCents),
                          line.vatExemption.map { "0% (\($0.rawValue))" } ?? formatVAT(line.vatBasisPoints))
            }
            table.print()
            for rate in invoice.vat {
                print("  VAT \(rate.exemption.map { "0% — \($0.legalMention)" } ?? formatVAT(rate.basisPoints)) on \(money(rate.subtotalCents)): \(money(rate.vatCents))")
            }
            print("Net \(money(invoice.netCents)) · VAT \(money(invoice.vatCents)) · Total \(money(invoice.grossCents)) \(invoice.currency)")
        }

        func quantity(_ milli: Int64) -> String {
            let whole = milli / 1000, fraction = milli % 1000
            guard fraction != 0 else { return String(whole) }
            var digits = String(fraction)
            digits = String(repeating: "0", count: 3 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            return "\(whole).\(digits)"
        }
    }

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a draft: it gets its number and never changes again.")
        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "Invoice id.") var id: Int64

        func run() async throws {
            let invoice = try await connection.with { try await $0.issueInvoice(id: id) }
            print("Issued \(invoice.number ?? "?") for \(invoice.clientCode): \(money(invoice.grossCents)) \(invoice.currency), due \(invoice.dueDate)")
        }
    }
}
