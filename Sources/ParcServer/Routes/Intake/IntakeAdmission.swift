import NIOConcurrencyHelpers
import NIOCore

/// How many intake inventories are being stored at this moment, and whether a CONTACT may start
/// another agent's run now.
///
/// A burst (a client's whole fleet told to "inventory now", glpi-agent #211) must not queue hundreds
/// of 1,500-program inventories behind SQLite's one writer. An inventory that comes is always stored
/// (its agent was told to send it); past `limit` in flight, a CONTACT is answered `pending` with an
/// `expiration` drawn between 1 and 15 minutes, and GLPI Agent starts its whole run again then: the
/// burst comes back spread over a quarter of an hour.
public final class IntakeAdmission: Sendable {
    let limit: Int
    private let inFlight = NIOLockedValueBox(0)

    /// Two inventories per core: the cores stay busy while one waits for SQLite's writer, and on
    /// PostgreSQL half the pool (four connections a core) is left to CONTACTs, check-ins and people.
    /// At four a core a burst took every pooled connection, and the CONTACTs that should have been
    /// put off waited for one instead.
    public static let defaultLimit = 2 * System.coreCount

    init(limit: Int = IntakeAdmission.defaultLimit) {
        self.limit = max(1, limit)
    }

    var overloaded: Bool { inFlight.withLockedValue { $0 >= limit } }

    /// Runs `body` counted as one inventory in flight.
    func storing<R>(_ body: () async throws -> R) async rethrows -> R {
        inFlight.withLockedValue { $0 += 1 }
        defer { inFlight.withLockedValue { $0 -= 1 } }
        return try await body()
    }

    /// When a deferred agent should come back, in GLPI's notation: seconds, from 60 to 900.
    static func spreadExpiration() -> String { "\(Int.random(in: 60...900))s" }
}
