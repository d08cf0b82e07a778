import Foundation
import ParcProtocol
import SQLKit

/// An agent authenticated by its certificate and the server's records.
public struct AuthenticatedAgent: Sendable, Equatable {
    public var id: String
    /// The agent's client, as its certificate proves: what its routes may read and write.
    public let scope: ClientScope
    public var clientID: Int64 { scope.clientID }
    public var clientCode: String { scope.clientCode }
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
        /// The agent's client was deactivated: its agents report nothing until it is reactivated.
        case clientInactive(agentID: String, clientCode: String)
    }

    /// Checks, on every request, that the certificate is the one last issued to an agent that is not
    /// revoked. The agent's stored section hashes come with it, in the same query: a check-in needs them.
    public func authenticateAgent(certificateSerial: String) async throws -> AuthenticatedAgent {
        var rows: [AgentLookupRow] = []
        if let direct = database.direct {
            try direct.read(Self.agentBySerialSQLite, binding: certificateSerial) { row in
                rows.append(
                    AgentLookupRow(
                        id: row.text(0) ?? "", clientID: row.int64(1), revokedAt: row.text(2), hostname: row.text(3) ?? "",
                        agentVersion: row.text(4) ?? "", lastSeenAt: row.text(5), clientCode: row.text(6) ?? "", clientActive: row.int64(9) != 0,
                        section: row.text(7), hash: row.text(8)))
            }
        } else {
            for row in try await database.withConnection({ db in try await db.raw("\(unsafeRaw: Self.agentBySerial) = \(bind: certificateSerial)").all() }) {
                rows.append(
                    AgentLookupRow(
                        id: try row.decode(column: "id", as: String.self), clientID: try row.decode(column: "client_id", as: Int64.self),
                        revokedAt: try row.decode(column: "revoked_at", as: String?.self), hostname: try row.decode(column: "hostname", as: String.self),
                        agentVersion: try row.decode(column: "agent_version", as: String.self),
                        lastSeenAt: try row.decode(column: "last_seen_at", as: String?.self),
                        clientCode: try row.decode(column: "code", as: String.self), clientActive: try row.decode(column: "active", as: Bool.self),
                        section: try row.decode(column: "section", as: String?.self),
                        hash: try row.decode(column: "hash", as: String?.self)))
            }
        }
        guard let first = rows.first else { throw AgentRefusal.unknown }
        guard first.revokedAt == nil else { throw AgentRefusal.revoked(agentID: first.id) }
        guard first.clientActive else { throw AgentRefusal.clientInactive(agentID: first.id, clientCode: first.clientCode) }
        var hashes: [String: String] = [:]
        for row in rows {
            if let section = row.section { hashes[section] = row.hash ?? "" }
        }
        return AuthenticatedAgent(
            id: first.id, scope: ClientScope(verifiedClientID: first.clientID, clientCode: first.clientCode), hostname: first.hostname,
            agentVersion: first.agentVersion,
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
        var clientActive: Bool
        var section: String?
        var hash: String?
    }

    /// The agent holding a certificate, one row per stored section; `= serial` follows.
    static let agentBySerial = """
        SELECT a.id, a.client_id, a.revoked_at, a.hostname, a.agent_version, a.last_seen_at, c.code, s.section, s.hash, c.active
        FROM agents a JOIN clients c ON c.id = a.client_id LEFT JOIN agent_sections s ON s.agent_id = a.id
        WHERE a.certificate_serial
        """
    /// Compared with a bare `?`, a join makes SQLite prepare the statement again at every step after a
    /// new binding (its constant propagation marks the parameter as plan-changing); through a CAST it
    /// keeps its plan, the same index lookup.
    static let agentBySerialSQLite = agentBySerial + " = CAST(? AS TEXT)"

    @discardableResult
    static func insertReport(
        agentID: String, key: String?, sections: [InventorySection], bodyBytes: Int, wireBytes: Int, now: Date, warnings: String? = nil,
        db: any SQLDatabase
    ) async throws -> Int64 {
        let row = try await db.raw(
            """
            INSERT INTO agent_reports (agent_id, report_key, received_at, sections, body_bytes, wire_bytes, warnings)
            VALUES (\(bind: agentID), \(bind: key), \(bind: Timestamp.string(now)), \(bind: sections.map(\.rawValue).joined(separator: ",")),
                \(bind: Int64(bodyBytes)), \(bind: Int64(wireBytes)), \(bind: warnings))
            RETURNING id
            """
        ).first()
        return try row.require().decode(column: "id", as: Int64.self)
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

    /// An agent's reports, newest first.
    public func agentReports(agentID: String, limit: Int = 50) async throws -> [AgentReport] {
        try await database.withConnection { db in
            _ = try await Self.agent(id: agentID, db: db)
            let rows = try await db.raw(
                "SELECT id, received_at, sections, body_bytes, wire_bytes, warnings FROM agent_reports WHERE agent_id = \(bind: agentID) ORDER BY id DESC LIMIT \(bind: limit)"
            ).all()
            return try rows.map { row in
                AgentReport(
                    id: try row.decode(column: "id", as: Int64.self), receivedAt: try row.date("received_at"),
                    sections: try row.decode(column: "sections", as: String.self).split(separator: ",").compactMap { InventorySection(rawValue: String($0)) },
                    bodyBytes: Int(try row.decode(column: "body_bytes", as: Int64.self)), wireBytes: Int(try row.decode(column: "wire_bytes", as: Int64.self)),
                    warnings: try row.decode(column: "warnings", as: String?.self).map { $0.split(separator: "\n").map(String.init) })
            }
        }
    }
}
