import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// A delivery one server has claimed: what it needs to send it.
struct ClaimedDelivery: Sendable {
    let id: Int64
    let eventID: String
    /// `alert.raised`…, or `mail.digest`.
    let eventType: String
    let payload: String
    /// `webhook` or `email`.
    let channel: String
    /// The webhook's URL or the e-mail address.
    let target: String
    /// The language of an e-mail.
    let language: String
    let endpointID: Int64?
    /// The webhook's current secret, then the previous one while it still signs.
    let secrets: [String]
    let attempts: Int
    let firstAttemptAt: Int64?
}

/// How one attempt went.
enum DeliveryOutcome: Sendable, Equatable {
    /// The receiver's HTTP status (none for e-mail, which the relay took).
    case delivered(status: Int?)
    case failed(status: Int?, error: String)
    /// 410 Gone: the receiver asks never to be called again.
    case gone
}

extension Store {
    /// Claims up to `limit` deliveries due at `now` (Unix ms) for `claimant`, for `lease` ms: no
    /// other server takes them meanwhile (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so claimers never
    /// wait on each other; SQLite: its one writer). A claimant that dies leaves them to be taken
    /// again when the lease ends: delivery is at least once.
    func claimDeliveries(limit: Int, claimant: String, now: Int64, lease: Int64) async throws -> [ClaimedDelivery] {
        // An idle outbox is checked with a read: polling never takes SQLite's one writer.
        let due = try await database.withConnection { db in
            try await db.raw(
                "SELECT id FROM outbox_deliveries WHERE status = 'pending' AND next_attempt_at <= \(bind: now) AND claimed_until <= \(bind: now) LIMIT 1"
            ).first() != nil
        }
        guard due else { return [] }
        let skipLocked: SQLQueryString = database.flavor == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await database.write { db in
            let ids = try await db.raw(
                """
                UPDATE outbox_deliveries SET claimed_by = \(bind: claimant), claimed_until = \(bind: now + lease)
                WHERE id IN (SELECT id FROM outbox_deliveries WHERE status = 'pending' AND next_attempt_at <= \(bind: now)
                    AND claimed_until <= \(bind: now) ORDER BY next_attempt_at, id LIMIT \(bind: limit)\(skipLocked))
                RETURNING id
                """
            ).all().map { try $0.decode(column: "id", as: Int64.self) }
            guard !ids.isEmpty else { return [] }
            let rows = try await db.raw(
                """
                SELECT d.id, e.event_id, e.type, e.payload, d.channel, d.target, d.language, d.endpoint_id, w.secret, w.previous_secret,
                    w.previous_secret_until, d.attempts, d.first_attempt_at
                FROM outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id LEFT JOIN webhook_endpoints w ON w.id = d.endpoint_id
                WHERE d.id IN (\(unsafeRaw: ids.map(String.init).joined(separator: ","))) AND d.claimed_by = \(bind: claimant)
                ORDER BY d.next_attempt_at, d.id
                """
            ).all()
            return try rows.map { row in
                var secrets = try row.decode(column: "secret", as: String?.self).map { [$0] } ?? []
                if let previous = try row.decode(column: "previous_secret", as: String?.self),
                    try row.decode(column: "previous_secret_until", as: Int64?.self) ?? 0 > now
                {
                    secrets.append(previous)
                }
                return ClaimedDelivery(
                    id: try row.decode(column: "id", as: Int64.self), eventID: try row.decode(column: "event_id", as: String.self),
                    eventType: try row.decode(column: "type", as: String.self), payload: try row.decode(column: "payload", as: String.self),
                    channel: try row.decode(column: "channel", as: String.self), target: try row.decode(column: "target", as: String.self),
                    language: try row.decode(column: "language", as: String?.self) ?? "fr",
                    endpointID: try row.decode(column: "endpoint_id", as: Int64?.self), secrets: secrets,
                    attempts: try row.decode(column: "attempts", as: Int.self), firstAttemptAt: try row.decode(column: "first_attempt_at", as: Int64?.self))
            }
        }
    }

