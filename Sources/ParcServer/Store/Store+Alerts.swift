import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// Which alerts `listAlerts` returns.
public struct AlertFilter: Sendable, Equatable {
    public var clientCode: String?
    public var kind: AlertKind?
    /// Nil: open and acknowledged (the live ones).
    public var state: AlertState?
    public var all = false

    public init(clientCode: String? = nil, kind: AlertKind? = nil, state: AlertState? = nil, all: Bool = false) {
        self.clientCode = clientCode
        self.kind = kind
        self.state = state
        self.all = all
    }
}

extension Store {
    static let alertColumns = """
        l.id, c.code AS client_code, l.kind, l.object, l.label, l.due, l.threshold, l.summary, l.state, l.raised_at, l.acknowledged_at,
        l.acknowledged_by, l.resolved_at, l.resolution, t.number AS ticket_number
        """
    static let alertTables = "alerts l JOIN clients c ON c.id = l.client_id LEFT JOIN tickets t ON t.id = l.ticket_id"

    static func alert(_ row: any SQLRow) throws -> Alert {
        var alert = Alert(
            id: try row.decode(column: "id", as: Int64.self), clientCode: try row.decode(column: "client_code", as: String.self),
            kind: AlertKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .warrantyEnd,
            object: try row.decode(column: "object", as: String.self), label: try row.decode(column: "label", as: String.self),
            due: try row.decode(column: "due", as: String.self), threshold: try row.decode(column: "threshold", as: Int.self),
            summary: try row.decode(column: "summary", as: String.self),
            state: AlertState(rawValue: try row.decode(column: "state", as: String.self)) ?? .open, raisedAt: try row.date("raised_at"))
        alert.acknowledgedAt = try row.optionalDate("acknowledged_at")
        alert.acknowledgedBy = try row.decode(column: "acknowledged_by", as: String?.self)
        alert.resolvedAt = try row.optionalDate("resolved_at")
        alert.resolution = try row.decode(column: "resolution", as: String?.self)
        alert.ticketNumber = try row.decode(column: "ticket_number", as: String?.self)
        return alert
    }

    public func listAlerts(_ filter: AlertFilter, _ query: ListQuery = ListQuery()) async throws -> Page<Alert> {
        try await database.withConnection { db in
            var conditions: [SQLQueryString] = []
            if let code = filter.clientCode { conditions.append("l.client_id = \(bind: try await Self.client(code: code, db: db).id)") }
            if let kind = filter.kind { conditions.append("l.kind = \(bind: kind.rawValue)") }
            if let state = filter.state {
                conditions.append("l.state = \(bind: state.rawValue)")
            } else if !filter.all {
                conditions.append("l.state <> 'resolved'")
            }
            if let search = query.search {
                conditions.append(
                    "(LOWER(l.label) LIKE \(bind: "%" + search.lowercased() + "%") OR LOWER(l.summary) LIKE \(bind: "%" + search.lowercased() + "%"))")
            }
            let tables: SQLQueryString = "\(unsafeRaw: Self.alertTables) \(Self.whereClause(conditions))"
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM \(tables)")
            let rows = try await db.raw(
                "SELECT \(unsafeRaw: Self.alertColumns) FROM \(tables) ORDER BY l.id DESC LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)"
            ).all()
            return Page(items: try rows.map(Self.alert), total: total, limit: query.limit, offset: query.offset)
        }
    }

    public func alert(id: Int64) async throws -> Alert {
        try await database.withConnection { db in try await Self.alert(id: id, db: db) }
    }

    static func alert(id: Int64, db: any SQLDatabase) async throws -> Alert {
        guard let row = try await db.raw("SELECT \(unsafeRaw: alertColumns) FROM \(unsafeRaw: alertTables) WHERE l.id = \(bind: id)").first() else {
            throw StoreError.notFound(entity: "alert", key: String(id))
        }
        return try alert(row)
    }

    /// Marks an open alert as seen by `by`; acknowledging it again changes nothing, a resolved one
    /// cannot be.
    public func acknowledgeAlert(id: Int64, by: String, now: Date = Date()) async throws -> Alert {
        try await database.transaction { db in
            let alert = try await Self.alert(id: id, db: db)
            switch alert.state {
            case .acknowledged: return alert
            case .resolved: throw StoreError.conflict(field: nil, message: "alert \(id) is already resolved (\(alert.resolution ?? "no reason given"))")
            case .open:
                try await db.raw(
                    """
                    UPDATE alerts SET state = 'acknowledged', acknowledged_at = \(bind: Timestamp.string(now)), acknowledged_by = \(bind: by)
                    WHERE id = \(bind: id) AND state = 'open'
                    """
                ).run()
                return try await Self.alert(id: id, db: db)
            }
        }
    }

    // MARK: Rules

