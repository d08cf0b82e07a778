/// Staff, API tokens, clients, their sites and employees.
///
/// Client-owned rows reference their client with ON DELETE RESTRICT: nothing that other records
/// point at is ever hard-deleted; it is deactivated instead.
enum M0001_Directory {
    static let migration = Migration(version: 1, name: "directory") { flavor in
        let id = flavor.idColumn
        return [
            """
            CREATE TABLE staff_users (
                id \(id),
                email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('manager', 'technician', 'billing')),
                active BOOLEAN NOT NULL DEFAULT TRUE,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE api_tokens (
                id \(id),
                staff_id BIGINT NOT NULL REFERENCES staff_users(id) ON DELETE RESTRICT,
                label TEXT NOT NULL,
                secret_hash TEXT NOT NULL UNIQUE,
                prefix TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT,
                last_used_at TEXT,
                revoked_at TEXT)
            """,
            "CREATE INDEX api_tokens_staff ON api_tokens (staff_id)",
            """
            CREATE TABLE clients (
                id \(id),
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                siren TEXT,
                siret TEXT,
                vat_number TEXT,
                billing_line1 TEXT,
                billing_line2 TEXT,
                billing_postal_code TEXT,
                billing_city TEXT,
                billing_country TEXT,
                contact_email TEXT,
                currency TEXT NOT NULL,
                default_vat_basis_points BIGINT NOT NULL CHECK (default_vat_basis_points BETWEEN 0 AND 10000),
                notes TEXT,
                active BOOLEAN NOT NULL DEFAULT TRUE,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE sites (
                id \(id),
                client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
                name TEXT NOT NULL,
                line1 TEXT,
                line2 TEXT,
                postal_code TEXT,
                city TEXT,
                country TEXT,
                notes TEXT,
                active BOOLEAN NOT NULL DEFAULT TRUE,
                created_at TEXT NOT NULL,
                UNIQUE (client_id, name))
            """,
            """
            CREATE TABLE employees (
                id \(id),
                client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
                site_id BIGINT REFERENCES sites(id) ON DELETE RESTRICT,
                name TEXT NOT NULL,
                email TEXT,
                department TEXT,
                active BOOLEAN NOT NULL DEFAULT TRUE,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (client_id, email))
            """,
            "CREATE INDEX employees_client ON employees (client_id, name)",
        ]
    }
}
