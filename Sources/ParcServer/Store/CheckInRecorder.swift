import Foundation
import SQLKit

/// Records check-ins in batches: every caller waits for the transaction that holds its rows, so
/// an acknowledgement still means committed, but a hundred agents checking in at once cost one
/// transaction instead of a hundred turns of SQLite's single writer.
///
/// A check-in brings one or two rows: the check-in itself in `agent_reports` when nothing is to
/// be sent (a report records itself), and the agent's last-seen time, host name and version, which
/// an agent reporting hourly refreshes at every check-in.
actor CheckInRecorder {
    struct Row: Sendable {
        var agentID: String
        /// The agent's client (its scope): every statement matches the agent row on it too.
        var clientID: Int64
        var receivedAt: String
        /// The check-in's row in `agent_reports`: its key and size on the wire.
        var report: (key: String?, bytes: Int)?
        /// What to store in `agents` with `receivedAt` as last seen.
        var refresh: (hostname: String, agentVersion: String)?
    }

    private let database: Database
    private var pending: [(Row, CheckedContinuation<Void, any Error>)] = []
    private var flushing = false
    /// PostgreSQL allows 65,535 bound values, SQLite 32,766; ten per check-in at most.
    private let batchLimit = 500

    /// A retried check-in (same key) finds its row there and adds nothing. Written only for an agent
    /// of the scope's client: key, time, sections, bytes, bytes, then agent id and client id.
    static let insertReport = """
        INSERT INTO agent_reports (agent_id, report_key, received_at, sections, body_bytes, wire_bytes)
        SELECT id, ?, ?, ?, ?, ? FROM agents WHERE id = ? AND client_id = ?
        ON CONFLICT (agent_id, report_key) DO NOTHING
        """
    static let refreshAgent = "UPDATE agents SET last_seen_at = ?, hostname = ?, agent_version = ? WHERE id = ? AND client_id = ?"

    init(database: Database) {
        self.database = database
    }

    func record(_ row: Row) async throws {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((row, continuation))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(batchLimit))
            pending.removeFirst(batch.count)
            do {
                try await write(batch.map(\.0))
                for (_, continuation) in batch { continuation.resume() }
            } catch {
                for (_, continuation) in batch { continuation.resume(throwing: error) }
            }
        }
        flushing = false
    }

    /// On SQLite, prepared statements one row at a time in the batch's transaction (`SQLiteDirect`);
    /// on PostgreSQL, one statement: a multi-row INSERT and one UPDATE from a VALUES list.
    private func write(_ rows: [Row]) async throws {
        let reports = rows.compactMap { row in row.report.map { (row, $0) } }
        let refreshes = rows.compactMap { row in row.refresh.map { (row, $0) } }
        if database.direct != nil {
            try await database.writeDirectly(
                reports.map { row, report in
                    (
                        Self.insertReport,
                        [
                            .text(report.key), .text(row.receivedAt), .text(""), .integer(Int64(report.bytes)), .integer(Int64(report.bytes)),
                            .text(row.agentID), .integer(row.clientID),
                        ]
                    )
                }
                    + refreshes.map { row, refresh in
                        (
                            Self.refreshAgent,
                            [.text(row.receivedAt), .text(refresh.hostname), .text(refresh.agentVersion), .text(row.agentID), .integer(row.clientID)]
                        )
                    })
            return
        }
        // One statement, so one round trip, atomic without a transaction: the INSERT as a CTE.
        var query: SQLQueryString = ""
        if !reports.isEmpty {
            query =
                query + (refreshes.isEmpty ? "" : "WITH recorded AS (")
                + "INSERT INTO agent_reports (agent_id, report_key, received_at, sections, body_bytes, wire_bytes) "
                + "SELECT a.id, v.key, v.at, '', v.bytes, v.bytes FROM (VALUES "
            for (index, (row, report)) in reports.enumerated() {
                if index > 0 { query = query + ", " }
                query = query + "(\(bind: row.agentID), \(bind: row.clientID), \(bind: report.key), \(bind: row.receivedAt), \(bind: Int64(report.bytes)))"
            }
            query =
                query + ") AS v (id, client, key, at, bytes) JOIN agents a ON a.id = v.id AND a.client_id = v.client"
                + " ON CONFLICT (agent_id, report_key) DO NOTHING" + (refreshes.isEmpty ? "" : ") ")
        }
        if !refreshes.isEmpty {
            query = query + "UPDATE agents SET last_seen_at = v.seen, hostname = v.hostname, agent_version = v.version FROM (VALUES "
            for (index, (row, refresh)) in refreshes.enumerated() {
                if index > 0 { query = query + ", " }
                query =
                    query + "(\(bind: row.agentID), \(bind: row.clientID), \(bind: row.receivedAt), \(bind: refresh.hostname), \(bind: refresh.agentVersion))"
            }
            query = query + ") AS v (id, client, seen, hostname, version) WHERE agents.id = v.id AND agents.client_id = v.client"
        }
        let statement = query
        try await database.write { db in try await db.raw(statement).run() }
    }
}
