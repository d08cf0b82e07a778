import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// Filters of the asset list.
public struct AssetFilter: Sendable, Equatable {
    public var clientCode: String?
    public var kind: AssetKind?
    public var status: AssetStatus?
    /// Only assets waiting for a person to confirm or merge them.
    public var needsReview: Bool?
    public var warranty: WarrantyFilter?
    public var siteID: Int64?
    /// Only assets an agent reports that have not reported since this time (machines gone quiet).
    public var notSeenSince: Date?
    /// Only machines agents found in use that no active contract covers: billing leakage.
    public var uncovered = false

    /// Warranty state on a given day.
    public enum WarrantyFilter: Sendable, Equatable {
        /// Ends between `today` and `today + days` (inclusive).
        case ending(today: String, days: Int)
        /// Ended before `today`.
        case expired(today: String)
        /// No end date known.
        case unknown
    }

    public init(clientCode: String? = nil, kind: AssetKind? = nil, status: AssetStatus? = nil, needsReview: Bool? = nil, warranty: WarrantyFilter? = nil) {
        self.clientCode = clientCode
        self.kind = kind
        self.status = status
        self.needsReview = needsReview
        self.warranty = warranty
    }
}

extension Store {
    static let assetColumns = """
        a.id, c.code AS client_code, a.kind, a.name, a.manufacturer, a.model, a.serial, a.asset_tag, a.status, a.source, a.agent_id,
        a.hostname, a.operating_system, a.ip_addresses, a.attached_to_asset_id, a.review_reason, a.site_id, a.employee_id, e.name AS employee_name,
        a.purchase_date, a.supplier, a.purchase_price_cents, a.order_reference, a.warranty_end, a.notes,
        a.merged_into_asset_id, a.first_seen_at, \(lastSeen) AS last_seen_at, a.created_at, a.updated_at, \(coveringContract) AS covered_by
        """
    /// The reference of the contract covering the asset today (by its kind, or by name), if any;
    /// the latest started wins. Billing allocates by the same rule (`BillingUsage.coveringContract`).
    static let coveringContract = """
        (SELECT k.reference FROM contracts k WHERE k.client_id = a.client_id AND \(inForceSQL("CAST(CURRENT_DATE AS TEXT)"))
            AND ((',' || k.covered_kinds || ',') LIKE ('%,' || a.kind || ',%')
                 OR EXISTS (SELECT 1 FROM contract_assets ca WHERE ca.contract_id = k.id AND ca.asset_id = a.id))
            ORDER BY k.starts_on DESC, k.id DESC LIMIT 1)
        """
    /// An agent's check-ins say its machine is there even when nothing changed: they update the
    /// agent, reports update the asset; the later of the two is when the asset was last seen.
    static let lastSeen = "CASE WHEN g.last_seen_at > a.last_seen_at OR a.last_seen_at IS NULL THEN g.last_seen_at ELSE a.last_seen_at END"
    /// The tables `assetColumns` reads from.
    static let assetTables = """
        assets a JOIN clients c ON c.id = a.client_id LEFT JOIN employees e ON e.id = a.employee_id LEFT JOIN agents g ON g.id = a.agent_id
        """

