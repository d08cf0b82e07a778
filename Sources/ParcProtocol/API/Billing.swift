#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How often a contract is invoiced. Periods follow the calendar: months, quarters from January,
/// half-years from January, years from January.
public enum BillingFrequency: String, Codable, Sendable, CaseIterable {
    case monthly, quarterly, halfYearly = "half-yearly", yearly

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

    /// The mention French law requires on the invoice.
    public var legalMention: String {
        switch self {
        case .franchise: "TVA non applicable, art. 293 B du CGI"
        case .reverseCharge: "Autoliquidation (art. 283-2 du CGI, art. 196 de la directive 2006/112/CE)"
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
