import ParcProtocol

/// Who is told of an event by e-mail, for one client (or the provider's default for every client).
public enum MailRecipient: Hashable, Sendable, Comparable {
    /// The client's contact address (`parcctl client update --contact-email`).
    case contact
    /// The client's portal administrators.
    case clientAdmins
    /// The technician the ticket is assigned to (ticket events only).
    case technician
    /// One of the provider's staff, by e-mail: the people who look after this client's account.
    case staff(String)

    /// As typed: `contact`, `client-admins`, `technician` or `staff:EMAIL`.
    public init(parsing text: String) throws(ValidationError) {
        let token = text.trimmingSpaces
        switch token.lowercased() {
        case "contact": self = .contact
        case "client-admins": self = .clientAdmins
        case "technician": self = .technician
        default:
            guard token.lowercased().hasPrefix("staff:") else {
                throw ValidationError(field: "recipients", reason: "'\(token)' is not contact, client-admins, technician or staff:EMAIL")
            }
            self = .staff(try MailAddress.checked(String(token.dropFirst(6)), field: "recipients").lowercased())
        }
    }

    public var text: String {
        switch self {
        case .contact: "contact"
        case .clientAdmins: "client-admins"
        case .technician: "technician"
        case .staff(let address): "staff:" + address
        }
    }

    /// Recipients on the client's side see only their own client's mail; staff may get several
    /// clients' events in one digest.
    public var isClientSide: Bool {
        switch self {
        case .contact, .clientAdmins: true
        case .technician, .staff: false
        }
    }

    /// A list as typed, comma-separated; at least one, at most 20, without repeats.
    public static func parseList(_ text: String) throws(ValidationError) -> [MailRecipient] {
        var list: [MailRecipient] = []
        for part in text.split(separator: ",") {
            let recipient = try MailRecipient(parsing: String(part))
            if !list.contains(recipient) { list.append(recipient) }
        }
        guard !list.isEmpty else { throw ValidationError(field: "recipients", reason: "name at least one recipient") }
        guard list.count <= 20 else { throw ValidationError(field: "recipients", reason: "at most 20 recipients") }
        return list
    }
}

/// When a recipient is told: at once, or in one digest a day.
public enum MailCadence: String, Sendable, CaseIterable {
    case immediate
    case digest
}

public enum MailRules {
    /// A breached SLA is never held for a digest, whatever the rule says: it is news now. (It
    /// reaches notifications as an `alert.raised` event of kind `sla-breached`.)
    public static func cadence(alertKind: AlertKind?, chosen: MailCadence) -> MailCadence {
        alertKind == .slaBreached ? .immediate : chosen
    }

    /// The day (UTC) a digest gathers an event into; its digest goes once that day is over.
    public static func digestDay(unixSeconds: Int64) -> CalendarDay {
        CalendarDay(epochSeconds: unixSeconds, offsetSeconds: 0)
    }

    /// The languages mail is written in.
    public static let languages: Set<String> = ["fr", "en"]
}

/// How the server reaches the provider's relay.
public enum MailSecurity: String, Sendable, CaseIterable {
    /// Plain SMTP: a relay on the same host or network only.
    case none
    /// SMTP, then STARTTLS before anything else is said (port 587).
    case starttls
    /// TLS from the first byte (SMTPS, port 465).
    case tls
}

public enum MailAddress {
    /// `text` when it can stand in a header as one address: `local@domain`, no spaces, angle
    /// brackets or line breaks (a header injected through an address is the classic attack).
    public static func checked(_ text: String, field: String) throws(ValidationError) -> String {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let forbidden: Set<Character> = [" ", "<", ">", ",", ";", "\"", "\r", "\n", "\t", "(", ")", "\\"]
        guard text.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !text.contains(where: { forbidden.contains($0) || $0.asciiValue.map { $0 < 32 || $0 == 127 } == true })
        else {
            throw ValidationError(field: field, reason: "'\(text)' is not an e-mail address such as name@example.com")
        }
        return text
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
