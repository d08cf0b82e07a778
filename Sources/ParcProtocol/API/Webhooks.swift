import Foundation

/// What happened, as notifications name it (a webhook payload's `type`).
public enum NotificationEvent: String, Codable, Sendable, CaseIterable {
    case alertRaised = "alert.raised"
    case alertResolved = "alert.resolved"
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
    public var eventType: NotificationEvent
    public var clientCode: String?
    public var channel: String
    /// Where it goes: the webhook's URL.
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
        id: Int64, eventID: String, eventType: NotificationEvent, clientCode: String?, channel: String, target: String, status: OutboxStatus,
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
