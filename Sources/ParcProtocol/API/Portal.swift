import FoundationEssentials

/// What a client's portal user may see. Every role sees only its own client.
public enum PortalRole: String, Codable, Sendable, CaseIterable {
    /// Everything of the client; manages the client's portal users.
    case clientAdmin = "client-admin"
    /// The assets assigned to them and the tickets they reported or follow (all of the client's
    /// tickets when the client shares them).
    case member
    /// Invoices, payments and contracts.
    case billing
}

/// A client employee's portal account, as staff see it (never its password or second factor).
public struct PortalUser: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// Invited, no password chosen yet.
        case invited
        case active
        /// Too many failed logins: refused until `lockedUntil` or a staff unlock.
        case locked
        case disabled
    }

    public var id: Int64
    public var clientCode: String
    public var employeeID: Int64
    public var employeeName: String
    public var email: String
    public var role: PortalRole
    public var status: Status
    public var secondFactor: Bool
    public var lockedUntil: Date?
    public var lastLoginAt: Date?
    public var createdAt: Date

    public init(
        id: Int64, clientCode: String, employeeID: Int64, employeeName: String, email: String, role: PortalRole, status: Status, secondFactor: Bool,
        lockedUntil: Date? = nil, lastLoginAt: Date? = nil, createdAt: Date
    ) {
        self.id = id
        self.clientCode = clientCode
        self.employeeID = employeeID
        self.employeeName = employeeName
        self.email = email
        self.role = role
        self.status = status
        self.secondFactor = secondFactor
        self.lockedUntil = lockedUntil
        self.lastLoginAt = lastLoginAt
        self.createdAt = createdAt
    }
}

/// `POST /api/v1/clients/{code}/portal-users`: give one of the client's employees (who has an
/// e-mail address) a portal account.
public struct NewPortalUser: Codable, Sendable, Equatable {
    public var employeeID: Int64
    public var role: PortalRole

    public init(employeeID: Int64, role: PortalRole) {
        self.employeeID = employeeID
        self.role = role
    }
}

/// A single-use link for a portal user: the invitation (7 days) or a password reset (15 minutes).
/// The token is in this answer only; the server keeps its hash.
public struct PortalLink: Codable, Sendable, Equatable {
    public var user: PortalUser
    /// `/portal/invite/TOKEN` or `/portal/reset/TOKEN`, on the server's address.
    public var path: String
    public var expiresAt: Date
    /// Where the link was mailed (through the outbox); absent when it was not, because no relay or
    /// no portal address is set (`parcctl mail set --portal-url`): give it to the person yourself.
    public var emailedTo: String?

    public init(user: PortalUser, path: String, expiresAt: Date) {
        self.user = user
        self.path = path
        self.expiresAt = expiresAt
    }
}

/// `PATCH /api/v1/portal-users/{id}`: a new role, or disabled (which ends its sessions at once).
public struct PortalUserUpdate: Codable, Sendable, Equatable {
    public var role: PortalRole?
    public var disabled: Bool?
    /// Removes the account's second factor (a lost phone): the user sets one up again.
    public var resetSecondFactor: Bool?

    public init(role: PortalRole? = nil, disabled: Bool? = nil, resetSecondFactor: Bool? = nil) {
        self.role = role
        self.disabled = disabled
        self.resetSecondFactor = resetSecondFactor
    }
}
