import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

extension Store {
    static func mailRule(_ row: any SQLRow) throws -> MailRule {
        MailRule(
            clientCode: try row.decode(column: "client_code", as: String?.self),
            event: NotificationEvent(rawValue: try row.decode(column: "event", as: String.self)) ?? .alertRaised,
            recipients: try row.decode(column: "recipients", as: String.self).split(separator: ",").map(String.init),
            cadence: try row.decode(column: "cadence", as: String.self), language: try row.decode(column: "language", as: String.self))
    }

    /// The rules: the defaults and every client's, or (with `clientCode`) the ones that apply to
    /// that client: its own, and the defaults for events it has none for.
    public func mailRules(clientCode: String? = nil) async throws -> [MailRule] {
        try await database.withConnection { db in
            let rows = try await db.raw(
                "SELECT r.*, c.code AS client_code FROM mail_rules r LEFT JOIN clients c ON c.id = r.client_id ORDER BY c.code NULLS FIRST, r.event"
            ).all()
            let rules = try rows.map(Self.mailRule)
            guard let clientCode else { return rules }
            _ = try await Self.client(code: clientCode, db: db)
            let own = rules.filter { $0.clientCode == clientCode }
            return own + rules.filter { rule in rule.clientCode == nil && !own.contains { $0.event == rule.event } }
        }
    }

    /// Sets the rule for an event, for a client or by default; the recipients and values checked.
    public func setMailRule(_ update: MailRuleUpdate) async throws -> MailRule {
        var problems: [ValidationIssue] = []
        var recipients: [MailRecipient] = []
        do {
            recipients = try MailRecipient.parseList(update.recipients.joined(separator: ","))
        } catch {
            problems += error.issues
        }
        let cadence = MailCadence(rawValue: update.cadence ?? MailCadence.immediate.rawValue)
        if cadence == nil { problems.append(ValidationIssue(field: "cadence", reason: "must be immediate or digest")) }
        let language = update.language ?? "fr"
        if !MailRules.languages.contains(language) { problems.append(ValidationIssue(field: "language", reason: "must be fr or en")) }
        guard problems.isEmpty, let cadence else { throw ValidationError(problems) }
        let chosen = recipients
        return try await database.transaction { db in
            for case .staff(let address) in chosen {
                guard try await db.raw("SELECT id FROM staff_users WHERE LOWER(email) = \(bind: address) AND active = \(bind: true)").first() != nil else {
                    throw ValidationError(field: "recipients", reason: "no active staff member has the e-mail \(address)")
                }
            }
            let client = try await update.client.asyncMap { try await Self.client(code: $0, db: db) }
            let scope = client.map { "client:\($0.id)" } ?? "default"
            let text = chosen.map(\.text).joined(separator: ",")
            try await db.raw(
                """
                INSERT INTO mail_rules (scope, client_id, event, recipients, cadence, language)
                VALUES (\(bind: scope), \(bind: client?.id), \(bind: update.event.rawValue), \(bind: text), \(bind: cadence.rawValue), \(bind: language))
                ON CONFLICT (scope, event) DO UPDATE SET recipients = excluded.recipients, cadence = excluded.cadence, language = excluded.language
                """
            ).run()
            return MailRule(clientCode: client?.code, event: update.event, recipients: chosen.map(\.text), cadence: cadence.rawValue, language: language)
        }
    }

    /// Removes the rule for an event (a client's: the default applies again; the default: nobody
    /// is told by mail unless a client has a rule).
    public func removeMailRule(event: NotificationEvent, clientCode: String?) async throws {
        try await database.transaction { db in
            let client = try await clientCode.asyncMap { try await Self.client(code: $0, db: db) }
            let scope = client.map { "client:\($0.id)" } ?? "default"
            let removed = try await db.raw("DELETE FROM mail_rules WHERE scope = \(bind: scope) AND event = \(bind: event.rawValue) RETURNING id").all()
            guard !removed.isEmpty else {
                throw StoreError.notFound(entity: "mail rule", key: "\(event.rawValue) for \(clientCode ?? "the default")")
            }
        }
    }
}