    /// Every kind's rule for the provider (`clientCode` nil) or as it applies to one client.
    public func alertRules(clientCode: String?) async throws -> [AlertRule] {
        try await database.withConnection { db in
            let clientID = try await clientCode.asyncMap { try await Self.client(code: $0, db: db).id }
            let rules = try await Self.alertRuleSet(db: db)
            return AlertKind.allCases.map { kind in
                let effective = rules.rule(clientID: clientID, kind: kind)
                return AlertRule(
                    kind: kind, clientCode: clientCode.map(DirectoryRules.normalizedClientCode), leadTimes: effective.leadTimes, enabled: effective.enabled,
                    opensTicket: effective.opensTicket, overridden: clientID.map { rules.clients[$0]?[kind] != nil } ?? false)
            }
        }
    }

    public func setAlertRule(_ update: AlertRuleUpdate, now: Date = Date()) async throws -> AlertRule {
        let leadTimes = try update.leadTimes.map { leadTimes throws(ValidationError) in try AlertRules.validated(leadTimes: leadTimes, for: update.kind) }
        try await database.transaction { db in
            let clientID = try await update.client.asyncMap { try await Self.client(code: $0, db: db).id }
            let scope: SQLQueryString = clientID.map { "client_id = \(bind: $0)" } ?? "client_id IS NULL"
            if update.reset == true {
                guard clientID != nil else {
                    throw StoreError.invalidReference(field: "reset", message: "reset drops a client's override: name the client")
                }
                try await db.raw("DELETE FROM alert_rules WHERE \(scope) AND kind = \(bind: update.kind.rawValue)").run()
                return
            }
            let current = try await Self.alertRuleSet(db: db).rule(clientID: clientID, kind: update.kind)
            try await db.raw("DELETE FROM alert_rules WHERE \(scope) AND kind = \(bind: update.kind.rawValue)").run()
            try await db.raw(
                """
                INSERT INTO alert_rules (client_id, kind, lead_times, enabled, opens_ticket, updated_at)
                VALUES (\(bind: clientID), \(bind: update.kind.rawValue), \(bind: (leadTimes ?? current.leadTimes).map(String.init).joined(separator: ",")),
                    \(bind: update.enabled ?? current.enabled), \(bind: update.opensTicket ?? current.opensTicket), \(bind: Timestamp.string(now)))
                """
            ).run()
        }
        return try await alertRules(clientCode: update.client).first { $0.kind == update.kind }.require()
    }

    /// The provider's rules and clients' overrides, with the built-in defaults under them.
    struct AlertRuleSet: Sendable {
        var provider: [AlertKind: EffectiveAlertRule] = [:]
        var clients: [Int64: [AlertKind: EffectiveAlertRule]] = [:]

        func rule(clientID: Int64?, kind: AlertKind) -> EffectiveAlertRule {
            clientID.flatMap { clients[$0]?[kind] } ?? provider[kind] ?? AlertRules.defaultRule(kind)
        }
    }

    static func alertRuleSet(db: any SQLDatabase) async throws -> AlertRuleSet {
        var set = AlertRuleSet()
        for row in try await db.raw("SELECT client_id, kind, lead_times, enabled, opens_ticket FROM alert_rules").all() {
            guard let kind = AlertKind(rawValue: try row.decode(column: "kind", as: String.self)) else { continue }
            let rule = EffectiveAlertRule(
                leadTimes: try row.decode(column: "lead_times", as: String.self).split(separator: ",").compactMap { Int($0) },
                enabled: try row.decode(column: "enabled", as: Bool.self), opensTicket: try row.decode(column: "opens_ticket", as: Bool.self))
            if let clientID = try row.decode(column: "client_id", as: Int64?.self) {
                set.clients[clientID, default: [:]][kind] = rule
            } else {
                set.provider[kind] = rule
            }
        }
        return set
    }

    // MARK: Scanning

    /// One scan of `kinds` (all by default) at `clock`: raises what crossed a threshold, resolves
    /// what was renewed, fixed or is gone. Several servers may scan at once: the unique key lets
    /// one of them raise each alert, and tickets are opened only by the one that did.
    public func scanAlerts(at clock: AlertClock, kinds: Set<AlertKind> = Set(AlertKind.allCases)) async throws -> AlertScanResult {
        let started = ContinuousClock.now
        var (subjects, live, rules) = try await database.withConnection { db in
            let live = try await Self.liveAlerts(kinds: kinds, db: db)
            let subjects = try await Self.alertSubjects(kinds: kinds, live: live, at: clock, db: db)
            return (subjects, live, try await Self.alertRuleSet(db: db))
        }
        if kinds.contains(.licenceOverDeployed) { subjects += try await overDeployedLicences() }
        let plan = AlertRules.plan(subjects: subjects, live: live, at: clock) { rules.rule(clientID: $0, kind: $1) }
        var result = AlertScanResult(raised: 0, resolved: 0, ticketsOpened: 0, milliseconds: 0)
        for part in plan.parts(of: 500) {
            let done = try await database.transaction { db in try await Self.apply(part, at: clock, db: db) }
            result.raised += done.raised
            result.resolved += done.resolved
            result.ticketsOpened += done.ticketsOpened
        }
        let elapsed = ContinuousClock.now - started
        result.milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        return result
    }

