/// What billing needs to bill the past as it was: each asset's owner, kind and service state over
/// time, each employee's activity, each licence's seat count, the contract a ticket's time is
/// billed through, and what invoice lines print (unit, base quantity) and credit notes keep (reason).
///
/// Histories start from today's state, dated when the row was created (or first seen): what
/// happened before this migration is not known, and is billed as it was billed.
enum M0012_BillingHistory {
    static let migration = Migration(version: 12, name: "billing history") { flavor in
        let id = flavor.idColumn
        return [
            """
            CREATE TABLE asset_states (
                id \(id),
                asset_id BIGINT NOT NULL REFERENCES assets(id) ON DELETE RESTRICT,
                at TEXT NOT NULL,
                client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
                kind TEXT NOT NULL,
                in_service BOOLEAN NOT NULL)
            """,
            "CREATE INDEX asset_states_asset ON asset_states (asset_id, id)",
            "CREATE INDEX asset_states_client ON asset_states (client_id, asset_id)",
            """
            INSERT INTO asset_states (asset_id, at, client_id, kind, in_service)
            SELECT id, COALESCE(first_seen_at, created_at), client_id, kind, \(Store.inServiceSQL("assets")) FROM assets ORDER BY id
            """,
            """
            CREATE TABLE employee_states (
                id \(id),
                employee_id BIGINT NOT NULL REFERENCES employees(id) ON DELETE RESTRICT,
                at TEXT NOT NULL,
                active BOOLEAN NOT NULL)
            """,
            "CREATE INDEX employee_states_employee ON employee_states (employee_id, id)",
            "INSERT INTO employee_states (employee_id, at, active) SELECT id, created_at, active FROM employees ORDER BY id",
            """
            CREATE TABLE licence_seat_counts (
                id \(id),
                licence_id BIGINT NOT NULL REFERENCES licences(id) ON DELETE RESTRICT,
                at TEXT NOT NULL,
                seats BIGINT NOT NULL CHECK (seats >= 0))
            """,
            "CREATE INDEX licence_seat_counts_licence ON licence_seat_counts (licence_id, id)",
            "INSERT INTO licence_seat_counts (licence_id, at, seats) SELECT id, created_at, seats FROM licences ORDER BY id",
            "ALTER TABLE tickets ADD COLUMN contract_id BIGINT REFERENCES contracts(id) ON DELETE RESTRICT",
            """
            UPDATE tickets SET contract_id = (
                SELECT k.id FROM contracts k WHERE k.client_id = tickets.client_id AND k.status IN ('active', 'ended')
                    AND k.starts_on <= substr(tickets.created_at, 1, 10)
                    AND EXISTS (SELECT 1 FROM contract_lines l WHERE l.contract_id = k.id AND l.kind = 'support-hours')
                ORDER BY k.starts_on DESC, k.id DESC LIMIT 1)
            """,
            // An ended contract always has its last day now: it is billed up to it.
            """
            UPDATE contracts SET ends_on = CASE WHEN substr(updated_at, 1, 10) < starts_on THEN starts_on ELSE substr(updated_at, 1, 10) END
            WHERE status = 'ended' AND ends_on IS NULL
            """,
            "ALTER TABLE invoice_lines ADD COLUMN unit TEXT NOT NULL DEFAULT 'unit'",
            "ALTER TABLE invoice_lines ADD COLUMN base_quantity BIGINT NOT NULL DEFAULT 1 CHECK (base_quantity > 0)",
            "ALTER TABLE invoices ADD COLUMN credit_reason TEXT",
            "ALTER TABLE invoices ADD COLUMN language TEXT NOT NULL DEFAULT 'fr'",
            "ALTER TABLE clients ADD COLUMN document_language TEXT NOT NULL DEFAULT 'fr'",
        ]
    }
}
