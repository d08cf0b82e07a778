import ParcProtocol

/// Exact money: integer cents, one rounding rule.
///
/// Rounding is half away from zero (12.345 → 12.35, -12.345 → -12.35), the commercial rule French
/// invoices follow, applied once per computed amount: a line's amount, then the VAT of each rate's
/// subtotal — never VAT line by line.
public enum Money {
    /// An amount beyond what Parc computes with: the input that led to it must be refused. Bounds on
    /// every number the API accepts (`Bounds`) keep ordinary use far below it; this is the guard
    /// that makes any other path an error instead of a trap that ends the server.
    public struct OutOfRange: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String { "an amount comes to more than Parc computes with (about 92 billion billion cents)" }
        public init() {}
    }

    /// `numerator / denominator`, rounded half away from zero, computed without overflow: products
    /// of prices, counts and days are formed in 128 bits and only the result must fit in cents.
    public static func divide(_ numerator: Int128, by denominator: Int128) throws(OutOfRange) -> Int64 {
        guard denominator > 0 else { throw OutOfRange() }
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        let rounded = remainder.magnitude * 2 >= denominator.magnitude ? (numerator < 0 ? quotient - 1 : quotient + 1) : quotient
        return try cents(rounded)
    }

    /// A 128-bit amount as cents; out of range when it does not fit.
    public static func cents(_ value: Int128) throws(OutOfRange) -> Int64 {
        guard let cents = Int64(exactly: value) else { throw OutOfRange() }
        return cents
    }

    /// The sum of amounts, checked.
    public static func sum(_ amounts: some Sequence<Int64>) throws(OutOfRange) -> Int64 {
        var total: Int128 = 0
        for amount in amounts { total += Int128(amount) }
        return try cents(total)
    }

    /// The VAT on `cents` at `basisPoints` (2000 = 20 %).
    public static func vat(on cents: Int64, basisPoints: Int) throws(OutOfRange) -> Int64 {
        try divide(Int128(cents) * Int128(basisPoints), by: 10_000)
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

/// One line of an invoice as computed: what, how many (thousandths, so 1.5 items are exact), the
/// price per `baseQuantity` units (a month's price per 31 days, an hour's per 60 minutes) and the
/// amount (authoritative: quantity × price ÷ base, computed once with one rounding).
public struct ComputedLine: Sendable, Equatable {
    public var kind: ContractLineKind
    public var description: String
    public var quantityMilli: Int64
    public var unit: QuantityUnit = .unit
    public var unitPriceCents: Int64
    public var baseQuantity: Int64 = 1
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
        (unit, baseQuantity) = (line.unit, line.baseQuantity)
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

    /// Rates from the highest; VAT is computed on each rate's subtotal. Every sum is checked.
    ///
    /// A credit note's VAT per rate is what crediting its lines adds to the VAT of the lines
    /// `creditedBefore` (by earlier notes on the same invoice): the notes' VAT telescopes to the
    /// invoice's, so crediting an invoice line by line credits exactly the invoice, to the cent.
    public init(_ lines: [ComputedLine], creditedBefore: [ComputedLine] = []) throws(Money.OutOfRange) {
        var byRate: [String: (basisPoints: Int, exemption: VATExemption?, lines: [Int64], before: [Int64])] = [:]
        for line in lines {
            let key = "\(line.vatBasisPoints)/\(line.vatExemption?.rawValue ?? "")"
            byRate[key, default: (line.vatBasisPoints, line.vatExemption, [], [])].lines.append(line.amountCents)
        }
        for line in creditedBefore {
            let key = "\(line.vatBasisPoints)/\(line.vatExemption?.rawValue ?? "")"
            byRate[key]?.before.append(line.amountCents)
        }
        var rates: [RateTotal] = []
        for rate in byRate.values {
            let subtotal = try Money.sum(rate.lines)
            let before = try Money.sum(rate.before)
            let vat =
                try Money.vat(on: try Money.sum([before, subtotal]), basisPoints: rate.basisPoints) - (try Money.vat(on: before, basisPoints: rate.basisPoints))
            rates.append(RateTotal(basisPoints: rate.basisPoints, exemption: rate.exemption, subtotalCents: subtotal, vatCents: vat))
        }
        self.rates = rates.sorted { ($0.basisPoints, $0.exemption?.rawValue ?? "") > ($1.basisPoints, $1.exemption?.rawValue ?? "") }
        netCents = try Money.sum(rates.map(\.subtotalCents))
        vatCents = try Money.sum(rates.map(\.vatCents))
        grossCents = try Money.sum([netCents, vatCents])
    }
}
