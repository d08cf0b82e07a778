import ParcProtocol

/// Normalisation and validation of clients, employees, sites and staff before they are stored.
///
/// Each function returns the value as it will be stored (trimmed, codes upper-cased, empty strings
/// turned into absent fields) or throws every problem found.
public enum DirectoryRules {
    public static let maximumNameLength = 200
    public static let maximumNotesLength = 10_000

    /// Client codes: 2 to 16 characters, A–Z, 0–9, `-` and `_`, starting with a letter or digit.
    public static func normalizedClientCode(_ raw: String) -> String {
        raw.trimmingWhitespace().uppercased()
    }

    public static func isValidClientCode(_ code: String) -> Bool {
        guard (2...16).contains(code.count), let first = code.first, first.isASCIIDigit || first.isASCIIUppercaseLetter
        else { return false }
        return code.allSatisfy { $0.isASCIIDigit || $0.isASCIIUppercaseLetter || $0 == "-" || $0 == "_" }
    }

    public static func isPlausibleEmail(_ value: String) -> Bool {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), value.count <= 254
        else { return false }
        return !value.contains(where: { $0.isWhitespace })
    }

    public static func validated(_ new: NewClient) throws(ValidationError) -> NewClient {
        var client = new
        client.code = normalizedClientCode(new.code)
        client.name = new.name.trimmingWhitespace()
        client.siren = new.siren.map { $0.removingSpaces() }.nilIfEmpty
        client.siret = new.siret.map { $0.removingSpaces() }.nilIfEmpty
        client.vatNumber = new.vatNumber.map { $0.removingSpaces().uppercased() }.nilIfEmpty
        client.contactEmail = new.contactEmail?.trimmingWhitespace().nilIfEmpty
        client.currency = (new.currency?.trimmingWhitespace().uppercased()).nilIfEmpty ?? "EUR"
        client.defaultVATBasisPoints = new.defaultVATBasisPoints ?? 2000
        client.notes = new.notes?.nilIfEmpty
        client.billingAddress = new.billingAddress.map(normalized)

        var validator = Validator()
        validator.check(isValidClientCode(client.code), "code", "must be 2 to 16 characters: letters, digits, '-' or '_'")
        checkCommon(
            &validator, name: client.name, siren: client.siren, siret: client.siret, vatNumber: client.vatNumber,
            email: client.contactEmail, currency: client.currency, vat: client.defaultVATBasisPoints,
            notes: client.notes, address: client.billingAddress
        )
        try validator.throwIfInvalid()
        return client
    }

    /// Applies `update` to `client` and validates the result as a whole (a new SIRET must match the SIREN).
    public static func applying(_ update: ClientUpdate, to client: Client) throws(ValidationError) -> Client {
        var result = client
        if let name = update.name { result.name = name.trimmingWhitespace() }
        if let siren = update.siren { result.siren = siren.removingSpaces().nilIfEmpty }
        if let siret = update.siret { result.siret = siret.removingSpaces().nilIfEmpty }
        if let vat = update.vatNumber { result.vatNumber = vat.removingSpaces().uppercased().nilIfEmpty }
        if let address = update.billingAddress { result.billingAddress = normalized(address) }
        if let email = update.contactEmail { result.contactEmail = email.trimmingWhitespace().nilIfEmpty }
        if let currency = update.currency { result.currency = currency.trimmingWhitespace().uppercased() }
        if let vat = update.defaultVATBasisPoints { result.defaultVATBasisPoints = vat }
        if let language = update.documentLanguage { result.documentLanguage = language }
        if let shared = update.sharedTickets { result.sharedTickets = shared }
        if let notes = update.notes { result.notes = notes.nilIfEmpty }
        if let active = update.active { result.active = active }

        var validator = Validator()
        checkCommon(
            &validator, name: result.name, siren: result.siren, siret: result.siret, vatNumber: result.vatNumber,
            email: result.contactEmail, currency: result.currency, vat: result.defaultVATBasisPoints,
            notes: result.notes, address: result.billingAddress
        )
        try validator.throwIfInvalid()
        return result
    }

    public static func validated(_ new: NewEmployee) throws(ValidationError) -> NewEmployee {
        var employee = new
        employee.name = new.name.trimmingWhitespace()
        employee.email = new.email?.trimmingWhitespace().lowercased().nilIfEmpty
        employee.department = new.department?.trimmingWhitespace().nilIfEmpty
        var validator = Validator()
        checkName(&validator, employee.name)
        if let email = employee.email { validator.check(isPlausibleEmail(email), "email", "is not an email address") }
        validator.check((employee.department?.count ?? 0) <= maximumNameLength, "department", "is too long")
        try validator.throwIfInvalid()
        return employee
    }

    public static func applying(_ update: EmployeeUpdate, to employee: Employee) throws(ValidationError) -> Employee {
        var result = employee
        if let name = update.name { result.name = name.trimmingWhitespace() }
        if let email = update.email { result.email = email.trimmingWhitespace().lowercased().nilIfEmpty }
        if let department = update.department { result.department = department.trimmingWhitespace().nilIfEmpty }
        if let siteID = update.siteID { result.siteID = siteID == 0 ? nil : siteID }
        if let active = update.active { result.active = active }
        var validator = Validator()
        checkName(&validator, result.name)
        if let email = result.email { validator.check(isPlausibleEmail(email), "email", "is not an email address") }
        try validator.throwIfInvalid()
        return result
    }

    public static func validated(_ new: NewSite) throws(ValidationError) -> NewSite {
        var site = new
        site.name = new.name.trimmingWhitespace()
        site.notes = new.notes?.nilIfEmpty
        site.address = new.address.map(normalized)
        var validator = Validator()
        checkName(&validator, site.name)
        if let address = site.address { checkAddress(&validator, address, field: "address") }
        try validator.throwIfInvalid()
        return site
    }

    public static func applying(_ update: SiteUpdate, to site: Site) throws(ValidationError) -> Site {
        var result = site
        if let name = update.name { result.name = name.trimmingWhitespace() }
        if let address = update.address { result.address = normalized(address) }
        if let notes = update.notes { result.notes = notes.nilIfEmpty }
        if let active = update.active { result.active = active }
        var validator = Validator()
        checkName(&validator, result.name)
        if let address = result.address { checkAddress(&validator, address, field: "address") }
        try validator.throwIfInvalid()
        return result
    }

    public static func validated(_ new: NewStaffUser) throws(ValidationError) -> NewStaffUser {
        var staff = new
        staff.email = new.email.trimmingWhitespace().lowercased()
        staff.name = new.name.trimmingWhitespace()
        var validator = Validator()
        validator.check(isPlausibleEmail(staff.email), "email", "is not an email address")
        checkName(&validator, staff.name)
        try validator.throwIfInvalid()
        return staff
    }

    public static func validated(_ new: NewAPIToken) throws(ValidationError) -> NewAPIToken {
        var token = new
        token.label = new.label.trimmingWhitespace()
        var validator = Validator()
        validator.check(!token.label.isEmpty, "label", "must not be empty")
        validator.check(token.label.count <= 100, "label", "must be at most 100 characters")
        if let days = token.expiresInDays {
            validator.check((1...3650).contains(days), "expiresInDays", "must be between 1 and 3650")
        }
        try validator.throwIfInvalid()
        return token
    }

    // MARK: - Shared checks

    private static func checkName(_ validator: inout Validator, _ name: String) {
        validator.check(!name.isEmpty, "name", "must not be empty")
        validator.check(name.count <= maximumNameLength, "name", "must be at most \(maximumNameLength) characters")
    }

    /// The provider's own identity, checked like a client's.
    public static func validated(_ provider: ProviderIdentity) throws(ValidationError) -> ProviderIdentity {
        var result = provider
        result.name = provider.name.trimmingWhitespace()
        result.siren = provider.siren?.removingSpaces().nilIfEmpty
        result.siret = provider.siret?.removingSpaces().nilIfEmpty
        result.vatNumber = provider.vatNumber.map { $0.removingSpaces().uppercased() }.nilIfEmpty
        result.iban = provider.iban.map { $0.removingSpaces().uppercased() }.nilIfEmpty
        result.stockClient = provider.stockClient?.trimmingWhitespace().uppercased().nilIfEmpty
        var validator = Validator()
        if let stock = result.stockClient { validator.check(isValidClientCode(stock), "stockClient", "must be a client code (got \(stock))") }
        checkCommon(
            &validator, name: result.name, siren: result.siren, siret: result.siret, vatNumber: result.vatNumber, email: provider.email, currency: nil,
            vat: nil,
            notes: nil, address: provider.address.map(normalized))
        try validator.throwIfInvalid()
        result.address = provider.address.map(normalized)
        return result
    }

    private static func checkCommon(
        _ validator: inout Validator, name: String, siren: String?, siret: String?, vatNumber: String?,
        email: String?, currency: String?, vat: Int?, notes: String?, address: PostalAddress?
    ) {
        checkName(&validator, name)
        if let siren { validator.check(FrenchIdentifiers.isValidSIREN(siren), "siren", "is not a valid SIREN (9 digits, Luhn check)") }
        if let siret {
            validator.check(FrenchIdentifiers.isValidSIRET(siret), "siret", "is not a valid SIRET (14 digits, Luhn check)")
            if let siren, FrenchIdentifiers.isValidSIRET(siret) {
                validator.check(siret.hasPrefix(siren), "siret", "does not start with the client's SIREN")
            }
        }
        if let vatNumber {
            validator.check(FrenchIdentifiers.isValidVATNumber(vatNumber), "vatNumber", "is not a valid VAT number")
            if let siren, vatNumber.hasPrefix("FR"), vatNumber.count == 13 {
                validator.check(vatNumber.hasSuffix(siren), "vatNumber", "does not match the client's SIREN")
            }
        }
        if let email { validator.check(isPlausibleEmail(email), "contactEmail", "is not an email address") }
        if let currency {
            validator.check(currency.count == 3 && currency.allSatisfy(\.isASCIIUppercaseLetter), "currency", "must be an ISO 4217 code such as EUR")
        }
        if let vat { validator.check((0...10_000).contains(vat), "defaultVATBasisPoints", "must be between 0 and 10000 (100%)") }
        validator.check((notes?.count ?? 0) <= maximumNotesLength, "notes", "must be at most \(maximumNotesLength) characters")
        if let address { checkAddress(&validator, address, field: "billingAddress") }
    }

    private static func checkAddress(_ validator: inout Validator, _ address: PostalAddress, field: String) {
        validator.check(!address.line1.isEmpty, "\(field).line1", "must not be empty")
        validator.check(!address.city.isEmpty, "\(field).city", "must not be empty")
        validator.check(
            address.country.count == 2 && address.country.allSatisfy(\.isASCIIUppercaseLetter),
            "\(field).country", "must be an ISO 3166 alpha-2 code such as FR")
    }

    private static func normalized(_ address: PostalAddress) -> PostalAddress {
        PostalAddress(
            line1: address.line1.trimmingWhitespace(), line2: address.line2?.trimmingWhitespace().nilIfEmpty,
            postalCode: address.postalCode.trimmingWhitespace(), city: address.city.trimmingWhitespace(),
            country: address.country.trimmingWhitespace().uppercased())
    }
}

extension String {
    func removingSpaces() -> String { String(filter { !$0.isWhitespace }) }
}

extension Optional where Wrapped == String {
    var nilIfEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
