import Foundation
import NIOPosix
import ParcDomain
import ParcProtocol
import ParcServer
import ParcTestSupport
import SQLKit
import Testing

/// The one store suite, run on SQLite and, when `PARC_TEST_POSTGRES_URL` is set, on PostgreSQL.
@Suite struct StoreTests {
    @Test(.enabled(if: TestBackend.postgresURL != nil, "PostgreSQL store tests skipped: set PARC_TEST_POSTGRES_URL (CI does)"))
    func postgresIsConfigured() async throws {
        try await withMigratedDatabase(.postgres) { database in
            #expect(database.flavor == .postgres)
        }
    }

    @Test(arguments: TestBackend.available)
    func migrationsAreRecordedAndIdempotent(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let migrator = Migrator(database, logger: TestLogger.make())
            #expect(try await migrator.currentVersion() == Migrator.latestVersion)
            #expect(try await migrator.migrate().isEmpty)
            let rows = try await database.withConnection { db in try await db.raw("SELECT version FROM parc_migrations").all() }
            #expect(rows.count == Migrator.latestVersion)
        }
    }

    @Test(arguments: TestBackend.available)
    func concurrentMigrationsApplyOnce(_ backend: TestBackend) async throws {
        let scratch = try await ScratchDatabase.make(backend)
        // Two servers: the second with SQLite threads of its own, as another process would have
        // (sharing a pool, one server's busy wait would hold the threads the other needs to commit).
        let threads = NIOThreadPool(numberOfThreads: 2)
        threads.start()
        let first = try Database(scratch.url, logger: TestLogger.make())
        let second = try Database(scratch.url, logger: TestLogger.make(), sqliteThreads: threads)
        let a = Task { try await Migrator(first, logger: TestLogger.make()).migrate() }
        let b = Task { try await Migrator(second, logger: TestLogger.make()).migrate() }
        let applied = (await a.result, await b.result)
        try await first.shutdown()
        try await second.shutdown()
        try await threads.shutdownGracefully()
        await scratch.remove()
        #expect(try (applied.0.get() + applied.1.get()).sorted() == Array(1...Migrator.latestVersion))
    }

    /// PostgreSQL compresses the sections agents rewrite (a 1,500-program software section) with lz4.
    @Test(.enabled(if: TestBackend.available.contains(.postgres), "PARC_TEST_POSTGRES_URL is not set"))
    func sectionsAreCompressedWithLZ4OnPostgreSQL() async throws {
        try await withMigratedDatabase(.postgres) { database in
            let method = try await database.withConnection { db in
                try await db.raw(
                    "SELECT attcompression::text AS method FROM pg_attribute WHERE attrelid = 'agent_sections'::regclass AND attname = 'content'"
                ).first()?.decode(column: "method", as: String.self)
            }
            #expect(method == "l")
        }
    }

    @Test(arguments: TestBackend.available)
    func createsListsAndUpdatesClients(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            let acme = try await store.createClient(
                try DirectoryRules.validated(
                    NewClient(
                        code: "acme", name: "ACME SA", siren: "552032534", vatNumber: "FR27552032534",
                        billingAddress: PostalAddress(line1: "1 rue de la Paix", postalCode: "75002", city: "Paris"),
                        defaultVATBasisPoints: 550)))
            #expect(acme.code == "ACME")
            #expect(acme.defaultVATBasisPoints == 550)
            #expect(acme.billingAddress?.city == "Paris")
            for code in ["BETA", "GAMMA", "DELTA"] {
                _ = try await store.createClient(try DirectoryRules.validated(NewClient(code: code, name: "\(code) SARL")))
            }
            #expect(try await store.client(code: "acme") == acme)

            let page = try await store.listClients(ListQuery(limit: 2, offset: 1))
            #expect(page.total == 4)
            #expect(page.items.map(\.code) == ["BETA", "DELTA"])
            #expect(try await store.listClients(ListQuery(search: "sarl")).total == 3)
            #expect(try await store.listClients(ListQuery(search: "%")).total == 0)

            let updated = try await store.updateClient(code: "ACME", ClientUpdate(name: "ACME Group", siren: "", vatNumber: "", active: false))
            #expect(updated.name == "ACME Group")
            #expect(updated.siren == nil)
            #expect(!updated.active)
            #expect(updated.billingAddress == acme.billingAddress)
            #expect(try await store.listClients(ListQuery(active: true)).total == 3)
        }
    }

    @Test(arguments: TestBackend.available)
    func refusesDuplicateCodesAndUnknownClients(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            _ = try await store.createClient(NewClient(code: "ACME", name: "ACME"))
            await #expect(throws: StoreError.conflict(field: "code", message: "a client with code ACME already exists")) {
                try await store.createClient(NewClient(code: "ACME", name: "Other"))
            }
            await #expect(throws: StoreError.notFound(entity: "client", key: "NOPE")) { try await store.client(code: "nope") }
            await #expect(throws: StoreError.notFound(entity: "client", key: "NOPE")) {
                try await store.updateClient(code: "NOPE", ClientUpdate(name: "x"))
            }
            #expect(try await store.listClients(ListQuery()).total == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func employeesOnlyGetTheirOwnClientsSites(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            _ = try await store.createClient(NewClient(code: "ACME", name: "ACME"))
            _ = try await store.createClient(NewClient(code: "BETA", name: "Beta"))
            let acmeHQ = try await store.addSite(clientCode: "ACME", NewSite(name: "HQ"))
            let betaHQ = try await store.addSite(clientCode: "BETA", NewSite(name: "HQ"))
            await #expect(throws: StoreError.self) { try await store.addSite(clientCode: "ACME", NewSite(name: "HQ")) }

            let jane = try await store.addEmployee(clientCode: "ACME", NewEmployee(name: "Jane", email: "jane@acme.example", siteID: acmeHQ.id))
            #expect(jane.siteID == acmeHQ.id)
            await #expect(throws: StoreError.invalidReference(field: "siteID", message: "site \(betaHQ.id) is not a site of this client")) {
                try await store.addEmployee(clientCode: "ACME", NewEmployee(name: "Bob", siteID: betaHQ.id))
            }
            await #expect(throws: StoreError.self) { try await store.updateEmployee(id: jane.id, EmployeeUpdate(siteID: betaHQ.id)) }
            // The refused writes left nothing behind.
            #expect(try await store.listEmployees(clientCode: "ACME", ListQuery()).total == 1)
            #expect(try await store.employee(id: jane.id).siteID == acmeHQ.id)

            await #expect(throws: StoreError.self) {
                try await store.addEmployee(clientCode: "ACME", NewEmployee(name: "Jane 2", email: "jane@acme.example"))
            }
            // The same email at another client is another person.
            _ = try await store.addEmployee(clientCode: "BETA", NewEmployee(name: "Jane", email: "jane@acme.example"))

            let moved = try await store.updateEmployee(id: jane.id, EmployeeUpdate(department: "IT", siteID: 0, active: false))
            #expect(moved.department == "IT")
            #expect(moved.siteID == nil)
            #expect(!moved.active)
            #expect(try await store.listEmployees(clientCode: "ACME", ListQuery(active: true)).total == 0)
            #expect(try await store.listEmployees(clientCode: "ACME", ListQuery(search: "it")).total == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func sitesAreUpdatedAndDeactivatedNotDeleted(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            _ = try await store.createClient(NewClient(code: "ACME", name: "ACME"))
            let hq = try await store.addSite(clientCode: "ACME", NewSite(name: "HQ"))
            _ = try await store.addSite(clientCode: "ACME", NewSite(name: "Annex"))
            let jane = try await store.addEmployee(clientCode: "ACME", NewEmployee(name: "Jane", siteID: hq.id))
            let moved = try await store.updateSite(
                id: hq.id, SiteUpdate(name: "Head office", address: PostalAddress(line1: "1 rue de la Paix", postalCode: "75002", city: "Paris"), active: false)
            )
            #expect(moved.name == "Head office")
            #expect(moved.address?.city == "Paris")
            #expect(!moved.active)
            #expect(try await store.employee(id: jane.id).siteID == hq.id)
            await #expect(throws: StoreError.self) { try await store.updateSite(id: hq.id, SiteUpdate(name: "Annex")) }
            await #expect(throws: ValidationError.self) { try await store.updateSite(id: hq.id, SiteUpdate(name: " ")) }
            await #expect(throws: StoreError.notFound(entity: "site", key: "999")) { try await store.site(id: 999) }
            #expect(try await store.site(id: hq.id).name == "Head office")
        }
    }

    @Test(arguments: TestBackend.available)
    func clientOwnedRowsAreNeverHardDeletedUnderneath(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            let client = try await store.createClient(NewClient(code: "ACME", name: "ACME"))
            _ = try await store.addEmployee(clientCode: "ACME", NewEmployee(name: "Jane"))
            await #expect(throws: (any Error).self) {
                try await database.withConnection { db in try await db.raw("DELETE FROM clients WHERE id = \(bind: client.id)").run() }
            }
            #expect(try await store.client(code: "ACME").id == client.id)
        }
    }

    @Test(arguments: TestBackend.available)
    func transactionsRollBackEveryRowOnFailure(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await database.transaction { db in
                    try await db.raw(
                        "INSERT INTO clients (code, name, currency, default_vat_basis_points, active, created_at, updated_at) VALUES ('A1', 'A', 'EUR', 2000, \(bind: true), 'x', 'x')"
                    ).run()
                    try await db.raw(
                        "INSERT INTO clients (code, name, currency, default_vat_basis_points, active, created_at, updated_at) VALUES ('A2', 'A', 'EUR', 2000, \(bind: true), 'x', 'x')"
                    ).run()
                    throw Boom()
                }
            }
            let remaining = try await Store(database).listClients(ListQuery()).total
            #expect(remaining == 0)
        }
    }

    @Test(arguments: TestBackend.available)
    func tokensAuthenticateUntilRevokedOrExpired(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            let now = Date(timeIntervalSince1970: 1_780_000_000)
            let tech = try await store.createStaff(NewStaffUser(email: "tech@p.example", name: "Tech", role: .technician), now: now)
            let created = try await store.createToken(staffID: tech.id, label: "laptop", expiresInDays: 30, now: now)
            #expect(created.secret.hasPrefix("parc_"))
            #expect(created.secret.count == 48)
            #expect(created.token.prefix == String(created.secret.prefix(11)))

            // Only the hash is stored.
            let stored = try await database.withConnection { db in try await db.raw("SELECT secret_hash FROM api_tokens").all() }
            #expect(try stored.allSatisfy { try $0.decode(column: "secret_hash", as: String.self) != created.secret })

            let found = try await store.authenticate(secret: created.secret, now: now.addingTimeInterval(10))
            #expect(found?.user.id == tech.id)
            #expect(try await store.token(id: created.token.id).lastUsedAt == now.addingTimeInterval(10))
            #expect(try await store.authenticate(secret: created.secret + "x", now: now) == nil)
            #expect(try await store.authenticate(secret: "parc_" + String(repeating: "A", count: 43), now: now) == nil)
            #expect(try await store.authenticate(secret: created.secret, now: now.addingTimeInterval(31 * 86_400)) == nil)

            _ = try await store.revokeToken(id: created.token.id, now: now.addingTimeInterval(20))
            #expect(try await store.authenticate(secret: created.secret, now: now.addingTimeInterval(30)) == nil)

            // Deactivating the user stops all their tokens.
            let second = try await store.createToken(staffID: tech.id, label: "phone", expiresInDays: nil, now: now)
            #expect(try await store.authenticate(secret: second.secret, now: now) != nil)
            _ = try await store.updateStaff(id: tech.id, StaffUpdate(active: false))
            #expect(try await store.authenticate(secret: second.secret, now: now) == nil)
            #expect(try await store.listTokens(staffID: tech.id).total == 2)
        }
    }

    @Test(arguments: TestBackend.available)
    func theLastManagerCannotBeDemotedOrDeactivated(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            let boss = try await store.createStaff(NewStaffUser(email: "boss@p.example", name: "Boss", role: .manager))
            await #expect(throws: StoreError.self) { try await store.updateStaff(id: boss.id, StaffUpdate(role: .billing)) }
            await #expect(throws: StoreError.self) { try await store.updateStaff(id: boss.id, StaffUpdate(active: false)) }
            _ = try await store.createStaff(NewStaffUser(email: "boss2@p.example", name: "Boss 2", role: .manager))
            #expect(try await store.updateStaff(id: boss.id, StaffUpdate(role: .billing)).role == .billing)
            await #expect(throws: StoreError.self) {
                try await store.createStaff(NewStaffUser(email: "boss2@p.example", name: "Again", role: .technician))
            }
            #expect(try await store.listStaff(ListQuery(search: "boss2")).items.map(\.name) == ["Boss 2"])
        }
    }
}
