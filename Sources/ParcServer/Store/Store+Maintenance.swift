import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

extension Store {
    static let planColumns = """
        p.id, c.code AS client_code, p.client_id, p.name, p.kind, p.recurrence_every, p.recurrence_unit, p.starts_on, p.checklist, p.estimated_minutes,
        p.technician_id, p.lead_days, p.priority, p.paused, p.scheduled_through, p.created_at
        """

    static func plan(_ row: any SQLRow, assetIDs: [Int64]) throws -> MaintenancePlan {
        let recurrence = Recurrence(
            every: try row.decode(column: "recurrence_every", as: Int.self),
            unit: RecurrenceUnit(rawValue: try row.decode(column: "recurrence_unit", as: String.self)) ?? .months,
            startsOn: try row.decode(column: "starts_on", as: String.self))
        let checklist = try row.decode(column: "checklist", as: String.self)
        var plan = MaintenancePlan(
            id: try row.decode(column: "id", as: Int64.self), clientCode: try row.decode(column: "client_code", as: String.self),
            name: try row.decode(column: "name", as: String.self), assetIDs: assetIDs,
            kind: try row.decode(column: "kind", as: String?.self).flatMap(AssetKind.init), recurrence: recurrence,
            checklist: checklist.isEmpty ? [] : checklist.split(separator: "\n").map(String.init),
            estimatedMinutes: try row.decode(column: "estimated_minutes", as: Int?.self),
            technicianID: try row.decode(column: "technician_id", as: Int64?.self),
            leadDays: try row.decode(column: "lead_days", as: Int.self),
            priority: TicketPriority(rawValue: try row.decode(column: "priority", as: String.self)) ?? .p4,
            paused: try row.decode(column: "paused", as: Bool.self), scheduledThrough: try row.decode(column: "scheduled_through", as: String.self),
            createdAt: try row.date("created_at"))
        if let through = CalendarDay(plan.scheduledThrough), let far = CalendarDay(year: 2200, month: 1, day: 1) as CalendarDay? {
            plan.nextOccurrence = MaintenanceRules.occurrences(recurrence, after: through, through: far, limit: 1).first?.description
        }
        return plan
    }

    static func plan(id: Int64, db: any SQLDatabase) async throws -> MaintenancePlan {
        let row = try await db.raw("SELECT \(unsafeRaw: planColumns) FROM maintenance_plans p JOIN clients c ON c.id = p.client_id WHERE p.id = \(bind: id)")
            .first()
        guard let row else { throw StoreError.notFound(entity: "maintenance plan", key: String(id)) }
        let assets = try await db.raw("SELECT asset_id FROM maintenance_plan_assets WHERE plan_id = \(bind: id) ORDER BY asset_id").all()
        return try plan(row, assetIDs: try assets.map { try $0.decode(column: "asset_id", as: Int64.self) })
    }

    /// A plan opens tickets for occurrences from its creation on: earlier ones are not work to do now.
    public func createMaintenancePlan(_ new: NewMaintenancePlan, now: Date = Date()) async throws -> MaintenancePlan {
        try await database.transaction { db in
            let client = try await Self.client(code: new.client, db: db)
            for assetID in (new.assetIDs ?? []).uniqued() { _ = try await Self.ticketAsset(id: assetID, clientCode: client.code, db: db) }
            if let technicianID = new.technicianID { _ = try await Self.technician(id: technicianID, db: db) }
            let start = CalendarDay(new.recurrence.startsOn) ?? CalendarDay(number: 0)
            let today = CalendarDay(Timestamp.day(now)) ?? start
            let stamp = Timestamp.string(now)
            let row = try await db.raw(
                """
                INSERT INTO maintenance_plans (client_id, name, kind, recurrence_every, recurrence_unit, starts_on, checklist, estimated_minutes, technician_id,
                    lead_days, priority, paused, scheduled_through, created_at, updated_at)
                VALUES (\(bind: client.id), \(bind: new.name), \(bind: new.kind?.rawValue), \(bind: new.recurrence.every), \(bind: new.recurrence.unit.rawValue),
                    \(bind: new.recurrence.startsOn), \(bind: new.checklist.joined(separator: "\n")), \(bind: new.estimatedMinutes), \(bind: new.technicianID),
                    \(bind: new.leadDays ?? 7), \(bind: (new.priority ?? .p4).rawValue), \(bind: false), \(bind: max(start, today).adding(days: -1).description),
                    \(bind: stamp), \(bind: stamp))
                RETURNING id
                """
            ).first()
            let id = try row.require().decode(column: "id", as: Int64.self)
            for assetID in (new.assetIDs ?? []).uniqued() {
                try await db.raw("INSERT INTO maintenance_plan_assets (plan_id, asset_id) VALUES (\(bind: id), \(bind: assetID))").run()
            }
            return try await Self.plan(id: id, db: db)
        }
    }

    public func maintenancePlan(id: Int64) async throws -> MaintenancePlan {
        try await database.withConnection { db in try await Self.plan(id: id, db: db) }
    }

    public func listMaintenancePlans(clientCode: String?, _ query: ListQuery = ListQuery()) async throws -> Page<MaintenancePlan> {
        try await database.withConnection { db in
            var conditions: [SQLQueryString] = []
            if let clientCode { conditions.append("p.client_id = \(bind: try await Self.client(code: clientCode, db: db).id)") }
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM maintenance_plans p \(Self.whereClause(conditions))")
            let ids = try await db.raw(
                "SELECT p.id FROM maintenance_plans p \(Self.whereClause(conditions)) ORDER BY p.id LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)"
            ).all()
            let plans = try await ids.asyncMap { try await Self.plan(id: try $0.decode(column: "id", as: Int64.self), db: db) }
            return Page(items: plans, total: total, limit: query.limit, offset: query.offset)
        }
    }

