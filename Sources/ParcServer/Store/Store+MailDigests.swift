import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

extension Store {
    /// Gathers the digest items of every day before `today` into one digest per recipient, scope
    /// and day, each sent by one outbox delivery. Several servers may run it at once: the digest
    /// row is unique, and an item that arrives after its day's digest was made joins today's.
    /// Returns how many digests were made.
    public func gatherDigests(today: CalendarDay, now: Date = Date()) async throws -> Int {
        let waiting = try await database.withConnection { db in
            try await db.raw(
                """
                SELECT DISTINCT recipient, scope, day, language FROM mail_digest_items WHERE digest_id IS NULL AND day < \(bind: today.description)
                ORDER BY day, recipient, scope LIMIT 1000
                """
            ).all().map { row in
                (
                    recipient: try row.decode(column: "recipient", as: String.self), scope: try row.decode(column: "scope", as: String.self),
                    day: try row.decode(column: "day", as: String.self), language: try row.decode(column: "language", as: String.self)
                )
            }
        }
        var made = 0
        for group in waiting {
            let same: SQLQueryString =
                "recipient = \(bind: group.recipient) AND scope = \(bind: group.scope) AND day = \(bind: group.day) AND digest_id IS NULL"
            made += try await database.transaction { db in
                guard
                    let id = try await db.raw(
                        """
                        INSERT INTO mail_digests (recipient, scope, day, language, created_at)
                        VALUES (\(bind: group.recipient), \(bind: group.scope), \(bind: group.day), \(bind: group.language), \(bind: Timestamp.string(now)))
                        ON CONFLICT (recipient, scope, day) DO NOTHING RETURNING id
                        """
                    ).first()?.decode(column: "id", as: Int64.self)
                else {
                    // Made already (by another server, or before these items were written): late items go in today's.
                    try await db.raw("UPDATE mail_digest_items SET day = \(bind: today.description) WHERE \(same)").run()
                    return 0
                }
                let items = try await db.raw("UPDATE mail_digest_items SET digest_id = \(bind: id) WHERE \(same) RETURNING id").all().count
                let clientID = group.scope.hasPrefix("client:") ? Int64(group.scope.dropFirst(7)) : nil
                let payload = String(
                    decoding: try CanonicalJSON.encode(MailComposer.DigestPayload(digest: id, day: group.day, items: items)), as: UTF8.self)
                let event = try await Self.insertEvent(type: MailComposer.digestType, clientID: clientID, payload: payload, now: now, db: db)
                try await Self.insertDelivery(
                    eventID: event, endpointID: nil, channel: "email", target: group.recipient, language: group.language, now: now, db: db)
                return 1
            }
        }
        return made
    }

    /// The events a digest gathered, by client then time.
    func digestEvents(digestID: Int64) async throws -> [(type: String, payload: String)] {
        try await database.withConnection { db in
            try await db.raw(
                """
                SELECT e.type, e.payload FROM mail_digest_items i JOIN outbox_events e ON e.id = i.event_id LEFT JOIN clients c ON c.id = e.client_id
                WHERE i.digest_id = \(bind: digestID) ORDER BY c.code, e.id
                """
            ).all().map { (type: try $0.decode(column: "type", as: String.self), payload: try $0.decode(column: "payload", as: String.self)) }
        }
    }
}
