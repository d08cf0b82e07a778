import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// What people alert on, counted at scrape time (`/metrics`): a handful of indexed counts, with no
/// per-client label so the number of series stays fixed whatever the estate.
public struct OperationalGauges: Sendable, Equatable {
    /// Agents not revoked that checked in within the last 24 hours.
    public var agentsReporting = 0
    /// Agents not revoked silent for more than 24 hours (or never heard from).
    public var agentsStale = 0
    public var ticketsOpen = 0
    /// Open tickets past their SLA.
    public var ticketsBreached = 0
    public var invoicesOverdue = 0
}

extension Store {
    public func operationalGauges(now: Date = Date()) async throws -> OperationalGauges {
        let since = Timestamp.string(now.addingTimeInterval(-24 * 3600))
        let nowText = Timestamp.string(now)
        return try await database.withConnection { db in
            var gauges = OperationalGauges()
            gauges.agentsReporting = try await Self.count(
                db, "SELECT COUNT(*) AS n FROM agents WHERE revoked_at IS NULL AND last_seen_at >= \(bind: since)")
            gauges.agentsStale = try await Self.count(
                db, "SELECT COUNT(*) AS n FROM agents WHERE revoked_at IS NULL AND (last_seen_at IS NULL OR last_seen_at < \(bind: since))")
            gauges.ticketsOpen = try await Self.count(db, "SELECT COUNT(*) AS n FROM tickets t WHERE \(Self.openTicket)")
            gauges.ticketsBreached = try await Self.count(
                db, "SELECT COUNT(*) AS n FROM tickets t WHERE \(Self.openTicket) AND t.sla_breach_at < \(bind: nowText)")
            gauges.invoicesOverdue = try await Self.count(
                db, "SELECT COUNT(*) AS n FROM invoices i WHERE \(Self.statusCondition(.overdue, today: Timestamp.day(now)))")
            return gauges
        }
    }
}
