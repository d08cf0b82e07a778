/// Who is told of which event by e-mail: for each client, or by default (`scope` is `client:ID` or
/// `default`: unique with the event, which a nullable client column could not be).
enum M0018_MailRules {
    static let migration = Migration(version: 18, name: "mail rules") { flavor in
        [
            """
            CREATE TABLE mail_rules (
                id \(flavor.idColumn),
                scope TEXT NOT NULL,
                client_id BIGINT REFERENCES clients(id) ON DELETE RESTRICT,
                event TEXT NOT NULL,
                recipients TEXT NOT NULL,
                cadence TEXT NOT NULL,
                language TEXT NOT NULL,
                UNIQUE (scope, event))
            """
        ]
    }
}
