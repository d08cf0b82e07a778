import ParcProtocol

/// Every word, date and number an invoice prints, in the client's document language: French
/// documents are French throughout (4 décembre 2026, 1 234,56 €, 5,5 %), English ones English.
public struct BillingText: Sendable {
    public var language: DocumentLanguage

    public init(_ language: DocumentLanguage) { self.language = language }

    var french: Bool { language == .fr }

    /// 4 décembre 2026 / 4 December 2026.
    public func date(_ day: CalendarDay) -> String {
        let (year, month, dayOfMonth) = day.civil
        let names =
            french
            ? ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
            : ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(dayOfMonth == 1 && french ? "1er" : String(dayOfMonth)) \(names[month - 1]) \(year)"
    }

    /// A stored `YYYY-MM-DD` as `date(_:)`, or as it is when it is not a date.
    public func date(_ text: String) -> String { CalendarDay(text).map(date) ?? text }

    /// 04/12/2026 / 04/12/2026 (day first in both: the documents are European).
    public func shortDate(_ day: CalendarDay) -> String {
        let (year, month, dayOfMonth) = day.civil
        return "\(dayOfMonth < 10 ? "0" : "")\(dayOfMonth)/\(month < 10 ? "0" : "")\(month)/\(year)"
    }

    /// du 01/02/2026 au 28/02/2026 / 01/02/2026 to 28/02/2026.
    public func span(_ first: CalendarDay, _ last: CalendarDay) -> String {
        french ? "du \(shortDate(first)) au \(shortDate(last))" : "\(shortDate(first)) to \(shortDate(last))"
    }

