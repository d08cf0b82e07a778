#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How often a contract is invoiced. Periods follow the calendar: months, quarters from January,
/// half-years from January, years from January.
public enum BillingFrequency: String, Codable, Sendable, CaseIterable {
    case monthly, quarterly
    case halfYearly = "half-yearly"
    case yearly

    public var months: Int {
        switch self {
        case .monthly: 1
        case .quarterly: 3
        case .halfYearly: 6
        case .yearly: 12
        }
    }
}

/// Whether a period is invoiced at its start (advance) or after its end (arrears).
public enum BillingTiming: String, Codable, Sendable, CaseIterable {
    case advance, arrears
}

public enum ContractLineKind: String, Codable, Sendable, CaseIterable {
    /// A fixed price per period.
    case flat
    /// Price × the contract's covered devices in service.
    case perDevice = "per-device"
    /// Price × the client's active employees.
    case perUser = "per-user"
    /// Hours included per period; billable time beyond them at the line's hourly price.
    case supportHours = "support-hours"
    /// Price × the seats of a licence resold to the client.
    case licenceResale = "licence-resale"
    /// Billed once, on the next invoice (hardware sold, setup fees).
    case oneOff = "one-off"
}

/// Why a line carries no VAT: the legal mention printed on the invoice, and the EN 16931 category.
public enum VATExemption: String, Codable, Sendable, CaseIterable {
    /// A small business under the franchise regime.
    case franchise
    /// Reverse charge: the buyer, in another EU state, pays the VAT.
    case reverseCharge = "reverse-charge"
    /// Services exported outside the EU.
    case export
    /// Exempt by law (e.g. some training).
    case exempt

    /// The mention French law requires on the invoice (its English wording is in `BillingText`).
    /// Reverse charge cites where the service is taxed: a service to a business established in
    /// another EU state is supplied there (art. 259-1 CGI, art. 44 and 196 of the VAT directive),
    /// and art. 242 nonies A of annex II requires the word "Autoliquidation".
    public var legalMention: String {
        switch self {
        case .franchise: "TVA non applicable, art. 293 B du CGI"
        case .reverseCharge: "Autoliquidation : TVA due par le preneur (art. 259-1 du CGI, art. 196 de la directive 2006/112/CE)"
        case .export: "Exonération de TVA, art. 262 I du CGI"
        case .exempt: "Exonération de TVA, art. 261 du CGI"
        }
    }

    /// The EN 16931 VAT category code (UNCL 5305).
    public var categoryCode: String {
        switch self {
        case .franchise, .exempt: "E"
        case .reverseCharge: "AE"
        case .export: "G"
        }
    }
}

public enum InvoiceKind: String, Codable, Sendable, CaseIterable {
    case invoice
    case creditNote = "credit-note"
}

/// Draft until issued; issued invoices are then paid, partly paid, overdue (past their due date) or
/// cancelled (fully credited).
public enum InvoiceStatus: String, Codable, Sendable, CaseIterable {
    case draft, issued
    case partiallyPaid = "partially-paid"
    case paid, overdue, cancelled
}

public struct InvoiceLine: Codable, Sendable, Equatable {
    public var position: Int
    public var kind: ContractLineKind?
    public var description: String
    /// Thousandths: 10500 is 10.5.
    public var quantityMilli: Int64
    /// What the quantity counts: items, days (or unit-days), minutes.
    public var unit: QuantityUnit = .unit
    /// The price is for this many units: a month's price per 31 days, an hour's per 60 minutes.
    public var unitPriceCents: Int64
    public var baseQuantity: Int64 = 1
    /// quantity × unitPrice ÷ baseQuantity, rounded once (half away from zero).
    public var amountCents: Int64
    public var vatBasisPoints: Int
    public var vatExemption: VATExemption?
    /// On a credit note: the position of the invoice line it credits.
    public var creditedPosition: Int?

    public init(
        position: Int, kind: ContractLineKind?, description: String, quantityMilli: Int64, unitPriceCents: Int64, amountCents: Int64, vatBasisPoints: Int,
        vatExemption: VATExemption?
    ) {
        self.position = position
        self.kind = kind
        self.description = description
        self.quantityMilli = quantityMilli
        self.unitPriceCents = unitPriceCents
        self.amountCents = amountCents
        self.vatBasisPoints = vatBasisPoints
        self.vatExemption = vatExemption
    }
}

/// One VAT rate's subtotal and its VAT.
public struct InvoiceVATTotal: Codable, Sendable, Equatable {
    public var basisPoints: Int
    public var exemption: VATExemption?
    public var subtotalCents: Int64
    public var vatCents: Int64

