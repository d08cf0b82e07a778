import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// What the portal reads and writes for a signed-in client employee. Every query names the scope's
/// client in its SQL, and narrows further by the viewer's reach (`PortalAccess`): what is out of
/// reach is not found, exactly like what does not exist.
extension ClientStore {
    // MARK: - Reach as SQL

    func assetReach(_ viewer: PortalViewer) throws -> SQLQueryString {
        let own: SQLQueryString = "a.client_id = \(bind: scope.clientID) AND a.merged_into_asset_id IS NULL"
        switch PortalAccess.assets(viewer) {
        case .all: return own
        case .held(let employeeID): return own + " AND a.employee_id = \(bind: employeeID)"
        case .none: throw StoreError.notFound(entity: "page", key: "assets")
        }
    }

    func ticketReach(_ viewer: PortalViewer) throws -> SQLQueryString {
        let own: SQLQueryString = "t.client_id = \(bind: scope.clientID)"
        switch PortalAccess.tickets(viewer) {
        case .all: return own
        case .own(let employeeID):
            // A union of two indexed lookups, not an OR that would read all of the client's tickets.
            return own
                + """
                 AND t.id IN (SELECT r.id FROM tickets r WHERE r.reporter_employee_id = \(bind: employeeID)
                    UNION SELECT f.ticket_id FROM ticket_followers f WHERE f.employee_id = \(bind: employeeID))
                """
        case .none: throw StoreError.notFound(entity: "page", key: "tickets")
        }
    }

    func require(_ viewer: PortalViewer, _ area: PortalAccess.Area) throws {
        guard PortalAccess.reaches(viewer, area) else { throw StoreError.notFound(entity: "page", key: area.rawValue) }
    }

    // MARK: - Home

    public func portalHome(_ viewer: PortalViewer, now: Date = Date()) async throws -> PortalHome {
        let today = Timestamp.day(now)
        return try await database.withConnection { db in
            var home = PortalHome(openTickets: [], openTicketCount: 0, warrantiesEnding: [], unpaidInvoices: [], hours: [])
            if PortalAccess.reaches(viewer, .tickets) {
                let reach = try ticketReach(viewer) + " AND " + Store.openTicket
                home.openTicketCount = try await Store.count(db, "SELECT COUNT(*) AS n FROM tickets t WHERE \(reach)")
                home.openTickets = try await tickets(where: reach, order: "t.updated_at DESC, t.id DESC", limit: 10, offset: 0, now: now, db: db)
            }
            if PortalAccess.reaches(viewer, .assets) {
                let reach =
                    try assetReach(viewer)
                    + " AND a.status <> \(bind: AssetStatus.retired.rawValue) AND a.warranty_end >= \(bind: today) AND a.warranty_end <= \(bind: Timestamp.day(today, plus: PortalAccess.warrantyHorizonDays))"
                home.warrantiesEnding = try await assets(where: reach, order: "a.warranty_end, a.id", limit: 20, offset: 0, db: db)
            }
            if PortalAccess.reaches(viewer, .invoices) {
                let unpaid: SQLQueryString =
                    "i.client_id = \(bind: scope.clientID) AND i.status = 'issued' AND i.kind = 'invoice' AND (i.gross_cents - \(unsafeRaw: Store.creditedSQL) - \(unsafeRaw: Store.paidSQL)) > 0"
                let ids = try await db.raw("SELECT i.id FROM invoices i WHERE \(unpaid) ORDER BY i.due_date, i.id LIMIT 20").all()
                    .map { try $0.decode(column: "id", as: Int64.self) }
                home.unpaidInvoices = try await ids.asyncMap { try await Store.invoice(id: $0, today: today, db: db) }
            }
            if PortalAccess.reaches(viewer, .contracts) { home.hours = try await hours(today: today, db: db) }
            return home
        }
    }

