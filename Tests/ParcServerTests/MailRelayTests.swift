import Crypto
import Foundation
import ParcDomain
import ParcProtocol
import ParcTestSupport
import Testing

@testable import ParcServer

/// Mail through the real parts: msmtp (Debian) hands messages to a real SMTP server (aiosmtpd,
/// Debian's python3-aiosmtpd) behind STARTTLS and AUTH, and Python's email library reads back what
/// arrived: the reading is not ours.
@Suite struct MailRelayTests {
    static let ready = SMTPSink.available
    static let why = Comment(rawValue: SMTPSink.why)

    @Test(.enabled(if: ready, why))
    func aMultipartMessageArrivesOverStartTLSWithAuthAsWritten() async throws {
        let sink = try await SMTPSink()
        let pdf = Data((0..<40_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let message = MailMessage(
            fromAddress: "alertes@provider.example", fromName: "Prestataire Informatique — Alertes", to: "jeanne@acme.example",
            subject: "Garantie : le portable « PC-042 » de Jeanne Martin arrive à échéance dans 30 jours, le 2027-01-04",
            text: "Bonjour,\nLa garantie de PC-042 se termine le 2027-01-04.\n\n" + String(repeating: "Ligne longue ", count: 40),
            html: "<p>Bonjour,</p><p>La garantie de <strong>PC-042</strong> se termine le 2027-01-04.</p>",
            attachments: [.init(filename: "F2026-000123.pdf", contentType: "application/pdf", data: pdf)],
            messageID: MailMessage.messageID(key: "delivery-17", fromAddress: "alertes@provider.example"),
            listUnsubscribe: "mailto:alertes@provider.example?subject=unsubscribe", date: Date(timeIntervalSince1970: 1_796_000_000))
        try await sink.relay().send(message.rendered(), to: "jeanne@acme.example")
        let mail = try #require(sink.received.first)
        #expect(sink.received.count == 1)
        #expect(mail["rcptTos"] as? [String] == ["jeanne@acme.example"])
        #expect(mail["mailFrom"] as? String == "alertes@provider.example")
        #expect(mail["authenticated"] as? Bool == true)
        #expect(mail["subject"] as? String == message.subject)
        #expect(mail["from"] as? String == "Prestataire Informatique — Alertes <alertes@provider.example>")
        #expect(mail["messageID"] as? String == "<delivery-17@provider.example>")
        #expect(mail["listUnsubscribe"] as? String == "<mailto:alertes@provider.example?subject=unsubscribe>")
        #expect(mail["autoSubmitted"] as? String == "auto-generated")
        #expect(mail["contentType"] as? String == "multipart/mixed")
        #expect((mail["defects"] as? [String])?.isEmpty == true, "\(mail)")
        #expect((mail["text"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == message.text)
        #expect((mail["html"] as? String)?.replacingOccurrences(of: "\r\n", with: "\n") == message.html)
        let attachment = try #require((mail["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["filename"] as? String == "F2026-000123.pdf" && attachment["contentType"] as? String == "application/pdf")
        #expect(attachment["sha256"] as? String == SHA256.hash(data: pdf).map { String(format: "%02x", $0) }.joined())
        await sink.stop()
    }

    @Test(.enabled(if: ready, why))
    func whatAClientTypedCannotAddAHeader() async throws {
        let sink = try await SMTPSink()
        let message = MailMessage(
            fromAddress: "alertes@provider.example", fromName: "Parc\r\nBcc: victim@evil.example", to: "jeanne@acme.example",
            subject: "Ticket T-1: printer\r\nBcc: victim@evil.example", text: "x", html: "<p>x</p>",
            messageID: MailMessage.messageID(key: "d-1", fromAddress: "alertes@provider.example"), date: Date())
        try await sink.relay().send(message.rendered(), to: "jeanne@acme.example")
        let mail = try #require(sink.received.first)
        #expect(mail["rcptTos"] as? [String] == ["jeanne@acme.example"])
        let raw = try String(contentsOfFile: sink.directory + "/mail/00001.eml", encoding: .utf8)
        #expect(!raw.lowercased().contains("\nbcc:"), "\(raw)")
        #expect((mail["subject"] as? String)?.contains("Bcc: victim") == true, "the text stays in the subject")
        await sink.stop()
    }

    @Test(.enabled(if: ready, why))
    func badSettingsSayWhatIsWrong() async throws {
        let sink = try await SMTPSink()
        // Wrong password: the relay's refusal, in msmtp's words.
        await #expect {
            try await sink.relay(password: "wrong").send(Data("Subject: x\r\n\r\nx\r\n".utf8), to: "jeanne@acme.example")
        } throws: { error in
            "\(error)".contains("authentication failed")
        }
        // Answers and speaks STARTTLS: the check passes.
        try await sink.relay().check()
        // A certificate the server does not trust.
        var untrusted = sink.relay()
        untrusted.caFile = nil
        await #expect {
            try await untrusted.check()
        } throws: { error in
            "\(error)".lowercased().contains("tls") || "\(error)".lowercased().contains("certificate")
        }
        // Nobody listening.
        await sink.stop()
        var gone = sink.relay()
        gone.security = .none
        await #expect {
            try await gone.check()
        } throws: { error in
            "\(error)".contains("cannot connect")
        }
        #expect(sink.received.isEmpty)
    }

    @Test func recipientsAndAddressesAreCheckedAsTyped() throws {
        #expect(
            try MailRecipient.parseList("contact, technician,staff:Alice@Provider.example,contact") == [
                .contact, .technician, .staff("alice@provider.example"),
            ])
        #expect(throws: ValidationError.self) { try MailRecipient.parseList("everyone") }
        #expect(throws: ValidationError.self) { try MailRecipient.parseList("staff:alice@provider.example\r\nBcc: x@evil.example") }
        #expect(throws: ValidationError.self) { try MailRecipient.parseList("") }
        for bad in ["", "a", "a@b", "a b@c.example", "<a@c.example>", "a@c.example,b@c.example", "a@.example"] {
            #expect(throws: ValidationError.self, "\(bad)") { try MailAddress.checked(bad, field: "to") }
        }
        #expect(MailRules.cadence(alertKind: .slaBreached, chosen: .digest) == .immediate)
        #expect(MailRules.cadence(alertKind: .warrantyEnd, chosen: .digest) == .digest)
        #expect(MailRules.digestDay(unixSeconds: 86_399).description == "1970-01-01")
        #expect(MailRules.digestDay(unixSeconds: 86_400).description == "1970-01-02")
    }
}

extension SMTPSink {
    func relay(password: String = SMTPSink.password) -> MailRelay {
        MailRelay(
            host: "127.0.0.1", port: port, security: .starttls, username: SMTPSink.user, password: password, fromAddress: "alertes@provider.example",
            caFile: certificate)
    }
}
