import NIOConcurrencyHelpers
import NIOPosix
import VaporCSQLite

/// SQLite used through its C API, each statement prepared once, for the statements every
/// check-in runs: finding the agent that holds a certificate (with its section hashes), and
/// recording the check-in and the agent's last-seen time.
///
/// Through SQLiteNIO each of them hops to its thread pool and back, is parsed again, and hands each
/// row to the event loop as a task of its own; that was 0.1 ms of CPU per check-in, as much as the
/// rest of the request (`make loadtest` measures it). Reads run on the calling thread, the event
/// loop: under WAL a reader never waits for the writer, so it only reads a few pages from the OS
/// cache. Writes run on SQLite's thread pool, holding the database's write turn, since a commit
/// may checkpoint and wait on the disk.
///
/// The library is SQLiteNIO's own copy (`VaporCSQLite`): two copies of SQLite in one process would
/// not see each other's POSIX locks. Everything else goes through `Database` and SQLKit.
final class SQLiteDirect: Sendable {
    private let path: String
    /// Read connections not in use; a thread takes one for one read and gives it back.
    private let idle = NIOLockedValueBox<[Connection]>([])
    /// Past this many idle connections, returned ones are closed (threads that came and went).
    private let keptIdle = 8
    /// The one write connection, opened on first use; used only under the database's write turn.
    private let writer = NIOLockedValueBox<Connection?>(nil)

    private let synchronous: SQLiteSynchronous

    init(path: String, synchronous: SQLiteSynchronous = .normal) {
        self.path = path
        self.synchronous = synchronous
    }

    deinit {
        idle.withLockedValue { connections in
            for connection in connections { connection.close() }
        }
        writer.withLockedValue { $0?.close() }
    }

    /// Runs `sql` (prepared on first use by each connection) with `text` bound to its one `?` and hands each row to `row`.
    func read(_ sql: String, binding text: String, row: (Row) throws -> Void) throws {
        try read(sql, bindings: [.text(text)], row: row)
    }

    /// Runs `sql` with `bindings` for its `?`s, in order, and hands each row to `row`.
    func read(_ sql: String, bindings: [Value], row: (Row) throws -> Void) throws {
        let connection = try idle.withLockedValue { $0.popLast() } ?? Connection(path: path, readOnly: true)
        defer {
            let closeIt = idle.withLockedValue { connections -> Bool in
                guard connections.count < keptIdle else { return true }
                connections.append(connection)
                return false
            }
            if closeIt { connection.close() }
        }
        try connection.run(sql, bindings: bindings, row: row)
    }

    /// Runs each statement with its values, in one transaction: all or none. The caller holds the
    /// database's write turn; this runs on a thread of `threads`.
    func write(_ statements: [(sql: String, values: [Value])], on threads: NIOThreadPool) async throws {
        try await threads.runIfActive {
            try self.writer.withLockedValue { writer in
                let connection = try writer ?? Connection(path: self.path, readOnly: false, synchronous: self.synchronous)
                writer = connection
                // Prepared like the rows' statements: `sqlite3_exec` would parse both again each time.
                try connection.run("BEGIN IMMEDIATE", bindings: []) { _ in }
                do {
                    for (sql, values) in statements { try connection.run(sql, bindings: values) { _ in } }
                    try connection.run("COMMIT", bindings: []) { _ in }
                } catch {
                    try? connection.execute("ROLLBACK")
                    throw error
                }
            }
        }
    }

    /// How many times statements were prepared again (the schema changed, or a binding could change
    /// the plan): each costs as much as running the statement.
    func statementsReprepared() -> Int {
        idle.withLockedValue { connections in connections.reduce(0) { $0 + $1.reprepared() } }
            + writer.withLockedValue { $0?.reprepared() ?? 0 }
    }

    enum Value: Sendable {
        case text(String?)
        case integer(Int64)
    }

    /// The current row of a statement; valid only inside the `row` callback.
    struct Row {
        fileprivate let statement: OpaquePointer

        func text(_ column: Int32) -> String? {
            guard let bytes = sqlite_nio_sqlite3_column_text(statement, column) else { return nil }
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }

        func int64(_ column: Int32) -> Int64 {
            sqlite_nio_sqlite3_column_int64(statement, column)
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One sqlite3 handle and its prepared statements, used by one thread at a time.
    private final class Connection: @unchecked Sendable {
        private var handle: OpaquePointer?
        private var statements: [String: OpaquePointer] = [:]

        init(path: String, readOnly: Bool, synchronous: SQLiteSynchronous = .normal) throws {
            // NOMUTEX: a connection is never used by two threads at once.
            guard sqlite_nio_sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
                let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory"
                sqlite_nio_sqlite3_close(handle)
                throw Failure(description: "cannot open \(path): \(message)")
            }
            if readOnly {
                // A reader waits only while the WAL is recovered after a crash, and not for long.
                sqlite_nio_sqlite3_busy_timeout(handle, 2000)
                try execute("PRAGMA query_only = 1")
            } else {
                // As the pool's connections (`SQLiteConfiguredSource`).
                sqlite_nio_sqlite3_busy_timeout(handle, 30_000)
                try execute("PRAGMA foreign_keys = ON; " + synchronous.pragma)
            }
        }

        func reprepared() -> Int {
            statements.values.reduce(0) { $0 + Int(sqlite_nio_sqlite3_stmt_status($1, SQLITE_STMTSTATUS_REPREPARE, 0)) }
        }

        func close() {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements = [:]
            sqlite_nio_sqlite3_close(handle)
            handle = nil
        }

        func execute(_ sql: String) throws {
            guard sqlite_nio_sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw failure(sql) }
        }

        private func failure(_ what: String) -> Failure {
            Failure(description: "SQLite: \(String(cString: sqlite_nio_sqlite3_errmsg(handle))) (\(what))")
        }

        func run(_ sql: String, bindings: [Value], row: (Row) throws -> Void) throws {
            let statement: OpaquePointer
            if let prepared = statements[sql] {
                statement = prepared
            } else {
                var prepared: OpaquePointer?
                guard sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil) == SQLITE_OK, let prepared else {
                    throw failure(sql)
                }
                statements[sql] = prepared
                statement = prepared
            }
            // Reset even when `row` throws: a statement left stepping holds its read transaction open.
            defer {
                sqlite_nio_sqlite3_reset(statement)
                sqlite_nio_sqlite3_clear_bindings(statement)
            }
            let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
            for (index, value) in bindings.enumerated() {
                let position = Int32(index + 1)
                let status: Int32
                switch value {
                case .text(let text?):
                    status = sqlite_nio_sqlite3_bind_text64(statement, position, text, UInt64(text.utf8.count), transient, UInt8(SQLITE_UTF8))
                case .text(nil): status = sqlite_nio_sqlite3_bind_null(statement, position)
                case .integer(let number): status = sqlite_nio_sqlite3_bind_int64(statement, position, number)
                }
                guard status == SQLITE_OK else { throw failure(sql) }
            }
            while true {
                switch sqlite_nio_sqlite3_step(statement) {
                case SQLITE_ROW: try row(Row(statement: statement))
                case SQLITE_DONE: return
                default: throw failure(sql)
                }
            }
        }
    }
}