    /// Support hours included in each contract in force today, and the billable time its tickets
    /// used in the current period.
    func hours(today: String, db: any SQLDatabase) async throws -> [PortalHours] {
        guard let day = CalendarDay(today) else { return [] }
        let rows = try await db.raw(
            """
            SELECT k.id, k.reference, k.frequency, SUM(l.included_hours) AS included FROM contracts k JOIN contract_lines l ON l.contract_id = k.id
            WHERE k.client_id = \(bind: scope.clientID) AND l.kind = 'support-hours' AND \(unsafeRaw: Store.inForceSQL("'" + day.description + "'"))
            GROUP BY k.id, k.reference, k.frequency ORDER BY k.reference
            """
        ).all()
        var result: [PortalHours] = []
        for row in rows {
            let frequency = BillingFrequency(rawValue: try row.decode(column: "frequency", as: String.self)) ?? .monthly
            let period = PortalAccess.hoursPeriod(containing: day, frequency: frequency)
            let contractID = try row.decode(column: "id", as: Int64.self)
            let used = try await db.raw(
                """
                SELECT CAST(COALESCE(SUM(e.minutes), 0) AS BIGINT) AS n FROM time_entries e JOIN tickets t ON t.id = e.ticket_id
                WHERE t.client_id = \(bind: scope.clientID) AND t.contract_id = \(bind: contractID) AND e.billable
                    AND e.worked_on >= \(bind: period.first.description) AND e.worked_on <= \(bind: period.last.description)
                """
            ).first()?.decode(column: "n", as: Int64.self)
            let included = try row.decode(column: "included", as: Int64?.self) ?? 0
            result.append(
                PortalHours(
                    contractReference: try row.decode(column: "reference", as: String.self), periodFirst: period.first.description,
                    periodLast: period.last.description, includedMinutes: Int(clamping: included.multipliedReportingOverflow(by: 60).partialValue),
                    usedMinutes: Int(clamping: used ?? 0)))
        }
        return result
    }

    // MARK: - Assets

    static let portalAssetColumns = """
        a.id, a.kind, a.name, a.manufacturer, a.model, a.serial, a.asset_tag, a.status, a.hostname, a.operating_system, si.name AS site_name,
        e.name AS employee_name, a.warranty_end, \(Store.lastSeen) AS last_seen_at, \(Store.coveringContract) AS covered_by
        """
    static let portalAssetTables = """
        assets a LEFT JOIN employees e ON e.id = a.employee_id LEFT JOIN agents g ON g.id = a.agent_id LEFT JOIN sites si ON si.id = a.site_id
        """

