import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// What alerts may be about, read as the database holds it now: one query per kind, over every
/// client at once (a scan of 1,000 clients is a handful of queries, not thousands).
extension Store {
    static func alertSubjects(kinds: Set<AlertKind>, live: [LiveAlert], at clock: AlertClock, db: any SQLDatabase) async throws -> [AlertSubject] {
        var subjects: [AlertSubject] = []
        let today = clock.today.description
        func day(_ text: String?) -> CalendarDay? { text.flatMap { CalendarDay(String($0.prefix(10))) } }

        if kinds.contains(.warrantyEnd) {
            for row in try await db.raw(
                """
                SELECT id, client_id, name, warranty_end FROM assets
                WHERE warranty_end IS NOT NULL AND merged_into_asset_id IS NULL AND status NOT IN ('retired', 'lost')
                """
            ).all() {
                guard let end = day(try row.decode(column: "warranty_end", as: String.self)) else { continue }
                subjects.append(
                    AlertSubject(
                        clientID: try row.decode(column: "client_id", as: Int64.self), kind: .warrantyEnd,
                        object: "asset:\(try row.decode(column: "id", as: Int64.self))", label: try row.decode(column: "name", as: String.self),
                        reference: .day(end)))
            }
        }
        if kinds.contains(.contractEnd) || kinds.contains(.contractNotice) {
            for row in try await db.raw(
                "SELECT id, client_id, reference, ends_on, renewal_months, notice_days FROM contracts WHERE status = 'active' AND ends_on IS NOT NULL"
            ).all() {
                let clientID = try row.decode(column: "client_id", as: Int64.self)
                let object = "contract:\(try row.decode(column: "id", as: Int64.self))"
                let label = try row.decode(column: "reference", as: String.self)
                let renewal = try row.decode(column: "renewal_months", as: Int?.self)
                // A contract that renews tacitly runs to the end of its current term; what matters
                // there is the last day to give notice.
                guard
                    let end = BillingCalendar.lastDay(
                        endsOn: day(try row.decode(column: "ends_on", as: String.self)), renewalMonths: renewal, through: clock.today)
                else { continue }
                if renewal == nil {
                    if kinds.contains(.contractEnd) {
                        subjects.append(AlertSubject(clientID: clientID, kind: .contractEnd, object: object, label: label, reference: .day(end)))
                    }
                } else if let notice = try row.decode(column: "notice_days", as: Int?.self), kinds.contains(.contractNotice) {
                    subjects.append(
                        AlertSubject(clientID: clientID, kind: .contractNotice, object: object, label: label, reference: .day(end.adding(days: -notice))))
                }
            }
        }
        if kinds.contains(.licenceExpiry) {
            for row in try await db.raw("SELECT id, client_id, product, expires_on FROM licences WHERE expires_on IS NOT NULL").all() {
                guard let end = day(try row.decode(column: "expires_on", as: String.self)) else { continue }
                subjects.append(
                    AlertSubject(
                        clientID: try row.decode(column: "client_id", as: Int64.self), kind: .licenceExpiry,
                        object: "licence:\(try row.decode(column: "id", as: Int64.self))", label: try row.decode(column: "product", as: String.self),
                        reference: .day(end)))
            }
        }
        if kinds.contains(.agentCertificateExpiry) || kinds.contains(.agentSilent) {
            for row in try await db.raw(
                "SELECT id, client_id, hostname, certificate_expires_at, COALESCE(last_seen_at, enrolled_at) AS seen FROM agents WHERE revoked_at IS NULL"
            ).all() {
                let clientID = try row.decode(column: "client_id", as: Int64.self)
                let object = "agent:\(try row.decode(column: "id", as: String.self))"
                let label = try row.decode(column: "hostname", as: String.self)
                if kinds.contains(.agentCertificateExpiry), let text = try row.decode(column: "certificate_expires_at", as: String?.self),
                    let expires = day(text)
                {
                    subjects.append(AlertSubject(clientID: clientID, kind: .agentCertificateExpiry, object: object, label: label, reference: .day(expires)))
                }
                if kinds.contains(.agentSilent), let seen = day(try row.decode(column: "seen", as: String.self)) {
                    subjects.append(AlertSubject(clientID: clientID, kind: .agentSilent, object: object, label: label, reference: .day(seen)))
                }
            }
        }
        if kinds.contains(.uncoveredDevice) {
            subjects += try await uncoveredDevices(live: live, at: clock, db: db)
        }
        if kinds.contains(.slaDueSoon) || kinds.contains(.slaBreached) {
            // Waiting for the client pauses the clock: the stored breach moment holds again only
            // once the ticket is back in someone's hands.
            for row in try await db.raw(
                """
                SELECT id, client_id, number, sla_breach_at FROM tickets
                WHERE status NOT IN ('resolved', 'closed', 'waiting-for-client') AND sla_breach_at IS NOT NULL
                """
            ).all() {
                guard let breach = Timestamp.date(try row.decode(column: "sla_breach_at", as: String.self)) else { continue }
                let clientID = try row.decode(column: "client_id", as: Int64.self)
                let object = "ticket:\(try row.decode(column: "id", as: Int64.self))"
                let label = try row.decode(column: "number", as: String.self)
                for kind in [AlertKind.slaDueSoon, .slaBreached] where kinds.contains(kind) {
                    subjects.append(
                        AlertSubject(clientID: clientID, kind: kind, object: object, label: label, reference: .instant(Int64(breach.timeIntervalSince1970))))
                }
            }
        }
        if kinds.contains(.invoiceOverdue) {
            for row in try await db.raw(
                """
                SELECT i.id, i.client_id, i.number, i.due_date FROM invoices i
                WHERE i.status = 'issued' AND i.kind = 'invoice' AND i.gross_cents - \(unsafeRaw: creditedSQL) - \(unsafeRaw: paidSQL) > 0
                    AND i.due_date < \(bind: today)
                """
            ).all() {
                guard let due = day(try row.decode(column: "due_date", as: String.self)) else { continue }
                subjects.append(
                    AlertSubject(
                        clientID: try row.decode(column: "client_id", as: Int64.self), kind: .invoiceOverdue,
                        object: "invoice:\(try row.decode(column: "id", as: Int64.self))", label: try row.decode(column: "number", as: String?.self) ?? "",
                        reference: .day(due)))
            }
        }
        if kinds.contains(.maintenanceDue) {
            for row in try await db.raw(
                """
                SELECT id, client_id, number, scheduled_for FROM tickets
                WHERE maintenance_plan_id IS NOT NULL AND scheduled_for IS NOT NULL AND status NOT IN ('resolved', 'closed')
                """
            ).all() {
                guard let due = day(try row.decode(column: "scheduled_for", as: String.self)) else { continue }
                subjects.append(
                    AlertSubject(
                        clientID: try row.decode(column: "client_id", as: Int64.self), kind: .maintenanceDue,
                        object: "ticket:\(try row.decode(column: "id", as: Int64.self))", label: try row.decode(column: "number", as: String.self),
                        reference: .day(due)))
            }
        }
        return subjects
    }

