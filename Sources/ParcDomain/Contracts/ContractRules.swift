import ParcProtocol

/// What staff may set about contracts.
public enum ContractRules {
    public static func validated(_ new: NewContract) throws(ValidationError) -> NewContract {
        var contract = new
        contract.reference = new.reference.trimmingWhitespace()
        contract.title = new.title.trimmingWhitespace()
        contract.endsOn = new.endsOn?.trimmingWhitespace().nilIfEmpty
        var validator = Validator()
        validator.check(!contract.reference.isEmpty && contract.reference.count <= 40, "reference", "must be 1 to 40 characters")
        validator.check(!contract.title.isEmpty, "title", "must not be empty")
        check(&validator, startsOn: contract.startsOn, endsOn: contract.endsOn)
        if let sla = contract.sla { SLARules.check(&validator, sla, field: "sla") }
        try validator.throwIfInvalid()
        if let sla = contract.sla { contract.sla = try SLARules.validated(sla) }
        return contract
    }

    /// The contract with the update applied.
    public static func applying(_ update: ContractUpdate, to contract: Contract) throws(ValidationError) -> Contract {
        var result = contract
        if let title = update.title?.trimmingWhitespace() { result.title = title }
        if let startsOn = update.startsOn { result.startsOn = startsOn }
        if let endsOn = update.endsOn { result.endsOn = endsOn.trimmingWhitespace().nilIfEmpty }
        if let status = update.status { result.status = status }
        if update.clearSLA == true { result.sla = nil }
        var validator = Validator()
        validator.check(!result.title.isEmpty, "title", "must not be empty")
        check(&validator, startsOn: result.startsOn, endsOn: result.endsOn)
        if let sla = update.sla { SLARules.check(&validator, sla, field: "sla") }
        validator.check(!(update.sla != nil && update.clearSLA == true), "clearSLA", "give new SLA terms or clear them, not both")
        try validator.throwIfInvalid()
        if let sla = update.sla { result.sla = try SLARules.validated(sla) }
        return result
    }

    static func check(_ validator: inout Validator, startsOn: String, endsOn: String?) {
        validator.check(AssetRules.isCalendarDate(startsOn), "startsOn", "must be a date written YYYY-MM-DD (got \(startsOn))")
        if let endsOn {
            validator.check(AssetRules.isCalendarDate(endsOn), "endsOn", "must be a date written YYYY-MM-DD (got \(endsOn))")
            validator.check(endsOn >= startsOn, "endsOn", "must not be before startsOn (\(startsOn))")
        }
    }
}