    /// Records how an attempt went, if `claimant` still holds the claim: delivered, due again as
    /// `schedule` says, failed for good when it is spent, or failed and its endpoint disabled on 410.
    func recordDelivery(_ delivery: ClaimedDelivery, _ outcome: DeliveryOutcome, claimant: String, now: Int64, schedule: RetrySchedule) async throws {
        let first = delivery.firstAttemptAt ?? now
        let held: SQLQueryString = "id = \(bind: delivery.id) AND claimed_by = \(bind: claimant) AND status = 'pending'"
        switch outcome {
        case .delivered(let status):
            try await database.write { db in
                try await db.raw(
                    """
                    UPDATE outbox_deliveries SET status = 'delivered', attempts = attempts + 1, first_attempt_at = \(bind: first),
                        last_status = \(bind: status), last_error = NULL, claimed_until = 0,
                        delivered_at = \(bind: Timestamp.string(Date(timeIntervalSince1970: Double(now) / 1_000)))
                    WHERE \(held)
                    """
                ).run()
                try await Self.forgetLink(deliveryID: delivery.id, db: db)
            }
        case .failed(let status, let error):
            let next = schedule.nextAttempt(after: delivery.attempts + 1, firstAttempt: first)
            try await database.write { db in
                try await db.raw(
                    """
                    UPDATE outbox_deliveries SET status = \(bind: next == nil ? "failed" : "pending"), attempts = attempts + 1,
                        first_attempt_at = \(bind: first), next_attempt_at = \(bind: next ?? now), last_status = \(bind: status),
                        last_error = \(bind: next == nil ? error + " (retries spent)" : error), claimed_until = 0
                    WHERE \(held)
                    """
                ).run()
                if next == nil { try await Self.forgetLink(deliveryID: delivery.id, db: db) }
            }
        case .gone:
            try await database.transaction { db in
                try await db.raw(
                    """
                    UPDATE outbox_deliveries SET status = 'failed', attempts = attempts + 1, first_attempt_at = \(bind: first), last_status = 410,
                        last_error = '410 Gone: the receiver asked to stop; its endpoint is disabled', claimed_until = 0
                    WHERE \(held)
                    """
                ).run()
                try await db.raw(
                    """
                    UPDATE webhook_endpoints SET enabled = \(bind: false),
                        disabled_reason = \(bind: "answered 410 Gone at \(Timestamp.string(Date(timeIntervalSince1970: Double(now) / 1_000)))")
                    WHERE id = \(bind: delivery.endpointID)
                    """
                ).run()
                if let endpointID = delivery.endpointID {
                    try await Self.cancelPending(endpointID: endpointID, reason: "endpoint disabled: it answered 410 Gone", db: db)
                }
            }
        }
    }

