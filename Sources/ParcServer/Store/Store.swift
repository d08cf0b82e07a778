import Foundation
import PostgresKit
import SQLKit
import SQLiteKit

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

extension Store {
    /// Maps a database constraint violation to a `StoreError`; other errors pass through.
    static func translate(_ error: any Error, uniqueField: String?, uniqueMessage: String) -> any Error {
        if isUniqueViolation(error) { return StoreError.conflict(field: uniqueField, message: uniqueMessage) }
        return error
    }

    static func isUniqueViolation(_ error: any Error) -> Bool {
        if let error = error as? PSQLError { return error.serverInfo?[.sqlState] == "23505" }
        if let error = error as? SQLiteError {
            return error.reason == .constraintUniqueFailed || error.reason == .constraintPrimaryKeyFailed
                || (error.reason == .constraint && error.message.contains("UNIQUE"))
        }
        return false
    }

    static func likePattern(_ search: String) -> String {
        let escaped = search.lowercased()
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return "%\(escaped)%"
    }
}

extension SQLRow {
    func date(_ column: String) throws -> Date {
        let text = try decode(column: column, as: String.self)
        guard let date = Timestamp.date(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "bad timestamp in \(column): \(text)"))
        }
        return date
    }

    func optionalDate(_ column: String) throws -> Date? {
        guard let text = try decode(column: column, as: String?.self) else { return nil }
        return Timestamp.date(text)
    }
}
