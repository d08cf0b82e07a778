import ArgumentParser
import Foundation
import ParcClient
import ParcDomain
import ParcProtocol

struct ContractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract", abstract: "Service contracts: billing terms, what they cover, their lines and SLA terms.",
        discussion: """
            Examples:
              parcctl contract create --client ACME --reference C-ACME-1 \\
                  --title "Managed services" --starts-on 2026-01-01 --status active \\
                  --sla P1=1h/4h,P2=2h/8h,P3=4h/2d,P4=1d/5d
              parcctl contract add-line 1 --kind flat --description "Care" --price 500
              parcctl contract add-line 1 --kind per-device --description "PCs" --price 30
              parcctl contract add-line 1 --kind support-hours --description "Support" \\
                  --included-hours 8 --price 75
              parcctl contract list --client ACME
              parcctl contract end 1 --on 2026-12-31

            Billing: --frequency monthly, quarterly, half-yearly or yearly; --timing advance or arrears; \
            --billing-day 1 to 28; --payment-terms DAYS. Coverage: --covers computer,printer (kinds) or \
            --asset ID (repeat).
            """,
        subcommands: [Create.self, List.self, Show.self, Update.self, AddLine.self, End.self])

    /// Billing and coverage options shared by create and update.
    struct Terms: ParsableArguments {
        @Option(help: "monthly, quarterly, half-yearly or yearly.") var frequency: BillingFrequency?
        @Option(help: "advance (invoice at the period's start) or arrears (after its end).") var timing: BillingTiming?
        @Option(help: "Day of the month invoices are dated, 1-28.") var billingDay: Int?
        @Option(help: "Days to pay.") var paymentTerms: Int?
        @Option(help: "Tacit renewal by this many months.") var renewalMonths: Int?
        @Option(help: "Days of notice to stop the renewal.") var noticeDays: Int?
        @Option(help: "Asset kinds covered, comma-separated (default computer).") var covers: String?
        @Option(name: .customLong("asset"), help: "A covered asset (instead of kinds); repeat for several.") var assets: [Int64] = []

        var isEmpty: Bool {
            [frequency == nil, timing == nil, billingDay == nil, paymentTerms == nil, renewalMonths == nil, noticeDays == nil].allSatisfy { $0 }
        }

        func billing(from base: BillingTerms) -> BillingTerms {
            var terms = base
            if let frequency { terms.frequency = frequency }
            if let timing { terms.timing = timing }
            if let billingDay { terms.billingDay = billingDay }
            if let paymentTerms { terms.paymentTermsDays = paymentTerms }
            if let renewalMonths { terms.renewalMonths = renewalMonths }
            if let noticeDays { terms.noticeDays = noticeDays }
            return terms
        }

        func coverage() throws -> ContractCoverage? {
            if !assets.isEmpty { return ContractCoverage(kinds: [], assetIDs: assets) }
            return try covers.map { text in
                ContractCoverage(
                    kinds: try text.split(separator: ",").map { part in
                        guard let kind = AssetKind(rawValue: String(part)) else { throw ValidationError("unknown asset kind '\(part)' in --covers") }
                        return kind
                    })
            }
        }
    }

    struct AddLine: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-line", abstract: "Add a line invoiced each period (managers and billing).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Contract id.") var id: Int64
        @Option(help: "flat, per-device, per-user, support-hours, licence-resale or one-off.") var kind: ContractLineKind
        @Option var description: String
        @Option(help: "Price: per period, per device or user per period, per hour over the included ones, per seat, or per item.") var price: String
        @Option(help: "Support hours included per period.") var includedHours: Int?
        @Option(help: "One-off: how many.") var quantity: Int?
        @Option(help: "Licence resale: the licence id.") var licence: Int64?
        @Option(help: "VAT rate in percent: 20, 10, 5.5, 2.1 or 0 (default the client's).") var vat: String?
        @Option(help: "With 0 % VAT: franchise, reverse-charge, export or exempt.") var exemption: VATExemption?

        func run() async throws {
            var line = NewContractLine(kind: kind, description: description, unitPriceCents: try cents(price, option: "--price"))
            (line.includedHours, line.quantity, line.licenceID, line.vatExemption) = (includedHours, quantity, licence, exemption)
            line.vatBasisPoints = try vat.map(parseVATRate)
            let contract = try await connection.with { try await $0.addContractLine(id: id, line) }
            print("Contract \(contract.reference): \(contract.lines.count) line(s)")
        }
    }

    struct End: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give notice: the contract ends on a day (default today), is billed up to it inclusive and never renewed.",
            discussion: "Example: parcctl contract end 1 --on 2026-12-31   (billing goes on until then)")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Contract id.") var id: Int64
        @Option(help: "Last day, YYYY-MM-DD.") var on: String?

        func run() async throws {
            let day = on ?? String(Date().formatted(.iso8601).prefix(10))
            let contract = try await connection.with { try await $0.updateContract(id: id, ContractUpdate(endsOn: day, status: .ended)) }
            let today = String(Date().formatted(.iso8601).prefix(10))
            let end = contract.endsOn ?? day
            print(
                "Contract \(contract.reference) "
                    + (end >= today ? "ends on \(end): billed up to that day, not renewed" : "ended on \(end): billed up to that day"))
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a contract (managers and billing).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Client code.") var client: String
        @Option(help: "Unique reference.") var reference: String
        @Option var title: String
        @Option(help: "First day, YYYY-MM-DD.") var startsOn: String
        @Option(help: "Last day, YYYY-MM-DD (default open-ended).") var endsOn: String?
        @Option(help: "draft (default), active, suspended or ended.") var status: ContractStatus?
        @Option(help: "SLA targets, e.g. P1=1h/4h,P2=2h/8h,P3=4h/3d,P4=1d/5d.") var sla: String?
        @Option(help: "business (default) or 24x7, for the SLA targets.") var clock: SLAHours = .business
        @OptionGroup var billing: Terms
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            var new = NewContract(client: client, reference: reference, title: title, startsOn: startsOn, endsOn: endsOn, status: status)
            new.coverage = try billing.coverage()
            let contract = try await connection.with { client in
                new.sla = try await slaTerms(sla, clock: clock, client)
                if !billing.isEmpty { new.billing = billing.billing(from: BillingTerms(currency: try await client.client(code: new.client).currency)) }
                return try await client.createContract(new)
            }
            if json { return try printJSON(contract) }
            print("Contract \(contract.id) \(contract.reference) for \(contract.clientCode), \(contract.status.rawValue), from \(contract.startsOn)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List contracts.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Only this client's.") var client: String?
        @Option(help: "Only this status.") var status: ContractStatus?
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let page = try await connection.with { try await $0.listContracts(client: client, status: status, limit: paging.limit, offset: paging.offset) }
            if json { return try printJSON(page) }
            var table = Table("ID", "CLIENT", "REFERENCE", "STATUS", "FROM", "TO", "SLA", "TITLE")
            for contract in page.items {
                table.add(
                    String(contract.id), contract.clientCode, contract.reference, contract.status.rawValue, contract.startsOn, contract.endsOn ?? "-",
                    contract.sla.map { $0.hours.rawValue } ?? "-", contract.title)
            }
            table.print()
            print(pageFooter(page))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a contract.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Contract id.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let contract = try await connection.with { try await $0.contract(id: id) }
            if json { return try printJSON(contract) }
            print("\(contract.reference)  \(contract.title)")
            print("client \(contract.clientCode) · \(contract.status.rawValue) · \(contract.startsOn) to \(contract.endsOn ?? "open-ended")")
            let billing = contract.billing
            print(
                "billed \(billing.frequency.rawValue) in \(billing.timing.rawValue) on day \(billing.billingDay), \(billing.paymentTermsDays) days to pay, \(billing.currency)"
                    + (billing.renewalMonths.map { "; renewed by \($0) months unless notice \(billing.noticeDays ?? 0) days before" } ?? ""))
            print(
                "covers: "
                    + (contract.coverage.assetIDs.isEmpty
                        ? contract.coverage.kinds.map(\.rawValue).joined(separator: ", ") : contract.coverage.assetIDs.map { "#\($0)" }.joined(separator: ", "))
            )
            if let sla = contract.sla { printTerms(sla, title: "SLA") } else { print("SLA: the provider's default") }
            if !contract.lines.isEmpty {
                var table = Table("LINE", "KIND", "DESCRIPTION", "PRICE", "VAT", "DETAIL")
                for line in contract.lines {
                    let detail = [
                        line.includedHours.map { "\($0) h included" }, line.quantity.map { "× \($0)" }, line.licenceID.map { "licence #\($0)" },
                        line.billedInvoiceID.map { "billed on invoice #\($0)" },
                    ].compactMap { $0 }.joined(separator: ", ")
                    table.add(
                        String(line.id), line.kind.rawValue, line.description, line.unitPriceCents.map(money) ?? "-",
                        line.vatExemption.map { "0% (\($0.rawValue))" } ?? formatVAT(line.vatBasisPoints), detail)
                }
                table.print()
            }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a contract (managers and billing).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Contract id.") var id: Int64
        @Option var title: String?
        @Option var startsOn: String?
        @Option(help: "Last day; '' makes it open-ended.") var endsOn: String?
        @Option var status: ContractStatus?
        @Option(help: "New SLA targets.") var sla: String?
        @Option(help: "business or 24x7, with --sla.") var clock: SLAHours = .business
        @Flag(help: "Remove the SLA terms (the default applies).") var clearSLA = false
        @OptionGroup var billing: Terms

        func run() async throws {
            var update = ContractUpdate(title: title, startsOn: startsOn, endsOn: endsOn, status: status, clearSLA: clearSLA ? true : nil)
            update.coverage = try billing.coverage()
            let contract = try await connection.with { client in
                update.sla = try await slaTerms(sla, clock: clock, client)
                if !billing.isEmpty { update.billing = billing.billing(from: try await client.contract(id: id).billing) }
                return try await client.updateContract(id: id, update)
            }
            print("Contract \(contract.reference) updated: \(contract.status.rawValue), \(contract.startsOn) to \(contract.endsOn ?? "open-ended")")
        }
    }
}

/// SLA terms as typed (`P1=1h/4h,...,P4=1d/5d`), a day being the provider calendar's working day.
func slaTerms(_ text: String?, clock: SLAHours, _ client: StaffClient) async throws -> SLATerms? {
    guard let text else { return nil }
    let calendar = try await client.slaSettings().calendar
    return SLATerms(hours: clock, targets: try SLARules.parseTargets(text, hours: clock, calendar: calendar))
}
