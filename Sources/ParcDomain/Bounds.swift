import ParcProtocol

/// The largest value each kind of number may take where it enters Parc (API bodies, CSV imports,
/// command lines): far beyond any real estate, and small enough that no arithmetic on them can
/// overflow. A value outside is refused with 422 naming the field and the bound; the arithmetic
/// on amounts is checked as well (`Money`), so that nothing reachable from the API traps.
public enum Bounds {
    /// Any single price, cost or payment: 100 million in the currency's units (10^10 cents).
    public static let amountCents: Int64 = 10_000_000_000
    /// A quantity in thousandths: a million units.
    public static let quantityMilli: Int64 = 1_000_000_000
    /// A count of things: seats, uses, items of a line.
    public static let count = 1_000_000
    /// Characters of a free-text reason (a credit note's).
    public static let reasonLength = 500
    /// Hours of support included per period.
    public static let includedHours = 100_000
    /// An SLA target: a year (366 days) in minutes.
    public static let slaMinutes = 527_040
    /// Minutes a maintenance task is estimated to take: a year's.
    public static let estimateMinutes = 527_040
    /// Days (payment terms, notice, token lifetimes): ten years.
    public static let days = 3_660
    /// Months (renewal terms): ten years.
    public static let months = 120
}

extension Validator {
    /// `value`, when given, from `lower` to `upper`; the message names the field and the bound.
    public mutating func check<N: BinaryInteger>(_ value: N?, _ field: String, in range: ClosedRange<N>, _ what: String = "") {
        guard let value, !range.contains(value) else { return }
        add(field, "must be from \(range.lowerBound) to \(range.upperBound)\(what.isEmpty ? "" : " " + what) (got \(value))")
    }
}