    public init(basisPoints: Int, exemption: VATExemption?, subtotalCents: Int64, vatCents: Int64) {
        self.basisPoints = basisPoints
        self.exemption = exemption
        self.subtotalCents = subtotalCents
        self.vatCents = vatCents
    }
}

public struct Invoice: Codable, Sendable, Equatable {
    public var id: Int64
    /// Given when issued: `F2026-000042`, credit notes `AV2026-000007`.
    public var number: String?
    public var kind: InvoiceKind
    public var clientCode: String
    public var contractID: Int64?
    public var contractReference: String?
    /// A credit note's invoice.
    public var creditedInvoiceID: Int64?
    public var status: InvoiceStatus
    /// `YYYY-MM-DD`: proposed on a draft, fixed when issued.
    public var issueDate: String
    public var dueDate: String
    /// The contract period it bills.
    public var periodFirst: String?
    public var periodLast: String?
    public var currency: String
    public var lines: [InvoiceLine]
    public var vat: [InvoiceVATTotal]
    public var netCents: Int64
    public var vatCents: Int64
    public var grossCents: Int64
    public var paidCents: Int64
    /// What credit notes took back from it (on an invoice).
    public var creditedCents: Int64 = 0
    /// The language its texts, dates and numbers are written in (the client's, when it was made).
    public var language: DocumentLanguage = .fr
    /// A credit note: why it was issued.
    public var creditReason: String?
    public var createdAt: Date
    public var issuedAt: Date?

    public init(
        id: Int64, number: String?, kind: InvoiceKind, clientCode: String, status: InvoiceStatus, issueDate: String, dueDate: String, currency: String,
        lines: [InvoiceLine], vat: [InvoiceVATTotal], netCents: Int64, vatCents: Int64, grossCents: Int64, paidCents: Int64, createdAt: Date
    ) {
        self.id = id
        self.number = number
        self.kind = kind
        self.clientCode = clientCode
        self.status = status
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.currency = currency
        self.lines = lines
        self.vat = vat
        self.netCents = netCents
        self.vatCents = vatCents
        self.grossCents = grossCents
        self.paidCents = paidCents
        self.createdAt = createdAt
    }
}

/// `POST /api/v1/billing/runs`: invoice every contract period due up to `asOf` (default today).
public struct BillingRunRequest: Codable, Sendable, Equatable {
    public var asOf: String?
    public var client: String?
    /// Compute and show, write nothing.
    public var dryRun: Bool?

    public init(asOf: String? = nil, client: String? = nil, dryRun: Bool? = nil) {
        self.asOf = asOf
        self.client = client
        self.dryRun = dryRun
    }
}

public struct BillingRun: Codable, Sendable, Equatable {
    public var asOf: String
    public var dryRun: Bool
    /// The drafts created (or, in a dry run, that would be).
    public var invoices: [Invoice]
    public var netCents: Int64
    public var grossCents: Int64

    public init(asOf: String, dryRun: Bool, invoices: [Invoice]) {
        self.asOf = asOf
        self.dryRun = dryRun
        self.invoices = invoices
        // Each invoice's totals were computed with checked arithmetic; their sum over a run is a
        // figure for people, formed in 128 bits and held at the largest amount rather than trapping.
        self.netCents = Int64(clamping: invoices.reduce(Int128(0)) { $0 + Int128($1.netCents) })
        self.grossCents = Int64(clamping: invoices.reduce(Int128(0)) { $0 + Int128($1.grossCents) })
    }
}

public enum PaymentMethod: String, Codable, Sendable, CaseIterable {
    case transfer, card, cheque
    case directDebit = "direct-debit"
    case cash
}

/// A payment received for an issued invoice (`POST /api/v1/invoices/{id}/payments`).
public struct NewPayment: Codable, Sendable, Equatable {
    /// `YYYY-MM-DD`, today when absent.
    public var paidOn: String?
    public var amountCents: Int64
    public var method: PaymentMethod
    public var reference: String?

    public init(amountCents: Int64, method: PaymentMethod, paidOn: String? = nil, reference: String? = nil) {
        self.amountCents = amountCents
        self.method = method
        self.paidOn = paidOn
        self.reference = reference
    }
}

public struct Payment: Codable, Sendable, Equatable {
    public var id: Int64
    public var invoiceID: Int64
    public var invoiceNumber: String
    public var clientCode: String
    public var paidOn: String
    public var amountCents: Int64
    public var method: PaymentMethod
    public var reference: String?
    public var createdAt: Date

