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
            let cells = cells(asset)
            text += CSV.line(exportColumns.map { cells[$0] ?? "" })
        }
        return text
    }

    /// An asset's row, by column, as the export writes it.
    public static func cells(_ asset: Asset) -> [String: String] {
        [
            "id": String(asset.id), "client": asset.clientCode, "kind": asset.kind.rawValue, "name": asset.name, "manufacturer": asset.manufacturer ?? "",
            "model": asset.model ?? "", "serial": asset.serial ?? "", "asset_tag": asset.assetTag ?? "", "status": asset.status.rawValue,
            "site_id": asset.siteID.map(String.init) ?? "", "employee_id": asset.employeeID.map(String.init) ?? "", "employee": asset.employeeName ?? "",
            "purchase_date": asset.purchaseDate ?? "", "supplier": asset.supplier ?? "",
            "purchase_price": asset.purchasePriceCents.map(AssetRules.cents) ?? "", "order_reference": asset.orderReference ?? "",
            "warranty_end": asset.warrantyEnd ?? "", "hostname": asset.hostname ?? "", "operating_system": asset.operatingSystem ?? "",
            "agent_id": asset.agentID ?? "", "last_seen": asset.lastSeenAt.map(CanonicalJSON.timestamp) ?? "", "notes": asset.notes ?? "",
        ]
    }

    /// Columns an import understands: every column the export writes. `kind` and `name` are
    /// required; a row with an `id` updates that asset, one without creates an asset.
    public static let importColumns = Set(exportColumns)

    /// Columns an import reads but never writes: the client (`parcctl asset transfer`), the kind,
    /// and who holds the asset (`asset assign`). A changed value there is refused rather than
    /// silently dropped. What the agent reports (hostname, operating_system, agent_id, last_seen)
    /// is skipped: it moves on its own between an export and its import.
    public static let readOnlyColumns = ["client", "kind", "employee_id", "employee"]

    /// An edited row of an export: the asset it names, its editable fields as the file has them
    /// (an empty cell clears the field), and the read-only columns present in the file.
    public struct Edit: Sendable, Equatable {
        public var id: Int64
        public var update: AssetUpdate
        public var readOnly: [String: String]
    }

    /// A row to create, or an edit of an existing asset.
    public enum Row: Sendable, Equatable {
        case new(NewAsset)
        case edit(Edit)
    }

    /// The problems of `edit` against the asset as it is: a changed read-only column, each named.
    public static func readOnlyProblems(_ edit: Edit, current: Asset) -> [ValidationIssue] {
        let cells = cells(current)
        return readOnlyColumns.compactMap { column in
            guard let value = edit.readOnly[column], value != (cells[column] ?? "") else { return nil }
            let how =
                switch column {
                case "client": "moving an asset to another client is 'parcctl asset transfer'"
                case "employee_id", "employee": "assigning is 'parcctl asset assign'"
                default: "an asset's kind does not change"
                }
            return ValidationIssue(field: column, reason: "cannot be changed by an import (\(how)): \(cells[column] ?? "") in Parc, \(value) in the file")
        }
    }

    /// The column of a field the rules name (`purchaseDate` → `purchase_date`).
    public static func column(ofField field: String) -> String {
        var result = ""
        for character in field {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result == "purchase_price_cents" ? "purchase_price" : result
    }

    /// Every row as a validated `NewAsset` of `client` or an edit, or every problem found.
    public static func read(_ text: String, client: String) -> (rows: [(line: Int, item: Row)], problems: [ImportProblem]) {
        // Which columns the file has: a column left out of an edit leaves that field as it is.
        let header = (try? CSV.parse(text))?.first?.fields.map { $0.trimmingWhitespace().lowercased().replacingAll(" ", with: "_") } ?? []
        let present = Set(header)
        return CSVImport.read(text, columns: importColumns, required: ["kind", "name"]) { values throws(ValidationError) -> Row in
            if let raw = values["id"] {
                guard let id = Int64(raw), id > 0 else { throw ValidationError(field: "id", reason: "must be an asset id (got \(raw))") }
                return .edit(try edit(id: id, values, present: present))
            }
            if let other = values["client"], other.uppercased() != client.uppercased() {
                throw ValidationError(field: "client", reason: "the row is for \(other), the import for \(client)")
            }
            return .new(try newAsset(values, client: client))
        }
    }

    static func edit(id: Int64, _ values: [String: String], present: Set<String>) throws(ValidationError) -> Edit {
        var issues: [ValidationIssue] = []
        var update = AssetUpdate()
        // Every editable column the file has is applied as written: an empty cell clears.
        func text(_ column: String) -> String? { present.contains(column) ? values[column] ?? "" : nil }
        (update.name, update.manufacturer, update.model, update.serial, update.assetTag) = (
            text("name"), text("manufacturer"), text("model"), text("serial"), text("asset_tag")
        )
        (update.purchaseDate, update.supplier, update.orderReference, update.warrantyEnd, update.notes) = (
            text("purchase_date"), text("supplier"), text("order_reference"), text("warranty_end"), text("notes")
        )
        if let status = values["status"] {
            update.status = AssetStatus(rawValue: status.lowercased())
            if update.status == nil {
                issues.append(.init(field: "status", reason: "must be one of: \(AssetStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        if let site = values["site_id"] {
            update.siteID = Int64(site).flatMap { $0 > 0 ? $0 : nil }
            if update.siteID == nil { issues.append(.init(field: "site_id", reason: "must be a site id")) }
        } else if present.contains("site_id") {
            update.siteID = 0
        }
        if let price = values["purchase_price"] {
            update.purchasePriceCents = AssetRules.parseCents(price)
            if update.purchasePriceCents == nil { issues.append(.init(field: "purchase_price", reason: "must look like 1249.90 (got \(price))")) }
        } else if present.contains("purchase_price") {
            update.purchasePriceCents = -1
        }
        guard issues.isEmpty else { throw ValidationError(issues) }
        var readOnly: [String: String] = [:]
        for column in readOnlyColumns where present.contains(column) { readOnly[column] = values[column] ?? "" }
        return Edit(id: id, update: update, readOnly: readOnly)
    }

    static func newAsset(_ values: [String: String], client: String) throws(ValidationError) -> NewAsset {
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
