import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

extension Store {
    /// Who is to be told of events: the enabled webhook endpoints and the mail rules, read once
    /// per transaction that emits events.
    struct EventRecipients: Sendable {
        struct Endpoint: Sendable {
            let id: Int64
            let clientID: Int64?
            /// Nil: every event.
            let events: Set<String>?
            let url: String
        }
        struct Rule: Sendable {
            let recipients: [MailRecipient]
            let cadence: MailCadence
            let language: String
        }
        let endpoints: [Endpoint]
        /// By client id (nil: the default), then event.
        let rules: [Int64?: [String: Rule]]

        func wanting(_ type: NotificationEvent, clientID: Int64?) -> [Endpoint] {
            endpoints.filter { ($0.clientID == nil || $0.clientID == clientID) && ($0.events?.contains(type.rawValue) ?? true) }
        }

        /// The client's own rule for the event, else the default.
        func rule(_ type: NotificationEvent, clientID: Int64?) -> Rule? {
            clientID.flatMap { rules[$0]?[type.rawValue] } ?? rules[nil]?[type.rawValue]
        }
    }

    static func eventRecipients(db: any SQLDatabase) async throws -> EventRecipients {
        let rows = try await db.raw("SELECT id, client_id, events, url FROM webhook_endpoints WHERE enabled = \(bind: true) ORDER BY id").all()
        var rules: [Int64?: [String: EventRecipients.Rule]] = [:]
        for row in try await db.raw("SELECT client_id, event, recipients, cadence, language FROM mail_rules").all() {
            // Kept as checked when set; a value this version cannot read is skipped, not guessed.
            guard let recipients = try? MailRecipient.parseList(try row.decode(column: "recipients", as: String.self)),
                let cadence = MailCadence(rawValue: try row.decode(column: "cadence", as: String.self))
            else { continue }
            rules[try row.decode(column: "client_id", as: Int64?.self), default: [:]][try row.decode(column: "event", as: String.self)] =
                EventRecipients.Rule(recipients: recipients, cadence: cadence, language: try row.decode(column: "language", as: String.self))
        }
        return EventRecipients(
            endpoints: try rows.map { row in
                let events = try row.decode(column: "events", as: String.self)
                return EventRecipients.Endpoint(
                    id: try row.decode(column: "id", as: Int64.self), clientID: try row.decode(column: "client_id", as: Int64?.self),
                    events: events == "*" ? nil : Set(events.split(separator: ",").map(String.init)), url: try row.decode(column: "url", as: String.self))
            }, rules: rules)
    }

    /// One address an event's mail goes to, and the digest it joins: a client's people get a
    /// digest of that client alone; staff get one for every client they are told of.
    struct MailAddressee: Equatable {
        let address: String
        let scope: String
    }

    /// The addresses a rule names for an event of `clientID`, each once.
    static func addressees(_ rule: EventRecipients.Rule, clientID: Int64?, technicianID: Int64?, db: any SQLDatabase) async throws -> [MailAddressee] {
        var found: [MailAddressee] = []
        func add(_ address: String?, clientSide: Bool) {
            guard let address, (try? MailAddress.checked(address, field: "recipient")) != nil else { return }
            let lower = address.lowercased()
            guard !found.contains(where: { $0.address == lower }) else { return }
            if clientSide {
                guard let clientID else { return }
                found.append(MailAddressee(address: lower, scope: "client:\(clientID)"))
            } else {
                found.append(MailAddressee(address: lower, scope: "provider"))
            }
        }
        for recipient in rule.recipients {
            switch recipient {
            case .contact:
                guard let clientID else { continue }
                add(
                    try await db.raw("SELECT contact_email FROM clients WHERE id = \(bind: clientID)").first()?.decode(
                        column: "contact_email", as: String?.self), clientSide: true)
            case .clientAdmins:
                guard let clientID else { continue }
                let rows = try await db.raw(
                    """
                    SELECT email FROM portal_users WHERE client_id = \(bind: clientID) AND role = \(bind: PortalRole.clientAdmin.rawValue)
                        AND disabled_at IS NULL ORDER BY id
                    """
                ).all()
                for row in rows { add(try row.decode(column: "email", as: String.self), clientSide: true) }
            case .technician:
                guard let technicianID else { continue }
                add(
                    try await db.raw("SELECT email FROM staff_users WHERE id = \(bind: technicianID) AND active = \(bind: true)").first()?.decode(
                        column: "email", as: String.self), clientSide: false)
            case .staff(let address):
                add(address, clientSide: false)
            }
        }
        return found
    }

