import ParcProtocol

/// What a licence may say, how installs are recognised, and what each role sees of it.
public enum LicenceRules {
    public static func validated(_ new: NewLicence) throws(ValidationError) -> NewLicence {
        var licence = new
        licence.product = new.product.trimmingWhitespace()
        licence.packagePatterns = normalised(new.packagePatterns)
        licence.licenceKey = new.licenceKey?.trimmingWhitespace().nilIfEmpty
        licence.startsOn = new.startsOn?.trimmingWhitespace().nilIfEmpty
        licence.expiresOn = new.expiresOn?.trimmingWhitespace().nilIfEmpty
        licence.supplier = new.supplier?.trimmingWhitespace().nilIfEmpty
        licence.notes = new.notes?.trimmingWhitespace().nilIfEmpty
        var validator = Validator()
        check(&validator, product: licence.product, patterns: licence.packagePatterns, seats: licence.seats)
        AssetRules.check(&validator, date: licence.startsOn, field: "startsOn")
        AssetRules.check(&validator, date: licence.expiresOn, field: "expiresOn")
        if let start = licence.startsOn, let end = licence.expiresOn { validator.check(start <= end, "expiresOn", "must not be before startsOn") }
        validator.check(licence.costCentsPerSeat, "costCentsPerSeat", in: 0...Bounds.amountCents, "cents")
        validator.check(licence.resaleCentsPerSeat, "resaleCentsPerSeat", in: 0...Bounds.amountCents, "cents")
        try validator.throwIfInvalid()
        return licence
    }

    public static func applying(_ update: LicenceUpdate, to licence: Licence) throws(ValidationError) -> Licence {
        var result = licence
        if let product = update.product { result.product = product.trimmingWhitespace() }
        if let patterns = update.packagePatterns { result.packagePatterns = normalised(patterns) }
        if let seats = update.seats { result.seats = seats }
        if let key = update.licenceKey { result.licenceKey = key.trimmingWhitespace().nilIfEmpty }
        if let start = update.startsOn { result.startsOn = start.trimmingWhitespace().nilIfEmpty }
        if let end = update.expiresOn { result.expiresOn = end.trimmingWhitespace().nilIfEmpty }
        if let cost = update.costCentsPerSeat { result.costCentsPerSeat = cost < 0 ? nil : cost }
        if let resale = update.resaleCentsPerSeat { result.resaleCentsPerSeat = resale < 0 ? nil : resale }
        if let supplier = update.supplier { result.supplier = supplier.trimmingWhitespace().nilIfEmpty }
        if let notes = update.notes { result.notes = notes.trimmingWhitespace().nilIfEmpty }
        var validator = Validator()
        check(&validator, product: result.product, patterns: result.packagePatterns, seats: result.seats)
        AssetRules.check(&validator, date: result.startsOn, field: "startsOn")
        AssetRules.check(&validator, date: result.expiresOn, field: "expiresOn")
        if let start = result.startsOn, let end = result.expiresOn { validator.check(start <= end, "expiresOn", "must not be before startsOn") }
        validator.check(result.costCentsPerSeat, "costCentsPerSeat", in: 0...Bounds.amountCents, "cents")
        validator.check(result.resaleCentsPerSeat, "resaleCentsPerSeat", in: 0...Bounds.amountCents, "cents")
        try validator.throwIfInvalid()
        return result
    }

    static func normalised(_ patterns: [String]) -> [String] {
        var seen: Set<String> = []
        return patterns.map { $0.trimmingWhitespace().lowercased() }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    static func check(_ validator: inout Validator, product: String, patterns: [String], seats: Int) {
        validator.check(!product.isEmpty && product.count <= 200, "product", "must be 1 to 200 characters")
        validator.check(!patterns.isEmpty, "packagePatterns", "needs at least one package-name pattern, e.g. \"libreoffice*\"")
        validator.check(patterns.count <= 20, "packagePatterns", "at most 20 patterns")
        for pattern in patterns {
            validator.check(
                pattern.allSatisfy { $0.isLetter || $0.isNumber || "+-.*?:_".contains($0) }, "packagePatterns",
                "'\(pattern)' may only use package-name characters, * and ?")
            validator.check(pattern.contains { $0 != "*" && $0 != "?" }, "packagePatterns", "'\(pattern)' would match every package")
        }
        validator.check((0...1_000_000).contains(seats), "seats", "must be between 0 and 1000000")
    }

    /// Whether `name` is recognised by `pattern` (`*` any run, `?` one character).
    public static func matches(_ pattern: String, _ name: String) -> Bool {
        let pattern = Array(pattern.utf8)
        let name = Array(name.lowercased().utf8)
        var p = 0
        var n = 0
        var star = -1
        var mark = 0
        while n < name.count {
            if p < pattern.count && (pattern[p] == UInt8(ascii: "?") || pattern[p] == name[n]) {
                p += 1
                n += 1
            } else if p < pattern.count && pattern[p] == UInt8(ascii: "*") {
                star = p
                mark = n
                p += 1
            } else if star >= 0 {
                p = star + 1
                mark += 1
                n = mark
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }

    public static func state(installs: Int, seats: Int) -> LicenceCompliance.State {
        installs > seats ? .overDeployed : (installs < seats ? .underUsed : .compliant)
    }

    /// What a role sees of a licence: keys are for managers (others see at most the last four characters),
    /// prices are not for technicians.
    public static func visible(_ licence: Licence, to role: StaffRole) -> Licence {
        var shown = licence
        if role != .manager, let key = licence.licenceKey {
            // The last four characters tell keys apart; short keys show nothing.
            shown.licenceKey = key.count >= 12 ? String(repeating: "•", count: 8) + key.suffix(4) : String(repeating: "•", count: 8)
        }
        if role == .technician {
            shown.costCentsPerSeat = nil
            shown.resaleCentsPerSeat = nil
        }
        return shown
    }
}
