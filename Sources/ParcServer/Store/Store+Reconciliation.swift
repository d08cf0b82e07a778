import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// Turning reports into the asset registry, inside the transaction that stores the report: the
/// acknowledgement the agent gets means its asset is up to date too.
///
/// Only the sections a report carries are looked at (agents send what changed), and within the
/// software section only the packages that changed are written.
extension Store {
    static func reconcile(agent: AuthenticatedAgent, report: Inventory, now: Date, db: any SQLDatabase) async throws {
        let stamp = Timestamp.string(now)
        var events = EventLog(actor: .agent, actorName: agent.id, at: stamp)
        let assetID: Int64
        var inventory = report
        var initial = false
        if let row = try await db.raw("SELECT id FROM assets WHERE agent_id = \(bind: agent.id)").first() {
            assetID = try row.decode(column: "id", as: Int64.self)
        } else {
            // First report of this agent (or first since the registry exists): the whole stored inventory.
            inventory = try await storedInventory(agentID: agent.id, db: db)
            initial = true
            assetID = try await bindAsset(agent: agent, inventory: inventory, stamp: stamp, events: &events, db: db)
        }
        try await apply(inventory, to: assetID, initial: initial, events: &events, db: db)
        try await db.raw(
            """
            UPDATE assets SET last_seen_at = \(bind: stamp), first_seen_at = COALESCE(first_seen_at, \(bind: stamp)), updated_at = \(bind: stamp)
            WHERE id = \(bind: assetID)
            """
        ).run()
        try await events.write(assetID: assetID, db: db)
    }

    /// Finds the asset a new agent reports for, or creates it.
    static func bindAsset(agent: AuthenticatedAgent, inventory: Inventory, stamp: String, events: inout EventLog, db: any SQLDatabase) async throws -> Int64 {
        let identity = MachineIdentity(system: inventory.system, network: inventory.network)
        let candidates = try await assetCandidates(clientID: agent.clientID, identity: identity, reportingAgent: agent.id, db: db)
        switch AssetMatching.match(agentID: agent.id, identity: identity, candidates: candidates) {
        case .bound(let id):
            return id
        case .matched(let id, let rule):
            // A machine registered in stock that now reports is deployed.
            try await db.raw(
                """
                UPDATE assets SET agent_id = \(bind: agent.id), updated_at = \(bind: stamp),
                    status = CASE WHEN status = \(bind: AssetStatus.inStock.rawValue) THEN \(bind: AssetStatus.inUse.rawValue) ELSE status END
                WHERE id = \(bind: id)
                """
            ).run()
            events.add("asset.agent-bound", "now reported by agent \(agent.id) (matched by \(rule.rawValue))")
            return id
        case .none:
            let id = try await insertComputer(agent: agent, inventory: inventory, reviewReason: nil, stamp: stamp, db: db)
            events.add("asset.created", "discovered by agent \(agent.id)")
            return id
        case .ambiguous(let others, let reason):
            let text = "\(reason) (asset\(others.count > 1 ? "s" : "") \(others.map(String.init).joined(separator: ", "))): merge or confirm"
            let id = try await insertComputer(agent: agent, inventory: inventory, reviewReason: text, stamp: stamp, db: db)
            events.add("asset.created", "discovered by agent \(agent.id); flagged for review: \(text)")
            return id
        }
    }

    static func insertComputer(agent: AuthenticatedAgent, inventory: Inventory, reviewReason: String?, stamp: String, db: any SQLDatabase) async throws -> Int64
    {
        let name = inventory.os?.hostname ?? agent.hostname
        let row = try await db.raw(
            """
            INSERT INTO assets (client_id, kind, name, status, source, agent_id, review_reason, created_at, updated_at)
            VALUES (\(bind: agent.clientID), \(bind: AssetKind.computer.rawValue), \(bind: name.isEmpty ? agent.id : name),
                \(bind: AssetStatus.inUse.rawValue), \(bind: AssetSource.agent.rawValue), \(bind: agent.id), \(bind: reviewReason),
                \(bind: stamp), \(bind: stamp))
            RETURNING id
            """
        ).first()
        return try row.require().decode(column: "id", as: Int64.self)
    }

