import Foundation
import ParcProtocol
import SQLKit

/// The store as a client-facing route sees it: every read and write is of the scope's client, and
/// the SQL of each says so (`client_id = scope.clientID`), so that a forgotten check in a handler
/// cannot reach another client's rows. Staff routes use the full `Store`.
public struct ClientStore: Sendable {
    public let scope: ClientScope
    /// The unscoped store, for this type's own methods only.
    private let base: Store

    init(scope: ClientScope, base: Store) {
        self.scope = scope
        self.base = base
    }

    var database: Database { base.database }
    var checkIns: CheckInRecorder { base.checkIns }
}

extension Store {
    /// The store narrowed to one client, for the routes that client's credentials reach.
    public func scoped(to scope: ClientScope) -> ClientStore { ClientStore(scope: scope, base: self) }
}

// MARK: - What an agent does

extension ClientStore {
    /// The sections whose hash differs from what is stored; records the check-in when nothing is needed.
    /// A check-in whose `reportKey` was already recorded needs nothing and records nothing again.
    ///
    /// This is the hot path of every agent: the stored hashes came with authentication, and a
    /// check-in costs a row or two in a batched transaction (`CheckInRecorder`): the check-in when
    /// nothing is needed, and the agent's last-seen time, at most once a minute or when its host
    /// name or version changed.
    public func checkIn(agent: AuthenticatedAgent, _ checkIn: CheckIn, reportKey: String?, wireBytes: Int, now: Date = Date()) async throws
        -> [InventorySection]
    {
        try requireOwn(agent)
        let needed = InventorySection.allCases.filter { section in
            guard let hash = checkIn.sectionHashes[section.rawValue] else { return false }
            return agent.sectionHashes[section.rawValue] != hash
        }
        let refreshAgent =
            agent.hostname != checkIn.hostname || agent.agentVersion != checkIn.agentVersion
            || agent.lastSeenAt.map { now.timeIntervalSince($0) >= 60 } ?? true
        if needed.isEmpty || refreshAgent {
            try await checkIns.record(
                .init(
                    agentID: agent.id, clientID: scope.clientID, receivedAt: Timestamp.string(now), report: needed.isEmpty ? (reportKey, wireBytes) : nil,
                    refresh: refreshAgent ? (checkIn.hostname, checkIn.agentVersion) : nil))
        }
        if !needed.isEmpty, let reportKey, try await database.withConnection({ db in try await report(agentID: agent.id, key: reportKey, db: db) }) != nil {
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
        try requireOwn(agent)
        let clientID = scope.clientID
        return try await database.transaction { db in
            if let reportKey, let existing = try await report(agentID: agent.id, key: reportKey, db: db) { return existing }
            let stamp = Timestamp.string(now)
            // The agent row of this client, or nothing is written at all.
            let touched = try await db.raw(
                "UPDATE agents SET last_seen_at = \(bind: stamp) WHERE id = \(bind: agent.id) AND client_id = \(bind: clientID) RETURNING id"
            ).first()
            guard touched != nil else { throw StoreError.notFound(entity: "agent", key: agent.id) }
            for item in sections {
                try await db.raw(
                    """
                    INSERT INTO agent_sections (agent_id, section, hash, content, updated_at)
                    VALUES (\(bind: agent.id), \(bind: item.section.rawValue), \(bind: item.hash), \(bind: item.content), \(bind: stamp))
                    ON CONFLICT (agent_id, section) DO UPDATE SET hash = excluded.hash, content = excluded.content, updated_at = excluded.updated_at
                    """
                ).run()
            }
            // Sections whose content the agent already had stored changed nothing in its asset.
            let changed = Set(sections.filter { agent.sectionHashes[$0.section.rawValue] != $0.hash }.map(\.section))
            try await Store.reconcile(agent: agent, report: inventory.keeping(changed), now: now, db: db)
            let id = try await Store.insertReport(
                agentID: agent.id, key: reportKey, sections: sections.map(\.section), bodyBytes: bodyBytes, wireBytes: wireBytes, now: now, db: db)
            return ReportReceipt(reportID: id, sections: sections.map(\.section), receivedAt: Timestamp.date(stamp) ?? now)
        }
    }

    /// Records a renewed certificate: from now on only the new one is accepted.
    public func recordRenewal(agent: AuthenticatedAgent, serial: String, expiresAt: Date) async throws {
        try requireOwn(agent)
        let clientID = scope.clientID
        try await database.transaction { db in
            let renewed = try await db.raw(
                """
                UPDATE agents SET certificate_serial = \(bind: serial), certificate_expires_at = \(bind: Timestamp.string(expiresAt))
                WHERE id = \(bind: agent.id) AND client_id = \(bind: clientID) RETURNING id
                """
            ).first()
            guard renewed != nil else { throw StoreError.notFound(entity: "agent", key: agent.id) }
        }
    }

    /// A report the agent already sent under `key`, looked up through the agent's client.
    private func report(agentID: String, key: String, db: any SQLDatabase) async throws -> ReportReceipt? {
        let row = try await db.raw(
            """
            SELECT r.id, r.received_at, r.sections FROM agent_reports r JOIN agents a ON a.id = r.agent_id
            WHERE r.agent_id = \(bind: agentID) AND r.report_key = \(bind: key) AND a.client_id = \(bind: scope.clientID)
            """
        ).first()
        guard let row else { return nil }
        return ReportReceipt(
            reportID: try row.decode(column: "id", as: Int64.self),
            sections: try row.decode(column: "sections", as: String.self).split(separator: ",").compactMap { InventorySection(rawValue: String($0)) },
            receivedAt: try row.date("received_at"))
    }

    /// An agent of another client is not there, as far as this scope can tell.
    private func requireOwn(_ agent: AuthenticatedAgent) throws {
        guard agent.scope == scope else { throw StoreError.notFound(entity: "agent", key: agent.id) }
    }
}
