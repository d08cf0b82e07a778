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
                asset.assetTag ?? "", asset.status.rawValue, asset.siteID.map(String.init) ?? "", asset.employeeID.map(String.init) ?? "",
                asset.employeeName ?? "",
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
    public static func read(_ text: String, client: String) -> (rows: [(line: Int, item: NewAsset)], problems: [ImportProblem]) {
        CSVImport.read(text, columns: importColumns, required: ["kind", "name"]) { values throws(ValidationError) in
            var issues: [ValidationIssue] = []
            let kind = values["kind"].flatMap { AssetKind(rawValue: $0.lowercased()) }
            if kind == nil { issues.append(.init(field: "kind", reason: "must be one of: \(AssetKind.allCases.map(\.rawValue).joined(separator: ", "))")) }
            var asset = NewAsset(client: client, kind: kind ?? .other, name: values["name"] ?? "")
            (asset.manufacturer, asset.model, asset.serial, asset.assetTag) = (values["manufacturer"], values["model"], values["serial"], values["asset_tag"])
            (asset.purchaseDate, asset.supplier, asset.orderReference, asset.warrantyEnd, asset.notes) = (
                values["purchase_date"], values["supplier"], values["order_reference"], values["warranty_end"], values["notes"]
            )
            if let status = values["status"] {
                asset.status = AssetStatus(rawValue: status.lowercased())
                if asset.status == nil {
                    issues.append(.init(field: "status", reason: "must be one of: \(AssetStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
                }
            }
            if let site = values["site_id"] {
                asset.siteID = Int64(site).flatMap { $0 > 0 ? $0 : nil }
                if asset.siteID == nil { issues.append(.init(field: "site_id", reason: "must be a site id")) }
            }
            if let price = values["purchase_price"] {
                asset.purchasePriceCents = AssetRules.parseCents(price)
                if asset.purchasePriceCents == nil { issues.append(.init(field: "purchase_price", reason: "must look like 1249.90 (got \(price))")) }
            }
            guard issues.isEmpty else { throw ValidationError(issues) }
            return try AssetRules.validated(asset)
        }
    }
}

/// Employees as spreadsheet rows: name required; email, department and site_id optional.
public enum EmployeeCSV {
    public static let importColumns: Set<String> = ["name", "email", "department", "site_id"]

    public static func read(_ text: String) -> (rows: [(line: Int, item: NewEmployee)], problems: [ImportProblem]) {
        CSVImport.read(text, columns: importColumns, required: ["name"]) { values throws(ValidationError) in
            var siteID: Int64?
            if let site = values["site_id"] {
                guard let id = Int64(site), id > 0 else { throw ValidationError(field: "site_id", reason: "must be a site id") }
                siteID = id
            }
            return try DirectoryRules.validated(
                NewEmployee(name: values["name"] ?? "", email: values["email"], department: values["department"], siteID: siteID))
        }
    }
}

/// Reading a CSV import: the header names known columns, each data row becomes an item or the
/// problems that stop it, all named by line so people can fix the file.
public enum CSVImport {
    public static func read<Item>(
        _ text: String, columns known: Set<String>, required: [String], item: ([String: String]) throws(ValidationError) -> Item
    ) -> (rows: [(line: Int, item: Item)], problems: [ImportProblem]) {
        let rows: [(line: Int, fields: [String])]
        do { rows = try CSV.parse(text) } catch { return ([], error.issues.map { .init(line: 0, field: "csv", message: "\($0.field): \($0.reason)") }) }
        guard let header = rows.first else { return ([], [.init(line: 1, field: "csv", message: "the file is empty; the first line names the columns")]) }
        let columns = header.fields.map { $0.trimmingWhitespace().lowercased().replacingAll(" ", with: "_") }
        var problems: [ImportProblem] = []
        for column in columns where !known.contains(column) {
            problems.append(.init(line: header.line, field: column, message: "unknown column; known: \(known.sorted().joined(separator: ", "))"))
        }
        for column in required where !columns.contains(column) {
            problems.append(.init(line: header.line, field: column, message: "the column is required"))
        }
        guard problems.isEmpty else { return ([], problems) }
        var items: [(line: Int, item: Item)] = []
        for row in rows.dropFirst() {
            guard row.fields.count == columns.count else {
                problems.append(.init(line: row.line, field: "csv", message: "\(row.fields.count) fields where the header has \(columns.count)"))
                continue
            }
            var values: [String: String] = [:]
            for (column, value) in zip(columns, row.fields) { values[column] = value.trimmingWhitespace().nilIfEmpty }
            do {
                items.append((row.line, try item(values)))
            } catch {
                problems += error.issues.map { .init(line: row.line, field: $0.field, message: $0.reason) }
            }
        }
        return (items, problems)
    }
}
