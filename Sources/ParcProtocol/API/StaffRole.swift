/// The role of a staff user of the service provider. Each user has exactly one.
public enum StaffRole: String, Codable, Sendable, CaseIterable, Comparable {
    /// Everything: clients, contracts, assets, technicians, settings, reports.
    case manager
    /// Interventions, asset updates, maintenance plans.
    case technician
    /// Contracts, billing runs, invoices, credit notes, payments, accounting exports.
    case billing

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let role = StaffRole(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "must be one of \(Self.allCases.map(\.rawValue).joined(separator: ", ")), not '\(raw)'")
        }
        self = role
    }

    public static func < (lhs: StaffRole, rhs: StaffRole) -> Bool { lhs.rawValue < rhs.rawValue }
}
