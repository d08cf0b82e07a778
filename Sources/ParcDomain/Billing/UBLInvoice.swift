import ParcProtocol

/// An issued invoice or credit note as a UBL 2.1 document following EN 16931 (the European
/// e-invoicing norm accounting software and ERPs import).
///
/// EN 16931 needs both parties' postal addresses, the seller's VAT number for VAT-rated lines (and
/// the buyer's for reverse charge); `document` says which is missing rather than writing an
/// invoice a receiver would reject.
public enum UBLInvoice {
    public struct Parties: Sendable {
        public var seller: ProviderIdentity
        public var buyer: Client
        /// A credit note's invoice number and issue date.
        public var creditedNumber: String?
        public var creditedIssueDate: String?

        public init(seller: ProviderIdentity, buyer: Client, creditedNumber: String? = nil, creditedIssueDate: String? = nil) {
            self.seller = seller
            self.buyer = buyer
            self.creditedNumber = creditedNumber
            self.creditedIssueDate = creditedIssueDate
        }
    }

    public static func document(_ invoice: Invoice, _ parties: Parties) throws(ValidationError) -> String {
        guard let number = invoice.number else { throw ValidationError(field: "status", reason: "a draft has no number yet: issue it first") }
        var validator = Validator()
        validator.check(parties.seller.address != nil, "provider.address", "set the provider's address (parcctl provider set --address-line1 ...)")
        validator.check(parties.buyer.billingAddress != nil, "client.billingAddress", "client \(parties.buyer.code) has no billing address")
        if invoice.lines.contains(where: { $0.vatExemption == nil || $0.vatExemption == .reverseCharge || $0.vatExemption == .export }) {
            validator.check(parties.seller.vatNumber != nil, "provider.vatNumber", "set the provider's VAT number (parcctl provider set --vat-number ...)")
        }
        if invoice.lines.contains(where: { $0.vatExemption == .reverseCharge }) {
            validator.check(parties.buyer.vatNumber != nil, "client.vatNumber", "reverse charge needs client \(parties.buyer.code)'s VAT number")
        }
        try validator.throwIfInvalid()

        let isCredit = invoice.kind == .creditNote
        let currency = invoice.currency
        func tag(_ name: String, _ cents: Int64) -> String { "<cbc:\(name) currencyID=\"\(currency)\">\(Money.decimal(cents))</cbc:\(name)>" }
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <\(isCredit ? "CreditNote" : "Invoice") xmlns="urn:oasis:names:specification:ubl:schema:xsd:\(isCredit ? "CreditNote" : "Invoice")-2" \
            xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" \
            xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
            <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
            <cbc:ID>\(XMLText.escape(number))</cbc:ID>
            <cbc:IssueDate>\(invoice.issueDate)</cbc:IssueDate>

            """
        if !isCredit { xml += "<cbc:DueDate>\(invoice.dueDate)</cbc:DueDate>\n" }
        xml +=
            "<cbc:\(isCredit ? "CreditNoteTypeCode" : "InvoiceTypeCode")>\(isCredit ? "381" : "380")</cbc:\(isCredit ? "CreditNoteTypeCode" : "InvoiceTypeCode")>\n"
        for note in legalNotes(invoice, parties.seller) { xml += "<cbc:Note>\(XMLText.escape(note))</cbc:Note>\n" }
        xml += "<cbc:DocumentCurrencyCode>\(currency)</cbc:DocumentCurrencyCode>\n"
        if let from = invoice.periodFirst, let to = invoice.periodLast {
            xml += "<cac:InvoicePeriod><cbc:StartDate>\(from)</cbc:StartDate><cbc:EndDate>\(to)</cbc:EndDate></cac:InvoicePeriod>\n"
        }
        if let credited = parties.creditedNumber {
            xml +=
                "<cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>\(XMLText.escape(credited))</cbc:ID>"
                + (parties.creditedIssueDate.map { "<cbc:IssueDate>\($0)</cbc:IssueDate>" } ?? "")
                + "</cac:InvoiceDocumentReference></cac:BillingReference>\n"
        }
        let seller = parties.seller
        let buyer = parties.buyer
        xml +=
            "<cac:AccountingSupplierParty>"
            + party(
                name: seller.name, address: seller.address, vatNumber: seller.vatNumber, siren: seller.siren, legalForm: seller.legalForm, email: seller.email)
            + "</cac:AccountingSupplierParty>\n"
        xml +=
            "<cac:AccountingCustomerParty>"
            + party(
                name: buyer.name, address: buyer.billingAddress, vatNumber: buyer.vatNumber, siren: buyer.siren, legalForm: nil, email: buyer.contactEmail)
            + "</cac:AccountingCustomerParty>\n"
        if !isCredit, let iban = seller.iban {
            xml +=
                "<cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode><cbc:PaymentID>\(XMLText.escape(number))</cbc:PaymentID>"
                + "<cac:PayeeFinancialAccount><cbc:ID>\(XMLText.escape(iban))</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>\n"
        }
        if !isCredit { xml += "<cac:PaymentTerms><cbc:Note>\(XMLText.escape(paymentTerms(invoice, seller)))</cbc:Note></cac:PaymentTerms>\n" }
        xml += "<cac:TaxTotal>" + tag("TaxAmount", invoice.vatCents)
        for rate in invoice.vat {
            xml +=
                "<cac:TaxSubtotal>" + tag("TaxableAmount", rate.subtotalCents) + tag("TaxAmount", rate.vatCents)
                + category(rate.basisPoints, rate.exemption, tag: "TaxCategory", reason: rate.exemption.map(BillingText(invoice.language).mention))
                + "</cac:TaxSubtotal>"
        }
        xml += "</cac:TaxTotal>\n"
        xml +=
            "<cac:LegalMonetaryTotal>" + tag("LineExtensionAmount", invoice.netCents) + tag("TaxExclusiveAmount", invoice.netCents)
            + tag("TaxInclusiveAmount", invoice.grossCents) + tag("PayableAmount", invoice.grossCents) + "</cac:LegalMonetaryTotal>\n"
        for line in invoice.lines {
            let element = isCredit ? "CreditNoteLine" : "InvoiceLine"
            let quantityElement = isCredit ? "CreditedQuantity" : "InvoicedQuantity"
            let unit = line.unit.uneceCode
            // Price per base quantity: quantity × price ÷ base is the line amount (EN 16931 BT-149).
            let base = line.baseQuantity == 1 ? "" : "<cbc:BaseQuantity unitCode=\"\(unit)\">\(line.baseQuantity)</cbc:BaseQuantity>"
            xml +=
                "<cac:\(element)><cbc:ID>\(line.position)</cbc:ID>"
                + "<cbc:\(quantityElement) unitCode=\"\(unit)\">\(quantity(line.quantityMilli))</cbc:\(quantityElement)>"
                + tag("LineExtensionAmount", line.amountCents)
                + "<cac:Item><cbc:Name>\(XMLText.escape(line.description))</cbc:Name>"
                + category(line.vatBasisPoints, line.vatExemption, tag: "ClassifiedTaxCategory", reason: nil) + "</cac:Item>"
                + "<cac:Price>" + tag("PriceAmount", line.unitPriceCents) + base + "</cac:Price></cac:\(element)>\n"
        }
        xml += "</\(isCredit ? "CreditNote" : "Invoice")>\n"
        return xml
    }

    /// The mentions French law requires on an invoice beyond the parties and amounts, and a credit
    /// note's reason, in the document's language.
    public static func legalNotes(_ invoice: Invoice, _ seller: ProviderIdentity) -> [String] {
        let text = BillingText(invoice.language)
        var notes: [String] = []
        if let form = seller.legalForm { notes.append(form + (seller.registration.map { ", \($0)" } ?? "")) }
        for exemption in Set(invoice.lines.compactMap(\.vatExemption)).sorted(by: { $0.rawValue < $1.rawValue }) { notes.append(text.mention(exemption)) }
        if let reason = invoice.creditReason { notes.append((invoice.language == .fr ? "Motif : " : "Reason: ") + reason) }
        return notes
    }

    public static func paymentTerms(_ invoice: Invoice, _ seller: ProviderIdentity) -> String {
        BillingText(invoice.language).paymentTerms(dueDate: invoice.dueDate, latePenalty: seller.latePenalty, currency: invoice.currency)
    }

    static func party(name: String, address: PostalAddress?, vatNumber: String?, siren: String?, legalForm: String?, email: String?) -> String {
        var xml = "<cac:Party>"
        if let address {
            xml += "<cac:PostalAddress><cbc:StreetName>\(XMLText.escape(address.line1))</cbc:StreetName>"
            if let line2 = address.line2 { xml += "<cbc:AdditionalStreetName>\(XMLText.escape(line2))</cbc:AdditionalStreetName>" }
            xml +=
                "<cbc:CityName>\(XMLText.escape(address.city))</cbc:CityName><cbc:PostalZone>\(XMLText.escape(address.postalCode))</cbc:PostalZone>"
                + "<cac:Country><cbc:IdentificationCode>\(XMLText.escape(address.country))</cbc:IdentificationCode></cac:Country></cac:PostalAddress>"
        }
        if let vatNumber {
            xml +=
                "<cac:PartyTaxScheme><cbc:CompanyID>\(XMLText.escape(vatNumber))</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>"
        }
        xml += "<cac:PartyLegalEntity><cbc:RegistrationName>\(XMLText.escape(name))</cbc:RegistrationName>"
        if let siren { xml += "<cbc:CompanyID schemeID=\"0002\">\(XMLText.escape(siren))</cbc:CompanyID>" }
        if let legalForm { xml += "<cbc:CompanyLegalForm>\(XMLText.escape(legalForm))</cbc:CompanyLegalForm>" }
        xml += "</cac:PartyLegalEntity>"
        if let email { xml += "<cac:Contact><cbc:ElectronicMail>\(XMLText.escape(email))</cbc:ElectronicMail></cac:Contact>" }
        return xml + "</cac:Party>"
    }

    /// The VAT category: S (standard) with its rate, or the exemption's code (E, AE, G) at 0 with,
    /// in the breakdown, the legal mention as the exemption reason.
    static func category(_ basisPoints: Int, _ exemption: VATExemption?, tag: String, reason: String?) -> String {
        var xml = "<cac:\(tag)><cbc:ID>\(exemption?.categoryCode ?? "S")</cbc:ID><cbc:Percent>\(percent(basisPoints))</cbc:Percent>"
        if let reason { xml += "<cbc:TaxExemptionReason>\(XMLText.escape(reason))</cbc:TaxExemptionReason>" }
        return xml + "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:\(tag)>"
    }

    /// 2000 → 20, 550 → 5.5, 210 → 2.1.
    static func percent(_ basisPoints: Int) -> String {
        let whole = basisPoints / 100
        let fraction = basisPoints % 100
        guard fraction != 0 else { return String(whole) }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// Thousandths as a decimal: 10500 → 10.5.
    static func quantity(_ milli: Int64) -> String {
        let sign = milli < 0 ? "-" : ""
        let whole = milli.magnitude / 1000
        let fraction = milli.magnitude % 1000
        guard fraction != 0 else { return sign + String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(sign)\(whole).\(digits)"
    }
}
