import Foundation
import Logging
import ParcServer
import SQLKit

/// The databases the store suite runs on: SQLite always, PostgreSQL when `PARC_TEST_POSTGRES_URL`
/// names a server where the test user may create databases (CI starts one).
public enum TestBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["PARC_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The backends to run on here.
    public static var available: [TestBackend] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    public var description: String { rawValue }
}

public enum TestLogger {
    public static func make(_ label: String = "parc.test") -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = .warning
        return logger
    }
}

/// A fresh, empty database for one test, removed afterwards: a temporary SQLite file, or a new
/// PostgreSQL database created next to the one `PARC_TEST_POSTGRES_URL` names.
public struct ScratchDatabase: Sendable {
    public let url: DatabaseURL
    let cleanup: @Sendable () async -> Void

    public static func make(_ backend: TestBackend) async throws -> ScratchDatabase {
        switch backend {
        case .sqlite:
            let directory = try TemporaryDirectory.make()
            return ScratchDatabase(url: .sqlite(path: directory + "/test.sqlite")) { TemporaryDirectory.remove(directory) }
        case .postgres:
            guard let adminURL = TestBackend.postgresURL else { throw TestSupportError("PARC_TEST_POSTGRES_URL is not set") }
            let name = "parc_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            try await withAdmin(adminURL) { db in try await db.raw("CREATE DATABASE \(ident: String(name))").run() }
            guard var components = URLComponents(string: adminURL) else { throw TestSupportError("bad PARC_TEST_POSTGRES_URL") }
            components.path = "/" + name
            let url = try DatabaseURL(parsing: components.string ?? adminURL)
            return ScratchDatabase(url: url) {
                try? await withAdmin(adminURL) { db in try await db.raw("DROP DATABASE IF EXISTS \(ident: String(name)) WITH (FORCE)").run() }
            }
        }
    }

    private static func withAdmin(_ url: String, _ body: @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let database = try Database(try DatabaseURL(parsing: url), logger: TestLogger.make())
        do {
            try await database.withConnection(body)
            try await database.shutdown()
        } catch {
            try? await database.shutdown()
            throw error
        }
    }

    public func remove() async { await cleanup() }
}

/// Runs `body` with a migrated database on `backend`, then closes and removes it.
public func withMigratedDatabase<R: Sendable>(
    _ backend: TestBackend, through version: Int = .max, _ body: (Database) async throws -> R
) async throws -> R {
    let scratch = try await ScratchDatabase.make(backend)
    let database = try Database(scratch.url, logger: TestLogger.make())
    do {
        try await Migrator(database, logger: TestLogger.make()).migrate(through: version)
        let result = try await body(database)
        try await database.shutdown()
        await scratch.remove()
        return result
    } catch {
        try? await database.shutdown()
        await scratch.remove()
        throw error
    }
}

public struct TestSupportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

public enum TemporaryDirectory {
    public static func make() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parc-test-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    public static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
