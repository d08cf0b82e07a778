import Foundation
import SQLKit

/// Records unchanged check-ins in batches: every caller waits for the transaction that holds its
/// row, so an acknowledgement still means committed, but a hundred agents checking in at once
/// cost one transaction instead of a hundred turns of SQLite's single writer.
actor CheckInRecorder {
    struct Row: Sendable {
        var agentID: String
        var reportKey: String?
        var receivedAt: String
        var bytes: Int
    }

    private let database: Database
    private var pending: [(Row, CheckedContinuation<Void, any Error>)] = []
    private var flushing = false
    /// PostgreSQL allows 65,535 bound values, SQLite 32,766; six per row.
    private let batchLimit = 500

    /// On SQLite, one prepared row at a time in the batch's transaction (`SQLiteDirect`); on
    /// PostgreSQL, one multi-row INSERT. A retried check-in (same key) finds its row there and adds nothing.
    static let insertOne = """
        INSERT INTO agent_reports (agent_id, report_key, received_at, sections, body_bytes, wire_bytes) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (agent_id, report_key) DO NOTHING
        """

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
            let rows = batch.map(\.0)
            do {
                if database.direct != nil {
                    try await database.insertDirectly(Self.insertOne, rows: rows.map { row in
                        [.text(row.agentID), .text(row.reportKey), .text(row.receivedAt), .text(""), .integer(Int64(row.bytes)), .integer(Int64(row.bytes))]
                    })
                } else {
                    try await database.write { db in
                        var query: SQLQueryString = "INSERT INTO agent_reports (agent_id, report_key, received_at, sections, body_bytes, wire_bytes) VALUES "
                        for (index, row) in rows.enumerated() {
                            if index > 0 { query = query + ", " }
                            query = query + "(\(bind: row.agentID), \(bind: row.reportKey), \(bind: row.receivedAt), \(bind: ""), \(bind: Int64(row.bytes)), \(bind: Int64(row.bytes)))"
                        }
                        try await db.raw(query + " ON CONFLICT (agent_id, report_key) DO NOTHING").run()
                    }
                }
                for (_, continuation) in batch { continuation.resume() }
            } catch {
                for (_, continuation) in batch { continuation.resume(throwing: error) }
            }
        }
        flushing = false
    }
}