    static func asset(_ row: any SQLRow) throws -> Asset {
        var asset = Asset(
            id: try row.decode(column: "id", as: Int64.self), clientCode: try row.decode(column: "client_code", as: String.self),
            kind: AssetKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other, name: try row.decode(column: "name", as: String.self),
            status: AssetStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .inUse,
            source: AssetSource(rawValue: try row.decode(column: "source", as: String.self)) ?? .manual,
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
        asset.manufacturer = try row.decode(column: "manufacturer", as: String?.self)
        asset.model = try row.decode(column: "model", as: String?.self)
        asset.serial = try row.decode(column: "serial", as: String?.self)
        asset.assetTag = try row.decode(column: "asset_tag", as: String?.self)
        asset.agentID = try row.decode(column: "agent_id", as: String?.self)
        asset.hostname = try row.decode(column: "hostname", as: String?.self)
        asset.operatingSystem = try row.decode(column: "operating_system", as: String?.self)
        asset.ipAddresses = try row.decode(column: "ip_addresses", as: String?.self).map { $0.split(separator: " ").map(String.init) }
        asset.attachedToAssetID = try row.decode(column: "attached_to_asset_id", as: Int64?.self)
        asset.reviewReason = try row.decode(column: "review_reason", as: String?.self)
        asset.siteID = try row.decode(column: "site_id", as: Int64?.self)
        asset.employeeID = try row.decode(column: "employee_id", as: Int64?.self)
        asset.employeeName = try row.decode(column: "employee_name", as: String?.self)
        asset.purchaseDate = try row.decode(column: "purchase_date", as: String?.self)
        asset.supplier = try row.decode(column: "supplier", as: String?.self)
        asset.purchasePriceCents = try row.decode(column: "purchase_price_cents", as: Int64?.self)
        asset.orderReference = try row.decode(column: "order_reference", as: String?.self)
        asset.warrantyEnd = try row.decode(column: "warranty_end", as: String?.self)
        asset.notes = try row.decode(column: "notes", as: String?.self)
        asset.mergedIntoAssetID = try row.decode(column: "merged_into_asset_id", as: Int64?.self)
        asset.firstSeenAt = try row.optionalDate("first_seen_at")
        asset.lastSeenAt = try row.optionalDate("last_seen_at")
        asset.coveredByContract = try row.decode(column: "covered_by", as: String?.self)
        return asset
    }

    static func asset(id: Int64, db: any SQLDatabase) async throws -> Asset {
        let row = try await db.raw("SELECT \(unsafeRaw: assetColumns) FROM \(unsafeRaw: assetTables) WHERE a.id = \(bind: id)").first()
        guard let row else { throw StoreError.notFound(entity: "asset", key: String(id)) }
        return try asset(row)
    }

    public func listAssets(_ filter: AssetFilter, _ query: ListQuery) async throws -> Page<Asset> {
        try await database.withConnection { db in
            // Assets merged into another are kept for the record but are no longer in the registry.
            var conditions: [SQLQueryString] = ["a.merged_into_asset_id IS NULL"]
            if let code = filter.clientCode { conditions.append("a.client_id = \(bind: try await Self.client(code: code, db: db).id)") }
            if let kind = filter.kind { conditions.append("a.kind = \(bind: kind.rawValue)") }
            if let status = filter.status { conditions.append("a.status = \(bind: status.rawValue)") }
            if let site = filter.siteID { conditions.append("a.site_id = \(bind: site)") }
            if let since = filter.notSeenSince {
                conditions.append("a.agent_id IS NOT NULL AND \(unsafeRaw: Self.lastSeen) < \(bind: Timestamp.string(since))")
            }
            if let review = filter.needsReview { conditions.append(review ? "a.review_reason IS NOT NULL" : "a.review_reason IS NULL") }
            if filter.uncovered {
                conditions.append(
                    "a.source = \(bind: AssetSource.agent.rawValue) AND a.status = \(bind: AssetStatus.inUse.rawValue) AND \(unsafeRaw: Self.coveringContract) IS NULL"
                )
            }
            switch filter.warranty {
            case .ending(let today, let days):
                // Dates are YYYY-MM-DD text: they compare as they sort.
                conditions.append("a.warranty_end >= \(bind: today) AND a.warranty_end <= \(bind: Timestamp.day(today, plus: days))")
            case .expired(let today): conditions.append("a.warranty_end < \(bind: today)")
            case .unknown: conditions.append("a.warranty_end IS NULL AND a.status <> \(bind: AssetStatus.retired.rawValue)")
            case nil: break
            }
            if let search = query.search, !search.isEmpty {
                let pattern = Self.likePattern(search)
                conditions.append(
                    """
                    (LOWER(a.name) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(COALESCE(a.serial, '')) LIKE \(bind: pattern) ESCAPE '\\'
                     OR LOWER(COALESCE(a.hostname, '')) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(COALESCE(a.asset_tag, '')) LIKE \(bind: pattern) ESCAPE '\\')
                    """)
            }
            let whereClause = Self.whereClause(conditions)
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM \(unsafeRaw: Self.assetTables) \(whereClause)")
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.assetColumns) FROM \(unsafeRaw: Self.assetTables) \(whereClause)
                ORDER BY c.code, a.name, a.id LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
                """
            ).all()
            return Page(items: try rows.map(Self.asset), total: total, limit: query.limit, offset: query.offset)
        }
    }

    /// Every asset the filter selects (at most 100,000), for exports.
    public func exportAssets(_ filter: AssetFilter) async throws -> [Asset] {
        try await listAssets(filter, ListQuery(limit: 100_000)).items
    }

    public func assetDetail(id: Int64) async throws -> AssetDetail {
        try await database.withConnection { db in
            let asset = try await Self.asset(id: id, db: db)
            let components = try await Self.components(assetID: id, kind: nil, db: db)
            let count = try await Self.count(db, "SELECT COUNT(*) AS n FROM asset_software WHERE asset_id = \(bind: id)")
            var suggestion: String?
            if let agentID = asset.agentID,
                let row = try await db.raw("SELECT content FROM agent_sections WHERE agent_id = \(bind: agentID) AND section = 'users'").first()
            {
                let users = try CanonicalJSON.decode(UsersSection.self, from: Data(try row.decode(column: "content", as: String.self).utf8))
                suggestion = AssetRules.suggestedAssignee(users)
            }
            return AssetDetail(asset: asset, components: components, softwareCount: count, suggestedAssignee: suggestion)
        }
    }

    /// The packages installed on an asset, by name; `query.search` keeps names containing it.
    public func assetSoftware(id: Int64, _ query: ListQuery = ListQuery()) async throws -> Page<InstalledSoftware> {
        try await database.withConnection { db in
            _ = try await Self.asset(id: id, db: db)
            var packages = try await Self.software(assetID: id, db: db)
            if let search = query.search, !search.isEmpty { packages = packages.filter { $0.name.localizedCaseInsensitiveContains(search) } }
            return Self.page(of: packages, query)
        }
    }

    /// The product keys agents reported for the asset, by product.
    public func assetProductKeys(id: Int64) async throws -> [AssetProductKey] {
        try await database.withConnection { db in
            _ = try await Self.asset(id: id, db: db)
            return try await db.raw(
                """
                SELECT product, product_key, source, first_seen_at, last_seen_at FROM asset_product_keys WHERE asset_id = \(bind: id)
                ORDER BY product, product_key
                """
            ).all().map { row in
                AssetProductKey(
                    product: try row.decode(column: "product", as: String.self), key: try row.decode(column: "product_key", as: String.self),
                    source: try row.decode(column: "source", as: String.self), firstSeenAt: try row.date("first_seen_at"),
                    lastSeenAt: try row.date("last_seen_at"))
            }
        }
    }

    /// An asset's history, newest first.
    public func assetHistory(id: Int64, _ query: ListQuery = ListQuery()) async throws -> Page<AssetEvent> {
        try await database.withConnection { db in
            _ = try await Self.asset(id: id, db: db)
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM asset_events WHERE asset_id = \(bind: id)")
            let rows = try await db.raw(
                """
                SELECT id, asset_id, at, actor, actor_name, kind, summary FROM asset_events WHERE asset_id = \(bind: id)
                ORDER BY id DESC LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
                """
            ).all()
            let events = try rows.map { row in
                AssetEvent(
                    id: try row.decode(column: "id", as: Int64.self), assetID: id, at: try row.date("at"),
                    actor: AssetEvent.Actor(rawValue: try row.decode(column: "actor", as: String.self)) ?? .system,
                    actorName: try row.decode(column: "actor_name", as: String?.self), kind: try row.decode(column: "kind", as: String.self),
                    summary: try row.decode(column: "summary", as: String.self))
            }
            return Page(items: events, total: total, limit: query.limit, offset: query.offset)
        }
    }
}

extension Store {
    /// Registers an asset by hand; its serial then identifies it to reconciliation.
    public func createAsset(_ new: NewAsset, by actor: String, now: Date = Date()) async throws -> Asset {
        try await database.transaction { db in
            let client = try await Self.client(code: new.client, db: db)
            if let site = new.siteID { try await Self.requireSite(site, clientID: client.id, clientCode: client.code, db: db) }
            let id = try await Self.insertAsset(new, clientID: client.id, actor: actor, stamp: Timestamp.string(now), db: db)
            return try await Self.asset(id: id, db: db)
        }
    }

    /// Checks a CSV import of assets for `clientCode` and, unless `dryRun` or a row has a problem,
    /// creates them all in one transaction: all or nothing. A serial already registered for the
    /// client, or twice in the file, is a problem: it would make two assets of one machine.
    public func importAssets(clientCode: String, csv: String, dryRun: Bool, by actor: String, now: Date = Date()) async throws -> AssetImportResult {
        let client = try await database.withConnection { db in try await Self.client(code: clientCode, db: db) }
        let all = AssetCSV.read(csv, client: client.code)
        var creations: [(line: Int, item: NewAsset)] = []
        var edits: [(line: Int, edit: AssetCSV.Edit)] = []
        for (line, row) in all.rows {
            switch row {
            case .new(let asset): creations.append((line, asset))
            case .edit(let edit): edits.append((line, edit))
            }
        }
        let read = (rows: creations, problems: all.problems)
        let edited = edits
        let stamp = Timestamp.string(now)
        let unique = ImportUniqueness<NewAsset>(
            field: "serial", taken: "already an asset of \(client.code)", value: { HardwareIdentity.meaningful($0.serial) },
            isTaken: { serial, db in
                try await db.raw(
                    """
                    SELECT 1 AS n FROM asset_identifiers i JOIN assets a ON a.id = i.asset_id
                    WHERE a.client_id = \(bind: client.id) AND i.kind = 'serial' AND i.value = \(bind: serial)
                    """
                ).first() != nil
            })
        let updates = ImportEdits(
            check: { db in try await Self.checkAssetEdits(edited, client: client, db: db) },
            apply: { db in
                var updated: [Int64] = []
                for (_, edit) in edited where try await Self.applyAssetUpdate(id: edit.id, edit.update, actor: actor, stamp: stamp, db: db) {
                    updated.append(edit.id)
                }
                return updated
            })
        return try await runImport(
            csv: csv, read: read, dryRun: dryRun, noun: "asset", client: client, site: \.siteID, unique: unique, edits: updates
        ) { asset, db in
            try await Self.insertAsset(asset, clientID: client.id, actor: actor, stamp: stamp, source: .import, db: db)
        }
    }

    /// What each edited row would change on its asset, or why it cannot: an asset of another
    /// client or merged away, an id given twice, a read-only column changed, a bad value, a site of
    /// another client, a serial another asset of the client has.
    static func checkAssetEdits(_ edits: [(line: Int, edit: AssetCSV.Edit)], client: Client, db: any SQLDatabase) async throws -> (
        changes: [ImportChange], problems: [ImportProblem]
    ) {
        var changes: [ImportChange] = []
        var problems: [ImportProblem] = []
        var seen: [Int64: Int] = [:]
        for (line, edit) in edits {
            if let first = seen[edit.id] {
                problems.append(.init(line: line, field: "id", message: "asset \(edit.id) is also on line \(first)"))
                continue
            }
            seen[edit.id] = line
            let current = try? await Self.asset(id: edit.id, db: db)
            guard let current, current.clientCode == client.code, current.mergedIntoAssetID == nil else {
                problems.append(.init(line: line, field: "id", message: "\(client.code) has no asset \(edit.id)"))
                continue
            }
            problems += AssetCSV.readOnlyProblems(edit, current: current).map { .init(line: line, field: $0.field, message: $0.reason) }
            let applied: (asset: Asset, changes: [String])
            do {
                applied = try AssetRules.applying(edit.update, to: current)
            } catch {
                problems += error.issues.map { .init(line: line, field: AssetCSV.column(ofField: $0.field), message: $0.reason) }
                continue
            }
            if let site = applied.asset.siteID, site != current.siteID,
                let problem = try await Self.siteProblem(site, clientID: client.id, clientCode: client.code, db: db)
            {
                problems.append(.init(line: line, field: "site_id", message: problem))
            }
            if applied.asset.serial != current.serial, let serial = HardwareIdentity.meaningful(applied.asset.serial) {
                let taken = try await db.raw(
                    """
                    SELECT i.asset_id FROM asset_identifiers i JOIN assets a ON a.id = i.asset_id
                    WHERE a.client_id = \(bind: client.id) AND i.kind = 'serial' AND i.value = \(bind: serial) AND i.asset_id <> \(bind: edit.id)
                    """
                ).first()
                if let taken {
                    problems.append(
                        .init(line: line, field: "serial", message: "\(serial) is asset \(try taken.decode(column: "asset_id", as: Int64.self))'s"))
                }
            }
            if !applied.changes.isEmpty { changes.append(ImportChange(line: line, id: edit.id, changes: applied.changes)) }
        }
        return (changes, problems)
    }

    /// The one way imports run: problems from reading the file and those the database knows (a
    /// site of another client, a key already taken or given twice) are all returned and nothing is
    /// written; otherwise, unless `dryRun`, every row is inserted in one transaction, checked again
    /// inside it.
    func runImport<Item: Codable & Sendable & Equatable>(
        csv: String, read: (rows: [(line: Int, item: Item)], problems: [ImportProblem]), dryRun: Bool, noun: String, client: Client,
        site: @escaping @Sendable (Item) -> Int64?, unique: ImportUniqueness<Item>, edits: ImportEdits = .none,
        insert: @escaping @Sendable (Item, any SQLDatabase) async throws -> Int64
    ) async throws -> ImportResult<Item> {
        let total = ((try? CSV.parse(csv))?.count).map { max(0, $0 - 1) } ?? 0
        let rows = read.rows
        let check: @Sendable (any SQLDatabase) async throws -> [ImportProblem] = { db in
            var found: [ImportProblem] = []
            var seen: [String: Int] = [:]
            for (line, item) in rows {
                if let siteID = site(item), let problem = try await Self.siteProblem(siteID, clientID: client.id, clientCode: client.code, db: db) {
                    found.append(.init(line: line, field: "site_id", message: problem))
                }
                guard let key = unique.value(item) else { continue }
                if let first = seen[key] {
                    found.append(.init(line: line, field: unique.field, message: "\(key) is also on line \(first)"))
                } else if try await unique.isTaken(key, db) {
                    found.append(.init(line: line, field: unique.field, message: "\(key) is \(unique.taken)"))
                }
                seen[key] = seen[key] ?? line
            }
            return found
        }
        func refused(_ problems: [ImportProblem], _ changes: [ImportChange]) -> ImportResult<Item> {
            let sorted = problems.sorted { ($0.line, $0.field) < ($1.line, $1.field) }
            return ImportResult(
                error: "invalid_rows", message: "\(Set(sorted.map(\.line)).count) line(s) have problems; nothing was imported", dryRun: dryRun, rows: total,
                created: [], changes: changes, preview: rows.map(\.item), problems: sorted)
        }
        let allChecks: @Sendable (any SQLDatabase) async throws -> (changes: [ImportChange], problems: [ImportProblem]) = { db in
            let edited = try await edits.check(db)
            return (edited.changes, try await check(db) + edited.problems)
        }
        if !read.problems.isEmpty || dryRun {
            let checked = try await database.withConnection(allChecks)
            let problems = read.problems + checked.problems
            if !problems.isEmpty { return refused(problems, checked.changes) }
            return ImportResult(
                message: "\(rows.count) \(noun)(s) would be imported" + Self.updateSummary(checked.changes, noun: noun, conditional: true), dryRun: true,
                rows: total, created: [], changes: checked.changes, preview: rows.map(\.item), problems: [])
        }
        let outcome = try await database.transaction {
            db -> (created: [Int64], updated: [Int64], checked: (changes: [ImportChange], problems: [ImportProblem])) in
            let checked = try await allChecks(db)
            guard checked.problems.isEmpty else { return ([], [], checked) }
            var created: [Int64] = []
            for (_, item) in rows { created.append(try await insert(item, db)) }
            return (created, try await edits.apply(db), checked)
        }
        if !outcome.checked.problems.isEmpty { return refused(outcome.checked.problems, outcome.checked.changes) }
        return ImportResult(
            message: "\(outcome.created.count) \(noun)(s) imported" + Self.updateSummary(outcome.checked.changes, noun: noun, conditional: false),
            dryRun: false, rows: total, created: outcome.created, updated: outcome.updated, changes: outcome.checked.changes, preview: [], problems: [])
    }

    /// ", 3 updated" for imports that edit existing rows; nothing for those that only create.
    static func updateSummary(_ changes: [ImportChange], noun: String, conditional: Bool) -> String {
        changes.isEmpty ? "" : ", \(changes.count) \(noun)(s) \(conditional ? "would be " : "")updated"
    }

    static func insertAsset(_ new: NewAsset, clientID: Int64, actor: String, stamp: String, source: AssetSource = .manual, db: any SQLDatabase) async throws
        -> Int64
    {
        let row = try await db.raw(
            """
            INSERT INTO assets (client_id, kind, name, manufacturer, model, serial, asset_tag, status, source, site_id, purchase_date, supplier,
                purchase_price_cents, order_reference, warranty_end, notes, created_at, updated_at)
            VALUES (\(bind: clientID), \(bind: new.kind.rawValue), \(bind: new.name), \(bind: new.manufacturer), \(bind: new.model), \(bind: new.serial),
                \(bind: new.assetTag), \(bind: (new.status ?? .inStock).rawValue), \(bind: source.rawValue), \(bind: new.siteID),
                \(bind: new.purchaseDate), \(bind: new.supplier), \(bind: new.purchasePriceCents), \(bind: new.orderReference), \(bind: new.warrantyEnd),
                \(bind: new.notes), \(bind: stamp), \(bind: stamp))
            RETURNING id
            """
        ).first()
        let id = try row.require().decode(column: "id", as: Int64.self)
        try await Self.replaceIdentifiers(
            assetID: id, kinds: ["serial"], values: HardwareIdentity.meaningful(new.serial).map { [("serial", $0)] } ?? [], db: db)
        var events = EventLog(actor: .staff, actorName: actor, at: stamp)
        events.add("asset.created", source == .import ? "imported from a spreadsheet" : "registered by hand")
        try await events.write(assetID: id, db: db)
        return id
    }

    public func updateAsset(id: Int64, _ update: AssetUpdate, by actor: String, now: Date = Date()) async throws -> Asset {
        try await database.transaction { db in
            _ = try await Self.applyAssetUpdate(id: id, update, actor: actor, stamp: Timestamp.string(now), db: db)
            return try await Self.asset(id: id, db: db)
        }
    }

    /// Applies `update` to an asset with its history entry; false when it changes nothing.
    static func applyAssetUpdate(id: Int64, _ update: AssetUpdate, actor: String, stamp: String, db: any SQLDatabase) async throws -> Bool {
        do {
            let current = try await Self.asset(id: id, db: db)
            let (asset, changes) = try AssetRules.applying(update, to: current)
            guard !changes.isEmpty else { return false }
            if let site = asset.siteID, site != current.siteID {
                let clientID = try await Self.clientID(ofAsset: id, db: db)
                try await Self.requireSite(site, clientID: clientID, clientCode: asset.clientCode, db: db)
            }
            try await db.raw(
                """
                UPDATE assets SET name = \(bind: asset.name), manufacturer = \(bind: asset.manufacturer), model = \(bind: asset.model),
                    serial = \(bind: asset.serial), asset_tag = \(bind: asset.assetTag), status = \(bind: asset.status.rawValue), site_id = \(bind: asset.siteID),
                    purchase_date = \(bind: asset.purchaseDate), supplier = \(bind: asset.supplier), purchase_price_cents = \(bind: asset.purchasePriceCents),
                    order_reference = \(bind: asset.orderReference), warranty_end = \(bind: asset.warrantyEnd), notes = \(bind: asset.notes),
                    updated_at = \(bind: stamp)
                WHERE id = \(bind: id)
                """
            ).run()
            if asset.serial != current.serial, asset.source != .agent {
                try await Self.replaceIdentifiers(
                    assetID: id, kinds: ["serial"], values: HardwareIdentity.meaningful(asset.serial).map { [("serial", $0)] } ?? [], db: db)
            }
            var events = EventLog(actor: .staff, actorName: actor, at: stamp)
            events.add(update.status != nil && asset.status != current.status ? "asset.status-changed" : "asset.updated", changes.joined(separator: "; "))
            try await events.write(assetID: id, db: db)
            return true
        }
    }

    /// Assigns an asset to an employee of the same client; nil unassigns. Every change is in the history.
    public func assignAsset(id: Int64, employeeID: Int64?, by actor: String, now: Date = Date()) async throws -> Asset {
        try await database.transaction { db in
            let current = try await Self.asset(id: id, db: db)
            let stamp = Timestamp.string(now)
            var events = EventLog(actor: .staff, actorName: actor, at: stamp)
            if let employeeID {
                let employee = try await Self.employee(id: employeeID, db: db)
                guard employee.clientCode == current.clientCode else {
                    throw StoreError.invalidReference(
                        field: "employeeID", message: "employee \(employeeID) works for \(employee.clientCode), not for \(current.clientCode)")
                }
                guard employee.active else { throw StoreError.invalidReference(field: "employeeID", message: "employee \(employeeID) is deactivated") }
                guard employeeID != current.employeeID else { return current }
                events.add("asset.assigned", "assigned to \(employee.name)" + (current.employeeName.map { " (was \($0))" } ?? ""))
            } else {
                guard let previous = current.employeeName else { return current }
                events.add("asset.unassigned", "no longer assigned to \(previous)")
            }
            try await db.raw("UPDATE assets SET employee_id = \(bind: employeeID), updated_at = \(bind: stamp) WHERE id = \(bind: id)").run()
            try await events.write(assetID: id, db: db)
            return try await Self.asset(id: id, db: db)
        }
    }

    /// Installed copies of a package, optionally of one client and older than a version (Debian ordering).
    /// Paged after the version filter, which needs Debian ordering and so runs here rather than in SQL.
    public func findSoftware(name: String, clientCode: String?, versionBelow: String?, _ query: ListQuery = ListQuery()) async throws -> Page<
        SoftwareInstall
    > {
        try await database.withConnection { db in
            var conditions: [SQLQueryString] = ["s.name = \(bind: name)"]
            if let clientCode { conditions.append("a.client_id = \(bind: try await Self.client(code: clientCode, db: db).id)") }
            let rows = try await db.raw(
                """
                SELECT a.id, a.name AS asset_name, c.code, s.version, s.architecture FROM asset_software s
                JOIN assets a ON a.id = s.asset_id JOIN clients c ON c.id = a.client_id \(Self.whereClause(conditions)) ORDER BY c.code, a.name, a.id
                """
            ).all()
            let installs = try rows.compactMap { row -> SoftwareInstall? in
                let version = try row.decode(column: "version", as: String.self)
                if let versionBelow, !DebianVersion.isOlder(version, than: versionBelow) { return nil }
                let architecture = try row.decode(column: "architecture", as: String.self)
                return SoftwareInstall(
                    assetID: try row.decode(column: "id", as: Int64.self), assetName: try row.decode(column: "asset_name", as: String.self),
                    clientCode: try row.decode(column: "code", as: String.self), name: name, version: version,
                    architecture: architecture.isEmpty ? nil : architecture)
            }
            return Self.page(of: installs, query)
        }
    }

    /// Where a part with this serial is (a disk, a memory module, a battery...).
    public func locateComponent(serial: String) async throws -> [LocatedComponent] {
        try await database.withConnection { db in
            let rows = try await db.raw(
                """
                SELECT a.id, a.name AS asset_name, c.code, p.kind, p.slot, p.manufacturer, p.model, p.serial, p.size_bytes, p.summary FROM asset_components p
                JOIN assets a ON a.id = p.asset_id JOIN clients c ON c.id = a.client_id WHERE p.serial = \(bind: serial) ORDER BY a.id
                """
            ).all()
            return try rows.map { row in
                LocatedComponent(
                    assetID: try row.decode(column: "id", as: Int64.self), assetName: try row.decode(column: "asset_name", as: String.self),
                    clientCode: try row.decode(column: "code", as: String.self), component: try Self.component(row))
            }
        }
    }

    static func clientID(ofAsset id: Int64, db: any SQLDatabase) async throws -> Int64 {
        let row = try await db.raw("SELECT client_id FROM assets WHERE id = \(bind: id)").first()
        return try row.require().decode(column: "client_id", as: Int64.self)
    }

    static func requireSite(_ siteID: Int64, clientID: Int64, clientCode: String, db: any SQLDatabase) async throws {
        if let problem = try await siteProblem(siteID, clientID: clientID, clientCode: clientCode, db: db) {
            throw StoreError.invalidReference(field: "siteID", message: problem)
        }
    }

    static func siteProblem(_ siteID: Int64, clientID: Int64, clientCode: String, db: any SQLDatabase) async throws -> String? {
        let row = try await db.raw("SELECT client_id FROM sites WHERE id = \(bind: siteID)").first()
        guard let row, try row.decode(column: "client_id", as: Int64.self) == clientID else { return "site \(siteID) is not a site of \(clientCode)" }
        return nil
    }
}

extension Store {
    /// Makes two records of one machine one: `keep` takes the duplicate's identifiers, its agent
    /// when it has none, the fields it lacks, the duplicate's parts and software when it has none,
    /// its monitors and its whole history. The duplicate is retired and points to `keep`.
    public func mergeAssets(keep keepID: Int64, duplicate duplicateID: Int64, by actor: String, now: Date = Date()) async throws -> Asset {
        guard keepID != duplicateID else { throw StoreError.conflict(field: "duplicateID", message: "an asset cannot be merged into itself") }
        return try await database.transaction { db in
            let keep = try await Self.asset(id: keepID, db: db)
            let duplicate = try await Self.asset(id: duplicateID, db: db)
            guard keep.clientCode == duplicate.clientCode else {
                throw StoreError.invalidReference(
                    field: "duplicateID", message: "asset \(duplicateID) belongs to \(duplicate.clientCode), not to \(keep.clientCode)")
            }
            guard keep.mergedIntoAssetID == nil, duplicate.mergedIntoAssetID == nil else {
                throw StoreError.conflict(field: "duplicateID", message: "one of these assets was already merged")
            }
            let stamp = Timestamp.string(now)
            try await db.raw(
                """
                INSERT INTO asset_identifiers (asset_id, kind, value) SELECT \(bind: keepID), kind, value FROM asset_identifiers
                WHERE asset_id = \(bind: duplicateID) ON CONFLICT DO NOTHING
                """
            ).run()
            try await db.raw("DELETE FROM asset_identifiers WHERE asset_id = \(bind: duplicateID)").run()
            try await db.raw(
                """
                INSERT INTO asset_product_keys (asset_id, product, product_key, source, first_seen_at, last_seen_at)
                SELECT \(bind: keepID), product, product_key, source, first_seen_at, last_seen_at FROM asset_product_keys
                WHERE asset_id = \(bind: duplicateID) ON CONFLICT DO NOTHING
                """
            ).run()
            try await db.raw("DELETE FROM asset_product_keys WHERE asset_id = \(bind: duplicateID)").run()
            for table in ["asset_components", "asset_software"] {
                let kept = try await Self.count(db, "SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE asset_id = \(bind: keepID)")
                if kept == 0 {
                    try await db.raw("UPDATE \(unsafeRaw: table) SET asset_id = \(bind: keepID) WHERE asset_id = \(bind: duplicateID)").run()
                } else {
                    try await db.raw("DELETE FROM \(unsafeRaw: table) WHERE asset_id = \(bind: duplicateID)").run()
                }
            }
            let agent = keep.agentID == nil ? duplicate.agentID : keep.agentID
            try await db.raw(
                "UPDATE assets SET agent_id = NULL, merged_into_asset_id = \(bind: keepID), status = \(bind: AssetStatus.retired.rawValue), review_reason = NULL, updated_at = \(bind: stamp) WHERE id = \(bind: duplicateID)"
            ).run()
            try await db.raw(
                """
                UPDATE assets SET agent_id = \(bind: agent), review_reason = NULL, updated_at = \(bind: stamp),
                    serial = COALESCE(serial, \(bind: duplicate.serial)), manufacturer = COALESCE(manufacturer, \(bind: duplicate.manufacturer)),
                    model = COALESCE(model, \(bind: duplicate.model)), asset_tag = COALESCE(asset_tag, \(bind: duplicate.assetTag)),
                    site_id = COALESCE(site_id, \(bind: duplicate.siteID)), employee_id = COALESCE(employee_id, \(bind: duplicate.employeeID)),
                    purchase_date = COALESCE(purchase_date, \(bind: duplicate.purchaseDate)), supplier = COALESCE(supplier, \(bind: duplicate.supplier)),
                    purchase_price_cents = COALESCE(purchase_price_cents, \(bind: duplicate.purchasePriceCents)),
                    order_reference = COALESCE(order_reference, \(bind: duplicate.orderReference)), warranty_end = COALESCE(warranty_end, \(bind: duplicate.warrantyEnd)),
                    hostname = COALESCE(hostname, \(bind: duplicate.hostname)), operating_system = COALESCE(operating_system, \(bind: duplicate.operatingSystem)),
                    first_seen_at = COALESCE(first_seen_at, \(bind: duplicate.firstSeenAt.map(Timestamp.string))),
                    last_seen_at = COALESCE(last_seen_at, \(bind: duplicate.lastSeenAt.map(Timestamp.string)))
                WHERE id = \(bind: keepID)
                """
            ).run()
            try await db.raw("UPDATE assets SET attached_to_asset_id = \(bind: keepID) WHERE attached_to_asset_id = \(bind: duplicateID)").run()
            try await db.raw("UPDATE asset_events SET asset_id = \(bind: keepID) WHERE asset_id = \(bind: duplicateID)").run()
            var events = EventLog(actor: .staff, actorName: actor, at: stamp)
            events.add("asset.merged", "asset \(duplicateID) (\(duplicate.name)) merged into this one; its history is above")
            try await events.write(assetID: keepID, db: db)
            var trace = EventLog(actor: .staff, actorName: actor, at: stamp)
            trace.add("asset.merged", "merged into asset \(keepID) (\(keep.name)), where its history now is")
            try await trace.write(assetID: duplicateID, db: db)
            return try await Self.asset(id: keepID, db: db)
        }
    }
}

extension Store {
    /// Employees of one client from CSV, all or nothing; an email already used in the client, or
    /// twice in the file, is a problem.
    public func importEmployees(clientCode: String, csv: String, dryRun: Bool, now: Date = Date()) async throws -> EmployeeImportResult {
        let client = try await database.withConnection { db in try await Self.client(code: clientCode, db: db) }
        let read = EmployeeCSV.read(csv)
        let stamp = Timestamp.string(now)
        let unique = ImportUniqueness<NewEmployee>(field: "email", taken: "already an employee of \(client.code)", value: \.email) { email, db in
            try await db.raw("SELECT 1 AS n FROM employees WHERE client_id = \(bind: client.id) AND email = \(bind: email)").first() != nil
        }
        return try await runImport(csv: csv, read: read, dryRun: dryRun, noun: "employee", client: client, site: \.siteID, unique: unique) { employee, db in
            try await Self.insertEmployee(employee, clientID: client.id, stamp: stamp, db: db)
        }
    }
}

extension Store {
    /// Hands an asset to another client: the provider's stock (a client of its own) to a customer,
    /// or back. Its assignment and site stay with the old client and are cleared; a machine an
    /// agent reports for stays with the agent's client (revoke the agent first).
    public func transferAsset(id: Int64, toClient code: String, by actor: String, now: Date = Date()) async throws -> Asset {
        try await database.transaction { db in
            let asset = try await Self.asset(id: id, db: db)
            let client = try await Self.client(code: code, db: db)
            guard client.code != asset.clientCode else { return asset }
            guard asset.agentID == nil else {
                throw StoreError.conflict(
                    field: "client",
                    message: "asset \(id) is reported by agent \(asset.agentID ?? ""), which belongs to \(asset.clientCode); revoke the agent first")
            }
            guard asset.mergedIntoAssetID == nil else { throw StoreError.conflict(field: "client", message: "asset \(id) was merged into another") }
            let stamp = Timestamp.string(now)
            var events = EventLog(actor: .staff, actorName: actor, at: stamp)
            try await Self.moveAsset(asset, to: client, events: &events, stamp: stamp, db: db)
            try await events.write(assetID: id, db: db)
            return try await Self.asset(id: id, db: db)
        }
    }
}

extension Store {
    /// Moves an asset (and the monitors hanging on it) to another client; its assignment and site stay behind.
    static func moveAsset(_ asset: Asset, to client: Client, events: inout EventLog, stamp: String, db: any SQLDatabase) async throws {
        try await db.raw(
            "UPDATE assets SET client_id = \(bind: client.id), employee_id = NULL, site_id = NULL, updated_at = \(bind: stamp) WHERE id = \(bind: asset.id)"
        ).run()
        try await db.raw("UPDATE assets SET client_id = \(bind: client.id), updated_at = \(bind: stamp) WHERE attached_to_asset_id = \(bind: asset.id)").run()
        events.add(
            "asset.transferred", "transferred from \(asset.clientCode) to \(client.code)" + (asset.employeeName.map { "; no longer assigned to \($0)" } ?? ""))
    }
}

/// The column of an import that must be unique in the client (an asset's serial, an employee's email).
/// Rows of an import that change existing records (an edited export): checked with the others,
/// applied in the same transaction.
struct ImportEdits: Sendable {
    let check: @Sendable (any SQLDatabase) async throws -> (changes: [ImportChange], problems: [ImportProblem])
    /// The ids actually changed.
    let apply: @Sendable (any SQLDatabase) async throws -> [Int64]

    static let none = ImportEdits(check: { _ in ([], []) }, apply: { _ in [] })
}

struct ImportUniqueness<Item>: Sendable {
    let field: String
    /// Completes "KEY is ...".
    let taken: String
    let value: @Sendable (Item) -> String?
    let isTaken: @Sendable (String, any SQLDatabase) async throws -> Bool

    init(
        field: String, taken: String, value: @escaping @Sendable (Item) -> String?, isTaken: @escaping @Sendable (String, any SQLDatabase) async throws -> Bool
    ) {
        self.field = field
        self.taken = taken
        self.value = value
        self.isTaken = isTaken
    }
}
