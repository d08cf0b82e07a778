import Foundation
import Logging
import ParcTestSupport
import Testing

@testable import ParcServer

/// A PostgreSQL server that cannot be reached is named with its reason, not PostgresNIO's
/// "Generic description to prevent accidental leakage of sensitive data".
@Suite struct DatabaseUnavailableTests {
    @Test func anUnreachableServerIsReportedWithTheReasonAndWithoutThePassword() async throws {
        // Nothing listens on port 1 of the loopback: the connection is refused at once.
        let database = try Database(try DatabaseURL(parsing: "postgres://parc:s3cret@127.0.0.1:1/parc"), logger: TestLogger.make())
        await #expect {
            try await database.ping()
        } throws: { error in
            let text = "\(error)"
            return error is DatabaseUnavailable && text.hasPrefix("cannot connect to PostgreSQL: ") && text.contains("refused")
                && !text.contains("s3cret") && !text.contains("Generic description")
        }
        try await database.shutdown()
    }
}

/// A SQLite connection whose set-up fails (here: the file is not a database) is closed before the
/// error is returned: dropping it open trips SQLiteNIO's assertion and ends the whole process.
@Suite struct SQLiteSetUpFailureTests {
    @Test func aFileThatIsNotADatabaseFailsWithAnErrorInsteadOfEndingTheProcess() async throws {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let path = directory + "/broken.sqlite"
        try String(repeating: "not a database ", count: 400).write(toFile: path, atomically: true, encoding: .utf8)
        let database = try Database(.sqlite(path: path), logger: TestLogger.make())
        for _ in 0..<3 {
            await #expect {
                try await database.ping()
            } throws: { error in
                "\(error)".contains("not a database")
            }
        }
        try await database.shutdown()
    }
}
