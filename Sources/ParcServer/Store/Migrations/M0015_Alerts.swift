/// Alerts (each fired once per client, kind, object, due date and threshold: the unique key makes
/// a second one impossible, whichever server scans) and the rules that set their lead times, the
/// provider's (no client) and clients' overrides.
enum M0015_Alerts {
    static let migration = Migration(version: 15, name: "alerts") { flavor in
        let id = flavor.idColumn
        return [
            """
            CREATE TABLE alerts (
                id \(id),
                client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
                kind TEXT NOT NULL,
                object TEXT NOT NULL,
                label TEXT NOT NULL,
                due TEXT NOT NULL,
                threshold BIGINT NOT NULL,
                summary TEXT NOT NULL,
                state TEXT NOT NULL,
                raised_at TEXT NOT NULL,
                acknowledged_at TEXT,
                acknowledged_by TEXT,
                resolved_at TEXT,
                resolution TEXT,
                ticket_id BIGINT REFERENCES tickets(id) ON DELETE RESTRICT,
                UNIQUE (client_id, kind, object, due, threshold))
            """,
            // What a scan reads: the alerts not resolved yet.
            "CREATE INDEX alerts_live ON alerts (kind, client_id) WHERE state <> 'resolved'",
            "CREATE INDEX alerts_client ON alerts (client_id, id)",
            """
            CREATE TABLE alert_rules (
                client_id BIGINT REFERENCES clients(id) ON DELETE RESTRICT,
                kind TEXT NOT NULL,
                lead_times TEXT NOT NULL,
                enabled BOOLEAN NOT NULL,
                opens_ticket BOOLEAN NOT NULL,
                updated_at TEXT NOT NULL)
            """,
            "CREATE UNIQUE INDEX alert_rules_scope ON alert_rules (COALESCE(client_id, 0), kind)",
        ]
    }
}