    /// The client's assets that share an identifier with the report, with all their identifiers.
    static func assetCandidates(clientID: Int64, identity: MachineIdentity, reportingAgent: String, db: any SQLDatabase) async throws -> [AssetCandidate] {
        var wanted: [(String, String)] = identity.macs.sorted().map { ("mac", $0) }
        if let uuid = identity.uuid { wanted.append(("uuid", uuid)) }
        if let serial = identity.serial { wanted.append(("serial", serial)) }
        guard !wanted.isEmpty else { return [] }
        var condition = SQLQueryString("")
        for (index, (kind, value)) in wanted.enumerated() {
            if index > 0 { condition = condition + " OR " }
            condition = condition + "(m.kind = \(bind: kind) AND m.value = \(bind: value))"
        }
        let rows = try await db.raw(
            """
            SELECT a.id, a.agent_id, i.kind, i.value,
                CASE WHEN g.revoked_at IS NULL AND g.last_seen_at > me.enrolled_at THEN 1 ELSE 0 END AS agent_active
            FROM assets a JOIN asset_identifiers i ON i.asset_id = a.id LEFT JOIN agents g ON g.id = a.agent_id
                JOIN agents me ON me.id = \(bind: reportingAgent)
            WHERE a.client_id = \(bind: clientID) AND a.id IN (SELECT m.asset_id FROM asset_identifiers m WHERE \(condition))
            """
        ).all()
        var byID: [Int64: AssetCandidate] = [:]
        for row in rows {
            let id = try row.decode(column: "id", as: Int64.self)
            let agentID = try row.decode(column: "agent_id", as: String?.self)
            let active = try row.decode(column: "agent_active", as: Int64.self) == 1
            var candidate = byID[id] ?? AssetCandidate(id: id, agentID: agentID, agentIsActive: active, identity: MachineIdentity())
            let value = try row.decode(column: "value", as: String.self)
            switch try row.decode(column: "kind", as: String.self) {
            case "uuid": candidate.identity.uuid = value
            case "serial": candidate.identity.serial = value
            default: candidate.identity.macs.insert(value)
            }
            byID[id] = candidate
        }
        return byID.values.sorted { $0.id < $1.id }
    }

    /// The agent's latest content of every section, as stored.
    static func storedInventory(agentID: String, db: any SQLDatabase) async throws -> Inventory {
        try await storedSections(agentID: agentID, Set(InventorySection.allCases), db: db).inventory
    }

    /// Some of an agent's stored sections, with the hash each was stored with.
    struct StoredSections {
        var inventory = Inventory(agentVersion: "", collectedAt: Date())
        var hashes: [String: String] = [:]
    }

    static func storedSections(agentID: String, _ sections: Set<InventorySection>, db: any SQLDatabase) async throws -> StoredSections {
        var stored = StoredSections()
        for row in try await db.raw("SELECT section, hash, content FROM agent_sections WHERE agent_id = \(bind: agentID)").all() {
            guard let section = InventorySection(rawValue: try row.decode(column: "section", as: String.self)), sections.contains(section) else {
                continue
            }
            stored.hashes[section.rawValue] = try row.decode(column: "hash", as: String.self)
            let content = try row.decode(column: "content", as: String.self)
            let data = Data(content.utf8)
            var inventory = stored.inventory
            defer { stored.inventory = inventory }
            switch section {
            case .system: inventory.system = try CanonicalJSON.decode(SystemSection.self, from: data)
            case .cpu: inventory.cpu = try CanonicalJSON.decode(CPUSection.self, from: data)
            case .memory: inventory.memory = try CanonicalJSON.decode(MemorySection.self, from: data)
            case .storage: inventory.storage = try CanonicalJSON.decode(StorageSection.self, from: data)
            case .network: inventory.network = try CanonicalJSON.decode(NetworkSection.self, from: data)
            case .devices: inventory.devices = try CanonicalJSON.decode(DevicesSection.self, from: data)
            case .monitors: inventory.monitors = try CanonicalJSON.decode([Monitor].self, from: data)
            case .batteries: inventory.batteries = try CanonicalJSON.decode([Battery].self, from: data)
            case .os: inventory.os = try CanonicalJSON.decode(OperatingSystemSection.self, from: data)
            case .users: inventory.users = try CanonicalJSON.decode(UsersSection.self, from: data)
            case .software: inventory.software = try SoftwareSection.decode(Array(content.utf8))
            }
        }
        return stored
    }

