/// The client portal's accounts: portal users (one client, one of its employees, a role), the
/// single-use links that invite them or reset their password (only a hash of each is kept), their
/// server-side sessions (so that logout and disabling end them at once on every instance), and the
/// login attempts counted per address. A client may share all its tickets with its members.
enum M0013_Portal {
    static let migration = Migration(version: 13, name: "portal") { flavor in
        let id = flavor.idColumn
        return [
            "ALTER TABLE clients ADD COLUMN shared_tickets BOOLEAN NOT NULL DEFAULT FALSE",
            """
            CREATE TABLE portal_users (
                id \(id),
                client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
                employee_id BIGINT NOT NULL UNIQUE REFERENCES employees(id) ON DELETE RESTRICT,
                email TEXT NOT NULL,
                role TEXT NOT NULL,
                password_hash TEXT,
                totp_secret TEXT,
                failed_logins BIGINT NOT NULL DEFAULT 0,
                locked_until TEXT,
                disabled_at TEXT,
                last_login_at TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL)
            """,
            // E-mail is the login: unique whatever its case.
            "CREATE UNIQUE INDEX portal_users_email ON portal_users (LOWER(email))",
            "CREATE INDEX portal_users_client ON portal_users (client_id, id)",
            """
            CREATE TABLE portal_links (
                id \(id),
                portal_user_id BIGINT NOT NULL REFERENCES portal_users(id) ON DELETE RESTRICT,
                purpose TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                expires_at TEXT NOT NULL,
                used_at TEXT,
                created_at TEXT NOT NULL)
            """,
            "CREATE INDEX portal_links_user ON portal_links (portal_user_id, id)",
            """
            CREATE TABLE portal_sessions (
                id_hash TEXT PRIMARY KEY,
                portal_user_id BIGINT NOT NULL REFERENCES portal_users(id) ON DELETE RESTRICT,
                csrf_token TEXT NOT NULL,
                created_at TEXT NOT NULL,
                last_seen_at TEXT NOT NULL)
            """,
            "CREATE INDEX portal_sessions_user ON portal_sessions (portal_user_id)",
            """
            CREATE TABLE portal_login_attempts (
                address TEXT PRIMARY KEY,
                window_started_at TEXT NOT NULL,
                failures BIGINT NOT NULL)
            """,
        ]
    }
}
