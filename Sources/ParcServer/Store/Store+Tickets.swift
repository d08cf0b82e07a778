import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// Who acts on a ticket: a staff user, or the server itself (maintenance plans, alerts).
public enum TicketActor: Sendable, Equatable {
    case staff(StaffUser)
    /// A client employee through the portal.
    case portal(PortalUser)
    case system

    var name: String {
        switch self {
        case .staff(let user): user.email
        case .portal(let user): user.employeeName
        case .system: "system"
        }
    }
}

/// Filters of the ticket list.
public struct TicketFilter: Sendable, Equatable {
    public var clientCode: String?
    /// One status; nil lists the open ones (not resolved or closed) unless `includeDone`.
    public var status: TicketStatus?
    public var includeDone = false
    public var technicianID: Int64?
    public var priority: TicketPriority?
    public var type: TicketType?
    /// `.breached` or `.dueSoon`.
    public var sla: SLAState?
    /// Created on or after / on or before these days (`YYYY-MM-DD`, UTC).
    public var createdFrom: String?
    public var createdTo: String?
    public var assetID: Int64?

    public init(clientCode: String? = nil, status: TicketStatus? = nil, technicianID: Int64? = nil, sla: SLAState? = nil) {
        self.clientCode = clientCode
        self.status = status
        self.technicianID = technicianID
        self.sla = sla
    }
}

extension Store {
    static let ticketColumns = """
        t.id, t.number, c.code AS client_code, t.title, t.description, t.type, t.priority, t.status, t.reporter_kind, t.reporter_name,
        t.technician_id, s.name AS technician_name, t.resolution, t.maintenance_plan_id, t.scheduled_for, t.estimated_minutes, t.sla_source, t.sla_hours,
        t.response_target_minutes, t.resolution_target_minutes, t.response_due_at, t.resolution_due_at, t.responded_at, t.response_met, t.resolution_met,
        t.sla_breach_at, t.created_at, t.updated_at, t.resolved_at, t.closed_at, k.reference AS contract_reference
        """
    static let ticketTables = """
        tickets t JOIN clients c ON c.id = t.client_id LEFT JOIN staff_users s ON s.id = t.technician_id LEFT JOIN contracts k ON k.id = t.contract_id
        """
    static let openTicket: SQLQueryString = "t.status NOT IN ('resolved', 'closed')"

