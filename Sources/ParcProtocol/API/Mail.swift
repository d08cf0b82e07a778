import Foundation

/// How the server sends mail: the provider's SMTP relay. The password is never shown back.
public struct MailSettings: Codable, Sendable, Equatable {
    public var host: String
    public var port: Int
    /// `none`, `starttls` (port 587) or `tls` (port 465).
    public var security: String
    public var username: String?
    public var hasPassword: Bool
    public var fromAddress: String
    public var fromName: String?
    /// A CA file on the server to check the relay's certificate against, instead of the system's.
    public var caFile: String?
    /// The address clients open the portal at; invitation and reset links are mailed only once it is set.
    public var portalURL: String?
    public var updatedAt: Date

    public init(
        host: String, port: Int, security: String, username: String?, hasPassword: Bool, fromAddress: String, fromName: String?, caFile: String?,
        updatedAt: Date
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.hasPassword = hasPassword
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.caFile = caFile
        self.updatedAt = updatedAt
    }
}

/// `PUT /api/v1/mail`: the relay, checked (it answers, with the security asked for) before it is kept.
public struct MailSettingsUpdate: Codable, Sendable, Equatable {
    public var host: String
    public var port: Int?
    public var security: String?
    public var username: String?
    /// Absent: keep the password set before (if the user is unchanged); empty: none.
    public var password: String?
    public var fromAddress: String
    public var fromName: String?
    public var caFile: String?
    /// `https://parc.example.com`: where links in mail point.
    public var portalURL: String?

    public init(
        host: String, port: Int? = nil, security: String? = nil, username: String? = nil, password: String? = nil, fromAddress: String,
        fromName: String? = nil, caFile: String? = nil, portalURL: String? = nil
    ) {
        self.portalURL = portalURL
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.caFile = caFile
    }
}

/// `POST /api/v1/mail/test`: one message, sent now, to `to`.
public struct MailTest: Codable, Sendable, Equatable {
    public var to: String

    public init(to: String) { self.to = to }
}

public struct MailTestResult: Codable, Sendable, Equatable {
    public var sent: Bool
    /// What the relay said when it refused (bad credentials, an unknown sender...).
    public var error: String?

    public init(sent: Bool, error: String? = nil) {
        self.sent = sent
        self.error = error
    }
}

/// Who is told of one event by e-mail, for one client or (no client) by default for every client
/// without a rule of its own; at once or in one digest a day, in French or English.
public struct MailRule: Codable, Sendable, Equatable {
    public var clientCode: String?
    public var event: NotificationEvent
    /// `contact`, `client-admins`, `technician`, `staff:EMAIL`.
    public var recipients: [String]
    /// `immediate` or `digest`; SLA breaches are sent at once whatever it says.
    public var cadence: String
    public var language: String

    public init(clientCode: String?, event: NotificationEvent, recipients: [String], cadence: String, language: String) {
        self.clientCode = clientCode
        self.event = event
        self.recipients = recipients
        self.cadence = cadence
        self.language = language
    }
}

/// `PUT /api/v1/mail/rules`: sets (replaces) the rule for `event` and `client` (none: the default).
public struct MailRuleUpdate: Codable, Sendable, Equatable {
    public var client: String?
    public var event: NotificationEvent
    public var recipients: [String]
    public var cadence: String?
    public var language: String?

    public init(client: String? = nil, event: NotificationEvent, recipients: [String], cadence: String? = nil, language: String? = nil) {
        self.client = client
        self.event = event
        self.recipients = recipients
        self.cadence = cadence
        self.language = language
    }
}
