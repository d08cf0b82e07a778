import Foundation

/// Where the server keeps its data: `sqlite:PATH` (embedded, the default; `?synchronous=full` for
/// power-cut durability, see `docs/operations.md`) or `postgres://user:pass@host[:port]/db`.
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String, synchronous: SQLiteSynchronous = .normal)
    case postgres(url: String)

    public init(parsing raw: String) throws(DatabaseURLError) {
        if raw.hasPrefix("sqlite:") {
            var path = String(raw.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            var synchronous = SQLiteSynchronous.normal
            if let question = path.firstIndex(of: "?") {
                let query = path[path.index(after: question)...]
                path = String(path[..<question])
                guard query.hasPrefix("synchronous="), let value = SQLiteSynchronous(rawValue: String(query.dropFirst("synchronous=".count)).lowercased())
                else { throw DatabaseURLError(raw: raw, reason: "the only SQLite option is ?synchronous=normal or ?synchronous=full") }
                synchronous = value
            }
            guard !path.isEmpty else { throw DatabaseURLError(raw: raw, reason: "sqlite: needs a file path, e.g. sqlite:/var/lib/parc/parc.sqlite") }
            self = .sqlite(path: path, synchronous: synchronous)
        } else if raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") {
            guard let url = URL(string: raw), url.host != nil, url.path.count > 1 else {
                throw DatabaseURLError(raw: raw, reason: "expected postgres://user:password@host[:port]/database")
            }
            self = .postgres(url: raw)
        } else {
            throw DatabaseURLError(raw: raw, reason: "use sqlite:PATH or postgres://user:password@host[:port]/database")
        }
    }

    /// The URL without its password, for logs and messages.
    public var description: String {
        switch self {
        case .sqlite(let path, let synchronous): return "sqlite:\(path)" + (synchronous == .normal ? "" : "?synchronous=\(synchronous.rawValue)")
        case .postgres(let raw):
            guard var components = URLComponents(string: raw) else { return "postgres://?" }
            if components.password != nil { components.password = "***" }
            return components.string ?? "postgres://?"
        }
    }
}

public struct DatabaseURLError: Error, CustomStringConvertible {
    public var raw: String
    public var reason: String
    public var description: String { "invalid database URL: \(reason)" }
}

/// SQLite's `synchronous` setting in WAL mode. `normal`: a commit is durable once the WAL is synced
/// at the next checkpoint; a power cut (not a crash of the process) can lose the last commits, never
/// corrupt the database. `full`: every commit waits for the disk, slower on every write.
public enum SQLiteSynchronous: String, Sendable, Equatable {
    case normal
    case full

    var pragma: String { "PRAGMA synchronous = \(rawValue.uppercased())" }
}
