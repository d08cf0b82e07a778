import ParcProtocol

/// Monthly recurring revenue: what a contract's recurring lines bring per month at today's counts.
/// Flat fees, devices, users and resold seats recur; support-hour overage and one-off items do not
/// (they vary or happen once). A quarterly fee counts for a third per month, and so on; each line is
/// rounded once, half away from zero.
public enum RecurringRevenue {
    public static func monthlyCents(
        _ line: ContractPricing.Line, frequency: BillingFrequency, usage: ContractPricing.Usage
    ) throws(Money.OutOfRange) -> Int64 {
        let units: Int128
        switch line.kind {
        case .flat: units = 1
        case .perDevice, .perUser, .licenceResale: units = Int128(usage.units.full) + Int128(usage.units.added)
        case .supportHours, .oneOff: return 0
        }
        return try Money.divide(Int128(line.unitPriceCents) * units, by: Int128(frequency.months))
    }
}