    /// Licences installed on more machines than they have seats. One query per licence (globs are
    /// matched per licence), run four at a time on connections of their own: on PostgreSQL the round
    /// trips, not the queries, were most of a scan's time.
    func overDeployedLicences() async throws -> [AlertSubject] {
        let licences = try await database.withConnection { db in
            try await db.raw("SELECT \(unsafeRaw: Self.licenceColumns), l.client_id FROM licences l JOIN clients c ON c.id = l.client_id ORDER BY l.id").all()
                .map { row in (clientID: try row.decode(column: "client_id", as: Int64.self), licence: try Self.licence(row)) }
        }
        return try await withThrowingTaskGroup(of: AlertSubject?.self) { group in
            var subjects: [AlertSubject] = []
            var next = 0
            func addTask() {
                let (clientID, licence) = licences[next]
                next += 1
                group.addTask {
                    let installs = try await self.database.withConnection { db in try await Self.installs(of: licence, db: db) }
                    let machines = Set(installs.map(\.assetID)).count
                    guard machines > licence.seats else { return nil }
                    return AlertSubject(
                        clientID: clientID, kind: .licenceOverDeployed, object: "licence:\(licence.id)",
                        label: "\(licence.product) (\(machines) installed, \(licence.seats) seats)", reference: .condition)
                }
            }
            while next < min(4, licences.count) { addTask() }
            while let subject = try await group.next() {
                if let subject { subjects.append(subject) }
                if next < licences.count { addTask() }
            }
            return subjects
        }
    }

    /// Devices in service that no contract in force covers: those that arrived in the last
    /// `AlertRules.staleDays` days (news), and those with a live alert (to know whether it still
    /// holds). Accessories attached to another device follow it and are left out.
    static func uncoveredDevices(live: [LiveAlert], at clock: AlertClock, db: any SQLDatabase) async throws -> [AlertSubject] {
        let today = clock.today.description
        let since = clock.today.adding(days: -AlertRules.staleDays).description
        let alerted = live.filter { $0.key.kind == .uncoveredDevice }.compactMap { Int64($0.key.object.dropFirst("asset:".count)) }
        var ids: [SQLQueryString] = [" a.created_at >= \(bind: since)"]
        for chunk in stride(from: 0, to: alerted.count, by: 500) {
            let part = alerted[chunk..<min(chunk + 500, alerted.count)].map(String.init).joined(separator: ",")
            ids.append(" a.id IN (\(unsafeRaw: part))")
        }
        var subjects: [AlertSubject] = []
        for selection in ids {
            let rows = try await db.raw(
                """
                SELECT a.id, a.client_id, a.name FROM assets a
                WHERE \(selection) AND a.merged_into_asset_id IS NULL AND a.attached_to_asset_id IS NULL AND a.status NOT IN ('retired', 'lost')
                    AND NOT EXISTS (SELECT 1 FROM contracts k WHERE k.client_id = a.client_id AND \(unsafeRaw: inForceSQL("'" + today + "'"))
                        AND ((',' || k.covered_kinds || ',') LIKE ('%,' || a.kind || ',%')
                             OR EXISTS (SELECT 1 FROM contract_assets ca WHERE ca.contract_id = k.id AND ca.asset_id = a.id)))
                """
            ).all()
            for row in rows {
                subjects.append(
                    AlertSubject(
                        clientID: try row.decode(column: "client_id", as: Int64.self), kind: .uncoveredDevice,
                        object: "asset:\(try row.decode(column: "id", as: Int64.self))", label: try row.decode(column: "name", as: String.self),
                        reference: .condition))
            }
        }
        // An asset both new and alerted is read twice.
        var seen = Set<String>()
        return subjects.filter { seen.insert($0.object).inserted }
    }
}
