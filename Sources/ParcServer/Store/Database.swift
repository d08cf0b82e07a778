@preconcurrency import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit
import ServiceLifecycle

/// The SQL dialect differences the migrations need to know about. Queries themselves are shared.
public enum SQLFlavor: String, Sendable {
    case sqlite
    case postgres
}

/// A pool of connections to SQLite or PostgreSQL, handing out one connection per unit of work.
///
/// SQLite allows one writer at a time: write transactions are serialised in-process (so they queue
/// instead of spinning on SQLITE_BUSY) and start with `BEGIN IMMEDIATE`; the busy timeout covers
/// other processes. Reads run in parallel on the pool under WAL.
public final class Database: Service, Sendable {
    /// How long a unit of work waits for a pooled connection before failing: long enough for a
    /// burst on a loaded machine (the pool's default, 10 s, was not), short of a client's patience.
    static let connectionWait: TimeAmount = .seconds(30)

    public let flavor: SQLFlavor
    public let url: DatabaseURL
    private let pool: Pool
    /// SQLite only: the check-in's lookup and insert through the C API (see `SQLiteDirect`).
    let direct: SQLiteDirect?
    private let sqliteThreads: NIOThreadPool
    private let writeLock = AsyncLock()
    private let logger: Logger

    private enum Pool: @unchecked Sendable {  // the pools are thread-safe; AsyncKit predates Sendable
        case sqlite(EventLoopGroupConnectionPool<SQLiteConfiguredSource>)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>)
    }

    /// `sqliteThreads` runs SQLite's blocking calls; a second pool on the same file in one process
    /// (tests standing for a second server) needs its own, or its busy waits starve the first.
    public init(
        _ url: DatabaseURL, logger: Logger, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        sqliteThreads: NIOThreadPool = .singleton
    ) throws {
        self.url = url
        self.logger = logger
        self.sqliteThreads = sqliteThreads
        switch url {
        case .sqlite(let path, let synchronous):
            flavor = .sqlite
            direct = SQLiteDirect(path: path, synchronous: synchronous)
            let source = SQLiteConfiguredSource(
                base: SQLiteConnectionSource(configuration: .init(storage: .file(path: path), enableForeignKeys: true), threadPool: sqliteThreads),
                synchronous: synchronous)
            pool = .sqlite(
                EventLoopGroupConnectionPool(
                    source: source, maxConnectionsPerEventLoop: 2, requestTimeout: Self.connectionWait, logger: logger, on: eventLoopGroup))
        case .postgres(let raw):
            flavor = .postgres
            direct = nil
            var configuration = try SQLPostgresConfiguration(url: raw)
            configuration.searchPath = nil
            let source = PostgresConnectionSource(sqlConfiguration: configuration)
            pool = .postgres(
                EventLoopGroupConnectionPool(
                    source: source, maxConnectionsPerEventLoop: 4, requestTimeout: Self.connectionWait, logger: logger, on: eventLoopGroup))
        }
    }

    /// Runs `body` on one pooled connection.
    public func withConnection<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        switch pool {
        case .sqlite(let pool):
            return try await Self.borrow(pool, logger: logger, sql: { $0.sql() }, body)
        case .postgres(let pool):
            return try await Self.borrow(pool, logger: logger, sql: { $0.sql() }, body)
        }
    }

    /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
    public func transaction<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        switch flavor {
        case .sqlite:
            return try await writeLock.withLock {
                try await self.withConnection { db in try await Self.run(db, begin: "BEGIN IMMEDIATE", body) }
            }
        case .postgres:
            return try await withConnection { db in try await Self.run(db, begin: "BEGIN", body) }
        }
    }

    /// Runs statements that each commit on their own (no BEGIN), holding SQLite's write turn.
    /// For short writes that need no atomicity across statements: cheaper than a transaction.
    public func write<R: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        switch flavor {
        case .sqlite: return try await writeLock.withLock { try await self.withConnection(body) }
        case .postgres: return try await withConnection(body)
        }
    }

    /// SQLite only: the statements through `direct`, in one transaction, holding the write turn,
    /// which it takes before any other waiter: check-ins do not queue behind reports.
    func writeDirectly(_ statements: [(sql: String, values: [SQLiteDirect.Value])]) async throws {
        guard let direct else { preconditionFailure("writeDirectly is for SQLite") }
        try await writeLock.withLock(urgent: true) { try await direct.write(statements, on: self.sqliteThreads) }
    }

    private static func run<R: Sendable>(
        _ db: any SQLDatabase, begin: String, _ body: @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        try await db.raw(SQLQueryString(begin)).run()
        do {
            let result = try await body(db)
            try await db.raw("COMMIT").run()
            return result
        } catch {
            do { try await db.raw("ROLLBACK").run() } catch {}
            throw error
        }
    }

    private static func borrow<Source: ConnectionPoolSource, R: Sendable>(
        _ pool: EventLoopGroupConnectionPool<Source>, logger: Logger, sql: (Source.Connection) -> any SQLDatabase,
        _ body: @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        let connection: Source.Connection
        do {
            connection = try await pool.requestConnection(logger: logger).get()
        } catch let error as PSQLError {
            throw DatabaseUnavailable(error)
        }
        do {
            let result = try await body(sql(connection))
            pool.releaseConnection(connection, logger: logger)
            return result
        } catch {
            pool.releaseConnection(connection, logger: logger)
            throw error
        }
    }

    /// Checks the database answers (for `/healthz`).
    public func ping() async throws {
        try await withConnection { db in try await db.raw("SELECT 1").run() }
    }

    /// Keeps the pool open while the server runs, and closes it on shutdown.
    public func run() async throws {
        try? await gracefulShutdown()
        try await shutdown()
    }

    public func shutdown() async throws {
        switch pool {
        case .sqlite(let pool): try await pool.shutdownAsync()
        case .postgres(let pool): try await pool.shutdownAsync()
        }
    }
}