    static func ticket(_ row: any SQLRow, now: Date, dueSoonMinutes: Int) throws -> Ticket {
        func epoch(_ date: Date?) -> Int64? { date.map { Int64($0.timeIntervalSince1970) } }
        let status = TicketStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .new
        let responseDue = try row.optionalDate("response_due_at")
        let resolutionDue = try row.optionalDate("resolution_due_at")
        let respondedAt = try row.optionalDate("responded_at")
        let responseMet = try row.decode(column: "response_met", as: Bool?.self)
        let resolutionMet = try row.decode(column: "resolution_met", as: Bool?.self)
        let responseTarget = try row.decode(column: "response_target_minutes", as: Int?.self)
        let scheduledFor = try row.decode(column: "scheduled_for", as: String?.self)
        let hasClock = responseTarget != nil || scheduledFor != nil
        let state = SLAClock.state(
            isOpen: status.isOpen, isPaused: status == .waitingForClient, hasClock: hasClock, breachAt: epoch(try row.optionalDate("sla_breach_at")),
            now: Int64(now.timeIntervalSince1970), dueSoonSeconds: Int64(dueSoonMinutes) * 60)
        let sla = TicketSLA(
            source: try row.decode(column: "sla_source", as: String.self),
            hours: SLAHours(rawValue: try row.decode(column: "sla_hours", as: String.self)) ?? .business,
            responseTargetMinutes: try row.decode(column: "response_target_minutes", as: Int?.self),
            resolutionTargetMinutes: try row.decode(column: "resolution_target_minutes", as: Int?.self),
            responseDueAt: responseDue, resolutionDueAt: resolutionDue, respondedAt: respondedAt, responseMet: responseMet, resolutionMet: resolutionMet,
            state: state)
        var ticket = Ticket(
            id: try row.decode(column: "id", as: Int64.self), number: try row.decode(column: "number", as: String.self),
            clientCode: try row.decode(column: "client_code", as: String.self), title: try row.decode(column: "title", as: String.self),
            type: TicketType(rawValue: try row.decode(column: "type", as: String.self)) ?? .other,
            priority: TicketPriority(rawValue: try row.decode(column: "priority", as: String.self)) ?? .p3, status: status,
            reporterKind: TicketReporterKind(rawValue: try row.decode(column: "reporter_kind", as: String.self)) ?? .staff,
            reporterName: try row.decode(column: "reporter_name", as: String.self), sla: sla, createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"))
        ticket.description = try row.decode(column: "description", as: String?.self)
        ticket.technicianID = try row.decode(column: "technician_id", as: Int64?.self)
        ticket.technicianName = try row.decode(column: "technician_name", as: String?.self)
        ticket.resolution = try row.decode(column: "resolution", as: String?.self)
        ticket.maintenancePlanID = try row.decode(column: "maintenance_plan_id", as: Int64?.self)
        ticket.scheduledFor = try row.decode(column: "scheduled_for", as: String?.self)
        ticket.estimatedMinutes = try row.decode(column: "estimated_minutes", as: Int?.self)
        ticket.resolvedAt = try row.optionalDate("resolved_at")
        ticket.closedAt = try row.optionalDate("closed_at")
        ticket.contractReference = try row.decode(column: "contract_reference", as: String?.self)
        return ticket
    }

    static func ticket(id: Int64, now: Date = Date(), db: any SQLDatabase) async throws -> Ticket {
        let row = try await db.raw("SELECT \(unsafeRaw: ticketColumns) FROM \(unsafeRaw: ticketTables) WHERE t.id = \(bind: id)").first()
        guard let row else { throw StoreError.notFound(entity: "ticket", key: String(id)) }
        var ticket = try ticket(row, now: now, dueSoonMinutes: try await slaSettings(db: db).dueSoonMinutes)
        ticket.assets = try await ticketAssets([id], db: db)[id] ?? []
        return ticket
    }

    static func ticketAssets(_ ids: [Int64], db: any SQLDatabase) async throws -> [Int64: [TicketAsset]] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.raw(
            "SELECT ta.ticket_id, a.id, a.name FROM ticket_assets ta JOIN assets a ON a.id = ta.asset_id WHERE ta.ticket_id IN (\(Self.list(ids))) ORDER BY a.id"
        ).all()
        var result: [Int64: [TicketAsset]] = [:]
        for row in rows {
            result[try row.decode(column: "ticket_id", as: Int64.self), default: []].append(
                TicketAsset(id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self)))
        }
        return result
    }

    static func list(_ values: [Int64]) -> SQLQueryString {
        var query = SQLQueryString("")
        for (index, value) in values.enumerated() { query = query + (index == 0 ? "" : ", ") + "\(bind: value)" }
        return query
    }

    /// A ticket by its id or its number (`T-2026-00042`).
    public func ticketID(_ reference: String) async throws -> Int64 {
        if let id = Int64(reference), id > 0 { return id }
        return try await database.withConnection { db in
            let row = try await db.raw("SELECT id FROM tickets WHERE number = \(bind: reference.uppercased())").first()
            guard let row else { throw StoreError.notFound(entity: "ticket", key: reference) }
            return try row.decode(column: "id", as: Int64.self)
        }
    }

    /// A staff user who can take tickets: active, technician or manager.
    static func technician(id: Int64, field: String = "technicianID", db: any SQLDatabase) async throws -> StaffUser {
        guard let row = try await db.raw("SELECT \(unsafeRaw: staffColumns) FROM staff_users s WHERE s.id = \(bind: id)").first() else {
            throw StoreError.invalidReference(field: field, message: "no staff user has id \(id)")
        }
        let user = try staffUser(row)
        guard user.active else { throw StoreError.invalidReference(field: field, message: "\(user.email) is deactivated") }
        guard user.role == .technician || user.role == .manager else {
            throw StoreError.invalidReference(field: field, message: "\(user.email) is \(user.role.rawValue) staff; only technicians and managers take tickets")
        }
        return user
    }

    /// An asset a ticket of `clientCode` may name.
    static func ticketAsset(id: Int64, clientCode: String, db: any SQLDatabase) async throws -> Asset {
        let asset: Asset
        do { asset = try await Self.asset(id: id, db: db) } catch StoreError.notFound {
            throw StoreError.invalidReference(field: "assetIDs", message: "no asset has id \(id)")
        }
        guard asset.clientCode == clientCode else {
            throw StoreError.invalidReference(field: "assetIDs", message: "asset \(id) belongs to \(asset.clientCode), not to \(clientCode)")
        }
        guard asset.mergedIntoAssetID == nil else {
            throw StoreError.invalidReference(field: "assetIDs", message: "asset \(id) was merged into asset \(asset.mergedIntoAssetID ?? 0)")
        }
        return asset
    }

    /// The next number of the year's gapless sequence, taken inside the caller's transaction.
    static func nextTicketNumber(year: Int, db: any SQLDatabase) async throws -> String {
        let row = try await db.raw(
            """
            INSERT INTO ticket_sequences (year, last_number) VALUES (\(bind: year), 1)
            ON CONFLICT (year) DO UPDATE SET last_number = ticket_sequences.last_number + 1 RETURNING last_number
            """
        ).first()
        let number = try row.require().decode(column: "last_number", as: Int64.self)
        let digits = String(number)
        return "T-\(year)-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    /// What a new ticket row holds beyond the request: set by staff or by a maintenance plan.
    struct TicketOrigin {
        var reporterKind: TicketReporterKind
        var reporterName: String
        var reporterEmployeeID: Int64?
        var reporterStaffID: Int64?
        var maintenancePlanID: Int64?
        var scheduledFor: String?
        var estimatedMinutes: Int?
    }

    public func createTicket(_ new: NewTicket, by actor: TicketActor, now: Date = Date()) async throws -> Ticket {
        try await database.transaction { db in
            let client = try await Self.client(code: new.client, db: db)
            var origin: TicketOrigin
            switch actor {
            case .staff(let user): origin = TicketOrigin(reporterKind: .staff, reporterName: user.name, reporterStaffID: user.id)
            case .portal(let user): origin = TicketOrigin(reporterKind: .employee, reporterName: user.employeeName, reporterEmployeeID: user.employeeID)
            case .system: origin = TicketOrigin(reporterKind: .system, reporterName: "system")
            }
            if let employeeID = new.reporterEmployeeID {
                let employee: Employee
                do { employee = try await Self.employee(id: employeeID, db: db) } catch StoreError.notFound {
                    throw StoreError.invalidReference(field: "reporterEmployeeID", message: "no employee has id \(employeeID)")
                }
                guard employee.clientCode == client.code else {
                    throw StoreError.invalidReference(
                        field: "reporterEmployeeID", message: "employee \(employeeID) works for \(employee.clientCode), not for \(client.code)")
                }
                origin = TicketOrigin(reporterKind: .employee, reporterName: employee.name, reporterEmployeeID: employeeID)
            }
            let id = try await Self.insertTicket(new, clientID: client.id, clientCode: client.code, origin: origin, actor: actor, now: now, db: db)
            return try await Self.ticket(id: id, now: now, db: db)
        }
    }

    /// The contract a new ticket's billable time goes through: among the client's contracts in force
    /// with support hours, the one covering its first asset, or else the latest started.
    static func billingContract(clientID: Int64, assets: [Asset], day: String, db: any SQLDatabase) async throws -> Int64? {
        guard let today = CalendarDay(day) else { return nil }
        let terms = try await contractTerms(clientID: clientID, through: today, db: db)
        let withHours = Set(
            try await db.raw(
                """
                SELECT DISTINCT l.contract_id FROM contract_lines l JOIN contracts k ON k.id = l.contract_id
                WHERE k.client_id = \(bind: clientID) AND l.kind = 'support-hours'
                """
            ).all().map { try $0.decode(column: "contract_id", as: Int64.self) })
        if let asset = assets.first,
            let covering = BillingUsage.coveringContract(assetID: asset.id, kind: asset.kind.rawValue, on: today, among: terms), withHours.contains(covering)
        {
            return covering
        }
        return BillingUsage.billingContract(on: today, among: terms) { withHours.contains($0.id) }
    }

    static func insertTicket(
        _ new: NewTicket, clientID: Int64, clientCode: String, origin: TicketOrigin, actor: TicketActor, now: Date, db: any SQLDatabase
    ) async throws -> Int64 {
        let assets = try await (new.assetIDs ?? []).uniqued().asyncMap { try await Self.ticketAsset(id: $0, clientCode: clientCode, db: db) }
        let assignee = try await new.technicianID.asyncMap { try await Self.technician(id: $0, db: db) }
        let stamp = Timestamp.string(now)
        let policy = try await slaPolicy(clientID: clientID, day: Timestamp.day(now), db: db)
        // A maintenance ticket is due on its day, not on response targets.
        let target = origin.scheduledFor == nil ? policy.terms.target(for: new.priority) : nil
        // Read before the number, whose lock makes concurrent openings wait for each other.
        let recipients = try await eventRecipients(db: db)
        let number = try await nextTicketNumber(year: Int(stamp.prefix(4)) ?? 2000, db: db)
        let status: TicketStatus = assignee == nil ? .new : .assigned
        let contractID = try await billingContract(clientID: clientID, assets: assets, day: Timestamp.day(now), db: db)
        let row = try await db.raw(
            """
            INSERT INTO tickets (number, client_id, title, description, type, priority, status, reporter_kind, reporter_name, reporter_employee_id,
                reporter_staff_id, technician_id, maintenance_plan_id, scheduled_for, estimated_minutes, sla_source, sla_hours,
                response_target_minutes, resolution_target_minutes, contract_id, created_at, updated_at)
            VALUES (\(bind: number), \(bind: clientID), \(bind: new.title), \(bind: new.description), \(bind: new.type.rawValue), \(bind: new.priority.rawValue),
                \(bind: status.rawValue), \(bind: origin.reporterKind.rawValue), \(bind: origin.reporterName), \(bind: origin.reporterEmployeeID),
                \(bind: origin.reporterStaffID), \(bind: assignee?.id), \(bind: origin.maintenancePlanID), \(bind: origin.scheduledFor),
                \(bind: origin.estimatedMinutes), \(bind: origin.scheduledFor == nil ? policy.source : "maintenance plan"), \(bind: policy.terms.hours.rawValue),
                \(bind: target?.responseMinutes), \(bind: target?.resolutionMinutes), \(bind: contractID), \(bind: stamp), \(bind: stamp))
            RETURNING id
            """
        ).first()
        let id = try row.require().decode(column: "id", as: Int64.self)
        for asset in assets {
            try await db.raw("INSERT INTO ticket_assets (ticket_id, asset_id) VALUES (\(bind: id), \(bind: asset.id))").run()
        }
        var log = TicketLog(ticketID: id, number: number, actor: actor, at: stamp)
        log.add("ticket.created", "\(new.type.rawValue) \(new.priority.rawValue) opened by \(origin.reporterName): \(new.title)", status: .new)
        if let assignee { log.add("ticket.assigned", "assigned to \(assignee.name)", status: .assigned) }
        try await log.write(db: db)
        try await refreshClocks(ticketID: id, db: db)
        try await emitTicket(.ticketOpened, id: id, clientID: clientID, technicianID: assignee?.id, now: now, recipients: recipients, db: db)
        return id
    }

    /// Tells of a ticket event (see `emit`), with what the client may read of the ticket.
    static func emitTicket(
        _ type: NotificationEvent, id: Int64, clientID: Int64, technicianID: Int64?, comment: TicketComment? = nil, now: Date,
        recipients: EventRecipients? = nil, db: any SQLDatabase
    ) async throws {
        guard let recipients else {
            return try await emitTicket(
                type, id: id, clientID: clientID, technicianID: technicianID, comment: comment, now: now, recipients: try await eventRecipients(db: db),
                db: db)
        }
        try await emit(
            type, clientID: clientID, data: TicketNotice(try await Self.ticket(id: id, now: now, db: db), comment: comment), now: now,
            recipients: recipients, context: EventContext(technicianID: technicianID), db: db)
    }

    /// Recomputes the ticket's due times and whether they were met, from its targets and its
    /// status changes so far (pauses while waiting for the client, stop on resolution).
    static func refreshClocks(ticketID: Int64, db: any SQLDatabase) async throws {
        let row = try await db.raw(
            """
            SELECT created_at, sla_hours, response_target_minutes, resolution_target_minutes, responded_at, scheduled_for FROM tickets WHERE id = \(bind: ticketID)
            """
        ).first().require()
        let changes = try await db.raw("SELECT at, status FROM ticket_events WHERE ticket_id = \(bind: ticketID) AND status IS NOT NULL ORDER BY id").all().map
        { row in
            (at: Int64(try row.date("at").timeIntervalSince1970), status: TicketStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .new)
        }
        let settings = try await slaSettings(db: db)
        let policy = SLAPolicy(settings: settings, terms: settings.defaultTerms, source: "")
        let time = policy.workingTime(SLAHours(rawValue: try row.decode(column: "sla_hours", as: String.self)) ?? .business)
        let created = Int64(try row.date("created_at").timeIntervalSince1970)
        let responseDue = try row.decode(column: "response_target_minutes", as: Int?.self).flatMap {
            SLAClock.due(start: created, targetMinutes: $0, pauses: [], in: time)
        }
        let clock = SLAClock.resolutionClock(changes: changes)
        var resolutionDue = try row.decode(column: "resolution_target_minutes", as: Int?.self).flatMap {
            SLAClock.due(start: created, targetMinutes: $0, pauses: clock.pauses, in: time)
        }
        if let day = try row.decode(column: "scheduled_for", as: String?.self).flatMap(CalendarDay.init) {
            let end = day.adding(days: 1)
            resolutionDue = end.midnight(offsetSeconds: policy.workingTime(.business).utcOffset(end.midnight(offsetSeconds: 0)))
        }
        let respondedAt = try row.optionalDate("responded_at").map { Int64($0.timeIntervalSince1970) }
        let responseMet = respondedAt.flatMap { responded in responseDue.map { responded <= $0 } }
        let resolutionMet = clock.stoppedAt.flatMap { stopped in resolutionDue.map { stopped <= $0 } }
        let isOpen = (changes.last?.status ?? .new).isOpen
        let breachAt = SLAClock.breachAt(
            isOpen: isOpen, responseDue: responseDue, respondedAt: respondedAt, resolutionDue: resolutionDue, stoppedAt: clock.stoppedAt)
        func text(_ seconds: Int64?) -> String? { seconds.map { Timestamp.string(Date(timeIntervalSince1970: TimeInterval($0))) } }
        try await db.raw(
            """
            UPDATE tickets SET response_due_at = \(bind: text(responseDue)), resolution_due_at = \(bind: text(resolutionDue)),
                response_met = \(bind: responseMet), resolution_met = \(bind: resolutionMet), sla_breach_at = \(bind: text(breachAt))
            WHERE id = \(bind: ticketID)
            """
        ).run()
    }

    /// The parts of a ticket a change needs to check, locked for the transaction on PostgreSQL.
    struct TicketState {
        let id: Int64
        let number: String
        let clientID: Int64
        let clientCode: String
        let status: TicketStatus
        let technicianID: Int64?
        let technicianName: String?
        let respondedAt: String?
    }

    static func ticketState(id: Int64, db: any SQLDatabase) async throws -> TicketState {
        let lock: SQLQueryString = db.dialect.name == "postgresql" ? " FOR UPDATE OF t" : ""
        let row = try await db.raw(
            """
            SELECT t.id, t.number, t.client_id, c.code, t.status, t.technician_id, s.name AS technician_name, t.responded_at FROM \(unsafeRaw: ticketTables)
            WHERE t.id = \(bind: id)\(lock)
            """
        ).first()
        guard let row else { throw StoreError.notFound(entity: "ticket", key: String(id)) }
        return TicketState(
            id: id, number: try row.decode(column: "number", as: String.self), clientID: try row.decode(column: "client_id", as: Int64.self),
            clientCode: try row.decode(column: "code", as: String.self),
            status: TicketStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .new,
            technicianID: try row.decode(column: "technician_id", as: Int64?.self), technicianName: try row.decode(column: "technician_name", as: String?.self),
            respondedAt: try row.decode(column: "responded_at", as: String?.self))
    }

    public func changeTicketStatus(id: Int64, _ change: TicketStatusChange, by actor: TicketActor, now: Date = Date()) async throws -> Ticket {
        try await database.transaction { db in try await Self.changeTicketStatus(id: id, change, by: actor, now: now, db: db) }
    }

    static func changeTicketStatus(id: Int64, _ change: TicketStatusChange, by actor: TicketActor, now: Date, db: any SQLDatabase) async throws -> Ticket {
        let ticket = try await Self.ticketState(id: id, db: db)
        try TicketRules.checkTransition(number: ticket.number, from: ticket.status, to: change.status, hasTechnician: ticket.technicianID != nil)
        let resolution = change.resolution?.trimmingCharacters(in: .whitespacesAndNewlines)
        if change.status == .resolved, (resolution ?? "").isEmpty {
            throw ValidationError(field: "resolution", reason: "say how it was resolved: the client reads it")
        }
        let stamp = Timestamp.string(now)
        let reopened = ticket.status == .resolved && change.status.isOpen
        var log = TicketLog(ticketID: id, number: ticket.number, actor: actor, at: stamp)
        let verb = reopened ? "reopened" : "\(ticket.status.rawValue) → \(change.status.rawValue)"
        log.add(
            reopened ? "ticket.reopened" : "ticket.status-changed",
            verb + (change.note.map { ": \($0)" } ?? "") + (resolution.map { change.status == .resolved ? " (\($0))" : "" } ?? ""), status: change.status)
        let respondedAt = ticket.respondedAt ?? (TicketRules.isResponse(change.status) ? stamp : nil)
        try await db.raw(
            """
            UPDATE tickets SET status = \(bind: change.status.rawValue), updated_at = \(bind: stamp), responded_at = \(bind: respondedAt),
                resolution = CASE WHEN \(bind: change.status == .resolved) THEN \(bind: resolution) ELSE resolution END,
                resolved_at = CASE WHEN \(bind: change.status == .resolved) THEN \(bind: stamp) WHEN \(bind: reopened) THEN NULL ELSE resolved_at END,
                closed_at = CASE WHEN \(bind: change.status == .closed) THEN \(bind: stamp) ELSE closed_at END,
                resolution_met = CASE WHEN \(bind: reopened) THEN NULL ELSE resolution_met END
            WHERE id = \(bind: id)
            """
        ).run()
        try await log.write(db: db)
        try await Self.refreshClocks(ticketID: id, db: db)
        if change.status == .resolved {
            try await emitTicket(.ticketResolved, id: id, clientID: ticket.clientID, technicianID: ticket.technicianID, now: now, db: db)
        }
        return try await Self.ticket(id: id, now: now, db: db)
    }

    public func assignTicket(id: Int64, technicianID: Int64?, by actor: TicketActor, now: Date = Date()) async throws -> Ticket {
        try await database.transaction { db in
            let ticket = try await Self.ticketState(id: id, db: db)
            let technician = try await technicianID.asyncMap { try await Self.technician(id: $0, db: db) }
            let status = try TicketRules.statusAfterAssignment(number: ticket.number, ticket.status, assigned: technician != nil)
            guard technician?.id != ticket.technicianID else { return try await Self.ticket(id: id, now: now, db: db) }
            let stamp = Timestamp.string(now)
            var log = TicketLog(ticketID: id, number: ticket.number, actor: actor, at: stamp)
            if let technician {
                log.add(
                    "ticket.assigned", "assigned to \(technician.name)" + (ticket.technicianName.map { " (was \($0))" } ?? ""),
                    status: status != ticket.status ? status : nil)
            } else {
                log.add("ticket.unassigned", "no longer assigned to \(ticket.technicianName ?? "anyone")", status: status != ticket.status ? status : nil)
            }
            try await db.raw(
                "UPDATE tickets SET technician_id = \(bind: technician?.id), status = \(bind: status.rawValue), updated_at = \(bind: stamp) WHERE id = \(bind: id)"
            ).run()
            try await log.write(db: db)
            if status != ticket.status { try await Self.refreshClocks(ticketID: id, db: db) }
            if let technician {
                try await Self.emitTicket(.ticketAssigned, id: id, clientID: ticket.clientID, technicianID: technician.id, now: now, db: db)
            }
            return try await Self.ticket(id: id, now: now, db: db)
        }
    }

    public func updateTicket(id: Int64, _ update: TicketUpdate, by actor: TicketActor, now: Date = Date()) async throws -> Ticket {
        try await database.transaction { db in
            let state = try await Self.ticketState(id: id, db: db)
            guard state.status != .closed else { throw StoreError.conflict(field: nil, message: "\(state.number) is closed and can no longer change") }
            let current = try await Self.ticket(id: id, now: now, db: db)
            let stamp = Timestamp.string(now)
            var log = TicketLog(ticketID: id, number: state.number, actor: actor, at: stamp)
            var ticket = current
            if let title = update.title?.trimmingCharacters(in: .whitespaces), title != ticket.title {
                guard !title.isEmpty else { throw ValidationError(field: "title", reason: "must not be empty") }
                log.add("ticket.updated", "title: \(ticket.title) → \(title)")
                ticket.title = title
            }
            if let description = update.description, description != (ticket.description ?? "") {
                log.add("ticket.updated", "description changed")
                ticket.description = description.isEmpty ? nil : description
            }
            if let reference = update.contract?.trimmingCharacters(in: .whitespaces), reference != (ticket.contractReference ?? "") {
                var contractID: Int64?
                if !reference.isEmpty {
                    let row = try await db.raw("SELECT id FROM contracts WHERE reference = \(bind: reference) AND client_id = \(bind: state.clientID)").first()
                    guard let row else {
                        throw StoreError.invalidReference(field: "contract", message: "\(state.clientCode) has no contract with reference \(reference)")
                    }
                    contractID = try row.decode(column: "id", as: Int64.self)
                }
                try await db.raw("UPDATE tickets SET contract_id = \(bind: contractID) WHERE id = \(bind: id)").run()
                log.add("ticket.updated", "contract: \(ticket.contractReference ?? "none") → \(reference.isEmpty ? "none" : reference)")
                ticket.contractReference = reference.isEmpty ? nil : reference
            }
            if let type = update.type, type != ticket.type {
                log.add("ticket.updated", "type: \(ticket.type.rawValue) → \(type.rawValue)")
                ticket.type = type
            }
            var targets = (
                response: ticket.sla.responseTargetMinutes, resolution: ticket.sla.resolutionTargetMinutes, source: ticket.sla.source, hours: ticket.sla.hours
            )
            if let priority = update.priority, priority != ticket.priority {
                log.add("ticket.priority-changed", "priority: \(ticket.priority.rawValue) → \(priority.rawValue)")
                ticket.priority = priority
                if ticket.scheduledFor == nil {
                    let policy = try await Self.slaPolicy(clientID: state.clientID, day: Timestamp.day(current.createdAt), db: db)
                    let target = policy.terms.target(for: priority)
                    targets = (target?.responseMinutes, target?.resolutionMinutes, policy.source, policy.terms.hours)
                }
            }
            // Newly linked assets get the ticket's history from here on.
            var linked: [Asset] = []
            for assetID in (update.addAssetIDs ?? []).uniqued() where !current.assets.contains(where: { $0.id == assetID }) {
                let asset = try await Self.ticketAsset(id: assetID, clientCode: state.clientCode, db: db)
                try await db.raw("INSERT INTO ticket_assets (ticket_id, asset_id) VALUES (\(bind: id), \(bind: asset.id))").run()
                linked.append(asset)
            }
            if !linked.isEmpty { log.add("ticket.asset-linked", "linked " + linked.map { "\($0.name) (#\($0.id))" }.joined(separator: ", ")) }
            for employeeID in (update.addFollowerIDs ?? []).uniqued() {
                let employee: Employee
                do { employee = try await Self.employee(id: employeeID, db: db) } catch StoreError.notFound {
                    throw StoreError.invalidReference(field: "addFollowerIDs", message: "no employee has id \(employeeID)")
                }
                guard employee.clientCode == state.clientCode else {
                    throw StoreError.invalidReference(
                        field: "addFollowerIDs", message: "employee \(employeeID) works for \(employee.clientCode), not for \(state.clientCode)")
                }
                let added = try await db.raw(
                    "INSERT INTO ticket_followers (ticket_id, employee_id) VALUES (\(bind: id), \(bind: employeeID)) ON CONFLICT DO NOTHING RETURNING ticket_id"
                ).first()
                if added != nil { log.add("ticket.follower-added", "\(employee.name) follows it") }
            }
            guard !log.entries.isEmpty else { return current }
            try await db.raw(
                """
                UPDATE tickets SET title = \(bind: ticket.title), description = \(bind: ticket.description), type = \(bind: ticket.type.rawValue),
                    priority = \(bind: ticket.priority.rawValue), sla_source = \(bind: targets.source), sla_hours = \(bind: targets.hours.rawValue),
                    response_target_minutes = \(bind: targets.response), resolution_target_minutes = \(bind: targets.resolution), updated_at = \(bind: stamp)
                WHERE id = \(bind: id)
                """
            ).run()
            try await log.write(db: db)
            try await Self.refreshClocks(ticketID: id, db: db)
            return try await Self.ticket(id: id, now: now, db: db)
        }
    }

    public func addTicketComment(id: Int64, _ comment: NewTicketComment, by actor: TicketActor, now: Date = Date()) async throws -> TicketComment {
        try await database.transaction { db in try await Self.addTicketComment(id: id, comment, by: actor, now: now, db: db) }
    }

    static func addTicketComment(id: Int64, _ comment: NewTicketComment, by actor: TicketActor, now: Date, db: any SQLDatabase) async throws -> TicketComment {
        let body = comment.body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw ValidationError(field: "body", reason: "must not be empty") }
        guard body.count <= 20_000 else { throw ValidationError(field: "body", reason: "must be at most 20000 characters") }
        let ticket = try await Self.ticketState(id: id, db: db)
        guard ticket.status != .closed else { throw StoreError.conflict(field: nil, message: "\(ticket.number) is closed; open a new ticket") }
        let stamp = Timestamp.string(now)
        let row = try await db.raw(
            """
            INSERT INTO ticket_comments (ticket_id, author, body, is_public, created_at)
            VALUES (\(bind: id), \(bind: actor.name), \(bind: body), \(bind: comment.isPublic), \(bind: stamp)) RETURNING id
            """
        ).first()
        var log = TicketLog(ticketID: id, number: ticket.number, actor: actor, at: stamp)
        let excerpt = body.count > 80 ? String(body.prefix(79)) + "…" : body
        log.add("ticket.commented", (comment.isPublic ? "public comment: " : "internal note: ") + excerpt)
        try await log.write(db: db)
        // A public answer is the first response the client sees.
        if comment.isPublic, ticket.respondedAt == nil, case .staff = actor {
            try await db.raw("UPDATE tickets SET responded_at = \(bind: stamp), updated_at = \(bind: stamp) WHERE id = \(bind: id)").run()
            try await Self.refreshClocks(ticketID: id, db: db)
        }
        let added = TicketComment(
            id: try row.require().decode(column: "id", as: Int64.self), author: actor.name, body: body, isPublic: comment.isPublic, createdAt: now)
        if comment.isPublic {
            try await emitTicket(.ticketCommented, id: id, clientID: ticket.clientID, technicianID: ticket.technicianID, comment: added, now: now, db: db)
        }
        return added
    }

    public func logTime(ticketID id: Int64, _ entry: NewTimeEntry, technicianID: Int64, by actor: TicketActor, now: Date = Date()) async throws -> TimeEntry {
        try await database.transaction { db in
            let ticket = try await Self.ticketState(id: id, db: db)
            guard ticket.status != .closed else {
                throw StoreError.conflict(field: nil, message: "\(ticket.number) is closed; time can no longer be logged on it")
            }
            let technician = try await Self.technician(id: technicianID, db: db)
            let stamp = Timestamp.string(now)
            let day = entry.workedOn ?? Timestamp.day(now)
            let billable = entry.billable ?? true
            let row = try await db.raw(
                """
                INSERT INTO time_entries (ticket_id, technician_id, worked_on, minutes, billable, note, created_at)
                VALUES (\(bind: id), \(bind: technician.id), \(bind: day), \(bind: entry.minutes), \(bind: billable), \(bind: entry.note), \(bind: stamp)) RETURNING id
                """
            ).first()
            var log = TicketLog(ticketID: id, number: ticket.number, actor: actor, at: stamp)
            log.add(
                "ticket.time-logged",
                "\(entry.minutes) min by \(technician.name) on \(day)" + (billable ? "" : " (not billable)") + (entry.note.map { ": \($0)" } ?? ""))
            try await log.write(db: db)
            try await db.raw("UPDATE tickets SET updated_at = \(bind: stamp) WHERE id = \(bind: id)").run()
            return TimeEntry(
                id: try row.require().decode(column: "id", as: Int64.self), technicianID: technician.id, technicianName: technician.name, workedOn: day,
                minutes: entry.minutes, billable: billable, note: entry.note, createdAt: now)
        }
    }

    /// Records material used. An asset from stock is deployed: it moves to the ticket's client (with
    /// its history), goes in use and is linked to the ticket.
    public func addMaterial(ticketID id: Int64, _ material: NewMaterial, by actor: TicketActor, now: Date = Date()) async throws -> Material {
        try await database.transaction { db in
            let ticket = try await Self.ticketState(id: id, db: db)
            guard ticket.status != .closed else {
                throw StoreError.conflict(field: nil, message: "\(ticket.number) is closed; material can no longer be added")
            }
            let stamp = Timestamp.string(now)
            var description = material.description
            var log = TicketLog(ticketID: id, number: ticket.number, actor: actor, at: stamp)
            if let assetID = material.assetID {
                // Two tickets must not deploy the same laptop: hold the asset's row (SQLite writers are serialised already).
                if db.dialect.name == "postgresql" { try await db.raw("SELECT id FROM assets WHERE id = \(bind: assetID) FOR UPDATE").run() }
                let asset: Asset
                do { asset = try await Self.asset(id: assetID, db: db) } catch StoreError.notFound {
                    throw StoreError.invalidReference(field: "assetID", message: "no asset has id \(assetID)")
                }
                guard asset.status == .inStock else {
                    throw StoreError.conflict(field: "assetID", message: "asset \(assetID) (\(asset.name)) is \(asset.status.rawValue), not in stock")
                }
                var events = EventLog(actor: actor == .system ? .system : .staff, actorName: actor.name, at: stamp)
                let stock = try await Self.providerIdentity(db: db).stockClient
                guard mayDeploy(assetOf: asset.clientCode, toTicketOf: ticket.clientCode, providerStock: stock) else {
                    throw StoreError.invalidReference(
                        field: "assetID",
                        message:
                            "asset \(assetID) belongs to \(asset.clientCode), neither \(ticket.number)'s client \(ticket.clientCode) nor the provider's stock"
                            + (stock.map { " (\($0))" } ?? " (none is set: parcctl provider set --stock-client CODE)"))
                }
                guard asset.mergedIntoAssetID == nil, asset.agentID == nil || asset.clientCode == ticket.clientCode else {
                    throw StoreError.conflict(
                        field: "assetID",
                        message: "asset \(assetID) is reported by an agent of \(asset.clientCode) or was merged; it cannot be deployed elsewhere")
                }
                if asset.clientCode != ticket.clientCode {
                    let client = try await Self.client(code: ticket.clientCode, db: db)
                    try await Self.moveAsset(asset, to: client, events: &events, stamp: stamp, db: db)
                }
                try await db.raw("UPDATE assets SET status = \(bind: AssetStatus.inUse.rawValue), updated_at = \(bind: stamp) WHERE id = \(bind: assetID)")
                    .run()
                events.add("asset.deployed", "deployed at \(ticket.clientCode) by \(ticket.number); status: in-stock → in-use")
                try await events.write(assetID: assetID, db: db)
                try await db.raw(
                    "INSERT INTO ticket_assets (ticket_id, asset_id) VALUES (\(bind: id), \(bind: assetID)) ON CONFLICT DO NOTHING"
                ).run()
                description =
                    description ?? ([asset.name, asset.model].compactMap { $0 }.joined(separator: " ") + (asset.serial.map { " (serial \($0))" } ?? ""))
            }
            let text = description ?? ""
            let row = try await db.raw(
                """
                INSERT INTO ticket_materials (ticket_id, description, quantity, unit_price_cents, asset_id, added_by, created_at)
                VALUES (\(bind: id), \(bind: text), \(bind: material.quantity), \(bind: material.unitPriceCents), \(bind: material.assetID), \(bind: actor.name), \(bind: stamp))
                RETURNING id
                """
            ).first()
            log.add("ticket.material-added", "\(material.quantity) × \(text)" + (material.assetID.map { " (asset #\($0) deployed from stock)" } ?? ""))
            try await log.write(db: db)
            try await db.raw("UPDATE tickets SET updated_at = \(bind: stamp) WHERE id = \(bind: id)").run()
            return Material(
                id: try row.require().decode(column: "id", as: Int64.self), description: text, quantity: material.quantity,
                unitPriceCents: material.unitPriceCents,
                assetID: material.assetID, addedBy: actor.name, createdAt: now)
        }
    }

    public func listTickets(_ filter: TicketFilter, _ query: ListQuery, now: Date = Date()) async throws -> Page<Ticket> {
        try await database.withConnection { db in
            let settings = try await Self.slaSettings(db: db)
            var conditions: [SQLQueryString] = []
            if let status = filter.status {
                conditions.append("t.status = \(bind: status.rawValue)")
            } else if !filter.includeDone {
                conditions.append(Self.openTicket)
            }
            if let code = filter.clientCode { conditions.append("t.client_id = \(bind: try await Self.client(code: code, db: db).id)") }
            if let technician = filter.technicianID { conditions.append("t.technician_id = \(bind: technician)") }
            if let priority = filter.priority { conditions.append("t.priority = \(bind: priority.rawValue)") }
            if let type = filter.type { conditions.append("t.type = \(bind: type.rawValue)") }
            if let from = filter.createdFrom { conditions.append("t.created_at >= \(bind: from)") }
            if let to = filter.createdTo { conditions.append("t.created_at < \(bind: Timestamp.day(to, plus: 1))") }
            if let asset = filter.assetID { conditions.append("t.id IN (SELECT ticket_id FROM ticket_assets WHERE asset_id = \(bind: asset))") }
            if let search = query.search {
                let pattern = Self.likePattern(search)
                conditions.append("(LOWER(t.title) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(t.number) LIKE \(bind: pattern) ESCAPE '\\')")
            }
            // `SLAClock.state` as SQL, on the stored breach time.
            let nowText = Timestamp.string(now)
            let soonText = Timestamp.string(now.addingTimeInterval(TimeInterval(settings.dueSoonMinutes * 60)))
            switch filter.sla {
            case .breached?:
                conditions.append("t.sla_breach_at < \(bind: nowText)")
            case .dueSoon?:
                conditions.append(Self.openTicket)
                conditions.append("t.sla_breach_at >= \(bind: nowText) AND t.sla_breach_at < \(bind: soonText) AND t.status <> 'waiting-for-client'")
            case .some(let other):
                throw StoreError.invalidReference(field: "sla", message: "the SLA filter is breached or due-soon, not \(other.rawValue)")
            case nil:
                break
            }
            let whereClause = Self.whereClause(conditions)
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM tickets t \(whereClause)")
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.ticketColumns) FROM \(unsafeRaw: Self.ticketTables) \(whereClause)
                ORDER BY t.priority, t.id LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
                """
            ).all()
            var tickets = try rows.map { try Self.ticket($0, now: now, dueSoonMinutes: settings.dueSoonMinutes) }
            let assets = try await Self.ticketAssets(tickets.map(\.id), db: db)
            for index in tickets.indices { tickets[index].assets = assets[tickets[index].id] ?? [] }
            return Page(items: tickets, total: total, limit: query.limit, offset: query.offset)
        }
    }

    public func ticketDetail(id: Int64, now: Date = Date()) async throws -> TicketDetail {
        try await database.withConnection { db in
            let ticket = try await Self.ticket(id: id, now: now, db: db)
            let comments = try await db.raw("SELECT id, author, body, is_public, created_at FROM ticket_comments WHERE ticket_id = \(bind: id) ORDER BY id")
                .all().map { row in
                    TicketComment(
                        id: try row.decode(column: "id", as: Int64.self), author: try row.decode(column: "author", as: String.self),
                        body: try row.decode(column: "body", as: String.self), isPublic: try row.decode(column: "is_public", as: Bool.self),
                        createdAt: try row.date("created_at"))
                }
            let time = try await db.raw(
                """
                SELECT e.id, e.technician_id, s.name, e.worked_on, e.minutes, e.billable, e.note, e.created_at FROM time_entries e
                JOIN staff_users s ON s.id = e.technician_id WHERE e.ticket_id = \(bind: id) ORDER BY e.worked_on, e.id
                """
            ).all().map { row in
                TimeEntry(
                    id: try row.decode(column: "id", as: Int64.self), technicianID: try row.decode(column: "technician_id", as: Int64.self),
                    technicianName: try row.decode(column: "name", as: String.self), workedOn: try row.decode(column: "worked_on", as: String.self),
                    minutes: try row.decode(column: "minutes", as: Int.self), billable: try row.decode(column: "billable", as: Bool.self),
                    note: try row.decode(column: "note", as: String?.self), createdAt: try row.date("created_at"))
            }
            let materials = try await db.raw(
                "SELECT id, description, quantity, unit_price_cents, asset_id, added_by, created_at FROM ticket_materials WHERE ticket_id = \(bind: id) ORDER BY id"
            ).all().map { row in
                Material(
                    id: try row.decode(column: "id", as: Int64.self), description: try row.decode(column: "description", as: String.self),
                    quantity: try row.decode(column: "quantity", as: Int.self), unitPriceCents: try row.decode(column: "unit_price_cents", as: Int64?.self),
                    assetID: try row.decode(column: "asset_id", as: Int64?.self), addedBy: try row.decode(column: "added_by", as: String.self),
                    createdAt: try row.date("created_at"))
            }
            let history = try await db.raw("SELECT at, actor, kind, summary FROM ticket_events WHERE ticket_id = \(bind: id) ORDER BY id").all().map { row in
                TicketEvent(
                    at: try row.date("at"), actor: try row.decode(column: "actor", as: String.self), kind: try row.decode(column: "kind", as: String.self),
                    summary: try row.decode(column: "summary", as: String.self))
            }
            return TicketDetail(ticket: ticket, comments: comments, timeEntries: time, materials: materials, history: history)
        }
    }
}

/// Lines of one ticket's history, written to the ticket and to the history of each asset it names.
struct TicketLog {
    let ticketID: Int64
    let number: String
    let actor: TicketActor
    let at: String
    private(set) var entries: [(kind: String, summary: String, status: TicketStatus?)] = []

    init(ticketID: Int64, number: String, actor: TicketActor, at: String) {
        self.ticketID = ticketID
        self.number = number
        self.actor = actor
        self.at = at
    }

    /// `status` is set when the entry changes the ticket's status: the SLA clocks are read from those.
    mutating func add(_ kind: String, _ summary: String, status: TicketStatus? = nil) { entries.append((kind, summary, status)) }

    func write(db: any SQLDatabase) async throws {
        guard !entries.isEmpty else { return }
        var query: SQLQueryString = "INSERT INTO ticket_events (ticket_id, at, actor, kind, summary, status) VALUES "
        for (index, entry) in entries.enumerated() {
            query =
                query + (index == 0 ? "" : ", ")
                + "(\(bind: ticketID), \(bind: at), \(bind: actor.name), \(bind: entry.kind), \(bind: entry.summary), \(bind: entry.status?.rawValue))"
        }
        try await db.raw(query).run()
        let assets = try await db.raw("SELECT asset_id FROM ticket_assets WHERE ticket_id = \(bind: ticketID)").all().map {
            try $0.decode(column: "asset_id", as: Int64.self)
        }
        for asset in assets {
            var events = EventLog(actor: actor == .system ? .system : .staff, actorName: actor.name, at: at)
            for entry in entries { events.add(entry.kind, "\(number): \(entry.summary)") }
            try await events.write(assetID: asset, db: db)
        }
    }
}
