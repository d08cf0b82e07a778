import Foundation

/// Where the server keeps its data: `sqlite:PATH` (embedded, the default) or `postgres://user:pass@host[:port]/db`.
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public init(parsing raw: String) throws(DatabaseURLError) {
        if raw.hasPrefix("sqlite:") {
            var path = String(raw.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { throw DatabaseURLError(raw: raw, reason: "sqlite: needs a file path, e.g. sqlite:/var/lib/parc/parc.sqlite") }
            self = .sqlite(path: path)
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
        case .sqlite(let path): return "sqlite:\(path)"
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
