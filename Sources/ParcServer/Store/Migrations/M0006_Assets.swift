/// The asset registry: assets of each client, the identifiers reports are matched by, the
/// components and software agents report, one history per asset, and software licences.
enum M0006_Assets {
    static let migration = Migration(version: 6, name: "assets") { flavor in
        let id = flavor.idColumn
        return [
            """
            CREATE TABLE assets (
                id \(id),
                client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
                kind TEXT NOT NULL,
                name TEXT NOT NULL,
                manufacturer TEXT,
                model TEXT,
                serial TEXT,
                asset_tag TEXT,
                status TEXT NOT NULL,
                source TEXT NOT NULL,
                agent_id TEXT UNIQUE REFERENCES agents(id) ON DELETE RESTRICT,
                hostname TEXT,
                operating_system TEXT,
                ip_addresses TEXT,
                attached_to_asset_id BIGINT REFERENCES assets(id) ON DELETE RESTRICT,
                review_reason TEXT,
                site_id BIGINT REFERENCES sites(id) ON DELETE RESTRICT,
                employee_id BIGINT REFERENCES employees(id) ON DELETE RESTRICT,
                purchase_date TEXT,
                supplier TEXT,
                purchase_price_cents BIGINT CHECK (purchase_price_cents >= 0),
                order_reference TEXT,
                warranty_end TEXT,
                notes TEXT,
                merged_into_asset_id BIGINT REFERENCES assets(id) ON DELETE RESTRICT,
                first_seen_at TEXT,
                last_seen_at TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL)
            """,
            "CREATE INDEX assets_client ON assets (client_id, kind)",
            """
            CREATE TABLE asset_identifiers (
                asset_id BIGINT NOT NULL REFERENCES assets(id) ON DELETE RESTRICT,
                kind TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (asset_id, kind, value))
            """,
            "CREATE INDEX asset_identifiers_value ON asset_identifiers (kind, value)",
            """
            CREATE TABLE asset_components (
                asset_id BIGINT NOT NULL REFERENCES assets(id) ON DELETE RESTRICT,
                kind TEXT NOT NULL,
                slot TEXT NOT NULL,
                manufacturer TEXT,
                model TEXT,
                serial TEXT,
                size_bytes BIGINT,
                summary TEXT NOT NULL,
                PRIMARY KEY (asset_id, kind, slot))
            """,
            "CREATE INDEX asset_components_serial ON asset_components (serial)",
            """
            CREATE TABLE asset_software (
                asset_id BIGINT NOT NULL REFERENCES assets(id) ON DELETE RESTRICT,
                manager TEXT NOT NULL,
                name TEXT NOT NULL,
                architecture TEXT NOT NULL,
                version TEXT NOT NULL,
                PRIMARY KEY (asset_id, manager, name, architecture))
            """,
            "CREATE INDEX asset_software_name ON asset_software (name)",
            """
            CREATE TABLE asset_events (
                id \(id),
                asset_id BIGINT NOT NULL REFERENCES assets(id) ON DELETE RESTRICT,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                actor_name TEXT,
                kind TEXT NOT NULL,
                summary TEXT NOT NULL)
            """,
            "CREATE INDEX asset_events_asset ON asset_events (asset_id, id)",
            """
            CREATE TABLE licences (
                id \(id),
                client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
                product TEXT NOT NULL,
                package_patterns TEXT NOT NULL,
                seats BIGINT NOT NULL CHECK (seats >= 0),
                licence_key TEXT,
                starts_on TEXT,
                expires_on TEXT,
                cost_cents_per_seat BIGINT CHECK (cost_cents_per_seat >= 0),
                resale_cents_per_seat BIGINT CHECK (resale_cents_per_seat >= 0),
                supplier TEXT,
                notes TEXT,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL)
            """,
            "CREATE INDEX licences_client ON licences (client_id)",
            """
            CREATE TABLE licence_seats (
                id \(id),
                licence_id BIGINT NOT NULL REFERENCES licences(id) ON DELETE RESTRICT,
                asset_id BIGINT REFERENCES assets(id) ON DELETE RESTRICT,
                employee_id BIGINT REFERENCES employees(id) ON DELETE RESTRICT,
                assigned_at TEXT NOT NULL,
                CHECK ((asset_id IS NULL) <> (employee_id IS NULL)),
                UNIQUE (licence_id, asset_id),
                UNIQUE (licence_id, employee_id))
            """,
        ]
    }
}
