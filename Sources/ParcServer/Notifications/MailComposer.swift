import Foundation
import Mustache
import ParcDomain
import ParcProtocol

/// Writes the e-mail of an outbox delivery: one event's summary, or a day's digest of them
/// grouped by client, as text and HTML (Mustache: `{{…}}` escapes what clients typed in the HTML;
/// the text part takes it as typed, `{{{…}}}`), in the rule's language.
struct MailComposer: Sendable {
    let store: Store

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func message(for delivery: ClaimedDelivery, fromAddress: String, fromName: String?, now: Date = Date()) async throws -> MailMessage {
        let language = delivery.language
        var message = MailMessage(
            fromAddress: fromAddress, fromName: fromName, to: delivery.target, subject: "", text: "", html: "",
            messageID: MailMessage.messageID(key: "parc-delivery-\(delivery.id)", fromAddress: fromAddress), date: now)
        if delivery.eventType == MailComposer.digestType {
            let digest = try CanonicalJSON.decode(DigestPayload.self, from: Data(delivery.payload.utf8))
            let summaries = try await store.digestEvents(digestID: digest.digest).compactMap {
                try Self.summary(type: $0.type, payload: $0.payload, language: language)
            }
            let words = NotificationText.digest(day: digest.day, count: summaries.count, language: language)
            let groups = Dictionary(grouping: summaries, by: { $0.client ?? "" }).sorted { $0.key < $1.key }.map { client, items in
                DigestGroup(client: client, items: items.map { Item($0, language: language) })
            }
            let page = DigestPage(
                lang: language, subject: words.subject, intro: words.intro, groups: groups, unsubscribe: words.unsubscribe,
                footer: NotificationText.footer(language: language))
            message.subject = words.subject
            message.text = Self.library.render(page, withTemplate: "digest.txt") ?? ""
            message.html = Self.library.render(page, withTemplate: "digest.html") ?? ""
            // RFC 2369: the reader's mail program offers "unsubscribe"; the request reaches the provider.
            message.listUnsubscribe = "mailto:\(fromAddress)?subject=unsubscribe"
            return message
        }
        if delivery.eventType == PortalLinkMail.eventType {
            guard let link = try? CanonicalJSON.decode(PortalLinkMail.self, from: Data(delivery.payload.utf8)) else {
                throw Failure(description: "this link was sent already or its mail failed for good; make a new one: parcctl portal-user link ID")
            }
            let invitation = link.purpose == PortalRules.LinkPurpose.invitation.rawValue
            let hours = Int((invitation ? PortalRules.invitationSeconds : PortalRules.resetSeconds) / 3_600)
            let validity =
                invitation
                ? (language == "en" ? "\(hours / 24) days" : "\(hours / 24) jours")
                : (language == "en" ? "\(PortalRules.resetSeconds / 60) minutes" : "\(PortalRules.resetSeconds / 60) minutes")
            let words = NotificationText.portalLink(invitation: invitation, name: link.name, provider: fromName, validity: validity, language: language)
            let page = LinkPage(
                lang: language, subject: words.subject, before: words.before, action: words.action, url: link.url, after: words.after,
                footer: NotificationText.footer(language: language))
            message.subject = words.subject
            message.text = Self.library.render(page, withTemplate: "link.txt") ?? ""
            message.html = Self.library.render(page, withTemplate: "link.html") ?? ""
            return message
        }
        guard let summary = try Self.summary(type: delivery.eventType, payload: delivery.payload, language: language) else {
            throw Failure(description: "no e-mail is written for \(delivery.eventType) events")
        }
        let page = SinglePage(
            lang: language, subject: summary.subject, item: Item(summary, language: language), footer: NotificationText.footer(language: language))
        message.subject = summary.subject
        message.text = Self.library.render(page, withTemplate: "event.txt") ?? ""
        message.html = Self.library.render(page, withTemplate: "event.html") ?? ""
        if delivery.eventType == NotificationEvent.invoiceIssued.rawValue {
            message.attachments = [try await invoicePDF(try CanonicalJSON.decode(WebhookPayload<InvoiceNotice>.self, from: Data(delivery.payload.utf8)).data)]
        }
        return message
    }

    /// The invoice as the client downloads it from the portal. Without WeasyPrint the delivery
    /// fails and says so: an invoice mail without its invoice would be sent for nothing.
    func invoicePDF(_ notice: InvoiceNotice) async throws -> MailMessage.Attachment {
        let (invoice, parties) = try await store.invoiceDocument(id: notice.id)
        let pdf: Data
        do {
            pdf = try await PDFPrinter.print(InvoiceHTML.page(invoice, parties))
        } catch let error as APIError {
            throw Failure(description: error.body.message)
        }
        return MailMessage.Attachment(filename: "\(notice.number).pdf", contentType: "application/pdf", data: pdf)
    }

    static let digestType = "mail.digest"

    /// What the outbox event of a portal link's mail holds, until the mail is sent.
    struct PortalLinkMail: Codable, Sendable {
        static let eventType = "portal.link"
        var purpose: String
        var url: String
        var name: String
        var expiresAt: Date
    }

    /// What the outbox event of a digest holds; its items are read when it is sent.
    struct DigestPayload: Codable, Sendable {
        var digest: Int64
        var day: String
        var items: Int
    }

