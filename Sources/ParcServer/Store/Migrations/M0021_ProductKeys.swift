/// Product keys the intake agents report (Windows' `winprodkey`, `licenseinfos`): kept per asset,
/// read by managers only (licences, keys and prices are theirs), never shown in the portal.
enum M0021_ProductKeys {
    static let migration = Migration(version: 21, name: "product keys") { _ in
        [
            """
            CREATE TABLE asset_product_keys (
                asset_id BIGINT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
                product TEXT NOT NULL,
                product_key TEXT NOT NULL,
                source TEXT NOT NULL,
                first_seen_at TEXT NOT NULL,
                last_seen_at TEXT NOT NULL,
                PRIMARY KEY (asset_id, product_key))
            """
        ]
    }
}
