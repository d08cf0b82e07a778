import Foundation

/// What happened, as notifications name it (a webhook payload's `type`).
public enum NotificationEvent: String, Codable, Sendable, CaseIterable {
    case alertRaised = "alert.raised"
    case alertResolved = "alert.resolved"
    /// Opened by anyone: staff, the client from the portal, an alert or a maintenance plan.
    case ticketOpened = "ticket.opened"
    case ticketAssigned = "ticket.assigned"
    /// A public comment (internal notes are never told).
    case ticketCommented = "ticket.commented"
    case ticketResolved = "ticket.resolved"
    case invoiceIssued = "invoice.issued"
    case paymentReceived = "payment.received"
}

/// What a ticket event says: what the client may read of the ticket (no internal notes, no time
/// entries), and the public comment for `ticket.commented`.
public struct TicketNotice: Codable, Sendable, Equatable {
    public var number: String
    public var clientCode: String
    public var title: String
    public var type: TicketType
    public var priority: TicketPriority
    public var status: TicketStatus
    public var reporterName: String
    public var technicianName: String?
    public var resolution: String?
    public var comment: Comment?

    public struct Comment: Codable, Sendable, Equatable {
        public var author: String
        public var body: String
    }

    public init(_ ticket: Ticket, comment: TicketComment? = nil) {
        number = ticket.number
        clientCode = ticket.clientCode
        title = ticket.title
        type = ticket.type
        priority = ticket.priority
        status = ticket.status
        reporterName = ticket.reporterName
        technicianName = ticket.technicianName
        resolution = ticket.resolution
        self.comment = comment.map { Comment(author: $0.author, body: $0.body) }
    }
}

/// What `invoice.issued` says; the e-mail carries the invoice as PDF.
public struct InvoiceNotice: Codable, Sendable, Equatable {
    public var id: Int64
    public var number: String
    public var kind: InvoiceKind
    public var clientCode: String
    public var issueDate: String
    public var dueDate: String
    public var currency: String
    public var grossCents: Int64
    public var language: DocumentLanguage

    public init(_ invoice: Invoice) {
        id = invoice.id
        number = invoice.number ?? ""
        kind = invoice.kind
        clientCode = invoice.clientCode
        issueDate = invoice.issueDate
        dueDate = invoice.dueDate
        currency = invoice.currency
        grossCents = invoice.grossCents
        language = invoice.language
    }
}

/// What `payment.received` says: the payment, and what remains due on its invoice.
public struct PaymentNotice: Codable, Sendable, Equatable {
    public var invoiceNumber: String
    public var clientCode: String
    public var paidOn: String
    public var amountCents: Int64
    public var currency: String
    public var outstandingCents: Int64

    public init(_ payment: Payment, currency: String, outstandingCents: Int64) {
        invoiceNumber = payment.invoiceNumber
        clientCode = payment.clientCode
        paidOn = payment.paidOn
        amountCents = payment.amountCents
        self.currency = currency
        self.outstandingCents = outstandingCents
    }
}

/// A webhook payload as Standard Webhooks shapes it: the event's type, when it happened, and
/// what it is about. Its `webhook-id` header is the event's id, the same on every retry.
public struct WebhookPayload<Data: Codable & Sendable>: Codable, Sendable {
    public var type: NotificationEvent
    public var timestamp: Date
    public var data: Data

    public init(type: NotificationEvent, timestamp: Date, data: Data) {
        self.type = type
        self.timestamp = timestamp
        self.data = data
    }
}

/// A receiver of webhooks: provider-wide (no client) or one client's.
public struct WebhookEndpoint: Codable, Sendable, Equatable {
    public var id: Int64
    public var clientCode: String?
    public var url: String
    /// The events sent there; empty: all of them.
    public var events: [NotificationEvent]
    public var enabled: Bool
    /// Why it was disabled (a 410 from the receiver, a person).
    public var disabledReason: String?
    public var createdAt: Date
    /// Until when the secret before the last rotation still signs (a second signature).
    public var previousSecretUntil: Date?

    public init(
        id: Int64, clientCode: String?, url: String, events: [NotificationEvent], enabled: Bool, disabledReason: String?, createdAt: Date,
        previousSecretUntil: Date?
    ) {
        self.id = id
        self.clientCode = clientCode
        self.url = url
        self.events = events
        self.enabled = enabled
        self.disabledReason = disabledReason
        self.createdAt = createdAt
        self.previousSecretUntil = previousSecretUntil
    }
}

public struct NewWebhookEndpoint: Codable, Sendable, Equatable {
    public var url: String
    public var client: String?
    public var events: [NotificationEvent]?

    public init(url: String, client: String? = nil, events: [NotificationEvent]? = nil) {
        self.url = url
        self.client = client
        self.events = events
    }
}

/// An endpoint with its signing secret (`whsec_…`), shown once: when it is made or rotated.
public struct WebhookEndpointSecret: Codable, Sendable, Equatable {
    public var endpoint: WebhookEndpoint
    public var secret: String

    public init(endpoint: WebhookEndpoint, secret: String) {
        self.endpoint = endpoint
        self.secret = secret
    }
}

public enum OutboxStatus: String, Codable, Sendable, CaseIterable {
    /// Waiting for its first attempt or its next retry.
    case pending
    case delivered
    /// The retry schedule is spent, or the receiver said 410 Gone.
    case failed
    /// Its endpoint was removed or disabled before it could be delivered.
    case cancelled
}

/// One delivery of one event to one receiver.
public struct OutboxEntry: Codable, Sendable, Equatable {
    public var id: Int64
    /// The event's id (`evt_…`), the `webhook-id` receivers drop duplicates by.
    public var eventID: String
    /// A `NotificationEvent`, or `mail.digest` for a day's digest of them.
    public var eventType: String
    public var clientCode: String?
    /// `webhook` or `email`.
    public var channel: String
    /// Where it goes: the webhook's URL or the e-mail address.
    public var target: String
    public var status: OutboxStatus
    public var attempts: Int
    public var createdAt: Date
    public var nextAttemptAt: Date?
    /// The receiver's HTTP status at the last attempt, if it answered.
    public var lastStatus: Int?
    public var lastError: String?
    public var deliveredAt: Date?

    public init(
        id: Int64, eventID: String, eventType: String, clientCode: String?, channel: String, target: String, status: OutboxStatus,
        attempts: Int, createdAt: Date
    ) {
        self.id = id
        self.eventID = eventID
        self.eventType = eventType
        self.clientCode = clientCode
        self.channel = channel
        self.target = target
        self.status = status
        self.attempts = attempts
        self.createdAt = createdAt
    }
}

/// What `POST /api/v1/outbox/retry` did.
public struct OutboxRetryResult: Codable, Sendable, Equatable {
    public var requeued: Int

    public init(requeued: Int) { self.requeued = requeued }
}

/// Which deliveries to put back in the queue: the ids given, or every failed one.
public struct OutboxRetryRequest: Codable, Sendable, Equatable {
    public var ids: [Int64]?
    public var allFailed: Bool?

    public init(ids: [Int64]? = nil, allFailed: Bool? = nil) {
        self.ids = ids
        self.allFailed = allFailed
    }
}