    /// Writes what the present sections say about the asset; `initial` summarises instead of
    /// listing every part and package of a machine seen for the first time.
    static func apply(_ inventory: Inventory, to assetID: Int64, initial: Bool, events: inout EventLog, db: any SQLDatabase) async throws {
        if let system = inventory.system {
            try await db.raw(
                """
                UPDATE assets SET manufacturer = \(bind: HardwareIdentity.meaningful(system.manufacturer)),
                    model = \(bind: HardwareIdentity.meaningful(system.product)),
                    serial = COALESCE(\(bind: HardwareIdentity.meaningful(system.serial)), serial)
                WHERE id = \(bind: assetID)
                """
            ).run()
            let identity = MachineIdentity(system: system, network: nil)
            try await replaceIdentifiers(
                assetID: assetID, kinds: ["uuid", "serial"],
                values: [("uuid", identity.uuid), ("serial", identity.serial)].compactMap { kind, value in value.map { (kind, $0) } }, db: db)
        }
        if let os = inventory.os {
            let row = try await db.raw("SELECT hostname, operating_system FROM assets WHERE id = \(bind: assetID)").first()
            let (hostname, system) = (try row?.decode(column: "hostname", as: String?.self), try row?.decode(column: "operating_system", as: String?.self))
            let reported = os.prettyName ?? os.name
            if !initial, let hostname, let new = os.hostname, hostname != new { events.add("hostname.changed", "host name changed from \(hostname) to \(new)") }
            if !initial, let system, let reported, system != reported { events.add("os.changed", "operating system changed from \(system) to \(reported)") }
            try await db.raw(
                "UPDATE assets SET hostname = COALESCE(\(bind: os.hostname), hostname), operating_system = COALESCE(\(bind: reported), operating_system) WHERE id = \(bind: assetID)"
            ).run()
        }
        if let network = inventory.network {
            let macs = MachineIdentity(system: nil, network: network).macs.sorted().map { ("mac", $0) }
            try await replaceIdentifiers(assetID: assetID, kinds: ["mac"], values: macs, db: db)
            let addresses = network.interfaces.filter(\.physical).flatMap(\.ipv4).sorted().joined(separator: " ")
            let row = try await db.raw("SELECT ip_addresses FROM assets WHERE id = \(bind: assetID)").first()
            let previous = try row?.decode(column: "ip_addresses", as: String?.self)
            if previous != addresses {
                if !initial, let previous {
                    events.add(
                        "addresses.changed", "IP addresses changed from \(previous.isEmpty ? "none" : previous) to \(addresses.isEmpty ? "none" : addresses)")
                }
                try await db.raw("UPDATE assets SET ip_addresses = \(bind: addresses) WHERE id = \(bind: assetID)").run()
            }
        }
        var parts: [(AssetComponent.Kind, [AssetComponent])] = []
        if let cpu = inventory.cpu { parts.append((.cpu, ComponentReading.cpus(cpu))) }
        if let memory = inventory.memory { parts.append((.memory, ComponentReading.memory(memory))) }
        if let storage = inventory.storage { parts.append((.disk, ComponentReading.disks(storage))) }
        if let network = inventory.network { parts.append((.networkInterface, ComponentReading.networkInterfaces(network))) }
        if let batteries = inventory.batteries { parts.append((.battery, ComponentReading.batteries(batteries))) }
        var componentCount = 0
        for (kind, components) in parts {
            componentCount += components.count
            let changes = try await replaceComponents(assetID: assetID, kind: kind, with: components, db: db)
            if !initial { for change in changes { events.add(change.kind, change.summary) } }
        }
        if let monitors = inventory.monitors {
            try await attachMonitors(monitors, to: assetID, initial: initial, events: &events, db: db)
        }
        var packageCount: Int?
        if let software = inventory.software {
            let installed = InventoryDiff.installed(software)
            packageCount = installed.count
            let changes = try await applySoftware(assetID: assetID, installed, db: db)
            if !initial { for change in changes { events.add(change.kind, change.summary) } }
        }
        if initial {
            events.add("asset.inventoried", "first inventory: \(componentCount) components" + (packageCount.map { ", \($0) packages" } ?? ""))
        }
    }

