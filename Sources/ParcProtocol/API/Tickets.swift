#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

public enum TicketType: String, Codable, Sendable, CaseIterable {
    case incident, request
    case preventiveMaintenance = "preventive-maintenance"
    case installation, other
}

/// P1 critical to P4 low.
public enum TicketPriority: String, Codable, Sendable, CaseIterable, Comparable {
    case p1 = "P1"
    case p2 = "P2"
    case p3 = "P3"
    case p4 = "P4"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

public enum TicketStatus: String, Codable, Sendable, CaseIterable {
    case new, assigned
    case inProgress = "in-progress"
    case waitingForClient = "waiting-for-client"
    case resolved, closed

    /// Resolved and closed tickets are done; the others are someone's work.
    public var isOpen: Bool { self != .resolved && self != .closed }
}

/// Who opened a ticket.
public enum TicketReporterKind: String, Codable, Sendable {
    /// A client employee (by phone, mail, or the portal).
    case employee
    case staff
    /// An alert or a maintenance plan.
    case system
}

/// A ticket to open (`POST /api/v1/tickets`).
public struct NewTicket: Codable, Sendable, Equatable {
    public var client: String
    public var title: String
    public var description: String?
    public var type: TicketType
    public var priority: TicketPriority
    /// Assets of that client the ticket is about.
    public var assetIDs: [Int64]?
    /// The client employee who reported it; absent means the staff user calling.
    public var reporterEmployeeID: Int64?
    public var technicianID: Int64?

    public init(client: String, title: String, type: TicketType = .incident, priority: TicketPriority = .p3) {
        self.client = client
        self.title = title
        self.type = type
        self.priority = priority
    }
}

/// A change to a ticket's own fields (`PATCH /api/v1/tickets/{id}`); a new priority resets its SLA targets.
public struct TicketUpdate: Codable, Sendable, Equatable {
    public var title: String?
    public var description: String?
    public var type: TicketType?
    public var priority: TicketPriority?
    /// Links more assets of the ticket's client.
    public var addAssetIDs: [Int64]?
    /// Employees of the ticket's client who follow it: they see it on the portal like its reporter.
    public var addFollowerIDs: [Int64]?
    /// The reference of the client's contract its billable time is billed through; "" bills it through none.
    public var contract: String?

    public init(
        title: String? = nil, description: String? = nil, type: TicketType? = nil, priority: TicketPriority? = nil, addAssetIDs: [Int64]? = nil,
        contract: String? = nil
    ) {
        self.contract = contract
        self.title = title
        self.description = description
        self.type = type
        self.priority = priority
        self.addAssetIDs = addAssetIDs
    }
}

/// `POST /api/v1/tickets/{id}/status`: `resolution` is required to resolve.
public struct TicketStatusChange: Codable, Sendable, Equatable {
    public var status: TicketStatus
    public var resolution: String?
    /// A line kept in the history with the change.
    public var note: String?

    public init(status: TicketStatus, resolution: String? = nil, note: String? = nil) {
        self.status = status
        self.resolution = resolution
        self.note = note
    }
}

/// `POST /api/v1/tickets/{id}/assign`: nil unassigns.
public struct TicketAssignment: Codable, Sendable, Equatable {
    public var technicianID: Int64?

    public init(technicianID: Int64?) { self.technicianID = technicianID }
}

public struct NewTicketComment: Codable, Sendable, Equatable {
    public var body: String
    /// Public comments are shown to the client on the portal; internal ones to staff only.
    public var isPublic: Bool

    public init(body: String, isPublic: Bool) {
        self.body = body
        self.isPublic = isPublic
    }
}

public struct TicketComment: Codable, Sendable, Equatable {
    public var id: Int64
    public var author: String
    public var body: String
    public var isPublic: Bool
    public var createdAt: Date

    public init(id: Int64, author: String, body: String, isPublic: Bool, createdAt: Date) {
        self.id = id
        self.author = author
        self.body = body
        self.isPublic = isPublic
        self.createdAt = createdAt
    }
}

/// Time worked on a ticket (`POST /api/v1/tickets/{id}/time`).
public struct NewTimeEntry: Codable, Sendable, Equatable {
    /// Absent means the caller; only managers log time for someone else.
    public var technicianID: Int64?
    /// `YYYY-MM-DD`, today when absent.
    public var workedOn: String?
    public var minutes: Int
    public var billable: Bool?
    public var note: String?

    public init(minutes: Int, billable: Bool? = nil, note: String? = nil) {
        self.minutes = minutes
        self.billable = billable
        self.note = note
    }
}

public struct TimeEntry: Codable, Sendable, Equatable {
    public var id: Int64
    public var technicianID: Int64
    public var technicianName: String
    public var workedOn: String
    public var minutes: Int
    public var billable: Bool
    public var note: String?
    public var createdAt: Date

    public init(id: Int64, technicianID: Int64, technicianName: String, workedOn: String, minutes: Int, billable: Bool, note: String?, createdAt: Date) {
        self.id = id
        self.technicianID = technicianID
        self.technicianName = technicianName
        self.workedOn = workedOn
        self.minutes = minutes
        self.billable = billable
        self.note = note
        self.createdAt = createdAt
    }
}

/// Material used on a ticket (`POST /api/v1/tickets/{id}/materials`). With `assetID`, an asset of
/// the provider's stock (status in-stock) is deployed: it moves to the ticket's client, goes in use
/// and is linked to the ticket.
public struct NewMaterial: Codable, Sendable, Equatable {
    public var description: String?
    public var quantity: Int
    public var unitPriceCents: Int64?
    public var assetID: Int64?

