#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A software licence bought for one client (`POST /api/v1/licences`).
public struct NewLicence: Codable, Sendable, Equatable {
    public var client: String
    /// What was bought: "Microsoft 365 Business", "TeamViewer Corporate".
    public var product: String
    /// How installs are recognised: package-name patterns, `*` for any run of characters, `?` for one
    /// ("libreoffice*", "teamviewer").
    public var packagePatterns: [String]
    public var seats: Int
    public var licenceKey: String?
    /// `YYYY-MM-DD`.
    public var startsOn: String?
    public var expiresOn: String?
    public var costCentsPerSeat: Int64?
    public var resaleCentsPerSeat: Int64?
    public var supplier: String?
    public var notes: String?

    public init(client: String, product: String, packagePatterns: [String], seats: Int) {
        self.client = client
        self.product = product
        self.packagePatterns = packagePatterns
        self.seats = seats
    }
}

/// A change to a licence (`PATCH /api/v1/licences/{id}`): absent fields stay, empty text clears.
public struct LicenceUpdate: Codable, Sendable, Equatable {
    public var product: String?
    public var packagePatterns: [String]?
    public var seats: Int?
    public var licenceKey: String?
    public var startsOn: String?
    public var expiresOn: String?
    /// Negative clears.
    public var costCentsPerSeat: Int64?
    public var resaleCentsPerSeat: Int64?
    public var supplier: String?
    public var notes: String?

    public init() {}
}

/// A licence as staff see it: the key only for managers (masked for others), prices not for
/// technicians.
public struct Licence: Codable, Sendable, Equatable {
    public var id: Int64
    public var clientCode: String
    public var product: String
    public var packagePatterns: [String]
    public var seats: Int
    public var licenceKey: String?
    public var startsOn: String?
    public var expiresOn: String?
    public var costCentsPerSeat: Int64?
    public var resaleCentsPerSeat: Int64?
    public var supplier: String?
    public var notes: String?
    /// Seats given by name to a machine or a person.
    public var namedSeats: [LicenceSeat] = []
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64, clientCode: String, product: String, packagePatterns: [String], seats: Int, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.clientCode = clientCode
        self.product = product
        self.packagePatterns = packagePatterns
        self.seats = seats
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Installs found against seats bought (`GET /api/v1/licences/{id}/compliance`), computed from the
/// software agents reported last, so always current.
public struct LicenceCompliance: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable {
        /// More machines have it than seats were bought.
        case overDeployed = "over-deployed"
        /// Fewer machines have it than seats were bought.
        case underUsed = "under-used"
        case compliant
    }

    public var licence: Licence
    /// Assets (not retired) with at least one matching package.
    public var installs: Int
    public var state: State
    public var installedOn: [SoftwareInstall]

    public init(licence: Licence, installs: Int, state: State, installedOn: [SoftwareInstall]) {
        self.licence = licence
        self.installs = installs
        self.state = state
        self.installedOn = installedOn
    }
}

/// A seat given to one asset or one employee (`POST /api/v1/licences/{id}/seats`).
public struct LicenceSeat: Codable, Sendable, Equatable {
    public var id: Int64
    public var assetID: Int64?
    public var assetName: String?
    public var employeeID: Int64?
    public var employeeName: String?
    public var assignedAt: Date

    public init(id: Int64, assetID: Int64?, assetName: String?, employeeID: Int64?, employeeName: String?, assignedAt: Date) {
        self.id = id
        self.assetID = assetID
        self.assetName = assetName
        self.employeeID = employeeID
        self.employeeName = employeeName
        self.assignedAt = assignedAt
    }
}

/// Whom a seat goes to: exactly one of the two.
public struct NewLicenceSeat: Codable, Sendable, Equatable {
    public var assetID: Int64?
    public var employeeID: Int64?

    public init(assetID: Int64? = nil, employeeID: Int64? = nil) {
        self.assetID = assetID
        self.employeeID = employeeID
    }
}