    /// Monitors become assets of their own, attached to the computer they hang on; one moved to
    /// another desk moves with its history.
    static func attachMonitors(_ monitors: [Monitor], to computerID: Int64, initial: Bool, events: inout EventLog, db: any SQLDatabase) async throws {
        let clientID = try await clientID(ofAsset: computerID, db: db)
        var attached: Set<Int64> = []
        for monitor in monitors {
            guard let key = MonitorIdentity.key(monitor) else { continue }
            var monitorEvents = EventLog(actor: events.actor, actorName: events.actorName, at: events.at)
            let found = try await db.raw(
                """
                SELECT a.id, a.attached_to_asset_id FROM assets a JOIN asset_identifiers i ON i.asset_id = a.id
                WHERE a.client_id = \(bind: clientID) AND i.kind = 'monitor' AND i.value = \(bind: key)
                """
            ).first()
            let monitorID: Int64
            if let found {
                monitorID = try found.decode(column: "id", as: Int64.self)
                let previous = try found.decode(column: "attached_to_asset_id", as: Int64?.self)
                guard previous != computerID else {
                    attached.insert(monitorID)
                    continue
                }
                try await db.raw("UPDATE assets SET attached_to_asset_id = \(bind: computerID), updated_at = \(bind: events.at) WHERE id = \(bind: monitorID)")
                    .run()
                monitorEvents.add("monitor.attached", "now connected to asset \(computerID)" + (previous.map { " (was asset \($0))" } ?? ""))
            } else {
                let row = try await db.raw(
                    """
                    INSERT INTO assets (client_id, kind, name, manufacturer, model, serial, status, source, attached_to_asset_id, first_seen_at, created_at, updated_at)
                    VALUES (\(bind: clientID), \(bind: AssetKind.monitor.rawValue), \(bind: MonitorIdentity.name(monitor)),
                        \(bind: monitor.manufacturerName ?? monitor.manufacturerID), \(bind: monitor.name), \(bind: HardwareIdentity.meaningful(monitor.serial) ?? monitor.serialNumber.map(String.init)),
                        \(bind: AssetStatus.inUse.rawValue), \(bind: AssetSource.agent.rawValue), \(bind: computerID), \(bind: events.at), \(bind: events.at), \(bind: events.at))
                    RETURNING id
                    """
                ).first()
                monitorID = try row.require().decode(column: "id", as: Int64.self)
                try await db.raw("INSERT INTO asset_identifiers (asset_id, kind, value) VALUES (\(bind: monitorID), 'monitor', \(bind: key))").run()
                monitorEvents.add("asset.created", "discovered through EDID on asset \(computerID)")
            }
            try await db.raw("UPDATE assets SET last_seen_at = \(bind: events.at) WHERE id = \(bind: monitorID)").run()
            try await monitorEvents.write(assetID: monitorID, db: db)
            attached.insert(monitorID)
            if !initial { events.add("monitor.attached", "\(MonitorIdentity.name(monitor)) connected (asset \(monitorID))") }
        }
        // Monitors no longer seen on this computer are detached, not deleted.
        for row in try await db.raw("SELECT id, name FROM assets WHERE attached_to_asset_id = \(bind: computerID)").all() {
            let id = try row.decode(column: "id", as: Int64.self)
            guard !attached.contains(id) else { continue }
            try await db.raw("UPDATE assets SET attached_to_asset_id = NULL, updated_at = \(bind: events.at) WHERE id = \(bind: id)").run()
            var monitorEvents = EventLog(actor: events.actor, actorName: events.actorName, at: events.at)
            monitorEvents.add("monitor.detached", "no longer connected to asset \(computerID)")
            try await monitorEvents.write(assetID: id, db: db)
            events.add("monitor.detached", "\(try row.decode(column: "name", as: String.self)) disconnected (asset \(id))")
        }
    }

