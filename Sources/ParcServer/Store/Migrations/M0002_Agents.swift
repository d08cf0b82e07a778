/// Enrollment tokens, enrolled agents, their reports and the latest content of each report section.
enum M0002_Agents {
    static let migration = Migration(version: 2, name: "agents") { flavor in
        let id = flavor.idColumn
        return [
            """
            CREATE TABLE enrollment_tokens (
                id \(id),
                client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
                created_by BIGINT NOT NULL REFERENCES staff_users(id) ON DELETE RESTRICT,
                label TEXT,
                secret_hash TEXT NOT NULL UNIQUE,
                prefix TEXT NOT NULL,
                max_uses BIGINT NOT NULL CHECK (max_uses >= 1),
                uses BIGINT NOT NULL DEFAULT 0 CHECK (uses >= 0 AND uses <= max_uses),
                expires_at TEXT NOT NULL,
                created_at TEXT NOT NULL,
                revoked_at TEXT)
            """,
            "CREATE INDEX enrollment_tokens_client ON enrollment_tokens (client_id)",
            """
            CREATE TABLE agents (
                id TEXT PRIMARY KEY,
                client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
                enrollment_token_id BIGINT NOT NULL REFERENCES enrollment_tokens(id) ON DELETE RESTRICT,
                hostname TEXT NOT NULL,
                agent_version TEXT NOT NULL,
                certificate_serial TEXT NOT NULL,
                certificate_expires_at TEXT NOT NULL,
                enrolled_at TEXT NOT NULL,
                last_seen_at TEXT,
                revoked_at TEXT)
            """,
            "CREATE INDEX agents_client ON agents (client_id)",
        ]
    }
}