/// PostgreSQL could not be reached, or refused the connection. PostgresNIO's own description hides
/// the reason ("Generic description to prevent accidental leakage"); the server's message or the
/// socket error says it without the password.
public struct DatabaseUnavailable: Error, CustomStringConvertible {
    public var description: String

    init(_ error: PSQLError) {
        let reason = error.serverInfo?[.message] ?? error.underlying.map { "\($0)" } ?? "\(error.code)"
        description = "cannot connect to PostgreSQL: \(reason)"
    }
}

/// Opens SQLite connections with the settings every connection needs: WAL, a busy timeout,
/// foreign keys (set by the base source).
struct SQLiteConfiguredSource: ConnectionPoolSource {
    let base: SQLiteConnectionSource
    let synchronous: SQLiteSynchronous

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        base.makeConnection(logger: logger, on: eventLoop).flatMap { connection in
            // The busy timeout first: without it, the journal-mode pragma of a connection opened
            // while another instance writes fails at once with "database is locked". As long as a
            // unit of work waits for a connection (`connectionWait`): another instance's long
            // transaction on a loaded machine went past 10 s.
            connection.query("PRAGMA busy_timeout = 30000")
                .flatMap { _ in connection.query("PRAGMA journal_mode = WAL") }
                .flatMap { _ in connection.query(synchronous.pragma) }
                .map { _ in connection }
                // A connection dropped open trips SQLiteNIO's assertion, which ends the process.
                .flatMapError { error in connection.close().flatMapThrowing { throw error } }
        }
    }
}

/// A FIFO async mutex: waiters queue instead of blocking threads. Urgent waiters (check-in batches,
/// a fraction of a millisecond each) go before the others (reports, which may hold it for
/// milliseconds): an agent's check-in then waits for at most the write in progress. Only one
/// check-in batch waits at a time (`CheckInRecorder` flushes one after the other), so the others
/// still get every second turn.
actor AsyncLock {
    private var locked = false
    private var urgent: [CheckedContinuation<Void, Never>] = []
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func withLock<R: Sendable>(urgent: Bool = false, _ body: @Sendable () async throws -> R) async throws -> R {
        await acquire(urgent: urgent)
        defer { release() }
        return try await body()
    }

    /// How many wait for the lock (for tests).
    var queued: Int { urgent.count + waiters.count }

    private func acquire(urgent isUrgent: Bool) async {
        if !locked {
            locked = true
            return
        }
        await withCheckedContinuation { continuation in
            if isUrgent { urgent.append(continuation) } else { waiters.append(continuation) }
        }
    }

    private func release() {
        if !urgent.isEmpty {
            urgent.removeFirst().resume()
        } else if !waiters.isEmpty {
            waiters.removeFirst().resume()
        } else {
            locked = false
        }
    }
}