    /// Pauses or resumes a plan. Occurrences that fall while it is paused are skipped, not caught up.
    public func setMaintenancePlan(id: Int64, paused: Bool, now: Date = Date()) async throws -> MaintenancePlan {
        try await database.transaction { db in
            let plan = try await Self.plan(id: id, db: db)
            guard plan.paused != paused else { return plan }
            let yesterday = (CalendarDay(Timestamp.day(now)) ?? CalendarDay(number: 0)).adding(days: -1).description
            // Resuming starts from today: what fell due while paused is not owed.
            let through = paused ? plan.scheduledThrough : max(plan.scheduledThrough, yesterday)
            try await db.raw(
                """
                UPDATE maintenance_plans SET paused = \(bind: paused), scheduled_through = \(bind: through), updated_at = \(bind: Timestamp.string(now))
                WHERE id = \(bind: id)
                """
            ).run()
            return try await Self.plan(id: id, db: db)
        }
    }

    /// Opens the tickets of every active plan's occurrences up to `asOf` plus the plan's lead days,
    /// including any missed while the server was down. The occurrence table's key makes a second
    /// ticket for an asset and occurrence impossible, even with several servers running this at once.
    public func runMaintenance(asOf: String, now: Date = Date()) async throws -> MaintenanceRun {
        guard let today = CalendarDay(asOf) else { throw ValidationError(field: "asOf", reason: "must be a date written YYYY-MM-DD (got \(asOf))") }
        let planIDs = try await database.withConnection { db in
            try await db.raw("SELECT id FROM maintenance_plans WHERE paused = \(bind: false) ORDER BY id").all().map {
                try $0.decode(column: "id", as: Int64.self)
            }
        }
        var opened: [String] = []
        for planID in planIDs {
            opened += try await database.transaction { db in try await Self.schedule(planID: planID, today: today, now: now, db: db) }
        }
        return MaintenanceRun(asOf: asOf, opened: opened)
    }

    static func schedule(planID: Int64, today: CalendarDay, now: Date, db: any SQLDatabase) async throws -> [String] {
        let plan = try await plan(id: planID, db: db)
        guard !plan.paused, let through = CalendarDay(plan.scheduledThrough) else { return [] }
        let horizon = today.adding(days: plan.leadDays)
        guard horizon > through else { return [] }
        let occurrences = MaintenanceRules.occurrences(plan.recurrence, after: through, through: horizon)
        let clientID = try await db.raw("SELECT client_id FROM maintenance_plans WHERE id = \(bind: planID)").first().require().decode(
            column: "client_id", as: Int64.self)
        var targets: SQLQueryString = "a.client_id = \(bind: clientID) AND a.merged_into_asset_id IS NULL AND a.status <> \(bind: AssetStatus.retired.rawValue)"
        if let kind = plan.kind {
            targets = targets + " AND a.kind = \(bind: kind.rawValue)"
        } else {
            targets = targets + " AND a.id IN (SELECT asset_id FROM maintenance_plan_assets WHERE plan_id = \(bind: planID))"
        }
        let assets =
            occurrences.isEmpty
            ? []
            : try await db.raw("SELECT a.id, a.name FROM assets a WHERE \(targets) ORDER BY a.id").all().map {
                (id: try $0.decode(column: "id", as: Int64.self), name: try $0.decode(column: "name", as: String.self))
            }
        var opened: [String] = []
        let checklist = plan.checklist.map { "☐ \($0)" }.joined(separator: "\n")
        for day in occurrences {
            for asset in assets {
                let claimed = try await db.raw(
                    """
                    INSERT INTO maintenance_occurrences (plan_id, asset_id, due_on) VALUES (\(bind: planID), \(bind: asset.id), \(bind: day.description))
                    ON CONFLICT DO NOTHING RETURNING plan_id
                    """
                ).first()
                guard claimed != nil else { continue }
                var new = NewTicket(client: plan.clientCode, title: "\(plan.name): \(asset.name)", type: .preventiveMaintenance, priority: plan.priority)
                new.description = "Preventive maintenance due \(day).\n" + checklist
                new.assetIDs = [asset.id]
                new.technicianID = plan.technicianID
                let origin = TicketOrigin(
                    reporterKind: .system, reporterName: "maintenance plan #\(planID)", maintenancePlanID: planID, scheduledFor: day.description,
                    estimatedMinutes: plan.estimatedMinutes)
                let ticketID = try await insertTicket(new, clientID: clientID, clientCode: plan.clientCode, origin: origin, actor: .system, now: now, db: db)
                try await db.raw(
                    "UPDATE maintenance_occurrences SET ticket_id = \(bind: ticketID) WHERE plan_id = \(bind: planID) AND asset_id = \(bind: asset.id) AND due_on = \(bind: day.description)"
                ).run()
                opened.append(
                    try await db.raw("SELECT number FROM tickets WHERE id = \(bind: ticketID)").first().require().decode(column: "number", as: String.self))
            }
        }
        try await db.raw(
            "UPDATE maintenance_plans SET scheduled_through = \(bind: horizon.description) WHERE id = \(bind: planID) AND scheduled_through < \(bind: horizon.description)"
        ).run()
        return opened
    }
}
