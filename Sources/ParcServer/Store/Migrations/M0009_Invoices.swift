/// Invoices and credit notes with their lines, the yearly gapless sequences that number them, and
/// the contract periods already invoiced (the key that makes double billing impossible).
enum M0009_Invoices {
    static let migration = Migration(version: 9, name: "invoices") { flavor in
        let id = flavor.idColumn
        return [
            """
            CREATE TABLE invoices (
                id \(id),
                number TEXT UNIQUE,
                kind TEXT NOT NULL,
                client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
                contract_id BIGINT REFERENCES contracts(id) ON DELETE RESTRICT,
                credited_invoice_id BIGINT REFERENCES invoices(id) ON DELETE RESTRICT,
                status TEXT NOT NULL,
                issue_date TEXT NOT NULL,
                due_date TEXT NOT NULL,
                period_first TEXT,
                period_last TEXT,
                currency TEXT NOT NULL,
                net_cents BIGINT NOT NULL,
                vat_cents BIGINT NOT NULL,
                gross_cents BIGINT NOT NULL,
                created_at TEXT NOT NULL,
                issued_at TEXT,
                CHECK ((status = 'draft') = (number IS NULL)))
            """,
            "CREATE INDEX invoices_client ON invoices (client_id, issue_date)",
            """
            CREATE TABLE invoice_lines (
                invoice_id BIGINT NOT NULL REFERENCES invoices(id) ON DELETE RESTRICT,
                position BIGINT NOT NULL,
                kind TEXT,
                description TEXT NOT NULL,
                quantity_milli BIGINT NOT NULL,
                unit_price_cents BIGINT NOT NULL,
                amount_cents BIGINT NOT NULL,
                vat_basis_points BIGINT NOT NULL,
                vat_exemption TEXT,
                PRIMARY KEY (invoice_id, position))
            """,
            "CREATE TABLE invoice_sequences (kind TEXT NOT NULL, year BIGINT NOT NULL, last_number BIGINT NOT NULL, PRIMARY KEY (kind, year))",
            """
            CREATE TABLE billed_periods (
                contract_id BIGINT NOT NULL REFERENCES contracts(id) ON DELETE RESTRICT,
                period_first TEXT NOT NULL,
                invoice_id BIGINT REFERENCES invoices(id) ON DELETE RESTRICT,
                PRIMARY KEY (contract_id, period_first))
            """,
        ]
    }
}
