import Foundation
import ParcProtocol
import SQLKit

/// An agent authenticated by its certificate and the server's records.
public struct AuthenticatedAgent: Sendable, Equatable {
    public var id: String
    public var clientID: Int64
    public var clientCode: String
    /// As last recorded, so a check-in writes them only when they change.
    public var hostname: String = ""
    public var agentVersion: String = ""
    public var lastSeenAt: Date?
    /// The hash of each section stored for this agent, by section name.
    public var sectionHashes: [String: String] = [:]
}

extension Store {
    public enum AgentRefusal: Error, Equatable, Sendable {
        /// No agent holds this certificate: unknown, or replaced by a renewal.
        case unknown
        case revoked(agentID: String)
    }

    /// Checks, on every request, that the certificate is the one last issued to an agent that is not
    /// revoked. The agent's stored section hashes come with it, in the same query: a check-in needs them.
    public func authenticateAgent(certificateSerial: String) async throws -> AuthenticatedAgent {
        var rows: [AgentLookupRow] = []
        if let direct = database.direct {
            try direct.read(Self.agentBySerialSQLite, binding: certificateSerial) { row in
                rows.append(AgentLookupRow(
                    id: row.text(0) ?? "", clientID: row.int64(1), revokedAt: row.text(2), hostname: row.text(3) ?? "",
                    agentVersion: row.text(4) ?? "", lastSeenAt: row.text(5), clientCode: row.text(6) ?? "", section: row.text(7), hash: row.text(8)))
            }
        } else {
            for row in try await database.withConnection({ db in try await db.raw("\(unsafeRaw: Self.agentBySerial) = \(bind: certificateSerial)").all() }) {
                rows.append(AgentLookupRow(
                    id: try row.decode(column: "id", as: String.self), clientID: try row.decode(column: "client_id", as: Int64.self),
                    revokedAt: try row.decode(column: "revoked_at", as: String?.self), hostname: try row.decode(column: "hostname", as: String.self),
                    agentVersion: try row.decode(column: "agent_version", as: String.self), lastSeenAt: try row.decode(column: "last_seen_at", as: String?.self),
                    clientCode: try row.decode(column: "code", as: String.self), section: try row.decode(column: "section", as: String?.self),
                    hash: try row.decode(column: "hash", as: String?.self)))
            }
        }
        guard let first = rows.first else { throw AgentRefusal.unknown }
        guard first.revokedAt == nil else { throw AgentRefusal.revoked(agentID: first.id) }
        var hashes: [String: String] = [:]
        for row in rows {
            if let section = row.section { hashes[section] = row.hash ?? "" }
        }
        return AuthenticatedAgent(
            id: first.id, clientID: first.clientID, clientCode: first.clientCode, hostname: first.hostname, agentVersion: first.agentVersion,
            lastSeenAt: first.lastSeenAt.flatMap(Timestamp.date), sectionHashes: hashes)
    }

    /// One row of `agentBySerial`, whichever database read it.
    private struct AgentLookupRow {
        var id: String
        var clientID: Int64
        var revokedAt: String?
        var hostname: String
        var agentVersion: String
        var lastSeenAt: String?
        var clientCode: String
        var section: String?
        var hash: String?
    }

    /// The agent holding a certificate, one row per stored section; `= serial` follows.
    static let agentBySerial = """
        SELECT a.id, a.client_id, a.revoked_at, a.hostname, a.agent_version, a.last_seen_at, c.code, s.section, s.hash
        FROM agents a JOIN clients c ON c.id = a.client_id LEFT JOIN agent_sections s ON s.agent_id = a.id
        WHERE a.certificate_serial
        """
    /// Compared with a bare `?`, a join makes SQLite prepare the statement again at every step after a
    /// new binding (its constant propagation marks the parameter as plan-changing); through a CAST it
    /// keeps its plan, the same index lookup.
    static let agentBySerialSQLite = agentBySerial + " = CAST(? AS TEXT)"

    /// The sections whose hash differs from what is stored; records the check-in when nothing is needed.
    /// A check-in whose `reportKey` was already recorded needs nothing and records nothing again.
    ///
    /// This is the hot path of every agent: the stored hashes came with authentication, and a
    /// check-in costs a row or two in a batched transaction (`CheckInRecorder`): the check-in when
    /// nothing is needed, and the agent's last-seen time, at most once a minute or when its host
    /// name or version changed.
    public func checkIn(agent: AuthenticatedAgent, _ checkIn: CheckIn, reportKey: String?, wireBytes: Int, now: Date = Date()) async throws -> [InventorySection] {
        let needed = InventorySection.allCases.filter { section in
            guard let hash = checkIn.sectionHashes[section.rawValue] else { return false }
            return agent.sectionHashes[section.rawValue] != hash
        }
        let refreshAgent = agent.hostname != checkIn.hostname || agent.agentVersion != checkIn.agentVersion
            || agent.lastSeenAt.map { now.timeIntervalSince($0) >= 60 } ?? true
        if needed.isEmpty || refreshAgent {
            try await checkIns.record(.init(
                agentID: agent.id, receivedAt: Timestamp.string(now), report: needed.isEmpty ? (reportKey, wireBytes) : nil,
                refresh: refreshAgent ? (checkIn.hostname, checkIn.agentVersion) : nil))
        }
        if !needed.isEmpty, let reportKey, try await database.withConnection({ db in try await Self.report(agentID: agent.id, key: reportKey, db: db) }) != nil {
            return []
        }
        return needed
    }

