import ParcProtocol

/// Exact money: integer cents, one rounding rule.
///
/// Rounding is half away from zero (12.345 → 12.35, -12.345 → -12.35), the commercial rule French
/// invoices follow, applied once per computed amount: a line's amount, then the VAT of each rate's
/// subtotal — never VAT line by line.
public enum Money {
    /// `numerator / denominator`, rounded half away from zero. `denominator` must be positive.
    public static func divide(_ numerator: Int64, by denominator: Int64) -> Int64 {
        precondition(denominator > 0, "money is divided by a positive count")
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        guard remainder.magnitude * 2 >= denominator.magnitude else { return quotient }
        return numerator < 0 ? quotient - 1 : quotient + 1
    }

    /// The VAT on `cents` at `basisPoints` (2000 = 20 %).
    public static func vat(on cents: Int64, basisPoints: Int) -> Int64 {
        divide(cents * Int64(basisPoints), by: 10_000)
    }

    /// French VAT rates in basis points: standard 20 %, intermediate 10 %, reduced 5.5 %, 2.1 %, and 0 %
    /// (which needs a `VATExemption`).
    public static let vatRates: [Int] = [2000, 1000, 550, 210, 0]

    /// `1234567` → `12345.67`, for people and exports.
    public static func decimal(_ cents: Int64) -> String {
        let sign = cents < 0 ? "-" : ""
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

/// One line of an invoice as computed: what, how many (thousandths, so 10.5 devices or 1.25 h are
/// exact), the unit price and the amount (authoritative: computed once with one rounding).
public struct ComputedLine: Sendable, Equatable {
    public var kind: ContractLineKind
    public var description: String
    public var quantityMilli: Int64
    public var unitPriceCents: Int64
    public var amountCents: Int64
    public var vatBasisPoints: Int
    public var vatExemption: VATExemption?

    public init(
        kind: ContractLineKind, description: String, quantityMilli: Int64, unitPriceCents: Int64, amountCents: Int64, vatBasisPoints: Int,
        vatExemption: VATExemption? = nil
    ) {
        self.kind = kind
        self.description = description
        self.quantityMilli = quantityMilli
        self.unitPriceCents = unitPriceCents
        self.amountCents = amountCents
        self.vatBasisPoints = vatBasisPoints
        self.vatExemption = vatExemption
    }
}

extension ComputedLine {
    /// A stored invoice line, to total or journal it again.
    public init(_ line: InvoiceLine) {
        self.init(
            kind: line.kind ?? .oneOff, description: line.description, quantityMilli: line.quantityMilli, unitPriceCents: line.unitPriceCents,
            amountCents: line.amountCents, vatBasisPoints: line.vatBasisPoints, vatExemption: line.vatExemption)
    }
}

/// An invoice's totals: per VAT rate the subtotal and its VAT, then HT, VAT and TTC.
public struct InvoiceTotals: Sendable, Equatable {
    public struct RateTotal: Sendable, Equatable {
        public var basisPoints: Int
        public var exemption: VATExemption?
        public var subtotalCents: Int64
        public var vatCents: Int64
    }

    public var rates: [RateTotal]
    public var netCents: Int64
    public var vatCents: Int64
    public var grossCents: Int64

    /// Rates from the highest; VAT is computed on each rate's subtotal.
    public init(_ lines: [ComputedLine]) {
        var byRate: [String: RateTotal] = [:]
        for line in lines {
            let key = "\(line.vatBasisPoints)/\(line.vatExemption?.rawValue ?? "")"
            byRate[key, default: RateTotal(basisPoints: line.vatBasisPoints, exemption: line.vatExemption, subtotalCents: 0, vatCents: 0)].subtotalCents +=
                line.amountCents
        }
        rates = byRate.values.map { total in
            var total = total
            total.vatCents = Money.vat(on: total.subtotalCents, basisPoints: total.basisPoints)
            return total
        }.sorted { ($0.basisPoints, $0.exemption?.rawValue ?? "") > ($1.basisPoints, $1.exemption?.rawValue ?? "") }
        netCents = rates.map(\.subtotalCents).reduce(0, +)
        vatCents = rates.map(\.vatCents).reduce(0, +)
        grossCents = netCents + vatCents
    }
}
