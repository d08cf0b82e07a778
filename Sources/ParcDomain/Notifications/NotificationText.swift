import ParcProtocol

/// What a notification says to a person, in French or English: a subject and one sentence, then
/// the facts (label and value) that let the reader act without opening anything. E-mail templates
/// lay it out; the words are here, with no I/O, so tests read them directly.
public struct NotificationSummary: Sendable, Equatable {
    public struct Fact: Sendable, Equatable {
        public var label: String
        public var value: String
    }
    /// The client's code, shown in the subject and grouping digests.
    public var client: String?
    public var subject: String
    public var headline: String
    public var facts: [Fact]
}

public enum NotificationText {
    /// An alert raised or resolved.
    public static func alert(_ alert: Alert, resolved: Bool, language: String) -> NotificationSummary {
        let french = language != "en"
        let sentence = french ? alertSummaryFR(alert) : alert.summary
        let headline = resolved ? (french ? "Alerte résolue : " : "Alert resolved: ") + sentence : sentence
        var facts = [
            NotificationSummary.Fact(label: french ? "Client" : "Client", value: alert.clientCode),
            NotificationSummary.Fact(label: french ? "Alerte" : "Alert", value: "#\(alert.id) (\(alert.kind.rawValue))"),
        ]
        if !alert.due.isEmpty { facts.append(.init(label: french ? "Échéance" : "Due", value: alert.due)) }
        if let ticket = alert.ticketNumber { facts.append(.init(label: french ? "Ticket" : "Ticket", value: ticket)) }
        if resolved, let resolution = alert.resolution { facts.append(.init(label: french ? "Raison" : "Reason", value: resolution)) }
        return NotificationSummary(client: alert.clientCode, subject: "[\(alert.clientCode)] " + headline, headline: headline, facts: facts)
    }

    /// A ticket opened, assigned, commented publicly or resolved.
    public static func ticket(_ event: NotificationEvent, _ ticket: TicketNotice, language: String) -> NotificationSummary {
        let french = language != "en"
        let who = ticket.technicianName ?? (french ? "un technicien" : "a technician")
        let headline: String
        switch event {
        case .ticketAssigned:
            headline = french ? "Ticket \(ticket.number) confié à \(who) : \(ticket.title)" : "Ticket \(ticket.number) assigned to \(who): \(ticket.title)"
        case .ticketCommented:
            let author = ticket.comment?.author ?? ""
            headline =
                french
                ? "Réponse de \(author) sur le ticket \(ticket.number) : \(ticket.title)" : "\(author) replied on ticket \(ticket.number): \(ticket.title)"
        case .ticketResolved: headline = french ? "Ticket \(ticket.number) résolu : \(ticket.title)" : "Ticket \(ticket.number) resolved: \(ticket.title)"
        default: headline = french ? "Nouveau ticket \(ticket.number) : \(ticket.title)" : "New ticket \(ticket.number): \(ticket.title)"
        }
        var facts = [
            NotificationSummary.Fact(label: "Client", value: ticket.clientCode),
            .init(label: french ? "Priorité" : "Priority", value: ticket.priority.rawValue.uppercased()),
            .init(label: french ? "Signalé par" : "Reported by", value: ticket.reporterName),
        ]
        if let technician = ticket.technicianName { facts.append(.init(label: french ? "Technicien" : "Technician", value: technician)) }
        if event == .ticketResolved, let resolution = ticket.resolution { facts.append(.init(label: french ? "Résolution" : "Resolution", value: resolution)) }
        if event == .ticketCommented, let body = ticket.comment?.body { facts.append(.init(label: french ? "Message" : "Message", value: body)) }
        return NotificationSummary(client: ticket.clientCode, subject: "[\(ticket.clientCode)] " + headline, headline: headline, facts: facts)
    }

    /// An invoice (or credit note) issued; the mail carries its PDF.
    public static func invoice(_ invoice: InvoiceNotice, language: String) -> NotificationSummary {
        let text = BillingText(language == "en" ? .en : .fr)
        let french = text.language == .fr
        let credit = invoice.kind == .creditNote
        let headline =
            french
            ? "\(credit ? "Avoir" : "Facture") \(invoice.number) de \(text.money(invoice.grossCents, invoice.currency))"
            : "\(credit ? "Credit note" : "Invoice") \(invoice.number) for \(text.money(invoice.grossCents, invoice.currency))"
        var facts = [
            NotificationSummary.Fact(label: "Client", value: invoice.clientCode),
            .init(label: french ? "Date" : "Date", value: text.date(invoice.issueDate)),
        ]
        if !credit { facts.append(.init(label: french ? "À payer avant le" : "Due by", value: text.date(invoice.dueDate))) }
        facts.append(.init(label: french ? "Document" : "Document", value: french ? "en pièce jointe (PDF)" : "attached (PDF)"))
        return NotificationSummary(client: invoice.clientCode, subject: "[\(invoice.clientCode)] " + headline, headline: headline, facts: facts)
    }

