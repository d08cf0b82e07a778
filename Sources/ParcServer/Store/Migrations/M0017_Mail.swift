/// The relay the provider sends mail through: one row.
enum M0017_Mail {
    static let migration = Migration(version: 17, name: "mail") { _ in
        [
            """
            CREATE TABLE mail_settings (
                id BIGINT PRIMARY KEY CHECK (id = 1),
                host TEXT NOT NULL,
                port BIGINT NOT NULL,
                security TEXT NOT NULL,
                username TEXT,
                password TEXT,
                from_address TEXT NOT NULL,
                from_name TEXT,
                ca_file TEXT,
                updated_at TEXT NOT NULL)
            """
        ]
    }
}
