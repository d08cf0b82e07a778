import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// The SLA a ticket is held to: its client's active contract's terms, or the provider's default.
struct SLAPolicy: Sendable {
    let settings: SLASettings
    let terms: SLATerms
    let source: String

    func workingTime(_ hours: SLAHours) -> WorkingTime {
        let zone = TimeZone(identifier: settings.calendar.timeZone) ?? .gmt
        return SLARules.workingTime(hours, calendar: settings.calendar) { zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval($0))) }
    }
}

extension Store {
    static func slaSettings(db: any SQLDatabase) async throws -> SLASettings {
        guard let row = try await db.raw("SELECT value FROM settings WHERE key = 'sla'").first() else { return SLARules.defaultSettings }
        return try CanonicalJSON.decode(SLASettings.self, from: Data(try row.decode(column: "value", as: String.self).utf8))
    }

    public func slaSettings() async throws -> SLASettings {
        try await database.withConnection { db in try await Self.slaSettings(db: db) }
    }

    /// Replaces the calendar and default targets. Tickets keep the due times they have until their
    /// next change.
    public func updateSLASettings(_ settings: SLASettings, now: Date = Date()) async throws -> SLASettings {
        let value = String(decoding: try CanonicalJSON.encode(settings), as: UTF8.self)
        let stamp = Timestamp.string(now)
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO settings (key, value, updated_at) VALUES ('sla', \(bind: value), \(bind: stamp))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """
            ).run()
        }
        return settings
    }

    /// The client's contract active on `day` that has SLA terms (the latest started, if several).
    static func slaPolicy(clientID: Int64, day: String, db: any SQLDatabase) async throws -> SLAPolicy {
        let settings = try await slaSettings(db: db)
        let row = try await db.raw(
            """
            SELECT reference, sla FROM contracts WHERE client_id = \(bind: clientID) AND status = 'active' AND sla IS NOT NULL
                AND starts_on <= \(bind: day) AND (ends_on IS NULL OR ends_on >= \(bind: day))
            ORDER BY starts_on DESC, id DESC LIMIT 1
            """
        ).first()
        if let row {
            let terms = try CanonicalJSON.decode(SLATerms.self, from: Data(try row.decode(column: "sla", as: String.self).utf8))
            return SLAPolicy(settings: settings, terms: terms, source: "contract \(try row.decode(column: "reference", as: String.self))")
        }
        return SLAPolicy(settings: settings, terms: settings.defaultTerms, source: "default")
    }
}

extension Store {
    static let contractColumns = "k.id, c.code AS client_code, k.reference, k.title, k.starts_on, k.ends_on, k.status, k.sla, k.created_at, k.updated_at"

    static func contract(_ row: any SQLRow) throws -> Contract {
        let sla = try row.decode(column: "sla", as: String?.self).map { try CanonicalJSON.decode(SLATerms.self, from: Data($0.utf8)) }
        return Contract(
            id: try row.decode(column: "id", as: Int64.self), clientCode: try row.decode(column: "client_code", as: String.self),
            reference: try row.decode(column: "reference", as: String.self), title: try row.decode(column: "title", as: String.self),
            startsOn: try row.decode(column: "starts_on", as: String.self), endsOn: try row.decode(column: "ends_on", as: String?.self),
            status: ContractStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft, sla: sla,
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static func contract(id: Int64, db: any SQLDatabase) async throws -> Contract {
        let row = try await db.raw("SELECT \(unsafeRaw: contractColumns) FROM contracts k JOIN clients c ON c.id = k.client_id WHERE k.id = \(bind: id)").first()
        guard let row else { throw StoreError.notFound(entity: "contract", key: String(id)) }
        return try contract(row)
    }

    static func slaText(_ terms: SLATerms?) throws -> String? {
        try terms.map { String(decoding: try CanonicalJSON.encode($0), as: UTF8.self) }
    }

    public func createContract(_ new: NewContract, now: Date = Date()) async throws -> Contract {
        do {
            return try await database.transaction { db in
                let client = try await Self.client(code: new.client, db: db)
                let stamp = Timestamp.string(now)
                let row = try await db.raw(
                    """
                    INSERT INTO contracts (client_id, reference, title, starts_on, ends_on, status, sla, created_at, updated_at)
                    VALUES (\(bind: client.id), \(bind: new.reference), \(bind: new.title), \(bind: new.startsOn), \(bind: new.endsOn),
                        \(bind: (new.status ?? .draft).rawValue), \(bind: try Self.slaText(new.sla)), \(bind: stamp), \(bind: stamp))
                    RETURNING id
                    """
                ).first()
                return try await Self.contract(id: try row.require().decode(column: "id", as: Int64.self), db: db)
            }
        } catch {
            throw Self.translate(error, uniqueField: "reference", uniqueMessage: "a contract with reference \(new.reference) already exists")
        }
    }

    public func updateContract(id: Int64, _ update: ContractUpdate, now: Date = Date()) async throws -> Contract {
        try await database.transaction { db in
            let contract = try ContractRules.applying(update, to: try await Self.contract(id: id, db: db))
            try await db.raw(
                """
                UPDATE contracts SET title = \(bind: contract.title), starts_on = \(bind: contract.startsOn), ends_on = \(bind: contract.endsOn),
                    status = \(bind: contract.status.rawValue), sla = \(bind: try Self.slaText(contract.sla)), updated_at = \(bind: Timestamp.string(now))
                WHERE id = \(bind: id)
                """
            ).run()
            return try await Self.contract(id: id, db: db)
        }
    }

    public func contract(id: Int64) async throws -> Contract {
        try await database.withConnection { db in try await Self.contract(id: id, db: db) }
    }

    public func listContracts(clientCode: String?, status: ContractStatus?) async throws -> [Contract] {
        try await database.withConnection { db in
            var conditions: [SQLQueryString] = []
            if let clientCode { conditions.append("k.client_id = \(bind: try await Self.client(code: clientCode, db: db).id)") }
            if let status { conditions.append("k.status = \(bind: status.rawValue)") }
            return try await db.raw(
                "SELECT \(unsafeRaw: Self.contractColumns) FROM contracts k JOIN clients c ON c.id = k.client_id \(Self.whereClause(conditions)) ORDER BY c.code, k.starts_on, k.id"
            ).all().map(Self.contract)
        }
    }
}
