#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An employee of a client: the end user equipment is assigned to.
public struct Employee: Codable, Sendable, Equatable {
    public var id: Int64
    public var clientCode: String
    public var name: String
    public var email: String?
    public var department: String?
    public var siteID: Int64?
    public var active: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, clientCode: String, name: String, email: String?, department: String?, siteID: Int64?,
        active: Bool, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.clientCode = clientCode
        self.name = name
        self.email = email
        self.department = department
        self.siteID = siteID
        self.active = active
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

public struct NewEmployee: Codable, Sendable, Equatable {
    public var name: String
    public var email: String?
    public var department: String?
    public var siteID: Int64?

    public init(name: String, email: String? = nil, department: String? = nil, siteID: Int64? = nil) {
        self.name = name
        self.email = email
        self.department = department
        self.siteID = siteID
    }
}

/// A partial update of an employee: absent fields are left as they are, an empty string clears one.
public struct EmployeeUpdate: Codable, Sendable, Equatable {
    public var name: String?
    public var email: String?
    public var department: String?
    public var siteID: Int64?
    public var active: Bool?

    public init(name: String? = nil, email: String? = nil, department: String? = nil, siteID: Int64? = nil, active: Bool? = nil) {
        self.name = name
        self.email = email
        self.department = department
        self.siteID = siteID
        self.active = active
    }
}

/// A site or location of a client (an office, a branch, a server room).
public struct Site: Codable, Sendable, Equatable {
    public var id: Int64
    public var clientCode: String
    public var name: String
    public var address: PostalAddress?
    public var notes: String?
    public var active: Bool
    public var createdAt: Date

    public init(id: Int64, clientCode: String, name: String, address: PostalAddress?, notes: String?, active: Bool, createdAt: Date) {
        self.id = id
        self.clientCode = clientCode
        self.name = name
        self.address = address
        self.notes = notes
        self.active = active
        self.createdAt = createdAt
    }
}

public struct NewSite: Codable, Sendable, Equatable {
    public var name: String
    public var address: PostalAddress?
    public var notes: String?

    public init(name: String, address: PostalAddress? = nil, notes: String? = nil) {
        self.name = name
        self.address = address
        self.notes = notes
    }
}

/// A partial update of a site: absent fields stay; an empty string clears the notes.
public struct SiteUpdate: Codable, Sendable, Equatable {
    public var name: String?
    public var address: PostalAddress?
    public var notes: String?
    public var active: Bool?

    public init(name: String? = nil, address: PostalAddress? = nil, notes: String? = nil, active: Bool? = nil) {
        self.name = name
        self.address = address
        self.notes = notes
        self.active = active
    }
}

/// A staff user of the service provider. Staff authenticate with API tokens.
public struct StaffUser: Codable, Sendable, Equatable {
    public var id: Int64
    public var email: String
    public var name: String
    public var role: StaffRole
    public var active: Bool
    /// What an hour of this person's time costs the provider, for profitability (managers see it).
    public var hourlyCostCents: Int64?
    /// What a technician is good at ("networking", "printers"), to pick who takes a ticket.
    public var skills: [String] = []
    public var createdAt: Date

    public init(id: Int64, email: String, name: String, role: StaffRole, active: Bool, createdAt: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.active = active
        self.createdAt = createdAt
    }
}

public struct NewStaffUser: Codable, Sendable, Equatable {
    public var email: String
    public var name: String
    public var role: StaffRole

    public init(email: String, name: String, role: StaffRole) {
        self.email = email
        self.name = name
        self.role = role
    }
}

/// A partial update of a staff user. Deactivating a user also stops all of their tokens working.
public struct StaffUpdate: Codable, Sendable, Equatable {
    public var name: String?
    public var role: StaffRole?
    public var active: Bool?
    /// Negative clears.
    public var hourlyCostCents: Int64?
    /// Replaces the list.
    public var skills: [String]?

    public init(name: String? = nil, role: StaffRole? = nil, active: Bool? = nil) {
        self.name = name
        self.role = role
        self.active = active
    }
}

/// An API token's public record. The secret itself is shown once, in `CreatedAPIToken`.
public struct APIToken: Codable, Sendable, Equatable {
    public var id: Int64
    public var staffID: Int64
    public var staffEmail: String
    public var label: String
    /// The first characters of the secret, so a person can tell tokens apart.
    public var prefix: String
    public var createdAt: Date
    public var expiresAt: Date?
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(
        id: Int64, staffID: Int64, staffEmail: String, label: String, prefix: String, createdAt: Date,
        expiresAt: Date?, lastUsedAt: Date?, revokedAt: Date?
    ) {
        self.id = id
        self.staffID = staffID
        self.staffEmail = staffEmail
        self.label = label
        self.prefix = prefix
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}

/// Creates a token for oneself, or (managers only) for another staff user named by `staffID`.
public struct NewAPIToken: Codable, Sendable, Equatable {
    public var label: String
    public var staffID: Int64?
    /// Lifetime in days; absent means the token does not expire.
    public var expiresInDays: Int?

    public init(label: String, staffID: Int64? = nil, expiresInDays: Int? = nil) {
        self.label = label
        self.staffID = staffID
        self.expiresInDays = expiresInDays
    }
}

/// The answer to a token creation: the only time the secret is ever shown.
public struct CreatedAPIToken: Codable, Sendable, Equatable {
    public var token: APIToken
    public var secret: String

    public init(token: APIToken, secret: String) {
        self.token = token
        self.secret = secret
    }
}

/// Who the caller is, as the server sees it (`GET /api/v1/me`).
public struct Identity: Codable, Sendable, Equatable {
    public var staff: StaffUser
    public var tokenID: Int64

    public init(staff: StaffUser, tokenID: Int64) {
        self.staff = staff
        self.tokenID = tokenID
    }
}

/// What `GET /healthz` answers.
public struct Health: Codable, Sendable, Equatable {
    public var status: String
    public var version: String
    public var database: String

    public init(status: String, version: String, database: String) {
        self.status = status
        self.version = version
        self.database = database
    }
}