    public init(
        id: Int64, invoiceID: Int64, invoiceNumber: String, clientCode: String, paidOn: String, amountCents: Int64, method: PaymentMethod, reference: String?,
        createdAt: Date
    ) {
        self.id = id
        self.invoiceID = invoiceID
        self.invoiceNumber = invoiceNumber
        self.clientCode = clientCode
        self.paidOn = paidOn
        self.amountCents = amountCents
        self.method = method
        self.reference = reference
        self.createdAt = createdAt
    }
}

/// A credit note for an issued invoice (`POST /api/v1/invoices/{id}/credit`): all its lines, or
/// those named by position.
public struct NewCreditNote: Codable, Sendable, Equatable {
    public var positions: [Int]?
    public var reason: String?

    public init(positions: [Int]? = nil, reason: String? = nil) {
        self.positions = positions
        self.reason = reason
    }
}

/// Who the provider is, as invoices and accounting exports must say (`/api/v1/settings/provider`).
public struct ProviderIdentity: Codable, Sendable, Equatable {
    public var name: String
    public var siren: String?
    public var siret: String?
    public var vatNumber: String?
    public var address: PostalAddress?
    /// "SAS au capital de 10 000 €", "RCS Paris 123 456 782".
    public var legalForm: String?
    public var registration: String?
    public var email: String?
    public var iban: String?
    public var bic: String?
    /// The late-payment penalty printed on invoices, e.g. "3 fois le taux d'intérêt légal".
    public var latePenalty: String
    /// The client code under which the provider keeps its own stock: assets there may be deployed
    /// to any client's ticket; any other client's assets only to that client's tickets.
    public var stockClient: String?
    /// Client admins must use a second factor (TOTP) on the portal; members and billing contacts
    /// may. Absent: optional for everyone.
    public var portalAdminsNeedSecondFactor: Bool?

    public init(name: String, latePenalty: String = "taux d'intérêt appliqué par la BCE à son opération de refinancement la plus récente, majoré de 10 points")
    {
        self.name = name
        self.latePenalty = latePenalty
    }
}

/// Recurring revenue of one client (`GET /api/v1/revenue`).
public struct ClientRevenue: Codable, Sendable, Equatable {
    public var clientCode: String
    public var contracts: Int
    /// Monthly recurring revenue, net of VAT.
    public var mrrCents: Int64
    public var arrCents: Int64

    /// `arrCents` is 12 × MRR, computed where the sums are checked (`Money`).
    public init(clientCode: String, contracts: Int, mrrCents: Int64, arrCents: Int64) {
        self.clientCode = clientCode
        self.contracts = contracts
        self.mrrCents = mrrCents
        self.arrCents = arrCents
    }
}

public struct RevenueReport: Codable, Sendable, Equatable {
    /// The day the counts (devices, users, seats) were taken.
    public var asOf: String
    public var clients: [ClientRevenue]
    public var mrrCents: Int64
    public var arrCents: Int64

    public init(asOf: String, clients: [ClientRevenue], mrrCents: Int64, arrCents: Int64) {
        self.asOf = asOf
        self.clients = clients
        self.mrrCents = mrrCents
        self.arrCents = arrCents
    }
}

/// A line added to a draft by hand (`POST /api/v1/invoices/{id}/lines`).
public struct NewInvoiceLine: Codable, Sendable, Equatable {
    public var description: String
    /// Thousandths (1500 is 1.5); default 1000.
    public var quantityMilli: Int64?
    public var unitPriceCents: Int64
    /// Default the client's rate.
    public var vatBasisPoints: Int?
    public var vatExemption: VATExemption?

    public init(description: String, unitPriceCents: Int64, quantityMilli: Int64? = nil) {
        self.description = description
        self.unitPriceCents = unitPriceCents
        self.quantityMilli = quantityMilli
    }
}

/// The language a client's invoices and credit notes are written in: every text, date and number.
public enum DocumentLanguage: String, Codable, Sendable, CaseIterable {
    case fr, en
}

/// What a line's quantity counts (UN/ECE recommendation 20 codes in UBL).
public enum QuantityUnit: String, Codable, Sendable, CaseIterable {
    /// Items, devices, users, seats, periods.
    case unit
    /// Days (or unit-days: 10 devices for 28 days are 280).
    case day
    case minute

    public var uneceCode: String {
        switch self {
        case .unit: "C62"
        case .day: "DAY"
        case .minute: "MIN"
        }
    }
}
