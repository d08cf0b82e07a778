import Foundation
import ParcDomain
import ParcProtocol
import ParcTestSupport
import SQLKit
import Testing

@testable import ParcServer

/// `Store.authenticateAgent`, which every agent request runs: on SQLite it reads straight from the
/// calling thread (`SQLiteDirectReads`), on PostgreSQL through the pool; both must answer the same.
@Suite struct AgentAuthenticationTests {
    struct Enrolled {
        let store: Store
        let agentID: String
        let serial: String
    }

    static func enroll(_ store: Store, client: String, hostname: String, serial: String) async throws -> Enrolled {
        let staff = try await store.createStaff(NewStaffUser(email: "boss-\(serial)@p.example", name: "Boss", role: .manager))
        let token = try await store.createEnrollmentToken(clientCode: client, maxUses: 1, expiresInHours: 1, label: nil, createdBy: staff.id)
        let enrolled = try await store.enroll(secret: token.secret, hostname: hostname, agentVersion: "0.9.1") { _, _ in
            ("pem", serial, Date().addingTimeInterval(3600))
        }
        return Enrolled(store: store, agentID: enrolled.agent.id, serial: serial)
    }

    @Test(arguments: TestBackend.available)
    func findsTheAgentItsClientAndItsSectionHashes(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            for code in ["ACME", "OTHER"] { _ = try await store.createClient(NewClient(code: code, name: code)) }
            let laptop = try await Self.enroll(store, client: "ACME", hostname: "pc-42", serial: "a1")
            _ = try await Self.enroll(store, client: "OTHER", hostname: "srv-1", serial: "b2")

            let fresh = try await store.authenticateAgent(certificateSerial: "a1")
            #expect(fresh.id == laptop.agentID)
            #expect(fresh.clientCode == "ACME")
            #expect((fresh.hostname, fresh.agentVersion) == ("pc-42", "0.9.1"))
            #expect(fresh.lastSeenAt == nil)
            #expect(fresh.sectionHashes.isEmpty)

            var inventory = Inventory(agentVersion: "0.9.1", collectedAt: Date())
            var os = OperatingSystemSection()
            os.hostname = "pc-42"
            inventory.os = os
            inventory.software = SoftwareSection(packages: [SoftwarePackage(name: "bash", version: "5.2.15-2+b2", manager: "dpkg")])
            let sections = try inventory.sectionPayloads().map { section, bytes in
                (section: section, hash: Inventory.sectionHash(bytes), content: String(decoding: bytes, as: UTF8.self))
            }
            _ = try await store.scoped(to: fresh.scope).storeReport(
                agent: fresh, reportKey: "k1", inventory: inventory, sections: sections, bodyBytes: 1, wireBytes: 1)
            let seenAt = Date(timeIntervalSince1970: 1_795_000_000)
            _ = try await store.scoped(to: fresh.scope).checkIn(
                agent: fresh, CheckIn(agentVersion: "0.9.2", hostname: "pc-42", sectionHashes: [:]), reportKey: "k2", wireBytes: 10, now: seenAt)

            let reported = try await store.authenticateAgent(certificateSerial: "a1")
            #expect(reported.sectionHashes == Dictionary(uniqueKeysWithValues: sections.map { ($0.section.rawValue, $0.hash) }))
            #expect(reported.sectionHashes.count == 2)
            #expect(reported.agentVersion == "0.9.2")
            #expect(reported.lastSeenAt == seenAt)
            #expect(try await store.authenticateAgent(certificateSerial: "b2").clientCode == "OTHER")
        }
    }

    @Test(arguments: TestBackend.available)
    func refusesUnknownAndRevokedCertificates(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            _ = try await store.createClient(NewClient(code: "ACME", name: "ACME"))
            let laptop = try await Self.enroll(store, client: "ACME", hostname: "pc-42", serial: "c3")
            await #expect(throws: Store.AgentRefusal.unknown) { try await store.authenticateAgent(certificateSerial: "c4") }
            // A serial is text: one that looks like SQL stays a value.
            await #expect(throws: Store.AgentRefusal.unknown) { try await store.authenticateAgent(certificateSerial: "' OR 1=1 --") }
            _ = try await store.revokeAgent(id: laptop.agentID)
            await #expect(throws: Store.AgentRefusal.revoked(agentID: laptop.agentID)) { try await store.authenticateAgent(certificateSerial: "c3") }
        }
    }

    /// Agents checking in at once share the recorder's transactions: each one's last-seen time, host
    /// name and version are stored whether it sends a report next or not, and only the check-ins
    /// that need nothing are recorded as reports (the others' reports record themselves).
    @Test(arguments: TestBackend.available)
    func concurrentCheckInsRefreshEveryAgent(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            _ = try await store.createClient(NewClient(code: "ACME", name: "ACME"))
            let count = 24
            for index in 0..<count { _ = try await Self.enroll(store, client: "ACME", hostname: "old-\(index)", serial: "e\(index)") }
            let seenAt = Date(timeIntervalSince1970: 1_795_000_000)
            let needs = try await withThrowingTaskGroup(of: (Int, [InventorySection]).self) { group in
                for index in 0..<count {
                    group.addTask {
                        let agent = try await store.authenticateAgent(certificateSerial: "e\(index)")
                        // Every third one announces software the server does not have.
                        let hashes = index % 3 == 0 ? ["software": String(repeating: "a", count: 64)] : [:]
                        let checkIn = CheckIn(agentVersion: "1.0.\(index)", hostname: "pc-\(index)", sectionHashes: hashes)
                        return (
                            index, try await store.scoped(to: agent.scope).checkIn(agent: agent, checkIn, reportKey: "k\(index)", wireBytes: 400, now: seenAt)
                        )
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            for index in 0..<count {
                #expect(needs[index] == (index % 3 == 0 ? [.software] : []))
                let agent = try await store.authenticateAgent(certificateSerial: "e\(index)")
                #expect((agent.hostname, agent.agentVersion, agent.lastSeenAt) == ("pc-\(index)", "1.0.\(index)", seenAt))
            }
            let recorded = try await database.withConnection { db in
                try await db.raw("SELECT COUNT(*) AS n FROM agent_reports WHERE wire_bytes = 400").first()?.decode(column: "n", as: Int.self)
            }
            #expect(recorded == count - count / 3)
        }
    }

    /// A statement prepared again on every use costs as much as running it: the agent lookup and the
    /// check-in's statements keep their plans.
    @Test func theSQLiteCheckInStatementsArePreparedOnce() async throws {
        try await withMigratedDatabase(.sqlite) { database in
            let store = Store(database)
            _ = try await store.createClient(NewClient(code: "ACME", name: "ACME"))
            for index in 0..<3 { _ = try await Self.enroll(store, client: "ACME", hostname: "pc-\(index)", serial: "d\(index)") }
            let direct = try #require(database.direct)
            for round in 0..<30 {
                let agent = try await store.authenticateAgent(certificateSerial: "d\(round % 3)")
                let needed = try await store.scoped(to: agent.scope).checkIn(
                    agent: agent, CheckIn(agentVersion: "0.9.1", hostname: agent.hostname, sectionHashes: [:]), reportKey: "r\(round)", wireBytes: 300)
                #expect(needed.isEmpty)
            }
            #expect(direct.statementsReprepared() == 0)
            // Each check-in was recorded once, by the direct insert.
            let recorded = try await database.withConnection { db in
                try await db.raw("SELECT COUNT(*) AS n FROM agent_reports WHERE body_bytes = 300").first()?.decode(column: "n", as: Int.self)
            }
            #expect(recorded == 30)
        }
    }
}

/// Stored times are written and read by hand in one format; Foundation is the reference.
@Suite struct TimestampTests {
    @Test func writesWhatFoundationWrites() {
        var generator = SystemRandomNumberGenerator()
        let samples =
            [0, 951_782_400, 951_868_799, 1_795_000_000, 4_107_542_399, -86_400]
            + (0..<2_000).map { _ in Int64.random(in: -2_208_988_800...4_102_444_800, using: &generator) }
        for seconds in samples {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds) + 0.75)
            #expect(Timestamp.string(date) == date.formatted(.iso8601), "\(seconds)")
        }
    }

    @Test func readsWhatFoundationReads() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let date = Date(timeIntervalSince1970: TimeInterval(Int64.random(in: -2_208_988_800...4_102_444_800, using: &generator)))
            let text = date.formatted(.iso8601)
            #expect(Timestamp.storedDate(text) == date, "\(text)")
            #expect(Timestamp.date(text) == (try Date(text, strategy: .iso8601)))
        }
        // Leap days, and what is not a stored timestamp: left to Foundation.
        #expect(Timestamp.storedDate("2024-02-29T23:59:59Z") == (try Date("2024-02-29T23:59:59Z", strategy: .iso8601)))
        for text in [
            "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-25T24:00:00Z",
            "2026-11-25 12:00:00Z", "2026-11-25T12:00:00", "2026-11-25T12:00:00.5Z", "+026-11-25T12:00:00Z", "",
        ] {
            #expect(Timestamp.storedDate(text) == nil, "\(text)")
            #expect(Timestamp.date(text) == (try? Date(text, strategy: .iso8601)), "\(text)")
        }
    }
}
