import ParcProtocol

/// Assets as spreadsheet rows: the columns of an export, and reading an import with one problem
/// per bad field, named by line.
public enum AssetCSV {
    public static let exportColumns = [
        "id", "client", "kind", "name", "manufacturer", "model", "serial", "asset_tag", "status", "site_id", "employee_id", "employee", "purchase_date",
        "supplier", "purchase_price", "order_reference", "warranty_end", "hostname", "operating_system", "agent_id", "last_seen", "notes",
    ]

    public static func export(_ assets: [Asset]) -> String {
        var text = CSV.line(exportColumns)
        for asset in assets {
            text += CSV.line([
                String(asset.id), asset.clientCode, asset.kind.rawValue, asset.name, asset.manufacturer ?? "", asset.model ?? "", asset.serial ?? "",
                asset.assetTag ?? "", asset.status.rawValue, asset.siteID.map(String.init) ?? "", asset.employeeID.map(String.init) ?? "", asset.employeeName ?? "",
                asset.purchaseDate ?? "", asset.supplier ?? "", asset.purchasePriceCents.map(AssetRules.cents) ?? "", asset.orderReference ?? "",
                asset.warrantyEnd ?? "", asset.hostname ?? "", asset.operatingSystem ?? "", asset.agentID ?? "",
                asset.lastSeenAt.map(CanonicalJSON.timestamp) ?? "", asset.notes ?? "",
            ])
        }
        return text
    }

    /// Columns an import understands; `kind` and `name` are required, others optional, unknown ones refused.
    public static let importColumns: Set<String> = [
        "kind", "name", "manufacturer", "model", "serial", "asset_tag", "status", "site_id", "purchase_date", "supplier", "purchase_price",
        "order_reference", "warranty_end", "notes",
    ]

    /// Every row as a validated `NewAsset` of `client`, or every problem found.
    public static func read(_ text: String, client: String) -> (assets: [(line: Int, asset: NewAsset)], problems: [AssetImportResult.Problem]) {
        let rows: [(line: Int, fields: [String])]
        do { rows = try CSV.parse(text) } catch { return ([], error.issues.map { .init(line: 0, field: "csv", message: "\($0.field): \($0.reason)") }) }
        guard let header = rows.first else { return ([], [.init(line: 1, field: "csv", message: "the file is empty; the first line names the columns")]) }
        let columns = header.fields.map { $0.trimmingWhitespace().lowercased().replacingAll(" ", with: "_") }
        var problems: [AssetImportResult.Problem] = []
        for column in columns where !importColumns.contains(column) {
            problems.append(.init(line: header.line, field: column, message: "unknown column; known: \(importColumns.sorted().joined(separator: ", "))"))
        }
        for required in ["kind", "name"] where !columns.contains(required) {
            problems.append(.init(line: header.line, field: required, message: "the column is required"))
        }
        guard problems.isEmpty else { return ([], problems) }
        var assets: [(line: Int, asset: NewAsset)] = []
        for row in rows.dropFirst() {
            guard row.fields.count == columns.count else {
                problems.append(.init(line: row.line, field: "csv", message: "\(row.fields.count) fields where the header has \(columns.count)"))
                continue
            }
            var values: [String: String] = [:]
            for (column, value) in zip(columns, row.fields) { values[column] = value.trimmingWhitespace().nilIfEmpty }
            guard let kind = values["kind"].flatMap({ AssetKind(rawValue: $0.lowercased()) }) else {
                problems.append(.init(line: row.line, field: "kind", message: "must be one of: \(AssetKind.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            var asset = NewAsset(client: client, kind: kind, name: values["name"] ?? "")
            (asset.manufacturer, asset.model, asset.serial, asset.assetTag) = (values["manufacturer"], values["model"], values["serial"], values["asset_tag"])
            (asset.purchaseDate, asset.supplier, asset.orderReference, asset.warrantyEnd, asset.notes) = (
                values["purchase_date"], values["supplier"], values["order_reference"], values["warranty_end"], values["notes"]
            )
            if let status = values["status"] {
                guard let parsed = AssetStatus(rawValue: status.lowercased()) else {
                    problems.append(.init(line: row.line, field: "status", message: "must be one of: \(AssetStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
                    continue
                }
                asset.status = parsed
            }
            if let site = values["site_id"] {
                guard let id = Int64(site), id > 0 else {
                    problems.append(.init(line: row.line, field: "site_id", message: "must be a site id"))
                    continue
                }
                asset.siteID = id
            }
            if let price = values["purchase_price"] {
                guard let cents = AssetRules.parseCents(price) else {
                    problems.append(.init(line: row.line, field: "purchase_price", message: "must look like 1249.90 (got \(price))"))
                    continue
                }
                asset.purchasePriceCents = cents
            }
            do {
                assets.append((row.line, try AssetRules.validated(asset)))
            } catch {
                problems += error.issues.map { .init(line: row.line, field: $0.field, message: $0.reason) }
            }
        }
        return (assets, problems)
    }
}
