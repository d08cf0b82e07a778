import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

extension Store {
    static let licenceColumns = """
        l.id, c.code AS client_code, l.product, l.package_patterns, l.seats, l.licence_key, l.starts_on, l.expires_on, l.cost_cents_per_seat,
        l.resale_cents_per_seat, l.supplier, l.notes, l.created_at, l.updated_at
        """

    /// Patterns are kept one per line: a package name never holds a newline.
    static func licence(_ row: any SQLRow) throws -> Licence {
        var licence = Licence(
            id: try row.decode(column: "id", as: Int64.self), clientCode: try row.decode(column: "client_code", as: String.self),
            product: try row.decode(column: "product", as: String.self),
            packagePatterns: try row.decode(column: "package_patterns", as: String.self).split(separator: "\n").map(String.init),
            seats: Int(try row.decode(column: "seats", as: Int64.self)), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
        licence.licenceKey = try row.decode(column: "licence_key", as: String?.self)
        licence.startsOn = try row.decode(column: "starts_on", as: String?.self)
        licence.expiresOn = try row.decode(column: "expires_on", as: String?.self)
        licence.costCentsPerSeat = try row.decode(column: "cost_cents_per_seat", as: Int64?.self)
        licence.resaleCentsPerSeat = try row.decode(column: "resale_cents_per_seat", as: Int64?.self)
        licence.supplier = try row.decode(column: "supplier", as: String?.self)
        licence.notes = try row.decode(column: "notes", as: String?.self)
        return licence
    }

    static func licence(id: Int64, db: any SQLDatabase) async throws -> Licence {
        let row = try await db.raw("SELECT \(unsafeRaw: licenceColumns) FROM licences l JOIN clients c ON c.id = l.client_id WHERE l.id = \(bind: id)").first()
        guard let row else { throw StoreError.notFound(entity: "licence", key: String(id)) }
        var licence = try licence(row)
        licence.namedSeats = try await seats(licenceID: id, db: db)
        return licence
    }

    static func seats(licenceID: Int64, db: any SQLDatabase) async throws -> [LicenceSeat] {
        try await db.raw(
            """
            SELECT s.id, s.asset_id, a.name AS asset_name, s.employee_id, e.name AS employee_name, s.assigned_at FROM licence_seats s
            LEFT JOIN assets a ON a.id = s.asset_id LEFT JOIN employees e ON e.id = s.employee_id WHERE s.licence_id = \(bind: licenceID) ORDER BY s.id
            """
        ).all().map { row in
            LicenceSeat(
                id: try row.decode(column: "id", as: Int64.self), assetID: try row.decode(column: "asset_id", as: Int64?.self),
                assetName: try row.decode(column: "asset_name", as: String?.self), employeeID: try row.decode(column: "employee_id", as: Int64?.self),
                employeeName: try row.decode(column: "employee_name", as: String?.self), assignedAt: try row.date("assigned_at"))
        }
    }

    /// Names a seat for an asset or an employee of the licence's client, within the seats bought.
    public func nameSeat(licenceID: Int64, _ seat: NewLicenceSeat, now: Date = Date()) async throws -> Licence {
        guard (seat.assetID == nil) != (seat.employeeID == nil) else {
            throw StoreError.invalidReference(field: "assetID", message: "give either assetID or employeeID")
        }
        do {
            return try await database.transaction { db in
                let licence = try await Self.licence(id: licenceID, db: db)
                guard licence.namedSeats.count < licence.seats else {
                    throw StoreError.conflict(field: "seats", message: "all \(licence.seats) seat(s) of this licence are already named")
                }
                if let assetID = seat.assetID {
                    let asset = try await Self.asset(id: assetID, db: db)
                    guard asset.clientCode == licence.clientCode else {
                        throw StoreError.invalidReference(
                            field: "assetID", message: "asset \(assetID) belongs to \(asset.clientCode), not to \(licence.clientCode)")
                    }
                }
                if let employeeID = seat.employeeID {
                    let employee = try await Self.employee(id: employeeID, db: db)
                    guard employee.clientCode == licence.clientCode else {
                        throw StoreError.invalidReference(
                            field: "employeeID", message: "employee \(employeeID) works for \(employee.clientCode), not for \(licence.clientCode)")
                    }
                }
                try await db.raw(
                    """
                    INSERT INTO licence_seats (licence_id, asset_id, employee_id, assigned_at)
                    VALUES (\(bind: licenceID), \(bind: seat.assetID), \(bind: seat.employeeID), \(bind: Timestamp.string(now)))
                    """
                ).run()
                return try await Self.licence(id: licenceID, db: db)
            }
        } catch {
            throw Self.translate(error, uniqueField: seat.assetID != nil ? "assetID" : "employeeID", uniqueMessage: "that seat is already named")
        }
    }

    public func releaseSeat(licenceID: Int64, seatID: Int64) async throws -> Licence {
        try await database.transaction { db in
            _ = try await Self.licence(id: licenceID, db: db)
            guard try await db.raw("SELECT id FROM licence_seats WHERE id = \(bind: seatID) AND licence_id = \(bind: licenceID)").first() != nil else {
                throw StoreError.notFound(entity: "seat", key: String(seatID))
            }
            try await db.raw("DELETE FROM licence_seats WHERE id = \(bind: seatID)").run()
            return try await Self.licence(id: licenceID, db: db)
        }
    }

    public func createLicence(_ new: NewLicence, now: Date = Date()) async throws -> Licence {
        try await database.transaction { db in
            let client = try await Self.client(code: new.client, db: db)
            let stamp = Timestamp.string(now)
            let row = try await db.raw(
                """
                INSERT INTO licences (client_id, product, package_patterns, seats, licence_key, starts_on, expires_on, cost_cents_per_seat,
                    resale_cents_per_seat, supplier, notes, created_at, updated_at)
                VALUES (\(bind: client.id), \(bind: new.product), \(bind: new.packagePatterns.joined(separator: "\n")), \(bind: Int64(new.seats)),
                    \(bind: new.licenceKey), \(bind: new.startsOn), \(bind: new.expiresOn), \(bind: new.costCentsPerSeat), \(bind: new.resaleCentsPerSeat),
                    \(bind: new.supplier), \(bind: new.notes), \(bind: stamp), \(bind: stamp))
                RETURNING id
                """
            ).first()
            let id = try row.require().decode(column: "id", as: Int64.self)
            try await Self.recordSeatCount(licenceID: id, at: stamp, db: db)
            return try await Self.licence(id: id, db: db)
        }
    }

    public func updateLicence(id: Int64, _ update: LicenceUpdate, now: Date = Date()) async throws -> Licence {
        try await database.transaction { db in
            let licence = try LicenceRules.applying(update, to: try await Self.licence(id: id, db: db))
            guard licence.seats >= licence.namedSeats.count else {
                throw StoreError.conflict(
                    field: "seats", message: "\(licence.namedSeats.count) seats are named; release some before lowering seats to \(licence.seats)")
            }
            try await db.raw(
                """
                UPDATE licences SET product = \(bind: licence.product), package_patterns = \(bind: licence.packagePatterns.joined(separator: "\n")),
                    seats = \(bind: Int64(licence.seats)), licence_key = \(bind: licence.licenceKey), starts_on = \(bind: licence.startsOn),
                    expires_on = \(bind: licence.expiresOn), cost_cents_per_seat = \(bind: licence.costCentsPerSeat),
                    resale_cents_per_seat = \(bind: licence.resaleCentsPerSeat), supplier = \(bind: licence.supplier), notes = \(bind: licence.notes),
                    updated_at = \(bind: Timestamp.string(now))
                WHERE id = \(bind: id)
                """
            ).run()
            try await Self.recordSeatCount(licenceID: id, at: Timestamp.string(now), db: db)
            return try await Self.licence(id: id, db: db)
        }
    }

    public func listLicences(clientCode: String?, _ query: ListQuery = ListQuery()) async throws -> Page<Licence> {
        try await database.withConnection { db in
            var conditions: [SQLQueryString] = []
            if let clientCode { conditions.append("l.client_id = \(bind: try await Self.client(code: clientCode, db: db).id)") }
            let tables: SQLQueryString = "licences l JOIN clients c ON c.id = l.client_id \(Self.whereClause(conditions))"
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM \(tables)")
            let rows = try await db.raw(
                "SELECT \(unsafeRaw: Self.licenceColumns) FROM \(tables) ORDER BY c.code, l.product, l.id LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)"
            ).all()
            var licences = try rows.map(Self.licence)
            for index in licences.indices { licences[index].namedSeats = try await Self.seats(licenceID: licences[index].id, db: db) }
            return Page(items: licences, total: total, limit: query.limit, offset: query.offset)
        }
    }

    public func licence(id: Int64) async throws -> Licence {
        try await database.withConnection { db in try await Self.licence(id: id, db: db) }
    }

    /// Installs found against seats: the client's assets in service with a package the patterns
    /// recognise, from the software agents last reported (so never stale).
    public func licenceCompliance(id: Int64) async throws -> LicenceCompliance {
        try await database.withConnection { db in try await Self.licenceCompliance(id: id, db: db) }
    }

    static func licenceCompliance(id: Int64, db: any SQLDatabase) async throws -> LicenceCompliance {
        let licence = try await Self.licence(id: id, db: db)
        let installs = try await Self.installs(of: licence, db: db)
        let machines = Set(installs.map(\.assetID)).count
        return LicenceCompliance(
            licence: licence, installs: machines, state: LicenceRules.state(installs: machines, seats: licence.seats), installedOn: installs)
    }

    /// The installs `licence`'s patterns recognise on its client's assets in service.
    static func installs(of licence: Licence, db: any SQLDatabase) async throws -> [SoftwareInstall] {
        var patterns = SQLQueryString("")
        for (index, pattern) in licence.packagePatterns.enumerated() {
            if index > 0 { patterns = patterns + " OR " }
            patterns = patterns + "LOWER(s.name) LIKE \(bind: Self.likeGlob(pattern)) ESCAPE '\\'"
        }
        let rows = try await db.raw(
            """
            SELECT a.id, a.name AS asset_name, c.code, s.name, s.version, s.architecture FROM asset_software s
            JOIN assets a ON a.id = s.asset_id JOIN clients c ON c.id = a.client_id
            WHERE c.code = \(bind: licence.clientCode) AND a.merged_into_asset_id IS NULL AND a.status <> \(bind: AssetStatus.retired.rawValue)
                AND (\(patterns))
            ORDER BY a.name, a.id, s.name
            """
        ).all()
        // LIKE narrows in the database; the glob decides (LIKE's case rules differ between SQLite and PostgreSQL).
        let installs = try rows.compactMap { row -> SoftwareInstall? in
            let name = try row.decode(column: "name", as: String.self)
            guard licence.packagePatterns.contains(where: { LicenceRules.matches($0, name) }) else { return nil }
            let architecture = try row.decode(column: "architecture", as: String.self)
            return SoftwareInstall(
                assetID: try row.decode(column: "id", as: Int64.self), assetName: try row.decode(column: "asset_name", as: String.self),
                clientCode: try row.decode(column: "code", as: String.self), name: name, version: try row.decode(column: "version", as: String.self),
                architecture: architecture.isEmpty ? nil : architecture)
        }
        return installs
    }

    /// A package-name glob as a LIKE pattern: `*` → `%`, `?` → `_`, LIKE's own wildcards escaped.
    static func likeGlob(_ glob: String) -> String {
        var pattern = ""
        for character in glob.lowercased() {
            switch character {
            case "*": pattern.append("%")
            case "?": pattern.append("_")
            case "%", "_", "\\":
                pattern.append("\\")
                pattern.append(character)
            default: pattern.append(character)
            }
        }
        return pattern
    }
}
