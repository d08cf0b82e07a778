import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// The histories billing reads to bill any past period as it was: every write that changes an
/// asset's owner, kind or status, an employee's activity or a licence's seats records it here, in the
/// same transaction.
extension Store {
    /// In service: in use or in repair, and not merged into another record.
    static func inServiceSQL(_ table: String) -> String {
        "CASE WHEN \(table).status IN ('in-use', 'in-repair') AND \(table).merged_into_asset_id IS NULL THEN TRUE ELSE FALSE END"
    }

    /// Records the state of the assets matching `condition` (on `a`) where it changed.
    static func recordAssetStates(_ condition: SQLQueryString, at: String, db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO asset_states (asset_id, at, client_id, kind, in_service)
            SELECT a.id, \(bind: at), a.client_id, a.kind, \(unsafeRaw: inServiceSQL("a")) FROM assets a
            WHERE \(condition) AND NOT EXISTS (
                SELECT 1 FROM asset_states s WHERE s.id = (SELECT MAX(id) FROM asset_states WHERE asset_id = a.id)
                    AND s.client_id = a.client_id AND s.kind = a.kind AND s.in_service = \(unsafeRaw: inServiceSQL("a")))
            ORDER BY a.id
            """
        ).run()
    }

    static func recordEmployeeState(id: Int64, at: String, db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO employee_states (employee_id, at, active)
            SELECT e.id, \(bind: at), e.active FROM employees e WHERE e.id = \(bind: id) AND NOT EXISTS (
                SELECT 1 FROM employee_states s WHERE s.id = (SELECT MAX(id) FROM employee_states WHERE employee_id = e.id) AND s.active = e.active)
            """
        ).run()
    }

    static func recordSeatCount(licenceID: Int64, at: String, db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO licence_seat_counts (licence_id, at, seats)
            SELECT l.id, \(bind: at), l.seats FROM licences l WHERE l.id = \(bind: licenceID) AND NOT EXISTS (
                SELECT 1 FROM licence_seat_counts s WHERE s.id = (SELECT MAX(id) FROM licence_seat_counts WHERE licence_id = l.id) AND s.seats = l.seats)
            """
        ).run()
    }

    /// Contracts that bill: active ones, and ended ones up to their last day (ending with a future
    /// date is a notice, not a stop).
    static let billingStatuses: SQLQueryString = "k.status IN ('active', 'ended')"

    /// A contract (`k`) in force on `day` (an SQL text expression): started, and not past its last day
    /// (an active contract renewed tacitly has none). `ContractTerm.isInForce` is the same rule.
    static func inForceSQL(_ day: String) -> String {
        """
        k.status IN ('active', 'ended') AND k.starts_on <= \(day)
            AND (k.ends_on IS NULL OR k.ends_on >= \(day) OR (k.status = 'active' AND k.renewal_months IS NOT NULL))
        """
    }

    /// A contract's last day seen from `day`: an ended contract's end date; an active one's, pushed
    /// forward by tacit renewal.
    static func lastDay(_ contract: Contract, through day: CalendarDay) -> CalendarDay? {
        let endsOn = contract.endsOn.flatMap(CalendarDay.init)
        return contract.status == .ended ? endsOn : BillingCalendar.lastDay(endsOn: endsOn, renewalMonths: contract.billing.renewalMonths, through: day)
    }

    /// The client's contracts as billing allocates units among them, seen from `day`.
    static func contractTerms(clientID: Int64, through day: CalendarDay, db: any SQLDatabase) async throws -> [ContractTerm] {
        let ids = try await db.raw("SELECT k.id FROM contracts k WHERE k.client_id = \(bind: clientID) AND \(billingStatuses) ORDER BY k.id").all().map {
            try $0.decode(column: "id", as: Int64.self)
        }
        return try await ids.asyncMap { id in
            let contract = try await Self.contract(id: id, db: db)
            return ContractTerm(
                id: id, firstDay: CalendarDay(contract.startsOn) ?? CalendarDay(number: 0), lastDay: lastDay(contract, through: day),
                coveredKinds: Set(contract.coverage.kinds.map(\.rawValue)), assetIDs: Set(contract.coverage.assetIDs),
                billsUsers: contract.lines.contains { $0.kind == .perUser }, resoldLicenceIDs: Set(contract.lines.compactMap(\.licenceID)))
        }
    }

    /// Every asset that was ever the client's, with its states up to `through`.
    static func assetHistories(clientID: Int64, through: CalendarDay, db: any SQLDatabase) async throws -> [UnitHistory<AssetState>] {
        let rows = try await db.raw(
            """
            SELECT s.asset_id, s.at, s.client_id, s.kind, s.in_service FROM asset_states s
            WHERE s.asset_id IN (SELECT asset_id FROM asset_states WHERE client_id = \(bind: clientID)) AND s.at < \(bind: through.adding(days: 1).description)
            ORDER BY s.asset_id, s.id
            """
        ).all()
        return try histories(rows, id: "asset_id") { row in
            AssetState(
                clientID: try row.decode(column: "client_id", as: Int64.self), kind: try row.decode(column: "kind", as: String.self),
                inService: try row.decode(column: "in_service", as: Bool.self))
        }
    }

    static func employeeHistories(clientID: Int64, through: CalendarDay, db: any SQLDatabase) async throws -> [UnitHistory<Bool>] {
        let rows = try await db.raw(
            """
            SELECT s.employee_id, s.at, s.active FROM employee_states s JOIN employees e ON e.id = s.employee_id
            WHERE e.client_id = \(bind: clientID) AND s.at < \(bind: through.adding(days: 1).description) ORDER BY s.employee_id, s.id
            """
        ).all()
        return try histories(rows, id: "employee_id") { try $0.decode(column: "active", as: Bool.self) }
    }

    static func seatHistory(licenceID: Int64, through: CalendarDay, db: any SQLDatabase) async throws -> UnitHistory<Int> {
        let rows = try await db.raw(
            """
            SELECT licence_id, at, seats FROM licence_seat_counts WHERE licence_id = \(bind: licenceID) AND at < \(bind: through.adding(days: 1).description)
            ORDER BY id
            """
        ).all()
        return try histories(rows, id: "licence_id") { Int(try $0.decode(column: "seats", as: Int64.self)) }.first
            ?? UnitHistory(id: licenceID, changes: [])
    }

    static func histories<State>(_ rows: [any SQLRow], id column: String, state: (any SQLRow) throws -> State) throws -> [UnitHistory<State>] {
        var result: [UnitHistory<State>] = []
        for row in rows {
            let id = try row.decode(column: column, as: Int64.self)
            guard let day = CalendarDay(String(try row.decode(column: "at", as: String.self).prefix(10))) else { continue }
            if result.last?.id != id { result.append(UnitHistory(id: id, changes: [])) }
            result[result.count - 1].changes.append(StateChange(day: day, state: try state(row)))
        }
        return result
    }
}