    /// What an event is about, beyond its type and data, for choosing who is told.
    struct EventContext: Sendable {
        /// The ticket's technician, for `technician` recipients.
        var technicianID: Int64? = nil
        /// A breached SLA is mailed at once, whatever the rule's cadence.
        var alertKind: AlertKind? = nil
    }

    /// Records that `type` happened, with a delivery for each endpoint of `recipients` that wants it
    /// (the provider's and the client's) and each address the mail rule names (at once, or as an
    /// item of the recipient's digest of the day), on `db`: call it inside the transaction of the
    /// change, so the event exists exactly when the change does. An event nobody is to be told of
    /// is not kept.
    static func emit(
        _ type: NotificationEvent, clientID: Int64?, data: @autoclosure () async throws -> some Codable & Sendable, now: Date,
        recipients: EventRecipients, context: EventContext = EventContext(), db: any SQLDatabase
    ) async throws {
        let endpoints = recipients.wanting(type, clientID: clientID)
        let rule = recipients.rule(type, clientID: clientID)
        let addressees = try await rule.asyncMap { try await Self.addressees($0, clientID: clientID, technicianID: context.technicianID, db: db) } ?? []
        guard !endpoints.isEmpty || !addressees.isEmpty else { return }
        let payload = String(decoding: try CanonicalJSON.encode(WebhookPayload(type: type, timestamp: now, data: try await data())), as: UTF8.self)
        let id = try await insertEvent(type: type.rawValue, clientID: clientID, payload: payload, now: now, db: db)
        for endpoint in endpoints {
            try await insertDelivery(eventID: id, endpointID: endpoint.id, channel: "webhook", target: endpoint.url, language: nil, now: now, db: db)
        }
        guard let rule else { return }
        let cadence = MailRules.cadence(alertKind: context.alertKind, chosen: rule.cadence)
        let day = MailRules.digestDay(unixSeconds: Int64(now.timeIntervalSince1970)).description
        for addressee in addressees {
            switch cadence {
            case .immediate:
                try await insertDelivery(eventID: id, endpointID: nil, channel: "email", target: addressee.address, language: rule.language, now: now, db: db)
            case .digest:
                try await db.raw(
                    """
                    INSERT INTO mail_digest_items (recipient, scope, day, language, event_id)
                    VALUES (\(bind: addressee.address), \(bind: addressee.scope), \(bind: day), \(bind: rule.language), \(bind: id))
                    """
                ).run()
            }
        }
    }

    /// An event row; its public id (`evt_…`) is what receivers drop duplicates by.
    static func insertEvent(type: String, clientID: Int64?, payload: String, now: Date, db: any SQLDatabase) async throws -> Int64 {
        let eventID = "evt_" + (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        return try await db.raw(
            """
            INSERT INTO outbox_events (event_id, type, client_id, payload, created_at)
            VALUES (\(bind: eventID), \(bind: type), \(bind: clientID), \(bind: payload), \(bind: Timestamp.string(now))) RETURNING id
            """
        ).first().require().decode(column: "id", as: Int64.self)
    }

    static func insertDelivery(
        eventID: Int64, endpointID: Int64?, channel: String, target: String, language: String?, now: Date, db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            INSERT INTO outbox_deliveries (event_id, endpoint_id, channel, target, language, status, attempts, next_attempt_at, claimed_until, created_at)
            VALUES (\(bind: eventID), \(bind: endpointID), \(bind: channel), \(bind: target), \(bind: language), 'pending', 0,
                \(bind: Int64(now.timeIntervalSince1970 * 1_000)), 0, \(bind: Timestamp.string(now)))
            """
        ).run()
    }
}