    static func liveAlerts(kinds: Set<AlertKind>, db: any SQLDatabase) async throws -> [LiveAlert] {
        try await db.raw("SELECT id, client_id, kind, object, due, threshold FROM alerts WHERE state <> 'resolved'").all().compactMap { row in
            guard let kind = AlertKind(rawValue: try row.decode(column: "kind", as: String.self)), kinds.contains(kind) else { return nil }
            return LiveAlert(
                id: try row.decode(column: "id", as: Int64.self),
                key: AlertKey(
                    clientID: try row.decode(column: "client_id", as: Int64.self), kind: kind, object: try row.decode(column: "object", as: String.self),
                    due: try row.decode(column: "due", as: String.self), threshold: try row.decode(column: "threshold", as: Int.self)))
        }
    }

    static func apply(_ plan: AlertScanPlan, at clock: AlertClock, db: any SQLDatabase) async throws -> AlertScanResult {
        let stamp = Timestamp.string(Date(timeIntervalSince1970: TimeInterval(clock.now)))
        var result = AlertScanResult(raised: 0, resolved: 0, ticketsOpened: 0, milliseconds: 0)
        let now = Date(timeIntervalSince1970: TimeInterval(clock.now))
        let recipients = try await eventRecipients(db: db)
        for (id, reason) in plan.resolve {
            let rows = try await db.raw(
                """
                UPDATE alerts SET state = 'resolved', resolved_at = \(bind: stamp), resolution = \(bind: reason)
                WHERE id = \(bind: id) AND state <> 'resolved' RETURNING id, client_id
                """
            ).all()
            result.resolved += rows.count
            for row in rows {
                try await emit(
                    .alertResolved, clientID: try row.decode(column: "client_id", as: Int64.self), data: try await Self.alert(id: id, db: db), now: now,
                    recipients: recipients, db: db)
            }
        }
        for raise in plan.raise {
            let key = raise.key
            let row = try await db.raw(
                """
                INSERT INTO alerts (client_id, kind, object, label, due, threshold, summary, state, raised_at)
                VALUES (\(bind: key.clientID), \(bind: key.kind.rawValue), \(bind: key.object), \(bind: raise.label), \(bind: key.due),
                    \(bind: key.threshold), \(bind: raise.summary), 'open', \(bind: stamp))
                ON CONFLICT (client_id, kind, object, due, threshold) DO NOTHING RETURNING id
                """
            ).first()
            guard let id = try row?.decode(column: "id", as: Int64.self) else { continue }
            result.raised += 1
            let threshold = "\(key.threshold) \(AlertRules.unit(key.kind).rawValue)"
            for superseded in raise.supersedes {
                try await db.raw(
                    """
                    UPDATE alerts SET state = 'resolved', resolved_at = \(bind: stamp), resolution = \(bind: "superseded by alert \(id) (\(threshold))")
                    WHERE id = \(bind: superseded) AND state <> 'resolved'
                    """
                ).run()
            }
            if raise.opensTicket {
                let code = try await db.raw("SELECT code FROM clients WHERE id = \(bind: key.clientID)").first().require().decode(
                    column: "code", as: String.self)
                var new = NewTicket(client: code, title: String(raise.summary.prefix(200)), type: .request, priority: .p3)
                new.description = "Opened by alert \(id) (\(key.kind.rawValue), \(key.object))."
                let ticketID = try await insertTicket(
                    new, clientID: key.clientID, clientCode: code, origin: TicketOrigin(reporterKind: .system, reporterName: "system"), actor: .system,
                    now: Date(timeIntervalSince1970: TimeInterval(clock.now)), db: db)
                try await db.raw("UPDATE alerts SET ticket_id = \(bind: ticketID) WHERE id = \(bind: id)").run()
                result.ticketsOpened += 1
            }
            // After the ticket, so the event names it.
            try await emit(
                .alertRaised, clientID: key.clientID, data: try await Self.alert(id: id, db: db), now: now, recipients: recipients,
                context: try await alertContext(key, db: db), db: db)
        }
        return result
    }

    /// An alert about a ticket (the SLA kinds) reaches the ticket's technician.
    static func alertContext(_ key: AlertKey, db: any SQLDatabase) async throws -> EventContext {
        var context = EventContext(alertKind: key.kind)
        if key.object.hasPrefix("ticket:"), let ticketID = Int64(key.object.dropFirst(7)) {
            context.technicianID = try await db.raw("SELECT technician_id FROM tickets WHERE id = \(bind: ticketID)").first()?.decode(
                column: "technician_id", as: Int64?.self)
        }
        return context
    }
}
