import Foundation
import ParcProtocol
import PostgresKit
import SQLKit
import SQLiteKit

// The store's shared SQL helpers: error translation, LIKE patterns, WHERE clauses, counts, and the
// reading of stored timestamps. One home, so that each query file holds only its own queries.

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

extension Store {
    static func whereClause(_ conditions: [SQLQueryString]) -> SQLQueryString {
        guard !conditions.isEmpty else { return "" }
        var clause: SQLQueryString = "WHERE "
        for (index, condition) in conditions.enumerated() {
            if index > 0 { clause = clause + " AND " }
            clause = clause + condition
        }
        return clause
    }

    /// `(?, ?, ...)` of `ids`, for `IN`: a page's rows (at most a few hundred).
    static func idList(_ ids: [Int64]) -> SQLQueryString {
        var list: SQLQueryString = "("
        for (index, id) in ids.enumerated() { list = list + (index == 0 ? "\(bind: id)" : ", \(bind: id)") }
        return list + ")"
    }

    static func count(_ db: any SQLDatabase, _ query: SQLQueryString) async throws -> Int {
        let row = try await db.raw(query).first()
        return Int(try row?.decode(column: "n", as: Int64.self) ?? 0)
    }

    /// One page of a list already filtered in memory (one asset's packages, versions compared the Debian way).
    static func page<Item>(of all: [Item], _ query: ListQuery) -> Page<Item> {
        let start = min(query.offset, all.count)
        let end = start + min(query.limit, all.count - start)
        return Page(items: Array(all[start..<end]), total: all.count, limit: query.limit, offset: query.offset)
    }
}

extension Optional {
    func require(_ message: @autoclosure () -> String = "expected a row") throws -> Wrapped {
        guard let self else { throw StoreError.conflict(field: nil, message: message()) }
        return self
    }
}

extension Sequence where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
