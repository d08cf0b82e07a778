/// Agents name each collection with a key, so a report retried after a lost acknowledgement is
/// recognised instead of being recorded twice.
enum M0004_ReportKeys {
    static let migration = Migration(version: 4, name: "report keys") { _ in
        [
            "ALTER TABLE agent_reports ADD COLUMN report_key TEXT",
            "CREATE UNIQUE INDEX agent_reports_key ON agent_reports (agent_id, report_key)",
        ]
    }
}