    public init(description: String?, quantity: Int = 1, unitPriceCents: Int64? = nil, assetID: Int64? = nil) {
        self.description = description
        self.quantity = quantity
        self.unitPriceCents = unitPriceCents
        self.assetID = assetID
    }
}

/// Material as staff see it: technicians do not see prices.
public struct Material: Codable, Sendable, Equatable {
    public var id: Int64
    public var description: String
    public var quantity: Int
    public var unitPriceCents: Int64?
    public var assetID: Int64?
    public var addedBy: String
    public var createdAt: Date

    public init(id: Int64, description: String, quantity: Int, unitPriceCents: Int64?, assetID: Int64?, addedBy: String, createdAt: Date) {
        self.id = id
        self.description = description
        self.quantity = quantity
        self.unitPriceCents = unitPriceCents
        self.assetID = assetID
        self.addedBy = addedBy
        self.createdAt = createdAt
    }
}

/// One line of a ticket's history.
public struct TicketEvent: Codable, Sendable, Equatable {
    public var at: Date
    /// Staff email, or "system".
    public var actor: String
    /// `ticket.created`, `ticket.status-changed`, `ticket.assigned`, `ticket.comment`, `ticket.time-logged`, ...
    public var kind: String
    public var summary: String

    public init(at: Date, actor: String, kind: String, summary: String) {
        self.at = at
        self.actor = actor
        self.kind = kind
        self.summary = summary
    }
}

/// Where a ticket stands against its SLA.
public enum SLAState: String, Codable, Sendable, CaseIterable {
    /// Open, both clocks running, neither due soon.
    case onTrack = "on-track"
    /// Open and a due time falls within the due-soon window.
    case dueSoon = "due-soon"
    /// A due time passed before the response or resolution came.
    case breached
    /// Waiting for the client: the resolution clock is stopped.
    case paused
    /// Resolved or closed with both targets met.
    case met
    /// No SLA applies (a maintenance ticket with no date).
    case none
}

/// The SLA clocks of one ticket.
public struct TicketSLA: Codable, Sendable, Equatable {
    /// "contract REF", "default" or "maintenance plan".
    public var source: String
    public var hours: SLAHours
    public var responseTargetMinutes: Int?
    public var resolutionTargetMinutes: Int?
    public var responseDueAt: Date?
    /// Absent while paused.
    public var resolutionDueAt: Date?
    public var respondedAt: Date?
    public var responseMet: Bool?
    public var resolutionMet: Bool?
    public var state: SLAState

    public init(
        source: String, hours: SLAHours, responseTargetMinutes: Int?, resolutionTargetMinutes: Int?, responseDueAt: Date?, resolutionDueAt: Date?,
        respondedAt: Date?, responseMet: Bool?, resolutionMet: Bool?, state: SLAState
    ) {
        self.source = source
        self.hours = hours
        self.responseTargetMinutes = responseTargetMinutes
        self.resolutionTargetMinutes = resolutionTargetMinutes
        self.responseDueAt = responseDueAt
        self.resolutionDueAt = resolutionDueAt
        self.respondedAt = respondedAt
        self.responseMet = responseMet
        self.resolutionMet = resolutionMet
        self.state = state
    }
}

public struct TicketAsset: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String

    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }
}

public struct Ticket: Codable, Sendable, Equatable {
    public var id: Int64
    /// `T-2026-00042`.
    public var number: String
    public var clientCode: String
    public var title: String
    public var description: String?
    public var type: TicketType
    public var priority: TicketPriority
    public var status: TicketStatus
    public var assets: [TicketAsset]
    /// The contract its billable time is billed through (chosen when it is opened, or by staff).
    public var contractReference: String?
    public var reporterKind: TicketReporterKind
    public var reporterName: String
    public var technicianID: Int64?
    public var technicianName: String?
    public var resolution: String?
    /// The maintenance plan that opened it, and the day the work is due.
    public var maintenancePlanID: Int64?
    public var scheduledFor: String?
    public var estimatedMinutes: Int?
    public var sla: TicketSLA
    public var createdAt: Date
    public var updatedAt: Date
    public var resolvedAt: Date?
    public var closedAt: Date?

    public init(
        id: Int64, number: String, clientCode: String, title: String, type: TicketType, priority: TicketPriority, status: TicketStatus,
        reporterKind: TicketReporterKind, reporterName: String, sla: TicketSLA, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.number = number
        self.clientCode = clientCode
        self.title = title
        self.type = type
        self.priority = priority
        self.status = status
        self.assets = []
        self.reporterKind = reporterKind
        self.reporterName = reporterName
        self.sla = sla
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A ticket with everything done on it (`GET /api/v1/tickets/{id}`).
public struct TicketDetail: Codable, Sendable, Equatable {
    public var ticket: Ticket
    public var comments: [TicketComment]
    public var timeEntries: [TimeEntry]
    public var materials: [Material]
    /// Oldest first.
    public var history: [TicketEvent]

    public init(ticket: Ticket, comments: [TicketComment], timeEntries: [TimeEntry], materials: [Material], history: [TicketEvent]) {
        self.ticket = ticket
        self.comments = comments
        self.timeEntries = timeEntries
        self.materials = materials
        self.history = history
    }
}
