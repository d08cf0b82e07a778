import Foundation
import SQLKit

/// All reads and writes of Parc's data, one implementation over SQLite and PostgreSQL.
///
/// Each method is one unit of work; those that write several rows run in one transaction.
/// Times are UTC; money is integer cents.
public struct Store: Sendable {
    public let database: Database
    let checkIns: CheckInRecorder

    public init(_ database: Database) {
        self.database = database
        self.checkIns = CheckInRecorder(database: database)
    }
}

/// What the store refuses, independent of HTTP.
public enum StoreError: Error, Equatable, Sendable {
    /// No row of `entity` matched `key`.
    case notFound(entity: String, key: String)
    /// The change would break a uniqueness rule or another invariant.
    case conflict(field: String?, message: String)
    /// A referenced row does not exist or belongs to another client.
    case invalidReference(field: String, message: String)
}

/// Filters and paging shared by list queries.
public struct ListQuery: Sendable, Equatable {
    /// Case-insensitive substring match on the main text fields.
    public var search: String?
    /// Only active (true) or inactive (false) rows; nil for both.
    public var active: Bool?
    public var limit: Int
    public var offset: Int

    public init(search: String? = nil, active: Bool? = nil, limit: Int = 50, offset: Int = 0) {
        self.search = search
        self.active = active
        self.limit = limit
        self.offset = offset
    }
}