    /// A payment recorded against an invoice.
    public static func payment(_ payment: PaymentNotice, language: String) -> NotificationSummary {
        let text = BillingText(language == "en" ? .en : .fr)
        let french = text.language == .fr
        let amount = text.money(payment.amountCents, payment.currency)
        let headline =
            french
            ? "Règlement de \(amount) reçu pour la facture \(payment.invoiceNumber)" : "Payment of \(amount) received for invoice \(payment.invoiceNumber)"
        let facts = [
            NotificationSummary.Fact(label: "Client", value: payment.clientCode),
            .init(label: french ? "Reçu le" : "Received on", value: text.date(payment.paidOn)),
            .init(label: french ? "Reste à payer" : "Still due", value: text.money(payment.outstandingCents, payment.currency)),
        ]
        return NotificationSummary(client: payment.clientCode, subject: "[\(payment.clientCode)] " + headline, headline: headline, facts: facts)
    }

    /// The mail that carries a portal invitation or password reset link: its subject, the lines
    /// before the link, the link's words, and the lines after.
    public static func portalLink(
        invitation: Bool, name: String, provider: String?, validity: String, language: String
    ) -> (subject: String, before: [String], action: String, after: [String]) {
        if language == "en" {
            let who = provider ?? "Your IT provider"
            return invitation
                ? (
                    "Your access to \(who)'s client portal",
                    ["Hello \(name),", "\(who) invites you to its client portal: your equipment, your tickets and your invoices."],
                    "Choose your password",
                    ["This link works once, for \(validity).", "If you did not expect this message, ignore it: nothing happens without the link."]
                )
                : (
                    "Resetting your portal password", ["Hello \(name),", "A new password was asked for your portal account."],
                    "Choose a new password",
                    ["This link works once, for \(validity).", "If you did not ask for it, ignore this message: your password stays as it is."]
                )
        }
        let who = provider ?? "Votre prestataire informatique"
        return invitation
            ? (
                "Votre accès au portail client de \(who)",
                ["Bonjour \(name),", "\(who) vous invite sur son portail client : vos équipements, vos tickets et vos factures."],
                "Choisir mon mot de passe",
                ["Ce lien ne sert qu’une fois, pendant \(validity).", "Si vous n’attendiez pas ce message, ignorez-le : rien ne se passe sans le lien."]
            )
            : (
                "Réinitialisation de votre mot de passe du portail",
                ["Bonjour \(name),", "Un nouveau mot de passe a été demandé pour votre compte du portail."],
                "Choisir un nouveau mot de passe",
                ["Ce lien ne sert qu’une fois, pendant \(validity).", "Si vous ne l’avez pas demandé, ignorez ce message : votre mot de passe ne change pas."]
            )
    }

    /// `AlertRules.summary` in French.
    static func alertSummaryFR(_ alert: Alert) -> String {
        let (label, due, lead) = (alert.label, alert.due, alert.threshold)
        let when = lead == 0 ? "aujourd’hui ou avant" : "dans \(lead) \(AlertRules.unit(alert.kind) == .minutes ? "minutes" : "jours") ou moins"
        switch alert.kind {
        case .warrantyEnd: return lead == 0 ? "La garantie de \(label) a pris fin le \(due)" : "La garantie de \(label) prend fin le \(due) (\(when))"
        case .contractEnd: return lead == 0 ? "Le contrat \(label) a pris fin le \(due)" : "Le contrat \(label) prend fin le \(due) (\(when))"
        case .contractNotice:
            return lead == 0
                ? "Contrat \(label) : le dernier jour pour donner préavis était le \(due)" : "Contrat \(label) : préavis à donner avant le \(due) (\(when))"
        case .licenceExpiry: return lead == 0 ? "La licence \(label) a expiré le \(due)" : "La licence \(label) expire le \(due) (\(when))"
        case .licenceOverDeployed: return "Licence \(label) : plus d’installations que de postes"
        case .agentCertificateExpiry:
            return lead == 0 ? "Agent \(label) : son certificat a expiré le \(due)" : "Agent \(label) : son certificat expire le \(due) (\(when))"
        case .agentSilent: return "L’agent \(label) ne s’est pas manifesté depuis le \(due) (\(lead) jours ou plus)"
        case .uncoveredDevice: return "\(label) n’est couvert par aucun contrat"
        case .slaDueSoon: return "Ticket \(label) : SLA dépassé à \(due) sans action (\(when))"
        case .slaBreached: return "Ticket \(label) : SLA dépassé à \(due)"
        case .invoiceOverdue: return "La facture \(label), échue le \(due), est impayée (\(lead) jours de retard ou plus)"
        case .maintenanceDue: return lead == 0 ? "La maintenance \(label) était due le \(due)" : "La maintenance \(label) est due le \(due) (\(when))"
        }
    }

    /// A day's digest: its subject and the words around the list.
    public static func digest(day: String, count: Int, language: String) -> (subject: String, intro: String, unsubscribe: String) {
        if language == "en" {
            return (
                "Parc digest for \(day): \(count) notification\(count == 1 ? "" : "s")", "What happened on \(day):",
                "You receive this digest because of your provider's notification rules; to stop it, reply with \"unsubscribe\"."
            )
        }
        return (
            "Résumé Parc du \(day) : \(count) notification\(count == 1 ? "" : "s")", "Ce qui s’est passé le \(day) :",
            "Vous recevez ce résumé selon les règles de notification de votre prestataire ; pour ne plus le recevoir, répondez « unsubscribe »."
        )
    }

    /// The closing line of every mail.
    public static func footer(language: String) -> String {
        language == "en" ? "Sent automatically by Parc for your IT provider." : "Envoyé automatiquement par Parc pour votre prestataire informatique."
    }
}
