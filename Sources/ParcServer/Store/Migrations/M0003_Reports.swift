/// What agents send: one row per check-in or report, and the latest content of each section.
enum M0003_Reports {
    static let migration = Migration(version: 3, name: "reports") { flavor in
        let id = flavor.idColumn
        return [
            """
            CREATE TABLE agent_reports (
                id \(id),
                agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE RESTRICT,
                received_at TEXT NOT NULL,
                sections TEXT NOT NULL,
                body_bytes BIGINT NOT NULL,
                wire_bytes BIGINT NOT NULL)
            """,
            "CREATE INDEX agent_reports_agent ON agent_reports (agent_id, id)",
            """
            CREATE TABLE agent_sections (
                agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE RESTRICT,
                section TEXT NOT NULL,
                hash TEXT NOT NULL,
                content TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (agent_id, section))
            """,
        ]
    }
}
