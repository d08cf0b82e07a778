import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// How the server sends mail: the relay, the sender's name, and the address clients open the
/// portal at (links in mail start with it).
struct MailSetup: Sendable, Equatable {
    var relay: MailRelay
    var fromName: String?
    var portalURL: String?
    var updatedAt = Date()
}

extension Store {
    /// The relay, with its password, for sending; nil until `parcctl mail set`.
    func mailSetup() async throws -> MailSetup? {
        try await database.withConnection { db in try await Self.mailSetup(db: db) }
    }

    static func mailSetup(db: any SQLDatabase) async throws -> MailSetup? {
        guard let row = try await db.raw("SELECT * FROM mail_settings WHERE id = 1").first() else { return nil }
        let relay = MailRelay(
            host: try row.decode(column: "host", as: String.self), port: try row.decode(column: "port", as: Int.self),
            security: MailSecurity(rawValue: try row.decode(column: "security", as: String.self)) ?? .starttls,
            username: try row.decode(column: "username", as: String?.self), password: try row.decode(column: "password", as: String?.self),
            fromAddress: try row.decode(column: "from_address", as: String.self), caFile: try row.decode(column: "ca_file", as: String?.self))
        return MailSetup(
            relay: relay, fromName: try row.decode(column: "from_name", as: String?.self), portalURL: try row.decode(column: "portal_url", as: String?.self),
            updatedAt: try row.date("updated_at"))
    }

    public func mailSettings() async throws -> MailSettings? {
        try await mailSetup().map(Self.settings)
    }

    static func settings(_ setup: MailSetup) -> MailSettings {
        let relay = setup.relay
        var settings = MailSettings(
            host: relay.host, port: relay.port, security: relay.security.rawValue, username: relay.username, hasPassword: !(relay.password ?? "").isEmpty,
            fromAddress: relay.fromAddress, fromName: setup.fromName, caFile: relay.caFile, updatedAt: setup.updatedAt)
        settings.portalURL = setup.portalURL
        return settings
    }

    /// The setup `update` describes, checked as typed (and completed with the password kept from
    /// before, when none is given and the user is the same); not stored.
    func mailSetup(from update: MailSettingsUpdate) async throws -> MailSetup {
        var problems: [ValidationIssue] = []
        func line(_ value: String?, _ field: String, max: Int) -> String? {
            guard let value else { return nil }
            // A line break would add a line to msmtp's configuration or a header.
            if value.contains(where: { $0.isNewline || ($0.asciiValue.map { $0 < 32 } ?? false) }) || value.count > max {
                problems.append(ValidationIssue(field: field, reason: "must be one line of at most \(max) characters"))
            }
            return value.isEmpty ? nil : value
        }
        let host = line(update.host.trimmingCharacters(in: .whitespaces), "host", max: 253) ?? ""
        if host.isEmpty || host.contains(" ") { problems.append(ValidationIssue(field: "host", reason: "name the relay, e.g. smtp.example.com")) }
        let security = MailSecurity(rawValue: update.security ?? "starttls")
        if security == nil { problems.append(ValidationIssue(field: "security", reason: "must be none, starttls or tls")) }
        let port = update.port ?? (security == .tls ? 465 : security == MailSecurity.none ? 25 : 587)
        if !(1...65_535).contains(port) { problems.append(ValidationIssue(field: "port", reason: "must be between 1 and 65535 (got \(port))")) }
        let username = line(update.username, "username", max: 256)
        var password = line(update.password, "password", max: 256)
        let fromName = line(update.fromName?.trimmingCharacters(in: .whitespaces), "fromName", max: 100)
        let caFile = line(update.caFile, "caFile", max: 1_024)
        let portalURL = line(update.portalURL?.trimmingCharacters(in: .whitespaces), "portalURL", max: 500).map {
            $0.hasSuffix("/") ? String($0.dropLast()) : $0
        }
        if let portalURL, !PortalAddress.isValid(portalURL) {
            problems.append(
                ValidationIssue(field: "portalURL", reason: "'\(portalURL)' is not an address such as https://parc.example.com (http or https, no query)"))
        }
        if let caFile, !caFile.hasPrefix("/") || !FileManager.default.isReadableFile(atPath: caFile) {
            problems.append(ValidationIssue(field: "caFile", reason: "\(caFile) is not a readable file on the server (give its absolute path)"))
        }
        do {
            _ = try MailAddress.checked(update.fromAddress, field: "fromAddress")
        } catch {
            problems += error.issues
        }
        if username != nil, security == MailSecurity.none {
            problems.append(ValidationIssue(field: "security", reason: "a password is sent only over TLS: use starttls or tls with a username"))
        }
        guard problems.isEmpty, let security else { throw ValidationError(problems) }
        if update.password == nil, let before = try await mailSetup()?.relay, before.username == username { password = before.password }
        return MailSetup(
            relay: MailRelay(
                host: host, port: port, security: security, username: username, password: password, fromAddress: update.fromAddress, caFile: caFile),
            fromName: fromName, portalURL: portalURL)
    }

    /// Keeps `setup` as the way mail goes.
    func setMailSetup(_ setup: MailSetup, now: Date = Date()) async throws -> MailSettings {
        let relay = setup.relay
        try await database.write { db in
            try await db.raw(
                """
                INSERT INTO mail_settings (id, host, port, security, username, password, from_address, from_name, ca_file, portal_url, updated_at)
                VALUES (1, \(bind: relay.host), \(bind: relay.port), \(bind: relay.security.rawValue), \(bind: relay.username), \(bind: relay.password),
                    \(bind: relay.fromAddress), \(bind: setup.fromName), \(bind: relay.caFile), \(bind: setup.portalURL), \(bind: Timestamp.string(now)))
                ON CONFLICT (id) DO UPDATE SET host = excluded.host, port = excluded.port, security = excluded.security,
                    username = excluded.username, password = excluded.password, from_address = excluded.from_address,
                    from_name = excluded.from_name, ca_file = excluded.ca_file, portal_url = excluded.portal_url, updated_at = excluded.updated_at
                """
            ).run()
        }
        var stored = setup
        stored.updatedAt = now
        return Self.settings(stored)
    }
}
