import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

extension Store {
    static let clientColumns = """
        c.id, c.code, c.name, c.siren, c.siret, c.vat_number, c.billing_line1, c.billing_line2, c.billing_postal_code,
        c.billing_city, c.billing_country, c.contact_email, c.currency, c.default_vat_basis_points, c.document_language, c.shared_tickets, c.notes, c.active,
        c.created_at, c.updated_at
        """

    static func client(_ row: any SQLRow) throws -> Client {
        var address: PostalAddress?
        if let line1 = try row.decode(column: "billing_line1", as: String?.self) {
            address = PostalAddress(
                line1: line1, line2: try row.decode(column: "billing_line2", as: String?.self),
                postalCode: try row.decode(column: "billing_postal_code", as: String?.self) ?? "",
                city: try row.decode(column: "billing_city", as: String?.self) ?? "",
                country: try row.decode(column: "billing_country", as: String?.self) ?? "FR")
        }
        var client = Client(
            id: try row.decode(column: "id", as: Int64.self),
            code: try row.decode(column: "code", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            siren: try row.decode(column: "siren", as: String?.self),
            siret: try row.decode(column: "siret", as: String?.self),
            vatNumber: try row.decode(column: "vat_number", as: String?.self),
            billingAddress: address,
            contactEmail: try row.decode(column: "contact_email", as: String?.self),
            currency: try row.decode(column: "currency", as: String.self),
            defaultVATBasisPoints: Int(try row.decode(column: "default_vat_basis_points", as: Int64.self)),
            notes: try row.decode(column: "notes", as: String?.self),
            active: try row.decode(column: "active", as: Bool.self),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"))
        client.documentLanguage = DocumentLanguage(rawValue: try row.decode(column: "document_language", as: String.self)) ?? .fr
        client.sharedTickets = try row.decode(column: "shared_tickets", as: Bool.self)
        return client
    }

    /// Creates a client from validated input (see `DirectoryRules.validated(_:)`).
    public func createClient(_ new: NewClient, now: Date = Date()) async throws -> Client {
        let stamp = Timestamp.string(now)
        let address = new.billingAddress
        do {
            return try await database.transaction { db in
                let row = try await db.raw(
                    """
                    INSERT INTO clients (code, name, siren, siret, vat_number, billing_line1, billing_line2, billing_postal_code,
                        billing_city, billing_country, contact_email, currency, default_vat_basis_points, document_language, notes, active, created_at,
                        updated_at)
                    VALUES (\(bind: new.code), \(bind: new.name), \(bind: new.siren), \(bind: new.siret), \(bind: new.vatNumber),
                        \(bind: address?.line1), \(bind: address?.line2), \(bind: address?.postalCode), \(bind: address?.city),
                        \(bind: address?.country), \(bind: new.contactEmail), \(bind: new.currency ?? "EUR"),
                        \(bind: Int64(new.defaultVATBasisPoints ?? 2000)), \(bind: (new.documentLanguage ?? .fr).rawValue), \(bind: new.notes), \(bind: true), \(bind: stamp), \(bind: stamp))
                    RETURNING id
                    """
                ).first()
                let id = try row.require().decode(column: "id", as: Int64.self)
                return try await Self.client(id: id, db: db)
            }
        } catch {
            throw Self.translate(error, uniqueField: "code", uniqueMessage: "a client with code \(new.code) already exists")
        }
    }

    static func client(id: Int64, db: any SQLDatabase) async throws -> Client {
        let row = try await db.raw("SELECT \(unsafeRaw: clientColumns) FROM clients c WHERE c.id = \(bind: id)").first()
        guard let row else { throw StoreError.notFound(entity: "client", key: String(id)) }
        return try client(row)
    }

    static func client(code: String, db: any SQLDatabase) async throws -> Client {
        let normalized = DirectoryRules.normalizedClientCode(code)
        let row = try await db.raw("SELECT \(unsafeRaw: clientColumns) FROM clients c WHERE c.code = \(bind: normalized)").first()
        guard let row else {
            // A typo gets the nearest code: staff type codes from memory.
            let codes = try await db.raw("SELECT code FROM clients ORDER BY code LIMIT 100000").all().map { try $0.decode(column: "code", as: String.self) }
            throw StoreError.notFound(
                entity: "client", key: normalized + (NearestName.nearest(to: normalized, among: codes).map { " (did you mean \($0)?)" } ?? ""))
        }
        return try client(row)
    }

    public func client(code: String) async throws -> Client {
        try await database.withConnection { db in try await Self.client(code: code, db: db) }
    }

    public func listClients(_ query: ListQuery) async throws -> Page<Client> {
        try await database.withConnection { db in
            var conditions: [SQLQueryString] = []
            if let search = query.search, !search.isEmpty {
                let pattern = Self.likePattern(search)
                conditions.append("(LOWER(c.code) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(c.name) LIKE \(bind: pattern) ESCAPE '\\')")
            }
            if let active = query.active { conditions.append("c.active = \(bind: active)") }
            let whereClause = Self.whereClause(conditions)
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM clients c \(whereClause)")
            let rows = try await db.raw(
                "SELECT \(unsafeRaw: Self.clientColumns) FROM clients c \(whereClause) ORDER BY c.code LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)"
            ).all()
            return Page(items: try rows.map(Self.client), total: total, limit: query.limit, offset: query.offset)
        }
    }

    /// Applies a partial update, validated against the whole resulting client, in one transaction.
    public func updateClient(code: String, _ update: ClientUpdate, now: Date = Date()) async throws -> Client {
        try await database.transaction { db in
            let current = try await Self.client(code: code, db: db)
            let client = try DirectoryRules.applying(update, to: current)
            let address = client.billingAddress
            try await db.raw(
                """
                UPDATE clients SET name = \(bind: client.name), siren = \(bind: client.siren), siret = \(bind: client.siret),
                    vat_number = \(bind: client.vatNumber), billing_line1 = \(bind: address?.line1),
                    billing_line2 = \(bind: address?.line2), billing_postal_code = \(bind: address?.postalCode),
                    billing_city = \(bind: address?.city), billing_country = \(bind: address?.country),
                    contact_email = \(bind: client.contactEmail), currency = \(bind: client.currency),
                    default_vat_basis_points = \(bind: Int64(client.defaultVATBasisPoints)), document_language = \(bind: client.documentLanguage.rawValue),
                    shared_tickets = \(bind: client.sharedTickets), notes = \(bind: client.notes),
                    active = \(bind: client.active), updated_at = \(bind: Timestamp.string(now))
                WHERE id = \(bind: client.id)
                """
            ).run()
            return try await Self.client(id: client.id, db: db)
        }
    }

    // MARK: - Sites

    static let siteColumns =
        "st.id, c.code AS client_code, st.name, st.line1, st.line2, st.postal_code, st.city, st.country, st.notes, st.active, st.created_at"

    static func site(_ row: any SQLRow) throws -> Site {
        var address: PostalAddress?
        if let line1 = try row.decode(column: "line1", as: String?.self) {
            address = PostalAddress(
                line1: line1, line2: try row.decode(column: "line2", as: String?.self),
                postalCode: try row.decode(column: "postal_code", as: String?.self) ?? "",
                city: try row.decode(column: "city", as: String?.self) ?? "",
                country: try row.decode(column: "country", as: String?.self) ?? "FR")
        }
        return Site(
            id: try row.decode(column: "id", as: Int64.self),
            clientCode: try row.decode(column: "client_code", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            address: address,
            notes: try row.decode(column: "notes", as: String?.self),
            active: try row.decode(column: "active", as: Bool.self),
            createdAt: try row.date("created_at"))
    }

    public func addSite(clientCode: String, _ new: NewSite, now: Date = Date()) async throws -> Site {
        do {
            return try await database.transaction { db in
                let client = try await Self.client(code: clientCode, db: db)
                let address = new.address
                let row = try await db.raw(
                    """
                    INSERT INTO sites (client_id, name, line1, line2, postal_code, city, country, notes, active, created_at)
                    VALUES (\(bind: client.id), \(bind: new.name), \(bind: address?.line1), \(bind: address?.line2),
                        \(bind: address?.postalCode), \(bind: address?.city), \(bind: address?.country), \(bind: new.notes),
                        \(bind: true), \(bind: Timestamp.string(now)))
                    RETURNING id
                    """
                ).first()
                let id = try row.require().decode(column: "id", as: Int64.self)
                let site = try await db.raw(
                    "SELECT \(unsafeRaw: Self.siteColumns) FROM sites st JOIN clients c ON c.id = st.client_id WHERE st.id = \(bind: id)"
                ).first()
                return try Self.site(site.require())
            }
        } catch {
            throw Self.translate(error, uniqueField: "name", uniqueMessage: "client \(clientCode) already has a site named \(new.name)")
        }
    }

    static func site(id: Int64, db: any SQLDatabase) async throws -> Site {
        let row = try await db.raw(
            "SELECT \(unsafeRaw: siteColumns) FROM sites st JOIN clients c ON c.id = st.client_id WHERE st.id = \(bind: id)"
        ).first()
        guard let row else { throw StoreError.notFound(entity: "site", key: String(id)) }
        return try site(row)
    }

    public func site(id: Int64) async throws -> Site {
        try await database.withConnection { db in try await Self.site(id: id, db: db) }
    }

    /// Changes a site, validated as a whole; a deactivated site stays referenced by its employees.
    public func updateSite(id: Int64, _ update: SiteUpdate) async throws -> Site {
        do {
            return try await database.transaction { db in
                let site = try DirectoryRules.applying(update, to: try await Self.site(id: id, db: db))
                let address = site.address
                try await db.raw(
                    """
                    UPDATE sites SET name = \(bind: site.name), line1 = \(bind: address?.line1), line2 = \(bind: address?.line2),
                        postal_code = \(bind: address?.postalCode), city = \(bind: address?.city), country = \(bind: address?.country),
                        notes = \(bind: site.notes), active = \(bind: site.active)
                    WHERE id = \(bind: id)
                    """
                ).run()
                return try await Self.site(id: id, db: db)
            }
        } catch {
            throw Self.translate(error, uniqueField: "name", uniqueMessage: "the client already has a site with that name")
        }
    }

    public func listSites(clientCode: String, _ query: ListQuery = ListQuery()) async throws -> Page<Site> {
        try await database.withConnection { db in
            let client = try await Self.client(code: clientCode, db: db)
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM sites WHERE client_id = \(bind: client.id)")
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.siteColumns) FROM sites st JOIN clients c ON c.id = st.client_id WHERE st.client_id = \(bind: client.id)
                ORDER BY st.name, st.id LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
                """
            ).all()
            return Page(items: try rows.map(Self.site), total: total, limit: query.limit, offset: query.offset)
        }
    }

    // MARK: - Employees

    static let employeeColumns = "e.id, c.code AS client_code, e.name, e.email, e.department, e.site_id, e.active, e.created_at, e.updated_at"

    static func employee(_ row: any SQLRow) throws -> Employee {
        Employee(
            id: try row.decode(column: "id", as: Int64.self),
            clientCode: try row.decode(column: "client_code", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            email: try row.decode(column: "email", as: String?.self),
            department: try row.decode(column: "department", as: String?.self),
            siteID: try row.decode(column: "site_id", as: Int64?.self),
            active: try row.decode(column: "active", as: Bool.self),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"))
    }

    static func employee(id: Int64, db: any SQLDatabase) async throws -> Employee {
        let row = try await db.raw(
            "SELECT \(unsafeRaw: employeeColumns) FROM employees e JOIN clients c ON c.id = e.client_id WHERE e.id = \(bind: id)"
        ).first()
        guard let row else { throw StoreError.notFound(entity: "employee", key: String(id)) }
        return try employee(row)
    }

    /// A site may only be given to an employee of the same client.
    static func checkSite(_ siteID: Int64?, clientID: Int64, db: any SQLDatabase) async throws {
        guard let siteID else { return }
        let row = try await db.raw("SELECT id FROM sites WHERE id = \(bind: siteID) AND client_id = \(bind: clientID)").first()
        if row == nil { throw StoreError.invalidReference(field: "siteID", message: "site \(siteID) is not a site of this client") }
    }

    public func addEmployee(clientCode: String, _ new: NewEmployee, now: Date = Date()) async throws -> Employee {
        let stamp = Timestamp.string(now)
        do {
            return try await database.transaction { db in
                let client = try await Self.client(code: clientCode, db: db)
                try await Self.checkSite(new.siteID, clientID: client.id, db: db)
                return try await Self.employee(id: try await Self.insertEmployee(new, clientID: client.id, stamp: stamp, db: db), db: db)
            }
        } catch {
            throw Self.translate(error, uniqueField: "email", uniqueMessage: "client \(clientCode) already has an employee with email \(new.email ?? "")")
        }
    }

    static func insertEmployee(_ new: NewEmployee, clientID: Int64, stamp: String, db: any SQLDatabase) async throws -> Int64 {
        let row = try await db.raw(
            """
            INSERT INTO employees (client_id, site_id, name, email, department, active, created_at, updated_at)
            VALUES (\(bind: clientID), \(bind: new.siteID), \(bind: new.name), \(bind: new.email), \(bind: new.department),
                \(bind: true), \(bind: stamp), \(bind: stamp))
            RETURNING id
            """
        ).first()
        let id = try row.require().decode(column: "id", as: Int64.self)
        try await recordEmployeeState(id: id, at: stamp, db: db)
        return id
    }

    public func employee(id: Int64) async throws -> Employee {
        try await database.withConnection { db in try await Self.employee(id: id, db: db) }
    }

    public func listEmployees(clientCode: String, _ query: ListQuery) async throws -> Page<Employee> {
        try await database.withConnection { db in
            let client = try await Self.client(code: clientCode, db: db)
            var conditions: [SQLQueryString] = ["e.client_id = \(bind: client.id)"]
            if let search = query.search, !search.isEmpty {
                let pattern = Self.likePattern(search)
                conditions.append(
                    "(LOWER(e.name) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(COALESCE(e.email, '')) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(COALESCE(e.department, '')) LIKE \(bind: pattern) ESCAPE '\\')"
                )
            }
            if let active = query.active { conditions.append("e.active = \(bind: active)") }
            let whereClause = Self.whereClause(conditions)
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM employees e \(whereClause)")
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.employeeColumns) FROM employees e JOIN clients c ON c.id = e.client_id \(whereClause)
                ORDER BY e.name, e.id LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
                """
            ).all()
            return Page(items: try rows.map(Self.employee), total: total, limit: query.limit, offset: query.offset)
        }
    }

    public func updateEmployee(id: Int64, _ update: EmployeeUpdate, now: Date = Date()) async throws -> Employee {
        do {
            return try await database.transaction { db in
                let current = try await Self.employee(id: id, db: db)
                let employee = try DirectoryRules.applying(update, to: current)
                let client = try await Self.client(code: employee.clientCode, db: db)
                try await Self.checkSite(employee.siteID, clientID: client.id, db: db)
                try await db.raw(
                    """
                    UPDATE employees SET name = \(bind: employee.name), email = \(bind: employee.email),
                        department = \(bind: employee.department), site_id = \(bind: employee.siteID), active = \(bind: employee.active),
                        updated_at = \(bind: Timestamp.string(now))
                    WHERE id = \(bind: id)
                    """
                ).run()
                try await Self.recordEmployeeState(id: id, at: Timestamp.string(now), db: db)
                return try await Self.employee(id: id, db: db)
            }
        } catch {
            throw Self.translate(error, uniqueField: "email", uniqueMessage: "another employee of this client has that email")
        }
    }
}
