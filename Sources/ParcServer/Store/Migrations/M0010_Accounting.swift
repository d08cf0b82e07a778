/// Payments against invoices, and the double-entry journal that issuing, crediting and payments
/// write (the source of the FEC export), numbered per journal and year without gaps.
enum M0010_Accounting {
    static let migration = Migration(version: 10, name: "accounting") { flavor in
        let id = flavor.idColumn
        return [
            // A credit note's line names the invoice line it takes back, so no line is credited twice.
            "ALTER TABLE invoice_lines ADD COLUMN credited_position BIGINT",
            """
            CREATE TABLE payments (
                id \(id),
                invoice_id BIGINT NOT NULL REFERENCES invoices(id) ON DELETE RESTRICT,
                paid_on TEXT NOT NULL,
                amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
                method TEXT NOT NULL,
                reference TEXT,
                created_at TEXT NOT NULL)
            """,
            "CREATE INDEX payments_invoice ON payments (invoice_id)",
            "CREATE TABLE journal_sequences (journal TEXT NOT NULL, year BIGINT NOT NULL, last_number BIGINT NOT NULL, PRIMARY KEY (journal, year))",
            """
            CREATE TABLE journal_entries (
                id \(id),
                journal TEXT NOT NULL,
                number BIGINT NOT NULL,
                entry_date TEXT NOT NULL,
                piece_ref TEXT NOT NULL,
                piece_date TEXT NOT NULL,
                label TEXT NOT NULL,
                invoice_id BIGINT REFERENCES invoices(id) ON DELETE RESTRICT,
                payment_id BIGINT REFERENCES payments(id) ON DELETE RESTRICT,
                validated_on TEXT NOT NULL,
                UNIQUE (journal, number, entry_date))
            """,
            "CREATE INDEX journal_entries_date ON journal_entries (validated_on, id)",
            """
            CREATE TABLE journal_lines (
                entry_id BIGINT NOT NULL REFERENCES journal_entries(id) ON DELETE RESTRICT,
                position BIGINT NOT NULL,
                account TEXT NOT NULL,
                account_label TEXT NOT NULL,
                auxiliary TEXT,
                auxiliary_label TEXT,
                label TEXT NOT NULL,
                debit_cents BIGINT NOT NULL CHECK (debit_cents >= 0),
                credit_cents BIGINT NOT NULL CHECK (credit_cents >= 0),
                PRIMARY KEY (entry_id, position))
            """,
        ]
    }
}