    /// An event's summary in `language`, or nil for a type mail does not describe.
    static func summary(type: String, payload: String, language: String) throws -> NotificationSummary? {
        let data = Data(payload.utf8)
        switch NotificationEvent(rawValue: type) {
        case .alertRaised, .alertResolved:
            let alert = try CanonicalJSON.decode(WebhookPayload<Alert>.self, from: data).data
            return NotificationText.alert(alert, resolved: type == NotificationEvent.alertResolved.rawValue, language: language)
        case .ticketOpened, .ticketAssigned, .ticketCommented, .ticketResolved:
            let notice = try CanonicalJSON.decode(WebhookPayload<TicketNotice>.self, from: data)
            return NotificationText.ticket(notice.type, notice.data, language: language)
        case .invoiceIssued:
            return NotificationText.invoice(try CanonicalJSON.decode(WebhookPayload<InvoiceNotice>.self, from: data).data, language: language)
        case .paymentReceived:
            return NotificationText.payment(try CanonicalJSON.decode(WebhookPayload<PaymentNotice>.self, from: data).data, language: language)
        case nil:
            return nil
        }
    }

    struct LinkPage: Sendable {
        var lang: String
        var subject: String
        var before: [String]
        var action: String
        var url: String
        var after: [String]
        var footer: String
    }

    struct Fact: Sendable {
        var label: String
        var value: String
    }
    struct Item: Sendable {
        var headline: String
        var facts: [Fact]
        init(_ summary: NotificationSummary, language: String) {
            headline = summary.headline
            // French typography puts a space before the colon.
            let colon = language == "en" ? ":" : " :"
            facts = summary.facts.map { Fact(label: $0.label + colon, value: $0.value) }
        }
    }
    struct SinglePage: Sendable {
        var lang: String
        var subject: String
        var item: Item
        var footer: String
    }
    struct DigestGroup: Sendable {
        var client: String
        var items: [Item]
    }
    struct DigestPage: Sendable {
        var lang: String
        var subject: String
        var intro: String
        var groups: [DigestGroup]
        var unsubscribe: String
        var footer: String
    }

    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in templates {
            // The templates are this file's own constants: a parse error is a bug caught by any test.
            try! library.register(text, named: name)
        }
        return library
    }()

    static let templates: [String: String] = [
        "item.txt": """
        {{{headline}}}
        {{#facts}}
          {{{label}}} {{{value}}}
        {{/facts}}

        """,
        "event.txt": """
        {{#item}}{{> item.txt}}{{/item}}
        --
        {{{footer}}}

        """,
        "digest.txt": """
        {{{intro}}}

        {{#groups}}
        == {{{client}}} ==

        {{#items}}
        {{> item.txt}}

        {{/items}}
        {{/groups}}
        --
        {{{unsubscribe}}}
        {{{footer}}}

        """,
        "item.html": """
        <p style="margin:1em 0 0.3em"><strong>{{headline}}</strong></p>
        <table role="presentation" style="border-collapse:collapse">
        {{#facts}}<tr><th scope="row" style="text-align:left;font-weight:normal;color:#555;padding-right:1em">{{label}}</th><td>{{value}}</td></tr>
        {{/facts}}</table>

        """,
        "event.html": """
        <!DOCTYPE html>
        <html lang="{{lang}}"><head><meta charset="utf-8"><title>{{subject}}</title></head>
        <body style="font-family:sans-serif;color:#111">
        {{#item}}{{> item.html}}{{/item}}
        <p style="color:#555;font-size:90%;margin-top:2em">{{footer}}</p>
        </body></html>

        """,
        "link.txt": """
        {{#before}}
        {{{.}}}
        {{/before}}

        {{{action}}} :
        {{{url}}}

        {{#after}}
        {{{.}}}
        {{/after}}
        --
        {{{footer}}}

        """,
        "link.html": """
        <!DOCTYPE html>
        <html lang="{{lang}}"><head><meta charset="utf-8"><title>{{subject}}</title></head>
        <body style="font-family:sans-serif;color:#111">
        {{#before}}<p>{{.}}</p>
        {{/before}}
        <p><a href="{{url}}" style="display:inline-block;padding:0.6em 1.2em;background:#1d4ed8;color:#fff;text-decoration:none;border-radius:4px">{{action}}</a></p>
        <p style="font-size:90%">{{url}}</p>
        {{#after}}<p>{{.}}</p>
        {{/after}}
        <p style="color:#555;font-size:90%;margin-top:2em">{{footer}}</p>
        </body></html>

        """,
        "digest.html": """
        <!DOCTYPE html>
        <html lang="{{lang}}"><head><meta charset="utf-8"><title>{{subject}}</title></head>
        <body style="font-family:sans-serif;color:#111">
        <p>{{intro}}</p>
        {{#groups}}
        <h2 style="font-size:110%;border-bottom:1px solid #ccc">{{client}}</h2>
        {{#items}}{{> item.html}}{{/items}}
        {{/groups}}
        <p style="color:#555;font-size:90%;margin-top:2em">{{unsubscribe}}<br>{{footer}}</p>
        </body></html>

        """,
    ]
}
