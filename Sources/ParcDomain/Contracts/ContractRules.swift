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
        if var billing = contract.billing {
            billing.currency = billing.currency.uppercased()
            check(&validator, billing)
            contract.billing = billing
        }
        if let coverage = contract.coverage { check(&validator, coverage) }
        try validator.throwIfInvalid()
        if let sla = contract.sla { contract.sla = try SLARules.validated(sla) }
        return contract
    }

    static func check(_ validator: inout Validator, _ billing: BillingTerms) {
        validator.check((1...28).contains(billing.billingDay), "billing.billingDay", "must be from 1 to 28, so that every month has it")
        validator.check((0...365).contains(billing.paymentTermsDays), "billing.paymentTermsDays", "must be from 0 to 365 (got \(billing.paymentTermsDays))")
        validator.check(
            billing.currency.count == 3 && billing.currency.allSatisfy { $0.isLetter && $0.isASCII }, "billing.currency", "must be an ISO 4217 code such as EUR"
        )
        if let months = billing.renewalMonths { validator.check((1...120).contains(months), "billing.renewalMonths", "must be from 1 to 120") }
        if let days = billing.noticeDays { validator.check((0...365).contains(days), "billing.noticeDays", "must be from 0 to 365") }
    }

    static func check(_ validator: inout Validator, _ coverage: ContractCoverage) {
        validator.check(!coverage.kinds.isEmpty || !coverage.assetIDs.isEmpty, "coverage", "cover some kinds of asset or list the assets")
    }

    /// A contract line as staff typed it, with the client's VAT rate when none is given.
    public static func validated(_ line: NewContractLine, clientVATBasisPoints: Int) throws(ValidationError) -> NewContractLine {
        var result = line
        result.description = line.description.trimmingWhitespace()
        result.vatBasisPoints = line.vatBasisPoints ?? clientVATBasisPoints
        var validator = Validator()
        validator.check(!result.description.isEmpty, "description", "must not be empty")
        validator.check(line.unitPriceCents >= 0, "unitPriceCents", "must not be negative (a discount is a credit note)")
        validator.check(line.unitPriceCents, "unitPriceCents", in: 0...Bounds.amountCents, "cents")
        validator.check(line.includedHours, "includedHours", in: 0...Bounds.includedHours)
        validator.check(line.quantity, "quantity", in: 1...Bounds.count)
        let rate = result.vatBasisPoints ?? 0
        validator.check(
            Money.vatRates.contains(rate), "vatBasisPoints", "unknown VAT rate \(rate): use 2000, 1000, 550, 210 or 0 (20 %, 10 %, 5.5 %, 2.1 %, 0 %)")
        if rate == 0 {
            validator.check(line.vatExemption != nil, "vatExemption", "a 0 % line needs the reason no VAT applies (franchise, reverse-charge, export, exempt)")
        } else {
            validator.check(line.vatExemption == nil, "vatExemption", "only a 0 % line has an exemption")
        }
        switch line.kind {
        case .supportHours:
            validator.check((line.includedHours ?? -1) >= 0, "includedHours", "give the hours included per period (0 or more)")
        case .oneOff:
            validator.check((line.quantity ?? 1) > 0, "quantity", "must be a positive number (got \(line.quantity ?? 0))")
        case .licenceResale:
            validator.check(line.licenceID != nil, "licenceID", "name the licence whose seats are resold")
        case .flat, .perDevice, .perUser:
            break
        }
        if line.kind != .oneOff { validator.check(line.quantity == nil, "quantity", "only one-off lines have a quantity; the others count for themselves") }
        try validator.throwIfInvalid()
        return result
    }

    /// Technicians do not see contract prices.
    public static func visible(_ contract: Contract, to role: StaffRole) -> Contract {
        guard role == .technician else { return contract }
        var result = contract
        for index in result.lines.indices { result.lines[index].unitPriceCents = nil }
        return result
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
        validator.check(
            result.status != .ended || result.endsOn != nil, "endsOn", "an ended contract needs its last day: it is billed up to it (give endsOn)")
        check(&validator, startsOn: result.startsOn, endsOn: result.endsOn)
        if let sla = update.sla { SLARules.check(&validator, sla, field: "sla") }
        validator.check(!(update.sla != nil && update.clearSLA == true), "clearSLA", "give new SLA terms or clear them, not both")
        if var billing = update.billing {
            billing.currency = billing.currency.uppercased()
            check(&validator, billing)
            result.billing = billing
        }
        if let coverage = update.coverage {
            check(&validator, coverage)
            result.coverage = coverage
        }
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
