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
