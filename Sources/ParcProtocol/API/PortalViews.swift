import FoundationEssentials

// What a client's portal users see, in the portal's pages and its JSON API (`/portal/api/v1`).
// These are their own types, not the staff's: internal notes, purchase prices of material,
// licence keys, costs and margins are not fields here, so no page can show them by mistake.

/// One of the client's assets.
public struct PortalAsset: Codable, Sendable, Equatable {
    public var id: Int64
    public var kind: AssetKind
    public var name: String
    public var manufacturer: String?
    public var model: String?
    public var serial: String?
    public var assetTag: String?
    public var status: AssetStatus
    public var hostname: String?
    public var operatingSystem: String?
    public var siteName: String?
    /// The employee who holds it.
    public var holderName: String?
    public var warrantyEnd: String?
    /// The contract that covers it today.
    public var coveredByContract: String?
    public var lastSeenAt: Date?

    public init(
        id: Int64, kind: AssetKind, name: String, manufacturer: String?, model: String?, serial: String?, assetTag: String?, status: AssetStatus,
        hostname: String?, operatingSystem: String?, siteName: String?, holderName: String?, warrantyEnd: String?, coveredByContract: String?,
        lastSeenAt: Date?
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.manufacturer = manufacturer
        self.model = model
        self.serial = serial
        self.assetTag = assetTag
        self.status = status
        self.hostname = hostname
        self.operatingSystem = operatingSystem
        self.siteName = siteName
        self.holderName = holderName
        self.warrantyEnd = warrantyEnd
        self.coveredByContract = coveredByContract
        self.lastSeenAt = lastSeenAt
    }
}

/// An asset with its parts, its recorded changes and the tickets about it.
public struct PortalAssetDetail: Codable, Sendable, Equatable {
    public var asset: PortalAsset
    public var components: [AssetComponent]
    public var softwareCount: Int
    public var history: [PortalEvent]
    public var tickets: [PortalTicket]

    public init(asset: PortalAsset, components: [AssetComponent], softwareCount: Int, history: [PortalEvent], tickets: [PortalTicket]) {
        self.asset = asset
        self.components = components
        self.softwareCount = softwareCount
        self.history = history
        self.tickets = tickets
    }
}

/// A dated line of an asset's history.
public struct PortalEvent: Codable, Sendable, Equatable {
    public var at: Date
    public var summary: String

    public init(at: Date, summary: String) {
        self.at = at
        self.summary = summary
    }
}

/// One of the client's tickets.
public struct PortalTicket: Codable, Sendable, Equatable {
    public var id: Int64
    public var number: String
    public var title: String
    public var description: String?
    public var type: TicketType
    public var priority: TicketPriority
    public var status: TicketStatus
    public var assets: [TicketAsset]
    public var reporterName: String
    public var technicianName: String?
    public var resolution: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var resolvedAt: Date?
    public var closedAt: Date?

    public init(
        id: Int64, number: String, title: String, description: String?, type: TicketType, priority: TicketPriority, status: TicketStatus,
        assets: [TicketAsset], reporterName: String, technicianName: String?, resolution: String?, createdAt: Date, updatedAt: Date, resolvedAt: Date?,
        closedAt: Date?
    ) {
        self.id = id
        self.number = number
        self.title = title
        self.description = description
        self.type = type
        self.priority = priority
        self.status = status
        self.assets = assets
        self.reporterName = reporterName
        self.technicianName = technicianName
        self.resolution = resolution
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.resolvedAt = resolvedAt
        self.closedAt = closedAt
    }
}

/// A ticket with its public comments and the work done on it.
public struct PortalTicketDetail: Codable, Sendable, Equatable {
    public var ticket: PortalTicket
    public var comments: [PortalComment]
    public var interventions: [PortalIntervention]
    /// `close` and `reopen` when the ticket is resolved.
    public var actions: [String]

    public init(ticket: PortalTicket, comments: [PortalComment], interventions: [PortalIntervention], actions: [String]) {
        self.ticket = ticket
        self.comments = comments
        self.interventions = interventions
        self.actions = actions
    }
}

/// A public comment: the client's, or the provider's answer.
public struct PortalComment: Codable, Sendable, Equatable {
    public var id: Int64
    public var author: String
    public var body: String
    public var createdAt: Date

