import Foundation

/// What an alert watches. Dated kinds fire at lead times before (or, for `agentSilent` and
/// `invoiceOverdue`, days after) a date; `licenceOverDeployed` and `uncoveredDevice` are conditions
/// that fire once when they start; the SLA kinds count minutes before a ticket's breach.
public enum AlertKind: String, Codable, Sendable, CaseIterable {
    case warrantyEnd = "warranty-end"
    case contractEnd = "contract-end"
    /// The last day to give notice on a contract that renews tacitly.
    case contractNotice = "contract-notice"
    case licenceExpiry = "licence-expiry"
    case licenceOverDeployed = "licence-over-deployed"
    case agentCertificateExpiry = "agent-certificate-expiry"
    case agentSilent = "agent-silent"
    case uncoveredDevice = "uncovered-device"
    case slaDueSoon = "sla-due-soon"
    case slaBreached = "sla-breached"
    case invoiceOverdue = "invoice-overdue"
    case maintenanceDue = "maintenance-due"
}

public enum AlertState: String, Codable, Sendable, CaseIterable {
    case open, acknowledged, resolved
}

/// One alert: fired once for its (client, kind, object, due, threshold).
public struct Alert: Codable, Sendable, Equatable {
    public var id: Int64
    public var clientCode: String
    public var kind: AlertKind
    /// What it is about, as `type:id` (`asset:12`, `licence:3`, `ticket:T-2026-00042`...).
    public var object: String
    /// The object as people name it (an asset's name, a contract's reference...).
    public var label: String
    /// The date (or, for SLA kinds, the moment) the alert counts from; empty for conditions.
    public var due: String
    /// The lead time crossed: days before the due date (days after it for `agent-silent` and
    /// `invoice-overdue`, minutes for the SLA kinds); 0 for conditions.
    public var threshold: Int
    /// One line saying what is wrong, for lists and notifications.
    public var summary: String
    public var state: AlertState
    public var raisedAt: Date
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
    public var resolvedAt: Date?
    /// Why it ended: renewed, fixed, back in contact, superseded by a nearer threshold...
    public var resolution: String?
    /// The ticket the rule opened, when it opens one.
    public var ticketNumber: String?

    public init(
        id: Int64, clientCode: String, kind: AlertKind, object: String, label: String, due: String, threshold: Int, summary: String,
        state: AlertState, raisedAt: Date
    ) {
        self.id = id
        self.clientCode = clientCode
        self.kind = kind
        self.object = object
        self.label = label
        self.due = due
        self.threshold = threshold
        self.summary = summary
        self.state = state
        self.raisedAt = raisedAt
    }
}

/// How one kind alerts, for the provider or for one client (`GET /api/v1/alert-rules`).
public struct AlertRule: Codable, Sendable, Equatable {
    public var kind: AlertKind
    /// Null for the provider's default.
    public var clientCode: String?
    /// Lead times, largest first (see `Alert.threshold` for the unit).
    public var leadTimes: [Int]
    public var enabled: Bool
    /// Also open a ticket for the client when the alert fires (once per alert).
    public var opensTicket: Bool
    /// True when a client-level rule overrides the provider's.
    public var overridden: Bool

    public init(kind: AlertKind, clientCode: String?, leadTimes: [Int], enabled: Bool, opensTicket: Bool, overridden: Bool) {
        self.kind = kind
        self.clientCode = clientCode
        self.leadTimes = leadTimes
        self.enabled = enabled
        self.opensTicket = opensTicket
        self.overridden = overridden
    }
}

/// `PUT /api/v1/alert-rules`: sets one kind's rule for the provider, or for one client. Fields
/// left out keep their value; `reset` drops a client's override.
public struct AlertRuleUpdate: Codable, Sendable, Equatable {
    public var kind: AlertKind
    public var client: String?
    public var leadTimes: [Int]?
    public var enabled: Bool?
    public var opensTicket: Bool?
    public var reset: Bool?

    public init(
        kind: AlertKind, client: String? = nil, leadTimes: [Int]? = nil, enabled: Bool? = nil, opensTicket: Bool? = nil, reset: Bool? = nil
    ) {
        self.kind = kind
        self.client = client
        self.leadTimes = leadTimes
        self.enabled = enabled
        self.opensTicket = opensTicket
        self.reset = reset
    }
}

/// What one alert scan did (`POST /api/v1/alerts/scan`).
public struct AlertScanResult: Codable, Sendable, Equatable {
    public var raised: Int
    public var resolved: Int
    public var ticketsOpened: Int
    public var milliseconds: Int

    public init(raised: Int, resolved: Int, ticketsOpened: Int, milliseconds: Int) {
        self.raised = raised
        self.resolved = resolved
        self.ticketsOpened = ticketsOpened
        self.milliseconds = milliseconds
    }
}
