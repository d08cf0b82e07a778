/// Intake from the agents clients already run (GLPI Agent, FusionInventory, OCS): the credentials
/// that bind each such agent to one client, the short-lived OAuth tokens made from them, and agents
/// that are not parc-agent: no enrollment token, no certificate of their own, known by the id they
/// send (`device_key`) within their client.
enum M0020_Intake {
    static let migration = Migration(version: 20, name: "intake", editsSQLiteSchemaText: true) { flavor in
        let id = flavor.idColumn
        var statements = [
            """
            CREATE TABLE intake_credentials (
                id \(id),
                client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
                kind TEXT NOT NULL,
                label TEXT,
                login TEXT UNIQUE,
                secret_hash TEXT,
                certificate_serial TEXT UNIQUE,
                certificate_expires_at TEXT,
                created_by BIGINT NOT NULL REFERENCES staff_users(id) ON DELETE RESTRICT,
                created_at TEXT NOT NULL,
                last_used_at TEXT,
                revoked_at TEXT)
            """,
            "CREATE INDEX intake_credentials_client ON intake_credentials (client_id)",
            """
            CREATE TABLE intake_tokens (
                token_hash TEXT PRIMARY KEY,
                credential_id BIGINT NOT NULL REFERENCES intake_credentials(id) ON DELETE RESTRICT,
                expires_at TEXT NOT NULL)
            """,
            "CREATE INDEX intake_tokens_expiry ON intake_tokens (expires_at)",
            "ALTER TABLE agents ADD COLUMN kind TEXT NOT NULL DEFAULT 'parc'",
            "ALTER TABLE agents ADD COLUMN intake_credential_id BIGINT REFERENCES intake_credentials(id) ON DELETE RESTRICT",
            "ALTER TABLE agents ADD COLUMN device_key TEXT",
            // `full` or `partial`: GLPI agents send partial inventories between full ones.
            "ALTER TABLE agents ADD COLUMN last_report_scope TEXT",
            // Fields an intake inventory had that were dropped, one per line.
            "ALTER TABLE agent_reports ADD COLUMN warnings TEXT",
            "ALTER TABLE asset_software ADD COLUMN publisher TEXT",
        ]
        switch flavor {
        case .postgres:
            statements += [
                "ALTER TABLE agents ALTER COLUMN enrollment_token_id DROP NOT NULL",
                "ALTER TABLE agents ALTER COLUMN certificate_serial DROP NOT NULL",
                "ALTER TABLE agents ALTER COLUMN certificate_expires_at DROP NOT NULL",
            ]
        case .sqlite:
            // After the ADD COLUMNs, which rewrite this text by offsets SQLite computed from the old one.
            statements += [
                "PRAGMA writable_schema = ON",
                """
                UPDATE sqlite_master SET sql = replace(replace(replace(sql,
                    'enrollment_token_id BIGINT NOT NULL', 'enrollment_token_id BIGINT'),
                    'certificate_serial TEXT NOT NULL', 'certificate_serial TEXT'),
                    'certificate_expires_at TEXT NOT NULL', 'certificate_expires_at TEXT')
                WHERE type = 'table' AND name = 'agents'
                """,
                "PRAGMA writable_schema = OFF",
            ]
        }
        // One agent per id it sends, within its client and kind.
        statements.append("CREATE UNIQUE INDEX agents_device ON agents (client_id, kind, device_key)")
        return statements
    }
}