    public init(id: Int64, author: String, body: String, createdAt: Date) {
        self.id = id
        self.author = author
        self.body = body
        self.createdAt = createdAt
    }
}

/// Time a technician spent on a ticket.
public struct PortalIntervention: Codable, Sendable, Equatable {
    public var workedOn: String
    public var technicianName: String
    public var minutes: Int

    public init(workedOn: String, technicianName: String, minutes: Int) {
        self.workedOn = workedOn
        self.technicianName = technicianName
        self.minutes = minutes
    }
}

/// `POST /portal/api/v1/tickets`: an incident reported by the signed-in employee.
public struct PortalNewTicket: Codable, Sendable, Equatable {
    public var title: String
    public var description: String?
    /// One of the priorities the client's service terms promise a time for; the lowest of them when absent.
    public var priority: TicketPriority?
    /// One of the assets the user sees.
    public var assetID: Int64?

    public init(title: String, description: String? = nil, priority: TicketPriority? = nil, assetID: Int64? = nil) {
        self.title = title
        self.description = description
        self.priority = priority
        self.assetID = assetID
    }
}

/// A licence the client holds: seats bought and used (its key stays with the provider).
public struct PortalLicence: Codable, Sendable, Equatable {
    public var id: Int64
    public var product: String
    public var seats: Int
    public var seatsUsed: Int
    public var expiresOn: String?

    public init(id: Int64, product: String, seats: Int, seatsUsed: Int, expiresOn: String?) {
        self.id = id
        self.product = product
        self.seats = seats
        self.seatsUsed = seatsUsed
        self.expiresOn = expiresOn
    }
}

/// An invoice or credit note with the payments recorded against it.
public struct PortalInvoice: Codable, Sendable, Equatable {
    public var invoice: Invoice
    public var payments: [Payment]

    public init(invoice: Invoice, payments: [Payment]) {
        self.invoice = invoice
        self.payments = payments
    }
}

/// Support hours of a contract for the current period: included and used.
public struct PortalHours: Codable, Sendable, Equatable {
    public var contractReference: String
    public var periodFirst: String
    public var periodLast: String
    public var includedMinutes: Int
    public var usedMinutes: Int

    public init(contractReference: String, periodFirst: String, periodLast: String, includedMinutes: Int, usedMinutes: Int) {
        self.contractReference = contractReference
        self.periodFirst = periodFirst
        self.periodLast = periodLast
        self.includedMinutes = includedMinutes
        self.usedMinutes = usedMinutes
    }
}

/// The home page: what needs the client's attention, as far as the user's role reaches.
public struct PortalHome: Codable, Sendable, Equatable {
    public var openTickets: [PortalTicket]
    public var openTicketCount: Int
    /// Warranties ending within 90 days (or ended less than a day ago).
    public var warrantiesEnding: [PortalAsset]
    public var unpaidInvoices: [Invoice]
    public var hours: [PortalHours]

    public init(openTickets: [PortalTicket], openTicketCount: Int, warrantiesEnding: [PortalAsset], unpaidInvoices: [Invoice], hours: [PortalHours]) {
        self.openTickets = openTickets
        self.openTicketCount = openTicketCount
        self.warrantiesEnding = warrantiesEnding
        self.unpaidInvoices = unpaidInvoices
        self.hours = hours
    }
}

/// A personal access token for the portal's JSON API: it acts as the client admin who made it,
/// with that user's reach, until it expires or is revoked (its secret is shown once).
public struct PortalToken: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var createdAt: Date
    public var expiresAt: Date
    public var lastUsedAt: Date?

    public init(id: Int64, name: String, createdAt: Date, expiresAt: Date, lastUsedAt: Date?) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
    }
}

/// A token just made: its secret (`parcp_...`), in this answer only.
public struct CreatedPortalToken: Codable, Sendable, Equatable {
    public var token: PortalToken
    public var secret: String

    public init(token: PortalToken, secret: String) {
        self.token = token
        self.secret = secret
    }
}

/// `POST /portal/api/v1/tickets/{id}/comments`.
public struct PortalNewComment: Codable, Sendable, Equatable {
    public var body: String

    public init(body: String) { self.body = body }
}