    /// Thousandths with the language's decimal mark and thousands separator: 1 234,5 / 1,234.5.
    public func quantity(_ milli: Int64) -> String {
        let whole = grouped(milli.magnitude / 1000)
        var fraction = String(milli.magnitude % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (milli < 0 ? "-" : "") + whole + (fraction.isEmpty ? "" : (french ? "," : ".") + fraction)
    }

    /// 1 234,56 € / €1,234.56 (another currency: its code).
    public func money(_ cents: Int64, _ currency: String) -> String {
        let fraction = cents.magnitude % 100
        let number = grouped(cents.magnitude / 100) + (french ? "," : ".") + (fraction < 10 ? "0" : "") + String(fraction)
        let sign = cents < 0 ? "-" : ""
        if french { return sign + number + "\u{A0}" + (currency == "EUR" ? "€" : currency) }
        return sign + (currency == "EUR" ? "€" : currency + "\u{A0}") + number
    }

    /// 5,5 % / 5.5%.
    public func percent(_ basisPoints: Int) -> String {
        let text = UBLInvoice.percent(basisPoints)
        return french ? text.replacingDots(with: ",") + "\u{A0}%" : text + "%"
    }

    func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += french ? "\u{202F}" : "," }
            result.append(digit)
        }
        return result
    }

    /// "1 device", "10 devices" / "1 appareil", "10 appareils".
    public func count(_ count: Int, _ kind: ContractLineKind) -> String {
        let (one, many): (String, String)
        switch (kind, french) {
        case (.perDevice, false): (one, many) = ("device", "devices")
        case (.perDevice, true): (one, many) = ("appareil", "appareils")
        case (.perUser, false): (one, many) = ("user", "users")
        case (.perUser, true): (one, many) = ("utilisateur", "utilisateurs")
        case (_, false): (one, many) = ("seat", "seats")
        case (_, true): (one, many) = ("poste", "postes")
        }
        return "\(count) \(count == 1 || (french && count == 0) ? one : many)"
    }

    /// "17/31 days" / "17/31 jours".
    public func days(_ days: Int, of calendarDays: Int) -> String { "\(days)/\(calendarDays) \(french ? "jours" : "days")" }

    /// "9 h 30".
    public func hours(minutes: Int) -> String {
        let rest = minutes % 60
        return "\(minutes / 60) h \(rest < 10 ? "0" : "")\(rest)"
    }

    public func unit(_ unit: QuantityUnit, milli: Int64) -> String {
        let plural = french ? milli >= 2000 : milli != 1000
        switch unit {
        case .unit: return ""
        case .day: return french ? (plural ? "jours" : "jour") : (plural ? "days" : "day")
        case .minute: return "min"
        }
    }

    /// The legal mention of a VAT exemption, citing the same articles in both languages.
    public func mention(_ exemption: VATExemption) -> String {
        guard !french else { return exemption.legalMention }
        switch exemption {
        case .franchise: return "VAT not applicable, art. 293 B of the French tax code (CGI)"
        case .reverseCharge: return "Reverse charge: VAT due by the customer (art. 259-1 CGI, art. 196 of Directive 2006/112/EC)"
        case .export: return "VAT exempt, art. 262 I of the French tax code (CGI)"
        case .exempt: return "VAT exempt, art. 261 of the French tax code (CGI)"
        }
    }

    /// Payment terms and the late-payment mentions French law requires (art. L441-10 and D441-5).
    public func paymentTerms(dueDate: String, latePenalty: String, currency: String) -> String {
        french
            ? "À régler au plus tard le \(date(dueDate)). Pas d'escompte pour paiement anticipé. En cas de retard : pénalités au \(latePenalty) "
                + "(art. L441-10 du Code de commerce) et indemnité forfaitaire pour frais de recouvrement de \(money(4000, "EUR")) (art. D441-5)."
            : "Payable by \(date(dueDate)). No discount for early payment. Late payment: penalties at the \(latePenalty) "
                + "(art. L441-10 of the French commercial code) and a fixed recovery indemnity of \(money(4000, "EUR")) (art. D441-5)."
    }

    /// A country's name from its ISO 3166 code; the code itself when it is not one Parc names.
    public func country(_ code: String) -> String {
        guard let names = Self.countries[code.uppercased()] else { return code }
        return french ? names.fr : names.en
    }

    static let countries: [String: (fr: String, en: String)] = [
        "AT": ("Autriche", "Austria"), "BE": ("Belgique", "Belgium"), "BG": ("Bulgarie", "Bulgaria"), "CY": ("Chypre", "Cyprus"),
        "CZ": ("Tchéquie", "Czechia"), "DE": ("Allemagne", "Germany"), "DK": ("Danemark", "Denmark"), "EE": ("Estonie", "Estonia"),
        "ES": ("Espagne", "Spain"), "FI": ("Finlande", "Finland"), "FR": ("France", "France"), "GR": ("Grèce", "Greece"), "HR": ("Croatie", "Croatia"),
        "HU": ("Hongrie", "Hungary"), "IE": ("Irlande", "Ireland"), "IT": ("Italie", "Italy"), "LT": ("Lituanie", "Lithuania"),
        "LU": ("Luxembourg", "Luxembourg"), "LV": ("Lettonie", "Latvia"), "MT": ("Malte", "Malta"), "NL": ("Pays-Bas", "Netherlands"),
        "PL": ("Pologne", "Poland"), "PT": ("Portugal", "Portugal"), "RO": ("Roumanie", "Romania"), "SE": ("Suède", "Sweden"),
        "SI": ("Slovénie", "Slovenia"), "SK": ("Slovaquie", "Slovakia"), "CH": ("Suisse", "Switzerland"), "GB": ("Royaume-Uni", "United Kingdom"),
        "MC": ("Monaco", "Monaco"), "NO": ("Norvège", "Norway"), "US": ("États-Unis", "United States"), "CA": ("Canada", "Canada"),
        "MA": ("Maroc", "Morocco"), "TN": ("Tunisie", "Tunisia"), "DZ": ("Algérie", "Algeria"), "SN": ("Sénégal", "Senegal"),
    ]
}

extension String {
    func replacingDots(with replacement: String) -> String {
        var result = ""
        for character in self { result += character == "." ? replacement : String(character) }
        return result
    }
}
