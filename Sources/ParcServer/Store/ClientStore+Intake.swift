import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// What agents Parc did not enroll do, within the client their credential binds them to.
extension ClientStore {
    public enum IntakeRefusal: Error, Equatable, Sendable {
        /// A staff member revoked this agent: it stays refused until it is given another id.
        case agentRevoked(agentID: String)
    }

    /// The client's agent that sends `deviceKey` (GLPI-Agent-ID, or the device id of agents without
    /// one), made on its first contact and refreshed with its host name and version; a contact counts
    /// as the agent being seen.
    public func intakeAgent(
        kind: String, deviceKey: String, hostname: String, version: String, credentialID: Int64, now: Date = Date()
    ) async throws -> AuthenticatedAgent {
        let clientID = scope.clientID
        let stamp = Timestamp.string(now)
        return try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO agents (id, client_id, kind, device_key, intake_credential_id, hostname, agent_version, enrolled_at, last_seen_at)
                VALUES (\(bind: UUID().uuidString.lowercased()), \(bind: clientID), \(bind: kind), \(bind: deviceKey), \(bind: credentialID),
                    \(bind: hostname), \(bind: version), \(bind: stamp), \(bind: stamp))
                ON CONFLICT (client_id, kind, device_key) DO NOTHING
                """
            ).run()
            let row = try await db.raw(
                """
                SELECT id, hostname, agent_version, revoked_at FROM agents
                WHERE client_id = \(bind: clientID) AND kind = \(bind: kind) AND device_key = \(bind: deviceKey)
                """
            ).first()
            guard let row else { throw StoreError.notFound(entity: "agent", key: deviceKey) }
            let id = try row.decode(column: "id", as: String.self)
            if try row.decode(column: "revoked_at", as: String?.self) != nil { throw IntakeRefusal.agentRevoked(agentID: id) }
            let storedHost = try row.decode(column: "hostname", as: String.self)
            try await db.raw(
                """
                UPDATE agents SET last_seen_at = \(bind: stamp), intake_credential_id = \(bind: credentialID),
                    hostname = \(bind: hostname.isEmpty ? storedHost : hostname), agent_version = \(bind: version)
                WHERE id = \(bind: id) AND client_id = \(bind: clientID)
                """
            ).run()
            var hashes: [String: String] = [:]
            for section in try await db.raw("SELECT section, hash FROM agent_sections WHERE agent_id = \(bind: id)").all() {
                hashes[try section.decode(column: "section", as: String.self)] = try section.decode(column: "hash", as: String.self)
            }
            return AuthenticatedAgent(id: id, scope: scope, hostname: hostname, agentVersion: version, lastSeenAt: now, sectionHashes: hashes)
        }
    }

    /// Stores an inventory of an intake agent: a partial one on top of what is stored, a full one in
    /// place of it; the asset is reconciled exactly as for parc-agent, in the same transaction.
    ///
    /// The sections are made and encoded before the write transaction (SQLite has one writer: 1,500
    /// programs encoded while holding it would queue every other writer), from what is stored of the
    /// sections a partial inventory needs; inside, those are checked unchanged since, or made again.
    public func storeIntakeInventory(
        agent: AuthenticatedAgent, kind: String, _ glpi: GLPIInventory, bodyBytes: Int, wireBytes: Int, now: Date = Date()
    ) async throws -> ReportReceipt {
        guard agent.scope == scope else { throw StoreError.notFound(entity: "agent", key: agent.id) }
        let clientID = scope.clientID
        let needed = glpi.sectionsReadFromStored
        @Sendable func made(from stored: Store.StoredSections) throws -> (Inventory, [InventorySection: [UInt8]]) {
            let inventory = glpi.inventory(onto: stored.inventory, collectedAt: now)
            return (inventory, try inventory.sectionPayloads())
        }
        let read =
            needed.isEmpty
            ? Store.StoredSections()
            : try await database.withConnection { db in
                try await Store.storedSections(agentID: agent.id, needed, db: db)
            }
        let early = try made(from: read)
        return try await database.transaction { db in
            // What is stored now, which another report of this agent may have changed since it authenticated.
            var current: [String: String] = [:]
            for row in try await db.raw("SELECT section, hash FROM agent_sections WHERE agent_id = \(bind: agent.id)").all() {
                current[try row.decode(column: "section", as: String.self)] = try row.decode(column: "hash", as: String.self)
            }
            var (inventory, payloads) = early
            if needed.contains(where: { current[$0.rawValue] != read.hashes[$0.rawValue] }) {
                (inventory, payloads) = try made(from: try await Store.storedSections(agentID: agent.id, needed, db: db))
            }
            let stamp = Timestamp.string(now)
            var changed: Set<InventorySection> = []
            for (section, bytes) in payloads.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                let hash = Inventory.sectionHash(bytes)
                guard current[section.rawValue] != hash else { continue }
                changed.insert(section)
                try await db.raw(
                    """
                    INSERT INTO agent_sections (agent_id, section, hash, content, updated_at)
                    VALUES (\(bind: agent.id), \(bind: section.rawValue), \(bind: hash), \(bind: String(decoding: bytes, as: UTF8.self)), \(bind: stamp))
                    ON CONFLICT (agent_id, section) DO UPDATE SET hash = excluded.hash, content = excluded.content, updated_at = excluded.updated_at
                    """
                ).run()
            }
            // A full inventory says everything the machine has: a section it no longer gives is gone.
            if !glpi.partial {
                for section in InventorySection.allCases where payloads[section] == nil && current[section.rawValue] != nil {
                    try await db.raw("DELETE FROM agent_sections WHERE agent_id = \(bind: agent.id) AND section = \(bind: section.rawValue)").run()
                }
            }
            let touched = try await db.raw(
                """
                UPDATE agents SET last_seen_at = \(bind: stamp), last_report_scope = \(bind: glpi.partial ? "partial" : "full"),
                    agent_version = \(bind: glpi.versionClient.isEmpty ? agent.agentVersion : glpi.versionClient),
                    hostname = COALESCE(\(bind: inventory.os?.hostname), hostname)
                WHERE id = \(bind: agent.id) AND client_id = \(bind: clientID) RETURNING id
                """
            ).first()
            guard touched != nil else { throw StoreError.notFound(entity: "agent", key: agent.id) }
            try await Store.reconcile(agent: agent, report: inventory.keeping(changed), now: now, db: db)
            try await Self.keepProductKeys(glpi.licenceKeys, agent: agent, kind: kind, stamp: stamp, db: db)
            // What the agent sent: every section for a full inventory, the categories present for a partial one.
            let sections = (glpi.partial ? glpi.presentSections.filter { payloads[$0] != nil } : Set(payloads.keys)).sorted { $0.rawValue < $1.rawValue }
            let id = try await Store.insertReport(
                agentID: agent.id, key: nil, sections: sections, bodyBytes: bodyBytes, wireBytes: wireBytes, now: now,
                warnings: glpi.warnings.isEmpty ? nil : glpi.warnings.joined(separator: "\n"), db: db)
            return ReportReceipt(reportID: id, sections: sections, receivedAt: Timestamp.date(stamp) ?? now)
        }
    }

    /// The product keys an inventory carries, on the asset its agent reports: added, or seen again.
    /// A key an inventory no longer lists stays: it still records what was bought.
    static func keepProductKeys(
        _ keys: [GLPIInventory.LicenceKey], agent: AuthenticatedAgent, kind: String, stamp: String, db: any SQLDatabase
    ) async throws {
        guard !keys.isEmpty, let row = try await db.raw("SELECT id FROM assets WHERE agent_id = \(bind: agent.id)").first() else { return }
        let assetID = try row.decode(column: "id", as: Int64.self)
        for key in keys.prefix(100) {
            try await db.raw(
                """
                INSERT INTO asset_product_keys (asset_id, product, product_key, source, first_seen_at, last_seen_at)
                VALUES (\(bind: assetID), \(bind: String(key.product.prefix(255))), \(bind: String(key.key.prefix(255))), \(bind: kind), \(bind: stamp), \(bind: stamp))
                ON CONFLICT (asset_id, product_key) DO UPDATE SET last_seen_at = excluded.last_seen_at, product = excluded.product, source = excluded.source
                """
            ).run()
        }
    }
}
