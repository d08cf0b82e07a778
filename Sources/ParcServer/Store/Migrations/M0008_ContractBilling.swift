/// Contracts' billing terms, what they cover, and the lines they invoice.
enum M0008_ContractBilling {
    static let migration = Migration(version: 8, name: "contract billing") { flavor in
        let id = flavor.idColumn
        return [
            "ALTER TABLE contracts ADD COLUMN frequency TEXT NOT NULL DEFAULT 'monthly'",
            "ALTER TABLE contracts ADD COLUMN timing TEXT NOT NULL DEFAULT 'advance'",
            "ALTER TABLE contracts ADD COLUMN billing_day BIGINT NOT NULL DEFAULT 1 CHECK (billing_day BETWEEN 1 AND 28)",
            "ALTER TABLE contracts ADD COLUMN payment_terms_days BIGINT NOT NULL DEFAULT 30 CHECK (payment_terms_days >= 0)",
            "ALTER TABLE contracts ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR'",
            "ALTER TABLE contracts ADD COLUMN renewal_months BIGINT",
            "ALTER TABLE contracts ADD COLUMN notice_days BIGINT",
            // Kinds covered, comma-separated; empty when the contract lists its assets.
            "ALTER TABLE contracts ADD COLUMN covered_kinds TEXT NOT NULL DEFAULT 'computer'",
            """
            CREATE TABLE contract_assets (
                contract_id BIGINT NOT NULL REFERENCES contracts(id) ON DELETE RESTRICT,
                asset_id BIGINT NOT NULL REFERENCES assets(id) ON DELETE RESTRICT,
                PRIMARY KEY (contract_id, asset_id))
            """,
            "CREATE INDEX contract_assets_asset ON contract_assets (asset_id)",
            """
            CREATE TABLE contract_lines (
                id \(id),
                contract_id BIGINT NOT NULL REFERENCES contracts(id) ON DELETE RESTRICT,
                kind TEXT NOT NULL,
                description TEXT NOT NULL,
                unit_price_cents BIGINT NOT NULL CHECK (unit_price_cents >= 0),
                included_hours BIGINT CHECK (included_hours >= 0),
                quantity BIGINT CHECK (quantity > 0),
                licence_id BIGINT REFERENCES licences(id) ON DELETE RESTRICT,
                vat_basis_points BIGINT NOT NULL CHECK (vat_basis_points IN (2000, 1000, 550, 210, 0)),
                vat_exemption TEXT,
                billed_invoice_id BIGINT,
                created_at TEXT NOT NULL,
                CHECK ((vat_basis_points = 0) = (vat_exemption IS NOT NULL)))
            """,
            "CREATE INDEX contract_lines_contract ON contract_lines (contract_id)",
        ]
    }
}
