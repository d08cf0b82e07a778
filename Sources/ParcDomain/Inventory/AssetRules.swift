import ParcProtocol

/// What staff may type about an asset, and the history line each change leaves.
public enum AssetRules {
    public static func validated(_ new: NewAsset) throws(ValidationError) -> NewAsset {
        var asset = new
        asset.name = new.name.trimmingWhitespace()
        asset.manufacturer = new.manufacturer?.trimmingWhitespace().nilIfEmpty
        asset.model = new.model?.trimmingWhitespace().nilIfEmpty
        asset.serial = new.serial?.trimmingWhitespace().nilIfEmpty
        asset.assetTag = new.assetTag?.trimmingWhitespace().nilIfEmpty
        asset.supplier = new.supplier?.trimmingWhitespace().nilIfEmpty
        asset.orderReference = new.orderReference?.trimmingWhitespace().nilIfEmpty
        asset.notes = new.notes?.trimmingWhitespace().nilIfEmpty
        asset.purchaseDate = new.purchaseDate?.trimmingWhitespace().nilIfEmpty
        asset.warrantyEnd = new.warrantyEnd?.trimmingWhitespace().nilIfEmpty
        var validator = Validator()
        check(&validator, name: asset.name, serial: asset.serial, assetTag: asset.assetTag, notes: asset.notes)
        check(&validator, date: asset.purchaseDate, field: "purchaseDate")
        check(&validator, date: asset.warrantyEnd, field: "warrantyEnd")
        validator.check(asset.purchasePriceCents, "purchasePriceCents", in: 0...Bounds.amountCents, "cents")
        validator.check((asset.siteID ?? 1) > 0, "siteID", "must be a positive id")
        try validator.throwIfInvalid()
        return asset
    }

    /// The asset with the update applied, and one phrase per field that changed ("status: in-stock → in-use").
    public static func applying(_ update: AssetUpdate, to asset: Asset) throws(ValidationError) -> (asset: Asset, changes: [String]) {
        var result = asset
        var changes: [String] = []
        func text(_ label: String, _ keyPath: WritableKeyPath<Asset, String?>, _ value: String?) {
            guard let value else { return }
            let new = value.trimmingWhitespace().nilIfEmpty
            if result[keyPath: keyPath] != new { changes.append("\(label): \(result[keyPath: keyPath] ?? "-") → \(new ?? "-")") }
            result[keyPath: keyPath] = new
        }
        if let name = update.name?.trimmingWhitespace(), name != result.name {
            changes.append("name: \(result.name) → \(name)")
            result.name = name
        }
        text("manufacturer", \.manufacturer, update.manufacturer)
        text("model", \.model, update.model)
        text("serial", \.serial, update.serial)
        text("asset tag", \.assetTag, update.assetTag)
        text("purchase date", \.purchaseDate, update.purchaseDate)
        text("supplier", \.supplier, update.supplier)
        text("order reference", \.orderReference, update.orderReference)
        text("warranty end", \.warrantyEnd, update.warrantyEnd)
        text("notes", \.notes, update.notes)
        if let status = update.status, status != result.status {
            changes.append("status: \(result.status.rawValue) → \(status.rawValue)")
            result.status = status
        }
        if let site = update.siteID {
            let new = site == 0 ? nil : site
            if new != result.siteID { changes.append("site: \(result.siteID.map(String.init) ?? "-") → \(new.map(String.init) ?? "-")") }
            result.siteID = new
        }
        if let price = update.purchasePriceCents {
            let new = price < 0 ? nil : price
            if new != result.purchasePriceCents { changes.append("purchase price: \(cents(result.purchasePriceCents)) → \(cents(new))") }
            result.purchasePriceCents = new
        }
        var validator = Validator()
        check(&validator, name: result.name, serial: result.serial, assetTag: result.assetTag, notes: result.notes)
        check(&validator, date: result.purchaseDate, field: "purchaseDate")
        check(&validator, date: result.warrantyEnd, field: "warrantyEnd")
        validator.check(result.purchasePriceCents, "purchasePriceCents", in: 0...Bounds.amountCents, "cents")
        try validator.throwIfInvalid()
        return (result, changes)
    }

    static func check(_ validator: inout Validator, name: String, serial: String?, assetTag: String?, notes: String?) {
        validator.check(!name.isEmpty, "name", "must not be empty")
        validator.check(name.count <= 200, "name", "must be at most 200 characters")
        validator.check((serial?.count ?? 0) <= 100, "serial", "must be at most 100 characters")
        validator.check((assetTag?.count ?? 0) <= 100, "assetTag", "must be at most 100 characters")
        validator.check((notes?.count ?? 0) <= 4000, "notes", "must be at most 4000 characters")
    }

    static func check(_ validator: inout Validator, date: String?, field: String) {
        guard let date else { return }
        validator.check(isCalendarDate(date), field, "must be a date written YYYY-MM-DD (got \(date))")
    }

    /// `YYYY-MM-DD` naming a day that exists.
    public static func isCalendarDate(_ text: String) -> Bool { CalendarDay(text) != nil }

    /// `1249.90`, `1249,9` or `12` as cents; nil for anything else.
    public static func parseCents(_ text: String) -> Int64? {
        let parts = text.trimmingWhitespace().split(omittingEmptySubsequences: false) { $0 == "." || $0 == "," }
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].allSatisfy(\.isNumber), let units = Int64(parts[0]),
            units <= Bounds.amountCents / 100
        else { return nil }
        guard parts.count == 2 else { return units * 100 }
        let fraction = parts[1]
        guard (1...2).contains(fraction.count), fraction.allSatisfy(\.isNumber), let value = Int64(fraction) else { return nil }
        return units * 100 + (fraction.count == 1 ? value * 10 : value)
    }

    static func cents(_ value: Int64?) -> String {
        guard let value else { return "-" }
        let remainder = value % 100
        return "\(value / 100).\(remainder < 10 ? "0" : "")\(remainder)"
    }

    /// The account that logged in most often among the recent logins, leaving out root and
    /// display managers: who the machine is probably assigned to.
    public static func suggestedAssignee(_ users: UsersSection) -> String? {
        var counts: [String: Int] = [:]
        for login in users.recentLogins + users.loggedIn where !["root", "reboot", "shutdown", "gdm", "lightdm", "sddm"].contains(login.user) {
            counts[login.user, default: 0] += 1
        }
        return counts.max { $0.value == $1.value ? $0.key > $1.key : $0.value < $1.value }?.key
    }

    /// Technicians do not see what assets cost, as with contract, licence and material prices.
    public static func visible(_ asset: Asset, to role: StaffRole) -> Asset {
        guard role == .technician else { return asset }
        var result = asset
        result.purchasePriceCents = nil
        return result
    }

    public static func visible(_ detail: AssetDetail, to role: StaffRole) -> AssetDetail {
        var result = detail
        result.asset = visible(detail.asset, to: role)
        return result
    }
}