    static func replaceIdentifiers(assetID: Int64, kinds: [String], values: [(String, String)], db: any SQLDatabase) async throws {
        for kind in kinds { try await db.raw("DELETE FROM asset_identifiers WHERE asset_id = \(bind: assetID) AND kind = \(bind: kind)").run() }
        var seen: Set<String> = []
        for (kind, value) in values where seen.insert(kind + ":" + value).inserted {
            try await db.raw("INSERT INTO asset_identifiers (asset_id, kind, value) VALUES (\(bind: assetID), \(bind: kind), \(bind: value))").run()
        }
    }

    /// Replaces the components of one kind when they differ from what is stored; returns the changes.
    static func replaceComponents(assetID: Int64, kind: AssetComponent.Kind, with components: [AssetComponent], db: any SQLDatabase) async throws
        -> [InventoryChange]
    {
        let stored = try await Self.components(assetID: assetID, kind: kind, db: db)
        guard stored != components else { return [] }
        try await db.raw("DELETE FROM asset_components WHERE asset_id = \(bind: assetID) AND kind = \(bind: kind.rawValue)").run()
        var seen: Set<String> = []
        for component in components where seen.insert(component.slot).inserted {
            try await db.raw(
                """
                INSERT INTO asset_components (asset_id, kind, slot, manufacturer, model, serial, size_bytes, summary)
                VALUES (\(bind: assetID), \(bind: kind.rawValue), \(bind: component.slot), \(bind: component.manufacturer), \(bind: component.model),
                    \(bind: component.serial), \(bind: component.sizeBytes), \(bind: component.summary))
                """
            ).run()
        }
        return InventoryDiff.components(old: stored, new: components)
    }

    static func components(assetID: Int64, kind: AssetComponent.Kind?, db: any SQLDatabase) async throws -> [AssetComponent] {
        let filter: SQLQueryString = kind.map { "AND kind = \(bind: $0.rawValue)" } ?? ""
        let rows = try await db.raw(
            "SELECT kind, slot, manufacturer, model, serial, size_bytes, summary FROM asset_components WHERE asset_id = \(bind: assetID) \(filter) ORDER BY kind, slot"
        ).all()
        return try rows.map(component)
    }

