/// The notification outbox: events, written in the same transaction as the change that caused
/// them, and one delivery per receiver, claimed by one server at a time (`claimed_until`, a lease)
/// and retried on a schedule; and the webhook endpoints that receive them.
enum M0016_Outbox {
    static let migration = Migration(version: 16, name: "outbox") { flavor in
        let id = flavor.idColumn
        return [
            """
            CREATE TABLE webhook_endpoints (
                id \(id),
                client_id BIGINT REFERENCES clients(id) ON DELETE RESTRICT,
                url TEXT NOT NULL,
                events TEXT NOT NULL,
                secret TEXT NOT NULL,
                previous_secret TEXT,
                previous_secret_until BIGINT,
                enabled BOOLEAN NOT NULL,
                disabled_reason TEXT,
                created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE outbox_events (
                id \(id),
                event_id TEXT NOT NULL UNIQUE,
                type TEXT NOT NULL,
                client_id BIGINT REFERENCES clients(id) ON DELETE RESTRICT,
                payload TEXT NOT NULL,
                created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE outbox_deliveries (
                id \(id),
                event_id BIGINT NOT NULL REFERENCES outbox_events(id) ON DELETE RESTRICT,
                endpoint_id BIGINT REFERENCES webhook_endpoints(id) ON DELETE SET NULL,
                channel TEXT NOT NULL,
                target TEXT NOT NULL,
                status TEXT NOT NULL,
                attempts BIGINT NOT NULL,
                first_attempt_at BIGINT,
                next_attempt_at BIGINT NOT NULL,
                claimed_by TEXT,
                claimed_until BIGINT NOT NULL,
                last_status BIGINT,
                last_error TEXT,
                created_at TEXT NOT NULL,
                delivered_at TEXT)
            """,
            // What the delivery service polls: the pending deliveries by due time.
            "CREATE INDEX outbox_due ON outbox_deliveries (next_attempt_at, id) WHERE status = 'pending'",
            "CREATE INDEX outbox_by_status ON outbox_deliveries (status, id)",
            "CREATE INDEX outbox_by_endpoint ON outbox_deliveries (endpoint_id) WHERE status = 'pending'",
        ]
    }
}
