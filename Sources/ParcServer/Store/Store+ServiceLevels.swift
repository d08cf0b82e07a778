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
            SELECT k.reference, k.sla FROM contracts k WHERE k.client_id = \(bind: clientID) AND k.sla IS NOT NULL
                AND \(unsafeRaw: inForceSQL("'" + (CalendarDay(day)?.description ?? "") + "'"))
            ORDER BY k.starts_on DESC, k.id DESC LIMIT 1
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
    /// The provider's identity; a placeholder name until a manager sets it.
    public func providerIdentity() async throws -> ProviderIdentity {
        try await database.withConnection { db in try await Self.providerIdentity(db: db) }
    }

    static func providerIdentity(db: any SQLDatabase) async throws -> ProviderIdentity {
        guard let row = try await db.raw("SELECT value FROM settings WHERE key = 'provider'").first() else {
            return ProviderIdentity(name: "IT provider (set with parcctl provider set)")
        }
        return try CanonicalJSON.decode(ProviderIdentity.self, from: Data(try row.decode(column: "value", as: String.self).utf8))
    }

    public func updateProviderIdentity(_ identity: ProviderIdentity, now: Date = Date()) async throws -> ProviderIdentity {
        let value = String(decoding: try CanonicalJSON.encode(identity), as: UTF8.self)
        try await database.transaction { db in
            if let stock = identity.stockClient {
                do { _ = try await Self.client(code: stock, db: db) } catch StoreError.notFound {
                    throw StoreError.invalidReference(
                        field: "stockClient", message: "no client has code \(stock): create it first (parcctl client create \(stock))")
                }
            }
            try await db.raw(
                """
                INSERT INTO settings (key, value, updated_at) VALUES ('provider', \(bind: value), \(bind: Timestamp.string(now)))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """
            ).run()
        }
        return identity
    }
}
