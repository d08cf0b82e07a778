/// E-mail through the outbox: a delivery's language, the portal's address for links, and the
/// daily digests. An event a recipient
/// takes by digest becomes a `mail_digest_items` row for that recipient's day; once the day is
/// over one `mail_digests` row (unique per recipient, scope and day, so two servers cannot both
/// make it) gathers them and one outbox delivery sends it.
enum M0019_MailDelivery {
    static let migration = Migration(version: 19, name: "mail delivery") { flavor in
        let id = flavor.idColumn
        return [
            "ALTER TABLE outbox_deliveries ADD COLUMN language TEXT",
            // The address clients open the portal at: links in mail start with it.
            "ALTER TABLE mail_settings ADD COLUMN portal_url TEXT",
            """
            CREATE TABLE mail_digests (
                id \(id),
                recipient TEXT NOT NULL,
                scope TEXT NOT NULL,
                day TEXT NOT NULL,
                language TEXT NOT NULL,
                created_at TEXT NOT NULL,
                UNIQUE (recipient, scope, day))
            """,
            """
            CREATE TABLE mail_digest_items (
                id \(id),
                recipient TEXT NOT NULL,
                scope TEXT NOT NULL,
                day TEXT NOT NULL,
                language TEXT NOT NULL,
                event_id BIGINT NOT NULL REFERENCES outbox_events(id) ON DELETE RESTRICT,
                digest_id BIGINT REFERENCES mail_digests(id) ON DELETE RESTRICT)
            """,
            // What the digest job looks for: the items not gathered yet, by day.
            "CREATE INDEX mail_digest_items_waiting ON mail_digest_items (day, recipient, scope) WHERE digest_id IS NULL",
            "CREATE INDEX mail_digest_items_by_digest ON mail_digest_items (digest_id)",
        ]
    }
}
