import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

extension Store {
    static let webhookColumns = """
        w.id, c.code AS client_code, w.url, w.events, w.enabled, w.disabled_reason, w.created_at, w.previous_secret_until
        """
    static let webhookTables = "webhook_endpoints w LEFT JOIN clients c ON c.id = w.client_id"

    static func webhook(_ row: any SQLRow) throws -> WebhookEndpoint {
        WebhookEndpoint(
            id: try row.decode(column: "id", as: Int64.self), clientCode: try row.decode(column: "client_code", as: String?.self),
            url: try row.decode(column: "url", as: String.self), events: Self.events(try row.decode(column: "events", as: String.self)),
            enabled: try row.decode(column: "enabled", as: Bool.self), disabledReason: try row.decode(column: "disabled_reason", as: String?.self),
            createdAt: try row.date("created_at"),
            previousSecretUntil: try row.decode(column: "previous_secret_until", as: Int64?.self).map { Date(timeIntervalSince1970: Double($0) / 1_000) })
    }

    /// Stored as `*` (all) or a comma-separated list.
    static func events(_ text: String) -> [NotificationEvent] {
        text == "*" ? [] : text.split(separator: ",").compactMap { NotificationEvent(rawValue: String($0)) }
    }

    public func webhooks(clientCode: String? = nil) async throws -> [WebhookEndpoint] {
        try await database.withConnection { db in
            let scope: SQLQueryString =
                if let clientCode { "WHERE w.client_id = \(bind: try await Self.client(code: clientCode, db: db).id)" } else { "" }
            return try await db.raw("SELECT \(unsafeRaw: Self.webhookColumns) FROM \(unsafeRaw: Self.webhookTables) \(scope) ORDER BY w.id").all()
                .map(Self.webhook)
        }
    }

    public func webhook(id: Int64) async throws -> WebhookEndpoint {
        try await database.withConnection { db in try await Self.webhook(id: id, db: db) }
    }

    static func webhook(id: Int64, db: any SQLDatabase) async throws -> WebhookEndpoint {
        guard let row = try await db.raw("SELECT \(unsafeRaw: webhookColumns) FROM \(unsafeRaw: webhookTables) WHERE w.id = \(bind: id)").first() else {
            throw StoreError.notFound(entity: "webhook", key: String(id))
        }
        return try webhook(row)
    }

    /// Registers a receiver; the URL must already have passed `WebhookAddressGuard`.
    public func addWebhook(_ new: NewWebhookEndpoint, now: Date = Date()) async throws -> WebhookEndpointSecret {
        _ = try WebhookTargets.parse(new.url)
        let secret = Self.newWebhookSecret()
        let events = new.events.map { Set($0).map(\.rawValue).sorted().joined(separator: ",") }.flatMap { $0.isEmpty ? nil : $0 } ?? "*"
        return try await database.transaction { db in
            let clientID = try await new.client.asyncMap { try await Self.client(code: $0, db: db).id }
            let id = try await db.raw(
                """
                INSERT INTO webhook_endpoints (client_id, url, events, secret, enabled, created_at)
                VALUES (\(bind: clientID), \(bind: new.url), \(bind: events), \(bind: secret), \(bind: true), \(bind: Timestamp.string(now))) RETURNING id
                """
            ).first().require().decode(column: "id", as: Int64.self)
            return WebhookEndpointSecret(endpoint: try await Self.webhook(id: id, db: db), secret: secret)
        }
    }

    /// Removes a receiver; what was still waiting for it is cancelled (its history stays).
    public func removeWebhook(id: Int64) async throws {
        try await database.transaction { db in
            _ = try await Self.webhook(id: id, db: db)
            try await Self.cancelPending(endpointID: id, reason: "endpoint removed", db: db)
            try await db.raw("DELETE FROM webhook_endpoints WHERE id = \(bind: id)").run()
        }
    }

    /// A new secret; the old one keeps signing beside it for `overlap`, so receivers can switch
    /// without losing a message (Standard Webhooks' two signatures).
    public func rotateWebhookSecret(id: Int64, overlap: Duration = .seconds(86_400), now: Date = Date()) async throws -> WebhookEndpointSecret {
        let secret = Self.newWebhookSecret()
        let until = Int64(now.timeIntervalSince1970 * 1_000) + overlap.components.seconds * 1_000
        return try await database.transaction { db in
            _ = try await Self.webhook(id: id, db: db)
            try await db.raw(
                """
                UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_until = \(bind: until), secret = \(bind: secret)
                WHERE id = \(bind: id)
                """
            ).run()
            return WebhookEndpointSecret(endpoint: try await Self.webhook(id: id, db: db), secret: secret)
        }
    }

    public func setWebhookEnabled(id: Int64, _ enabled: Bool, reason: String? = nil) async throws -> WebhookEndpoint {
        try await database.transaction { db in
            _ = try await Self.webhook(id: id, db: db)
            try await db.raw(
                "UPDATE webhook_endpoints SET enabled = \(bind: enabled), disabled_reason = \(bind: enabled ? nil : (reason ?? "disabled by staff")) WHERE id = \(bind: id)"
            ).run()
            if !enabled { try await Self.cancelPending(endpointID: id, reason: "endpoint disabled", db: db) }
            return try await Self.webhook(id: id, db: db)
        }
    }

    static func cancelPending(endpointID: Int64, reason: String, db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE outbox_deliveries SET status = 'cancelled', last_error = \(bind: reason), claimed_until = 0
            WHERE endpoint_id = \(bind: endpointID) AND status = 'pending'
            """
        ).run()
    }

    /// `whsec_` and 32 random bytes in base64, as Standard Webhooks' libraries read secrets.
    static func newWebhookSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return "whsec_" + Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
    }
}