    /// A row of `asset_components` (columns kind, slot, manufacturer, model, serial, size_bytes, summary).
    static func component(_ row: any SQLRow) throws -> AssetComponent {
        let kind = try row.decode(column: "kind", as: String.self)
        guard let parsed = AssetComponent.Kind(rawValue: kind) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown component kind \(kind)"))
        }
        var component = AssetComponent(
            kind: parsed, slot: try row.decode(column: "slot", as: String.self), summary: try row.decode(column: "summary", as: String.self))
        component.manufacturer = try row.decode(column: "manufacturer", as: String?.self)
        component.model = try row.decode(column: "model", as: String?.self)
        component.serial = try row.decode(column: "serial", as: String?.self)
        component.sizeBytes = try row.decode(column: "size_bytes", as: Int64?.self)
        return component
    }

    /// Writes only the packages that changed: one read of what is stored, then one statement per
    /// batch of installs and one per removal or version change.
    static func applySoftware(assetID: Int64, _ installed: [InstalledSoftware], db: any SQLDatabase) async throws -> [InventoryChange] {
        let stored = try await software(assetID: assetID, db: db)
        let changes = InventoryDiff.software(old: stored, new: installed)
        var inserts: [InstalledSoftware] = []
        for change in changes {
            switch change {
            case .softwareInstalled(let package):
                inserts.append(package)
            case .softwareRemoved(let package):
                try await db.raw(
                    """
                    DELETE FROM asset_software WHERE asset_id = \(bind: assetID) AND manager = \(bind: package.manager) AND name = \(bind: package.name)
                        AND architecture = \(bind: package.architecture ?? "")
                    """
                ).run()
            case .softwareUpgraded(_, let package), .softwareDowngraded(_, let package):
                try await db.raw(
                    """
                    UPDATE asset_software SET version = \(bind: package.version), publisher = \(bind: package.publisher) WHERE asset_id = \(bind: assetID) AND manager = \(bind: package.manager)
                        AND name = \(bind: package.name) AND architecture = \(bind: package.architecture ?? "")
                    """
                ).run()
            default:
                break
            }
        }
        // Six values a row; 200 rows stay far below both databases' limits on bound values.
        for start in stride(from: 0, to: inserts.count, by: 200) {
            var query: SQLQueryString = "INSERT INTO asset_software (asset_id, manager, name, architecture, version, publisher) VALUES "
            for (index, package) in inserts[start..<min(start + 200, inserts.count)].enumerated() {
                if index > 0 { query = query + ", " }
                query =
                    query
                        + """
                        (\(bind: assetID), \(bind: package.manager), \(bind: package.name), \(bind: package.architecture ?? ""), \(bind: package.version),
                         \(bind: package.publisher))
                        """
            }
            try await db.raw(query).run()
        }
        return changes
    }

    static func software(assetID: Int64, db: any SQLDatabase) async throws -> [InstalledSoftware] {
        try await db.raw(
            "SELECT manager, name, architecture, version, publisher FROM asset_software WHERE asset_id = \(bind: assetID) ORDER BY name, architecture"
        ).all()
            .map { row in
                let architecture = try row.decode(column: "architecture", as: String.self)
                return InstalledSoftware(
                    name: try row.decode(column: "name", as: String.self), version: try row.decode(column: "version", as: String.self),
                    architecture: architecture.isEmpty ? nil : architecture, manager: try row.decode(column: "manager", as: String.self),
                    publisher: try row.decode(column: "publisher", as: String?.self))
            }
    }
}

/// History entries gathered during one change of an asset, written together.
struct EventLog {
    let actor: AssetEvent.Actor
    let actorName: String?
    let at: String
    private(set) var entries: [(kind: String, summary: String)] = []

    init(actor: AssetEvent.Actor, actorName: String?, at: String) {
        self.actor = actor
        self.actorName = actorName
        self.at = at
    }

    mutating func add(_ kind: String, _ summary: String) { entries.append((kind, summary)) }

    func write(assetID: Int64, db: any SQLDatabase) async throws {
        for start in stride(from: 0, to: entries.count, by: 200) {
            var query: SQLQueryString = "INSERT INTO asset_events (asset_id, at, actor, actor_name, kind, summary) VALUES "
            for (index, entry) in entries[start..<min(start + 200, entries.count)].enumerated() {
                if index > 0 { query = query + ", " }
                query = query + "(\(bind: assetID), \(bind: at), \(bind: actor.rawValue), \(bind: actorName), \(bind: entry.kind), \(bind: entry.summary))"
            }
            try await db.raw(query).run()
        }
        // Every change to an asset is logged here: billing's history of it (and of the monitors
        // hanging on it, which move with it) is taken at the same time.
        if !entries.isEmpty {
            try await Store.recordAssetStates("(a.id = \(bind: assetID) OR a.attached_to_asset_id = \(bind: assetID))", at: at, db: db)
        }
    }
}