    /// A portal link's mail is done with: the link (a password's key) leaves the outbox.
    static func forgetLink(deliveryID: Int64, db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE outbox_events SET payload = '{}'
            WHERE type = \(bind: MailComposer.PortalLinkMail.eventType) AND id = (SELECT event_id FROM outbox_deliveries WHERE id = \(bind: deliveryID))
            """
        ).run()
    }

    // MARK: Listing and replaying

    static let outboxColumns = """
        d.id, e.event_id, e.type, c.code AS client_code, d.channel, d.target, d.status, d.attempts, d.created_at, d.next_attempt_at,
        d.last_status, d.last_error, d.delivered_at
        """
    static let outboxTables = "outbox_deliveries d JOIN outbox_events e ON e.id = d.event_id LEFT JOIN clients c ON c.id = e.client_id"

    static func outboxEntry(_ row: any SQLRow) throws -> OutboxEntry {
        let status = OutboxStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed
        var entry = OutboxEntry(
            id: try row.decode(column: "id", as: Int64.self), eventID: try row.decode(column: "event_id", as: String.self),
            eventType: try row.decode(column: "type", as: String.self),
            clientCode: try row.decode(column: "client_code", as: String?.self), channel: try row.decode(column: "channel", as: String.self),
            target: try row.decode(column: "target", as: String.self), status: status, attempts: try row.decode(column: "attempts", as: Int.self),
            createdAt: try row.date("created_at"))
        if status == .pending {
            entry.nextAttemptAt = Date(timeIntervalSince1970: Double(try row.decode(column: "next_attempt_at", as: Int64.self)) / 1_000)
        }
        entry.lastStatus = try row.decode(column: "last_status", as: Int?.self)
        entry.lastError = try row.decode(column: "last_error", as: String?.self)
        entry.deliveredAt = try row.optionalDate("delivered_at")
        return entry
    }

    /// The deliveries, newest first; all of them, or those with `status`.
    public func outbox(status: OutboxStatus?, clientCode: String? = nil, _ query: ListQuery = ListQuery()) async throws -> Page<OutboxEntry> {
        try await database.withConnection { db in
            var conditions: [SQLQueryString] = []
            if let status { conditions.append("d.status = \(bind: status.rawValue)") }
            if let clientCode { conditions.append("e.client_id = \(bind: try await Self.client(code: clientCode, db: db).id)") }
            let tables: SQLQueryString = "\(unsafeRaw: Self.outboxTables) \(Self.whereClause(conditions))"
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM \(tables)")
            let rows = try await db.raw(
                "SELECT \(unsafeRaw: Self.outboxColumns) FROM \(tables) ORDER BY d.id DESC LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)"
            ).all()
            return Page(items: try rows.map(Self.outboxEntry), total: total, limit: query.limit, offset: query.offset)
        }
    }

    /// Puts failed or cancelled deliveries back in the queue with a fresh retry schedule: the ids
    /// given (each must be failed or cancelled; a webhook's endpoint still there and enabled), or
    /// every failed one (e-mail, and webhooks whose endpoint is enabled).
    public func retryDeliveries(_ request: OutboxRetryRequest, now: Date = Date()) async throws -> OutboxRetryResult {
        let ids = request.ids ?? []
        guard ids.isEmpty != (request.allFailed != true) else {
            throw StoreError.invalidReference(field: "ids", message: "name the deliveries to retry, or ask for all failed ones, not both")
        }
        guard ids.count <= 1_000 else { throw StoreError.invalidReference(field: "ids", message: "at most 1000 deliveries at a time") }
        let due = Int64(now.timeIntervalSince1970 * 1_000)
        return try await database.transaction { db in
            let requeue: SQLQueryString = """
                UPDATE outbox_deliveries SET status = 'pending', attempts = 0, first_attempt_at = NULL, next_attempt_at = \(bind: due),
                    claimed_until = 0, last_error = NULL
                """
            if request.allFailed == true {
                let rows = try await db.raw(
                    """
                    \(requeue) WHERE status = 'failed'
                        AND (channel = 'email' OR endpoint_id IN (SELECT id FROM webhook_endpoints WHERE enabled = \(bind: true))) RETURNING id
                    """
                ).all()
                return OutboxRetryResult(requeued: rows.count)
            }
            for id in ids {
                guard
                    let row = try await db.raw(
                        """
                        SELECT d.status, d.channel, d.endpoint_id, w.enabled FROM outbox_deliveries d LEFT JOIN webhook_endpoints w ON w.id = d.endpoint_id
                        WHERE d.id = \(bind: id)
                        """
                    ).first()
                else { throw StoreError.notFound(entity: "outbox delivery", key: String(id)) }
                let status = try row.decode(column: "status", as: String.self)
                guard status == OutboxStatus.failed.rawValue || status == OutboxStatus.cancelled.rawValue else {
                    throw StoreError.conflict(field: "ids", message: "delivery \(id) is \(status): only failed or cancelled ones are retried")
                }
                if try row.decode(column: "channel", as: String.self) == "email" {
                    try await db.raw("\(requeue) WHERE id = \(bind: id)").run()
                    continue
                }
                guard let endpoint = try row.decode(column: "endpoint_id", as: Int64?.self) else {
                    throw StoreError.conflict(field: "ids", message: "delivery \(id): its webhook endpoint was removed")
                }
                guard try row.decode(column: "enabled", as: Bool.self) else {
                    throw StoreError.conflict(
                        field: "ids", message: "delivery \(id): webhook \(endpoint) is disabled; enable it first (parcctl webhook enable \(endpoint))")
                }
                try await db.raw("\(requeue) WHERE id = \(bind: id)").run()
            }
            return OutboxRetryResult(requeued: ids.count)
        }
    }
}
