import ParcProtocol

/// One line of a journal entry.
public struct JournalLine: Sendable, Equatable {
    public var account: String
    public var accountLabel: String
    /// The client's subsidiary account (its code) on receivable lines.
    public var auxiliary: String?
    public var auxiliaryLabel: String?
    public var label: String
    public var debitCents: Int64
    public var creditCents: Int64

    public init(
        account: String, accountLabel: String, auxiliary: String? = nil, auxiliaryLabel: String? = nil, label: String, debitCents: Int64, creditCents: Int64
    ) {
        self.account = account
        self.accountLabel = accountLabel
        self.auxiliary = auxiliary
        self.auxiliaryLabel = auxiliaryLabel
        self.label = label
        self.debitCents = debitCents
        self.creditCents = creditCents
    }
}

/// The double entries invoices and payments make, in the French chart of accounts (PCG): the
/// customer's receivable (411), revenue by kind of line (706x services, 707 resale, 708 other),
/// VAT collected by rate (44571x), the bank (512).
public enum Ledger {
    public static let receivable = ("411000", "Clients")
    public static let bank = ("512000", "Banque")

    public static func revenueAccount(_ kind: ContractLineKind?) -> (String, String) {
        switch kind {
        case .flat?: ("706100", "Prestations forfaitaires")
        case .perDevice?: ("706200", "Infogérance des postes")
        case .perUser?: ("706300", "Prestations par utilisateur")
        case .supportHours?: ("706400", "Assistance au temps passé")
        case .licenceResale?: ("707100", "Ventes de licences")
        case .oneOff?, nil: ("708000", "Produits des activités annexes")
        }
    }

    public static func vatAccount(_ basisPoints: Int) -> (String, String) {
        switch basisPoints {
        case 2000: ("445711", "TVA collectée 20 %")
        case 1000: ("445712", "TVA collectée 10 %")
        case 550: ("445713", "TVA collectée 5,5 %")
        default: ("445714", "TVA collectée 2,1 %")
        }
    }

    /// An issued invoice's entry: the receivable debited with the total, revenue and VAT credited;
    /// a credit note's is the same reversed. Balanced by construction: total = Σ amounts + Σ VAT.
    public static func invoiceEntry(_ invoice: Invoice, client: (code: String, name: String), label: String) throws(Money.OutOfRange) -> [JournalLine] {
        let (kind, lines) = (invoice.kind, invoice.lines)
        var amounts: [String: (label: String, cents: [Int64])] = [:]
        for line in lines {
            let (account, accountLabel) = revenueAccount(line.kind)
            amounts[account, default: (accountLabel, [])].cents.append(line.amountCents)
        }
        var revenue: [String: (label: String, cents: Int64)] = [:]
        for (account, value) in amounts { revenue[account] = (value.label, try Money.sum(value.cents)) }
        var entry = [
            JournalLine(
                account: receivable.0, accountLabel: receivable.1, auxiliary: client.code, auxiliaryLabel: client.name, label: label,
                debitCents: invoice.grossCents, creditCents: 0)
        ]
        for (account, value) in revenue.sorted(by: { $0.key < $1.key }) {
            entry.append(JournalLine(account: account, accountLabel: value.label, label: label, debitCents: 0, creditCents: value.cents))
        }
        for rate in invoice.vat where rate.vatCents != 0 {
            let (account, accountLabel) = vatAccount(rate.basisPoints)
            entry.append(JournalLine(account: account, accountLabel: accountLabel, label: label, debitCents: 0, creditCents: rate.vatCents))
        }
        guard kind == .creditNote else { return entry }
        return entry.map { line in
            var reversed = line
            (reversed.debitCents, reversed.creditCents) = (line.creditCents, line.debitCents)
            return reversed
        }
    }

    /// A payment's entry: the bank debited, the customer's receivable credited.
    public static func paymentEntry(amountCents: Int64, client: (code: String, name: String), label: String) -> [JournalLine] {
        [
            JournalLine(account: bank.0, accountLabel: bank.1, label: label, debitCents: amountCents, creditCents: 0),
            JournalLine(
                account: receivable.0, accountLabel: receivable.1, auxiliary: client.code, auxiliaryLabel: client.name, label: label, debitCents: 0,
                creditCents: amountCents),
        ]
    }

    /// One journal entry as the FEC lists it.
    public struct Entry: Sendable, Equatable {
        public var journal: String
        public var number: Int
        /// `YYYY-MM-DD`.
        public var date: String
        public var pieceRef: String
        public var pieceDate: String
        public var validatedOn: String
        public var lines: [JournalLine]

        public init(journal: String, number: Int, date: String, pieceRef: String, pieceDate: String, validatedOn: String, lines: [JournalLine]) {
            self.journal = journal
            self.number = number
            self.date = date
            self.pieceRef = pieceRef
            self.pieceDate = pieceDate
            self.validatedOn = validatedOn
            self.lines = lines
        }
    }

    public static func journalLabel(_ code: String) -> String { code == "VT" ? "Ventes" : code == "BQ" ? "Banque" : code }

    static let fecHeader = [
        "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "CompAuxNum", "CompAuxLib", "PieceRef", "PieceDate",
        "EcritureLib", "Debit", "Credit", "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise",
    ]

    /// The FEC (LPF art. A47 A-1): the 18 tab-separated fields, dates `AAAAMMJJ`, amounts with a
    /// decimal comma, entries in order of validation. Entry numbers are `JOURNAL` + number.
    public static func fec(_ entries: [Entry]) -> String {
        func day(_ text: String) -> String { String(text.filter { $0 != "-" }) }
        func amount(_ cents: Int64) -> String { String(Money.decimal(cents).map { $0 == "." ? "," : $0 }) }
        func field(_ text: String) -> String { String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }) }
        var output = fecHeader.joined(separator: "\t") + "\n"
        for entry in entries.sorted(by: { ($0.validatedOn, $0.journal, $0.number) < ($1.validatedOn, $1.journal, $1.number) }) {
            for line in entry.lines {
                let fields = [
                    entry.journal, journalLabel(entry.journal), String(entry.number), day(entry.date), line.account, line.accountLabel, line.auxiliary ?? "",
                    line.auxiliaryLabel ?? "", entry.pieceRef, day(entry.pieceDate), line.label, amount(line.debitCents), amount(line.creditCents), "", "",
                    day(entry.validatedOn), "", "",
                ]
                output += fields.map(field).joined(separator: "\t") + "\n"
            }
        }
        return output
    }

    /// The journal as CSV (RFC 4180, a dot for decimals): one row per line with its entry.
    public static func csv(_ entries: [Entry]) -> String {
        var output = CSV.line(["journal", "entry", "date", "account", "account_label", "auxiliary", "auxiliary_label", "piece", "label", "debit", "credit"])
        for entry in entries.sorted(by: { ($0.validatedOn, $0.journal, $0.number) < ($1.validatedOn, $1.journal, $1.number) }) {
            for line in entry.lines {
                output += CSV.line([
                    entry.journal, String(entry.number), entry.date, line.account, line.accountLabel, line.auxiliary ?? "", line.auxiliaryLabel ?? "",
                    entry.pieceRef,
                    line.label, Money.decimal(line.debitCents), Money.decimal(line.creditCents),
                ])
            }
        }
        return output
    }
}
