#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A postal address. `country` is an ISO 3166-1 alpha-2 code (`FR`).
public struct PostalAddress: Codable, Sendable, Equatable {
    public var line1: String
    public var line2: String?
    public var postalCode: String
    public var city: String
    public var country: String

    public init(line1: String, line2: String? = nil, postalCode: String, city: String, country: String = "FR") {
        self.line1 = line1
        self.line2 = line2
        self.postalCode = postalCode
        self.city = city
        self.country = country
    }
}

/// A client company of the service provider.
///
/// `code` is the short unique handle staff type (`ACME`); it never changes once created.
/// `defaultVATBasisPoints` is the VAT rate in hundredths of a percent (2000 = 20%).
public struct Client: Codable, Sendable, Equatable {
    public var id: Int64
    public var code: String
    public var name: String
    public var siren: String?
    public var siret: String?
    public var vatNumber: String?
    public var billingAddress: PostalAddress?
    public var contactEmail: String?
    public var currency: String
    public var defaultVATBasisPoints: Int
    /// The language of the client's invoices and credit notes (fr by default).
    public var documentLanguage: DocumentLanguage = .fr
    /// Its portal members see all of its tickets, not only those they reported or follow.
    public var sharedTickets = false
    public var notes: String?
    public var active: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, code: String, name: String, siren: String?, siret: String?, vatNumber: String?,
        billingAddress: PostalAddress?, contactEmail: String?, currency: String, defaultVATBasisPoints: Int,
        notes: String?, active: Bool, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.siren = siren
        self.siret = siret
        self.vatNumber = vatNumber
        self.billingAddress = billingAddress
        self.contactEmail = contactEmail
        self.currency = currency
        self.defaultVATBasisPoints = defaultVATBasisPoints
        self.notes = notes
        self.active = active
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What staff send to create a client. Absent optional fields stay empty; currency defaults to EUR
/// and the VAT rate to 20%.
public struct NewClient: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var siren: String?
    public var siret: String?
    public var vatNumber: String?
    public var billingAddress: PostalAddress?
    public var contactEmail: String?
    public var currency: String?
    public var defaultVATBasisPoints: Int?
    /// fr (default) or en: the language of its invoices and credit notes.
    public var documentLanguage: DocumentLanguage?
    public var notes: String?

    public init(
        code: String, name: String, siren: String? = nil, siret: String? = nil, vatNumber: String? = nil,
        billingAddress: PostalAddress? = nil, contactEmail: String? = nil, currency: String? = nil,
        defaultVATBasisPoints: Int? = nil, notes: String? = nil
    ) {
        self.code = code
        self.name = name
        self.siren = siren
        self.siret = siret
        self.vatNumber = vatNumber
        self.billingAddress = billingAddress
        self.contactEmail = contactEmail
        self.currency = currency
        self.defaultVATBasisPoints = defaultVATBasisPoints
        self.notes = notes
    }
}

/// A partial update of a client: absent fields are left as they are; an empty string clears an
/// optional text field. The code cannot change.
public struct ClientUpdate: Codable, Sendable, Equatable {
    public var name: String?
    public var siren: String?
    public var siret: String?
    public var vatNumber: String?
    public var billingAddress: PostalAddress?
    public var contactEmail: String?
    public var currency: String?
    public var defaultVATBasisPoints: Int?
    /// fr (default) or en: the language of its invoices and credit notes.
    public var documentLanguage: DocumentLanguage?
    public var sharedTickets: Bool?
    public var notes: String?
    public var active: Bool?

    public init(
        name: String? = nil, siren: String? = nil, siret: String? = nil, vatNumber: String? = nil,
        billingAddress: PostalAddress? = nil, contactEmail: String? = nil, currency: String? = nil,
        defaultVATBasisPoints: Int? = nil, notes: String? = nil, active: Bool? = nil
    ) {
        self.name = name
        self.siren = siren
        self.siret = siret
        self.vatNumber = vatNumber
        self.billingAddress = billingAddress
        self.contactEmail = contactEmail
        self.currency = currency
        self.defaultVATBasisPoints = defaultVATBasisPoints
        self.notes = notes
        self.active = active
    }
}