    func assets(where reach: SQLQueryString, order: String, limit: Int, offset: Int, db: any SQLDatabase) async throws -> [PortalAsset] {
        try await db.raw(
            """
            SELECT \(unsafeRaw: Self.portalAssetColumns) FROM \(unsafeRaw: Self.portalAssetTables) WHERE \(reach)
            ORDER BY \(unsafeRaw: order) LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all().map { row in
            PortalAsset(
                id: try row.decode(column: "id", as: Int64.self), kind: AssetKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other,
                name: try row.decode(column: "name", as: String.self), manufacturer: try row.decode(column: "manufacturer", as: String?.self),
                model: try row.decode(column: "model", as: String?.self), serial: try row.decode(column: "serial", as: String?.self),
                assetTag: try row.decode(column: "asset_tag", as: String?.self),
                status: AssetStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .inUse,
                hostname: try row.decode(column: "hostname", as: String?.self), operatingSystem: try row.decode(column: "operating_system", as: String?.self),
                siteName: try row.decode(column: "site_name", as: String?.self), holderName: try row.decode(column: "employee_name", as: String?.self),
                warrantyEnd: try row.decode(column: "warranty_end", as: String?.self),
                coveredByContract: try row.decode(column: "covered_by", as: String?.self),
                lastSeenAt: try row.optionalDate("last_seen_at"))
        }
    }

    public func portalAssets(_ viewer: PortalViewer, _ query: ListQuery) async throws -> Page<PortalAsset> {
        var reach = try assetReach(viewer)
        if let search = query.search, !search.isEmpty {
            let pattern = Store.likePattern(search)
            reach =
                reach
                    + """
                     AND (LOWER(a.name) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(COALESCE(a.serial, '')) LIKE \(bind: pattern) ESCAPE '\\'
                     OR LOWER(COALESCE(a.hostname, '')) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(COALESCE(a.asset_tag, '')) LIKE \(bind: pattern) ESCAPE '\\')
                    """
        }
        let searching = !(query.search ?? "").isEmpty
        return try await database.withConnection { [reach] db in
            // A search reads every row anyway: one pass finds the matches in order, counted, and only
            // the page's rows are read again (the count and the page took a full pass each).
            if searching {
                let ids = try await db.raw("SELECT a.id FROM assets a WHERE \(reach) ORDER BY a.name, a.id").all().map {
                    try $0.decode(column: "id", as: Int64.self)
                }
                let page = Array(ids.dropFirst(query.offset).prefix(query.limit))
                let items =
                    try await page.isEmpty ? [] : assets(where: "a.id IN \(Store.idList(page))", order: "a.name, a.id", limit: page.count, offset: 0, db: db)
                return Page(items: items, total: ids.count, limit: query.limit, offset: query.offset)
            }
            let total = try await Store.count(db, "SELECT COUNT(*) AS n FROM assets a WHERE \(reach)")
            let items = try await assets(where: reach, order: "a.name, a.id", limit: query.limit, offset: query.offset, db: db)
            return Page(items: items, total: total, limit: query.limit, offset: query.offset)
        }
    }

    public func portalAsset(_ viewer: PortalViewer, id: Int64, now: Date = Date()) async throws -> PortalAssetDetail {
        let reach = try assetReach(viewer) + " AND a.id = \(bind: id)"
        return try await database.withConnection { db in
            guard let asset = try await assets(where: reach, order: "a.id", limit: 1, offset: 0, db: db).first else {
                throw StoreError.notFound(entity: "asset", key: String(id))
            }
            let components = try await Store.components(assetID: id, kind: nil, db: db)
            let software = try await Store.count(db, "SELECT COUNT(*) AS n FROM asset_software WHERE asset_id = \(bind: id)")
            let kinds = PortalAccess.publicAssetEventKinds.map { SQLQueryString("\(bind: $0)") }
            var kindList = SQLQueryString("")
            for (index, kind) in kinds.enumerated() { kindList = kindList + (index == 0 ? "" : ", ") + kind }
            let history = try await db.raw(
                "SELECT at, summary FROM asset_events WHERE asset_id = \(bind: id) AND kind IN (\(kindList)) ORDER BY id DESC LIMIT 100"
            ).all().map { PortalEvent(at: try $0.date("at"), summary: try $0.decode(column: "summary", as: String.self)) }
            // The tickets about it that the viewer may open.
            let tickets = try await tickets(
                where: try ticketReachIfAny(viewer) + " AND t.id IN (SELECT ta.ticket_id FROM ticket_assets ta WHERE ta.asset_id = \(bind: id))",
                order: "t.id DESC", limit: 50, offset: 0, now: now, db: db)
            return PortalAssetDetail(asset: asset, components: components, softwareCount: software, history: history, tickets: tickets)
        }
    }

    /// The viewer's tickets, or none at all for a role without tickets.
    func ticketReachIfAny(_ viewer: PortalViewer) throws -> SQLQueryString {
        PortalAccess.reaches(viewer, .tickets) ? try ticketReach(viewer) : "1 = 0"
    }

    public func portalAssetSoftware(_ viewer: PortalViewer, id: Int64, _ query: ListQuery) async throws -> Page<InstalledSoftware> {
        let reach = try assetReach(viewer) + " AND a.id = \(bind: id)"
        return try await database.withConnection { db in
            guard try await Store.count(db, "SELECT COUNT(*) AS n FROM assets a WHERE \(reach)") == 1 else {
                throw StoreError.notFound(entity: "asset", key: String(id))
            }
            var packages = try await Store.software(assetID: id, db: db)
            if let search = query.search, !search.isEmpty { packages = packages.filter { $0.name.localizedCaseInsensitiveContains(search) } }
            return Store.page(of: packages, query)
        }
    }

    // MARK: - Tickets

    func tickets(where reach: SQLQueryString, order: String, limit: Int, offset: Int, now: Date, db: any SQLDatabase) async throws -> [PortalTicket] {
        let rows = try await db.raw(
            """
            SELECT t.id, t.number, t.title, t.description, t.type, t.priority, t.status, t.reporter_name, s.name AS technician_name, t.resolution,
                t.created_at, t.updated_at, t.resolved_at, t.closed_at
            FROM tickets t LEFT JOIN staff_users s ON s.id = t.technician_id WHERE \(reach)
            ORDER BY \(unsafeRaw: order) LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all()
        let assets = try await Store.ticketAssets(try rows.map { try $0.decode(column: "id", as: Int64.self) }, db: db)
        return try rows.map { row in
            let id = try row.decode(column: "id", as: Int64.self)
            return PortalTicket(
                id: id, number: try row.decode(column: "number", as: String.self), title: try row.decode(column: "title", as: String.self),
                description: try row.decode(column: "description", as: String?.self),
                type: TicketType(rawValue: try row.decode(column: "type", as: String.self)) ?? .other,
                priority: TicketPriority(rawValue: try row.decode(column: "priority", as: String.self)) ?? .p3,
                status: TicketStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .new, assets: assets[id] ?? [],
                reporterName: try row.decode(column: "reporter_name", as: String.self),
                technicianName: try row.decode(column: "technician_name", as: String?.self), resolution: try row.decode(column: "resolution", as: String?.self),
                createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"), resolvedAt: try row.optionalDate("resolved_at"),
                closedAt: try row.optionalDate("closed_at"))
        }
    }

    /// The viewer's tickets, open ones first unless `includeDone`, newest first.
    public func portalTickets(_ viewer: PortalViewer, includeDone: Bool, _ query: ListQuery, now: Date = Date()) async throws -> Page<PortalTicket> {
        var reach = try ticketReach(viewer)
        if !includeDone { reach = reach + " AND " + Store.openTicket }
        if let search = query.search, !search.isEmpty {
            let pattern = Store.likePattern(search)
            reach = reach + " AND (LOWER(t.title) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(t.number) LIKE \(bind: pattern) ESCAPE '\\')"
        }
        let searching = !(query.search ?? "").isEmpty
        return try await database.withConnection { [reach] db in
            if searching {
                // As for assets: one pass for the matches and their count, then the page's rows.
                let ids = try await db.raw("SELECT t.id FROM tickets t WHERE \(reach) ORDER BY t.id DESC").all().map {
                    try $0.decode(column: "id", as: Int64.self)
                }
                let page = Array(ids.dropFirst(query.offset).prefix(query.limit))
                let items =
                    try await page.isEmpty
                    ? [] : tickets(where: "t.id IN \(Store.idList(page))", order: "t.id DESC", limit: page.count, offset: 0, now: now, db: db)
                return Page(items: items, total: ids.count, limit: query.limit, offset: query.offset)
            }
            let total = try await Store.count(db, "SELECT COUNT(*) AS n FROM tickets t WHERE \(reach)")
            let items = try await tickets(where: reach, order: "t.id DESC", limit: query.limit, offset: query.offset, now: now, db: db)
            return Page(items: items, total: total, limit: query.limit, offset: query.offset)
        }
    }

    func visibleTicket(_ viewer: PortalViewer, id: Int64, now: Date, db: any SQLDatabase) async throws -> PortalTicket {
        guard
            let ticket = try await tickets(where: try ticketReach(viewer) + " AND t.id = \(bind: id)", order: "t.id", limit: 1, offset: 0, now: now, db: db)
                .first
        else { throw StoreError.notFound(entity: "ticket", key: String(id)) }
        return ticket
    }

    public func portalTicket(_ viewer: PortalViewer, id: Int64, now: Date = Date()) async throws -> PortalTicketDetail {
        try await database.withConnection { db in try await ticketDetail(viewer, id: id, now: now, db: db) }
    }

    func ticketDetail(_ viewer: PortalViewer, id: Int64, now: Date, db: any SQLDatabase) async throws -> PortalTicketDetail {
        let ticket = try await visibleTicket(viewer, id: id, now: now, db: db)
        // Internal notes stay with the staff.
        let comments = try await db.raw(
            "SELECT id, author, body, created_at FROM ticket_comments WHERE ticket_id = \(bind: id) AND is_public ORDER BY id"
        ).all().map { row in
            PortalComment(
                id: try row.decode(column: "id", as: Int64.self), author: try row.decode(column: "author", as: String.self),
                body: try row.decode(column: "body", as: String.self), createdAt: try row.date("created_at"))
        }
        let interventions = try await db.raw(
            """
            SELECT e.worked_on, s.name, e.minutes FROM time_entries e JOIN staff_users s ON s.id = e.technician_id
            WHERE e.ticket_id = \(bind: id) ORDER BY e.worked_on, e.id
            """
        ).all().map { row in
            PortalIntervention(
                workedOn: try row.decode(column: "worked_on", as: String.self), technicianName: try row.decode(column: "name", as: String.self),
                minutes: try row.decode(column: "minutes", as: Int.self))
        }
        return PortalTicketDetail(
            ticket: ticket, comments: comments, interventions: interventions, actions: PortalAccess.ticketActions(ticket.status).map(\.rawValue))
    }

    /// The priorities the client may choose, and the one a ticket gets when none is chosen.
    public func portalPriorities(now: Date = Date()) async throws -> [TicketPriority] {
        try await database.withConnection { db in
            PortalAccess.priorities(try await Store.slaPolicy(clientID: scope.clientID, day: Timestamp.day(now), db: db).terms)
        }
    }

    /// An incident reported by the signed-in employee, about one of the assets they see.
    public func openPortalTicket(_ viewer: PortalViewer, user: PortalUser, _ new: PortalNewTicket, now: Date = Date()) async throws -> PortalTicketDetail {
        try require(viewer, .tickets)
        let problems = PortalInput.ticketProblems(title: new.title, description: new.description)
        guard problems.isEmpty else { throw PortalInput.validationError(problems) }
        let title = PortalInput.trimmed(new.title)
        let description = new.description.map(PortalInput.trimmed)
        return try await database.transaction { db in
            let allowed = PortalAccess.priorities(try await Store.slaPolicy(clientID: scope.clientID, day: Timestamp.day(now), db: db).terms)
            let priority = new.priority ?? allowed.last ?? .p3
            guard allowed.contains(priority) else {
                throw ValidationError(field: "priority", reason: "choose one of \(allowed.map(\.rawValue).joined(separator: ", "))")
            }
            if let assetID = new.assetID {
                let reach = try assetReach(viewer) + " AND a.id = \(bind: assetID)"
                guard try await Store.count(db, "SELECT COUNT(*) AS n FROM assets a WHERE \(reach)") == 1 else {
                    throw StoreError.invalidReference(field: "assetID", message: "no asset of yours has id \(assetID)")
                }
            }
            var ticket = NewTicket(client: scope.clientCode, title: title, type: .incident, priority: priority)
            ticket.description = description?.isEmpty == false ? description : nil
            ticket.assetIDs = new.assetID.map { [$0] }
            let origin = Store.TicketOrigin(reporterKind: .employee, reporterName: user.employeeName, reporterEmployeeID: user.employeeID)
            let id = try await Store.insertTicket(
                ticket, clientID: scope.clientID, clientCode: scope.clientCode, origin: origin, actor: .portal(user), now: now, db: db)
            return try await ticketDetail(viewer, id: id, now: now, db: db)
        }
    }

    /// A public comment from the client. An answer to a ticket waiting for the client puts it back
    /// in the technician's hands; a member commenting on a shared ticket follows it from then on.
    public func commentPortalTicket(_ viewer: PortalViewer, user: PortalUser, id: Int64, body: String, now: Date = Date()) async throws -> PortalComment {
        let problems = PortalInput.commentProblems(body)
        guard problems.isEmpty else { throw PortalInput.validationError(problems) }
        return try await database.transaction { db in
            let ticket = try await visibleTicket(viewer, id: id, now: now, db: db)
            guard PortalAccess.mayComment(ticket.status) else {
                throw StoreError.conflict(field: nil, message: "\(ticket.number) is closed; open a new ticket")
            }
            let comment = try await Store.addTicketComment(id: id, NewTicketComment(body: body, isPublic: true), by: .portal(user), now: now, db: db)
            try await db.raw(
                "INSERT INTO ticket_followers (ticket_id, employee_id) VALUES (\(bind: id), \(bind: user.employeeID)) ON CONFLICT DO NOTHING"
            ).run()
            let state = try await Store.ticketState(id: id, db: db)
            if state.status == .waitingForClient, state.technicianID != nil {
                _ = try await Store.changeTicketStatus(
                    id: id, TicketStatusChange(status: .inProgress, note: "the client answered"), by: .portal(user), now: now, db: db)
            }
            return PortalComment(id: comment.id, author: comment.author, body: comment.body, createdAt: comment.createdAt)
        }
    }

    /// Closes a resolved ticket (the client agrees) or reopens it (it is not solved).
    public func actOnPortalTicket(
        _ viewer: PortalViewer, user: PortalUser, id: Int64, _ action: PortalAccess.TicketAction, now: Date = Date()
    ) async throws -> PortalTicketDetail {
        try await database.transaction { db in
            let ticket = try await visibleTicket(viewer, id: id, now: now, db: db)
            guard PortalAccess.ticketActions(ticket.status).contains(action) else {
                throw StoreError.conflict(
                    field: nil, message: "\(ticket.number) is \(ticket.status.rawValue): only a resolved ticket can be closed or reopened")
            }
            let state = try await Store.ticketState(id: id, db: db)
            let change =
                action == .close
                ? TicketStatusChange(status: .closed, note: "closed by the client")
                : TicketStatusChange(status: TicketRules.reopened(hasTechnician: state.technicianID != nil), note: "reopened by the client")
            _ = try await Store.changeTicketStatus(id: id, change, by: .portal(user), now: now, db: db)
            return try await ticketDetail(viewer, id: id, now: now, db: db)
        }
    }

    // MARK: - Licences

    public func portalLicences(_ viewer: PortalViewer, _ query: ListQuery) async throws -> Page<PortalLicence> {
        try require(viewer, .licences)
        return try await database.withConnection { db in
            let total = try await Store.count(db, "SELECT COUNT(*) AS n FROM licences l WHERE l.client_id = \(bind: scope.clientID)")
            let ids = try await db.raw(
                """
                SELECT l.id FROM licences l WHERE l.client_id = \(bind: scope.clientID) ORDER BY l.product, l.id
                LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
                """
            ).all().map { try $0.decode(column: "id", as: Int64.self) }
            let items = try await ids.asyncMap { id in
                let compliance = try await Store.licenceCompliance(id: id, db: db)
                let licence = compliance.licence
                return PortalLicence(
                    id: id, product: licence.product, seats: licence.seats, seatsUsed: max(compliance.installs, licence.namedSeats.count),
                    expiresOn: licence.expiresOn)
            }
            return Page(items: items, total: total, limit: query.limit, offset: query.offset)
        }
    }

    // MARK: - Invoices and contracts

    /// Issued invoices and credit notes (never drafts), newest first.
    public func portalInvoices(_ viewer: PortalViewer, _ query: ListQuery, now: Date = Date()) async throws -> Page<Invoice> {
        try require(viewer, .invoices)
        let today = Timestamp.day(now)
        let reach: SQLQueryString = "i.client_id = \(bind: scope.clientID) AND i.status <> 'draft'"
        return try await database.withConnection { db in
            let total = try await Store.count(db, "SELECT COUNT(*) AS n FROM invoices i WHERE \(reach)")
            let ids = try await db.raw(
                "SELECT i.id FROM invoices i WHERE \(reach) ORDER BY i.issue_date DESC, i.id DESC LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)"
            ).all().map { try $0.decode(column: "id", as: Int64.self) }
            let items = try await ids.asyncMap { try await Store.invoice(id: $0, today: today, db: db) }
            return Page(items: items, total: total, limit: query.limit, offset: query.offset)
        }
    }

    func visibleInvoiceID(_ viewer: PortalViewer, id: Int64, db: any SQLDatabase) async throws {
        try require(viewer, .invoices)
        let found = try await Store.count(
            db, "SELECT COUNT(*) AS n FROM invoices i WHERE i.id = \(bind: id) AND i.client_id = \(bind: scope.clientID) AND i.status <> 'draft'")
        guard found == 1 else { throw StoreError.notFound(entity: "invoice", key: String(id)) }
    }

    public func portalInvoice(_ viewer: PortalViewer, id: Int64, now: Date = Date()) async throws -> PortalInvoice {
        try await database.withConnection { db in
            try await visibleInvoiceID(viewer, id: id, db: db)
            let invoice = try await Store.invoice(id: id, today: Timestamp.day(now), db: db)
            let payments = try await db.raw(
                """
                SELECT p.id, p.invoice_id, i.number, c.code, p.paid_on, p.amount_cents, p.method, p.reference, p.created_at
                FROM payments p JOIN invoices i ON i.id = p.invoice_id JOIN clients c ON c.id = i.client_id
                WHERE p.invoice_id = \(bind: id) AND i.client_id = \(bind: scope.clientID) ORDER BY p.paid_on, p.id
                """
            ).all().map(Store.payment)
            return PortalInvoice(invoice: invoice, payments: payments)
        }
    }

    /// An invoice with the parties its documents name, for its PDF and UBL.
    public func portalInvoiceDocument(_ viewer: PortalViewer, id: Int64, now: Date = Date()) async throws -> (
        invoice: Invoice, parties: UBLInvoice.Parties
    ) {
        let seller = try await database.withConnection { db in try await Store.providerIdentity(db: db) }
        return try await database.withConnection { db in
            try await visibleInvoiceID(viewer, id: id, db: db)
            let today = Timestamp.day(now)
            let invoice = try await Store.invoice(id: id, today: today, db: db)
            let buyer = try await Store.client(id: scope.clientID, db: db)
            let credited = try await invoice.creditedInvoiceID.asyncMap { try await Store.invoice(id: $0, today: today, db: db) }
            return (invoice, UBLInvoice.Parties(seller: seller, buyer: buyer, creditedNumber: credited?.number, creditedIssueDate: credited?.issueDate))
        }
    }

    public func portalContracts(_ viewer: PortalViewer, _ query: ListQuery) async throws -> Page<Contract> {
        try require(viewer, .contracts)
        return try await database.withConnection { db in
            let total = try await Store.count(db, "SELECT COUNT(*) AS n FROM contracts k WHERE k.client_id = \(bind: scope.clientID)")
            let ids = try await db.raw(
                """
                SELECT k.id FROM contracts k WHERE k.client_id = \(bind: scope.clientID) ORDER BY k.starts_on DESC, k.id DESC
                LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
                """
            ).all().map { try $0.decode(column: "id", as: Int64.self) }
            let items = try await ids.asyncMap { try await Store.contract(id: $0, db: db) }
            return Page(items: items, total: total, limit: query.limit, offset: query.offset)
        }
    }

    public func portalContract(_ viewer: PortalViewer, id: Int64) async throws -> Contract {
        try require(viewer, .contracts)
        return try await database.withConnection { db in
            let found = try await Store.count(db, "SELECT COUNT(*) AS n FROM contracts k WHERE k.id = \(bind: id) AND k.client_id = \(bind: scope.clientID)")
            guard found == 1 else { throw StoreError.notFound(entity: "contract", key: String(id)) }
            return try await Store.contract(id: id, db: db)
        }
    }
}
