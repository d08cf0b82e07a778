/// What the portal's pages read and write: the employees who follow a ticket besides its reporter,
/// the personal access tokens client admins make for the portal's JSON API (hashed), the second
/// factor (a secret being set up, the last time step used, sessions waiting for a code), and the
/// indexes that keep a member's lists quick among a large client's rows.
enum M0014_PortalContent {
    static let migration = Migration(version: 14, name: "portal content") { flavor in
        let id = flavor.idColumn
        return [
            """
            CREATE TABLE ticket_followers (
                ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE RESTRICT,
                employee_id BIGINT NOT NULL REFERENCES employees(id) ON DELETE RESTRICT,
                PRIMARY KEY (ticket_id, employee_id))
            """,
            "CREATE INDEX ticket_followers_employee ON ticket_followers (employee_id)",
            "CREATE INDEX tickets_reporter_employee ON tickets (reporter_employee_id, id)",
            "CREATE INDEX tickets_client_id ON tickets (client_id, id)",
            // A client's open tickets, latest changed first: the portal's home.
            "CREATE INDEX tickets_client_open_updated ON tickets (client_id, updated_at) WHERE status NOT IN ('resolved', 'closed')",
            "CREATE INDEX assets_employee ON assets (employee_id)",
            "CREATE INDEX assets_client_warranty ON assets (client_id, warranty_end)",
            // The portal lists a client's equipment by name: walked in order, not sorted each time.
            "CREATE INDEX assets_client_name ON assets (client_id, name, id)",
            """
            CREATE TABLE portal_tokens (
                id \(id),
                portal_user_id BIGINT NOT NULL REFERENCES portal_users(id) ON DELETE RESTRICT,
                name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                last_used_at TEXT,
                revoked_at TEXT)
            """,
            "CREATE INDEX portal_tokens_user ON portal_tokens (portal_user_id, id)",
            "ALTER TABLE portal_users ADD COLUMN totp_pending_secret TEXT",
            "ALTER TABLE portal_users ADD COLUMN totp_last_step BIGINT",
            "ALTER TABLE portal_sessions ADD COLUMN awaiting_code BOOLEAN NOT NULL DEFAULT FALSE",
        ]
    }
}
