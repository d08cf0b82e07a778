import Foundation
import ParcServer
import ParcTestSupport
import SQLKit
import Testing

/// `sqlite:PATH?synchronous=full` makes every commit wait for the disk; the default stays NORMAL.
@Suite struct SQLiteDurabilityTests {
    @Test func theURLChoosesTheSynchronousSetting() throws {
        #expect(try DatabaseURL(parsing: "sqlite:/var/lib/parc/parc.sqlite") == .sqlite(path: "/var/lib/parc/parc.sqlite", synchronous: .normal))
        #expect(try DatabaseURL(parsing: "sqlite:/var/lib/parc/parc.sqlite?synchronous=FULL") == .sqlite(path: "/var/lib/parc/parc.sqlite", synchronous: .full))
        #expect(try DatabaseURL(parsing: "sqlite:/a.sqlite?synchronous=full").description == "sqlite:/a.sqlite?synchronous=full")
        #expect(throws: DatabaseURLError.self) { try DatabaseURL(parsing: "sqlite:/a.sqlite?synchronous=off") }
        #expect(throws: DatabaseURLError.self) { try DatabaseURL(parsing: "sqlite:/a.sqlite?journal=delete") }
    }

    @Test(arguments: [SQLiteSynchronous.normal, .full])
    func connectionsUseIt(_ synchronous: SQLiteSynchronous) async throws {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let database = try Database(.sqlite(path: directory + "/x.sqlite", synchronous: synchronous), logger: TestLogger.make())
        let value = try await database.withConnection { db in
            try await db.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self)
        }
        try await database.shutdown()
        #expect(value == (synchronous == .full ? 2 : 1))
    }
}