    /// Stores the sections of a report, brings the agent's asset up to date and records the report,
    /// in one transaction; the receipt is returned only once everything is committed.
    /// A report whose key was already stored answers the first receipt and changes nothing.
    public func storeReport(
        agent: AuthenticatedAgent, reportKey: String?, inventory: Inventory, sections: [(section: InventorySection, hash: String, content: String)],
        bodyBytes: Int, wireBytes: Int, now: Date = Date()
    ) async throws -> ReportReceipt {
        try await database.transaction { db in
            if let reportKey, let existing = try await Self.report(agentID: agent.id, key: reportKey, db: db) { return existing }
            let stamp = Timestamp.string(now)
            for item in sections {
                try await db.raw(
                    """
                    INSERT INTO agent_sections (agent_id, section, hash, content, updated_at)
                    VALUES (\(bind: agent.id), \(bind: item.section.rawValue), \(bind: item.hash), \(bind: item.content), \(bind: stamp))
                    ON CONFLICT (agent_id, section) DO UPDATE SET hash = excluded.hash, content = excluded.content, updated_at = excluded.updated_at
                    """
                ).run()
            }
            try await db.raw("UPDATE agents SET last_seen_at = \(bind: stamp) WHERE id = \(bind: agent.id)").run()
            // Sections whose content the agent already had stored changed nothing in its asset.
            let changed = Set(sections.filter { agent.sectionHashes[$0.section.rawValue] != $0.hash }.map(\.section))
            try await Self.reconcile(agent: agent, report: inventory.keeping(changed), now: now, db: db)
            let id = try await Self.insertReport(
                agentID: agent.id, key: reportKey, sections: sections.map(\.section), bodyBytes: bodyBytes, wireBytes: wireBytes, now: now, db: db)
            return ReportReceipt(reportID: id, sections: sections.map(\.section), receivedAt: Timestamp.date(stamp) ?? now)
        }
    }

    @discardableResult
    static func insertReport(
        agentID: String, key: String?, sections: [InventorySection], bodyBytes: Int, wireBytes: Int, now: Date, db: any SQLDatabase
    ) async throws -> Int64 {
        let row = try await db.raw(
            """
            INSERT INTO agent_reports (agent_id, report_key, received_at, sections, body_bytes, wire_bytes)
            VALUES (\(bind: agentID), \(bind: key), \(bind: Timestamp.string(now)), \(bind: sections.map(\.rawValue).joined(separator: ",")),
                \(bind: Int64(bodyBytes)), \(bind: Int64(wireBytes)))
            RETURNING id
            """
        ).first()
        return try row.require().decode(column: "id", as: Int64.self)
    }

    static func report(agentID: String, key: String, db: any SQLDatabase) async throws -> ReportReceipt? {
        let row = try await db.raw(
            "SELECT id, received_at, sections FROM agent_reports WHERE agent_id = \(bind: agentID) AND report_key = \(bind: key)"
        ).first()
        guard let row else { return nil }
        return ReportReceipt(
            reportID: try row.decode(column: "id", as: Int64.self),
            sections: try row.decode(column: "sections", as: String.self).split(separator: ",").compactMap { InventorySection(rawValue: String($0)) },
            receivedAt: try row.date("received_at"))
    }

    /// The latest stored content of each section of an agent, as canonical JSON text.
    public func agentSections(agentID: String) async throws -> [InventorySection: String] {
        try await database.withConnection { db in
            let rows = try await db.raw("SELECT section, content FROM agent_sections WHERE agent_id = \(bind: agentID)").all()
            var result: [InventorySection: String] = [:]
            for row in rows {
                if let section = InventorySection(rawValue: try row.decode(column: "section", as: String.self)) {
                    result[section] = try row.decode(column: "content", as: String.self)
                }
            }
            return result
        }
    }

    /// Records a renewed certificate: from now on only the new one is accepted.
    public func recordRenewal(agent: AuthenticatedAgent, serial: String, expiresAt: Date) async throws {
        try await database.transaction { db in
            try await db.raw(
                "UPDATE agents SET certificate_serial = \(bind: serial), certificate_expires_at = \(bind: Timestamp.string(expiresAt)) WHERE id = \(bind: agent.id)"
            ).run()
        }
    }

    /// An agent's reports, newest first.
    public func agentReports(agentID: String, limit: Int = 50) async throws -> [AgentReport] {
        try await database.withConnection { db in
            _ = try await Self.agent(id: agentID, db: db)
            let rows = try await db.raw(
                "SELECT id, received_at, sections, body_bytes, wire_bytes FROM agent_reports WHERE agent_id = \(bind: agentID) ORDER BY id DESC LIMIT \(bind: limit)"
            ).all()
            return try rows.map { row in
                AgentReport(
                    id: try row.decode(column: "id", as: Int64.self), receivedAt: try row.date("received_at"),
                    sections: try row.decode(column: "sections", as: String.self).split(separator: ",").compactMap { InventorySection(rawValue: String($0)) },
                    bodyBytes: Int(try row.decode(column: "body_bytes", as: Int64.self)), wireBytes: Int(try row.decode(column: "wire_bytes", as: Int64.self)))
            }
        }
    }
}
