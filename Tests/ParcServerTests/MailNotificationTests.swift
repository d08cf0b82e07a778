import Foundation
import Logging
import ParcDomain
import ParcProtocol
import ParcTestSupport
import SQLKit
import Testing

@testable import ParcServer

/// Alerts told by e-mail through the real parts: the outbox delivery service hands each message to
/// msmtp, which gives it over STARTTLS and AUTH to a real SMTP server (aiosmtpd); Python's email
/// library reads back what arrived. On both databases, one test at a time: each starts an SMTP
/// server and many msmtp runs, and ten at once loaded CI past other tests' deadlines.
@Suite(.serialized) struct MailNotificationTests {
    static let ready = SMTPSink.available
    static let why = Comment(rawValue: SMTPSink.why)

    /// ACME's people get each alert at once, in English; OTHER's contact and the provider's staff
    /// (by the default rule) one digest a day in French; nobody reads another client's names.
    @Test(.enabled(if: ready, why), arguments: TestBackend.available)
    func alertsArriveAtOnceOrInOneDigestADayAndNeverCrossClients(_ backend: TestBackend) async throws {
        try await Self.withSink(backend, Self.immediateAndDigests)
    }

    static func immediateAndDigests(_ database: Database, _ sink: SMTPSink) async throws {
        do {
            let store = try await ReconciliationStoreTests.Estate.make(database).store
            _ = try await store.createClient(NewClient(code: "QUIET", name: "QUIET"))
            for (code, contact) in [("ACME", "it@acme.example"), ("OTHER", "Boss@Other.example"), ("QUIET", "it@quiet.example")] {
                _ = try await store.updateClient(code: code, ClientUpdate(contactEmail: contact))
            }
            let admin = try await store.addEmployee(clientCode: "ACME", NewEmployee(name: "Ada Admin", email: "ada@acme.example"))
            _ = try await store.invitePortalUser(clientCode: "ACME", NewPortalUser(employeeID: admin.id, role: .clientAdmin))
            _ = try await store.createStaff(NewStaffUser(email: "noc@provider.example", name: "NOC", role: .technician))
            _ = try await store.setMailSetup(MailSetup(relay: sink.relay(), fromName: "Prestataire — Alertes"))
            _ = try await store.setMailRule(
                MailRuleUpdate(event: .alertRaised, recipients: ["contact", "staff:noc@provider.example"], cadence: "digest", language: "fr"))
            _ = try await store.setMailRule(
                MailRuleUpdate(client: "ACME", event: .alertRaised, recipients: ["contact", "client-admins"], cadence: "immediate", language: "en"))
            // QUIET has nothing due: its contact must get nothing at all.

            let today = try #require(CalendarDay(todayUTC()))
            var names: [String: [String]] = [:]
            for (client, count) in [("ACME", 3), ("OTHER", 4)] {
                for index in 0..<count {
                    let name = "\(client)-PC-\(index)"
                    var new = NewAsset(client: client, kind: .computer, name: name)
                    new.serial = "SN-\(client)-\(index)"
                    new.warrantyEnd = today.adding(days: 3).description
                    _ = try await store.createAsset(new, by: "test")
                    names[client, default: []] += [name, "SN-\(client)-\(index)"]
                }
            }
            #expect(try await store.scanAlerts(at: OutboxStoreTests.clock(today), kinds: [.warrantyEnd]).raised == 7)
            // ACME's rule replaces the default: 3 alerts × (contact + admin) now, nothing held for ACME.
            #expect(try await store.outbox(status: .pending, ListQuery(limit: 100)).items.filter { $0.channel == "email" }.count == 6)
            // Waiting for tomorrow: OTHER's 4 alerts for its contact and for the provider's NOC.
            #expect(try await store.gatherDigests(today: today) == 0)
            #expect(try await store.gatherDigests(today: today.adding(days: 1)) == 2)
            #expect(try await store.gatherDigests(today: today.adding(days: 1)) == 0, "one digest per recipient and day, however often the job runs")

            try await Self.deliverAll(store)
            let mails = sink.received
            #expect(mails.count == 8, "\(mails.map { $0["to"] ?? "" })")
            let acme = mails.filter { ($0["rcptTos"] as? [String]) == ["it@acme.example"] }
            #expect(acme.count == 3 && acme.allSatisfy { ($0["subject"] as? String)?.hasPrefix("[ACME] Warranty of ACME-PC-") == true })
            #expect(mails.filter { ($0["rcptTos"] as? [String]) == ["ada@acme.example"] }.count == 3)
            let otherDigest = try #require(mails.first { ($0["rcptTos"] as? [String]) == ["boss@other.example"] })
            #expect(otherDigest["subject"] as? String == "Résumé Parc du \(today) : 4 notifications")
            #expect(otherDigest["listUnsubscribe"] as? String == "<mailto:alertes@provider.example?subject=unsubscribe>")
            let digestText = try #require(otherDigest["text"] as? String)
            for index in 0..<4 { #expect(digestText.contains("La garantie de OTHER-PC-\(index) prend fin le \(today.adding(days: 3))")) }
            #expect((otherDigest["html"] as? String)?.contains("<h2 style=\"font-size:110%;border-bottom:1px solid #ccc\">OTHER</h2>") == true)
            #expect(mails.filter { ($0["rcptTos"] as? [String]) == ["noc@provider.example"] }.count == 1)
            #expect(!mails.contains { ($0["rcptTos"] as? [String]) == ["it@quiet.example"] })
            // Every message is whole, and none to a client's people names another client's assets.
            for mail in mails {
                #expect((mail["defects"] as? [String])?.isEmpty == true)
                let to = (mail["rcptTos"] as? [String])?.first ?? ""
                let body = "\(mail["subject"] ?? "")\n\(mail["text"] ?? "")\n\(mail["html"] ?? "")"
                for (client, own) in names where !to.hasSuffix("@" + client.lowercased() + ".example") && !to.hasSuffix("@provider.example") {
                    for name in own { #expect(!body.contains(name), "mail to \(to) names \(name) of \(client)") }
                }
            }
            let messageIDs = mails.compactMap { $0["messageID"] as? String }
            #expect(Set(messageIDs).count == 8 && messageIDs.allSatisfy { $0.hasSuffix("@provider.example>") })
        }
    }

    /// A relay that cannot be reached, or no relay at all: the outbox entry says why, and a staff
    /// retry sends it once the relay is right.
    @Test(.enabled(if: ready, why), arguments: TestBackend.available)
    func aBadRelayLeavesTheReasonInTheOutbox(_ backend: TestBackend) async throws {
        try await Self.withSink(backend, Self.badRelay)
    }

    static func badRelay(_ database: Database, _ sink: SMTPSink) async throws {
        do {
            let store = try await ReconciliationStoreTests.Estate.make(database).store
            _ = try await store.updateClient(code: "ACME", ClientUpdate(contactEmail: "it@acme.example"))
            _ = try await store.setMailRule(MailRuleUpdate(event: .alertRaised, recipients: ["contact"], language: "en"))
            let today = try #require(CalendarDay(todayUTC()))
            var new = NewAsset(client: "ACME", kind: .computer, name: "PC-1")
            new.warrantyEnd = today.adding(days: 3).description
            _ = try await store.createAsset(new, by: "test")
            #expect(try await store.scanAlerts(at: OutboxStoreTests.clock(today), kinds: [.warrantyEnd]).raised == 1)

            try await Self.deliverAll(store, schedule: "1s")
            var failed = try await store.outbox(status: .failed).items
            #expect(failed.count == 1 && failed[0].lastError == "no mail relay is set: parcctl mail set (retries spent)")

            // A relay that refuses the password: msmtp's reason is kept.
            _ = try await store.setMailSetup(MailSetup(relay: sink.relay(password: "wrong")))
            #expect(try await store.retryDeliveries(OutboxRetryRequest(allFailed: true)).requeued == 1)
            try await Self.deliverAll(store, schedule: "1s")
            failed = try await store.outbox(status: .failed).items
            let reason = try #require(failed.first?.lastError)
            #expect(reason.lowercased().contains("auth"), "\(reason)")
            #expect(sink.received.isEmpty)

            _ = try await store.setMailSetup(MailSetup(relay: sink.relay()))
            #expect(try await store.retryDeliveries(OutboxRetryRequest(ids: [failed[0].id])).requeued == 1)
            try await Self.deliverAll(store, schedule: "1s")
            #expect(try await store.outbox(status: .delivered).items.count == 1)
            #expect(sink.received.count == 1 && (sink.received.first?["subject"] as? String)?.hasPrefix("[ACME] Warranty of PC-1") == true)
        }
    }

    /// A ticket's life and an invoice's, told to the people the rules name: the technician when
    /// it is theirs, the client's contact of what they may read (never an internal note), the
    /// invoice with its PDF; webhooks get the same events.
    @Test(.enabled(if: ready, why), arguments: TestBackend.available)
    func ticketsInvoicesAndPaymentsAreTold(_ backend: TestBackend) async throws {
        try await Self.withSink(backend, Self.ticketsAndInvoices)
    }

    static func ticketsAndInvoices(_ database: Database, _ sink: SMTPSink) async throws {
        let store = try await ReconciliationStoreTests.Estate.make(database).store
        _ = try await store.updateClient(code: "ACME", ClientUpdate(contactEmail: "it@acme.example"))
        let sam = try await store.createStaff(NewStaffUser(email: "sam@provider.example", name: "Sam", role: .technician))
        _ = try await store.setMailSetup(MailSetup(relay: sink.relay()))
        let hook = try await store.addWebhook(NewWebhookEndpoint(url: "http://127.0.0.1:9/acme", client: "ACME"))
        for (event, to) in [
            (NotificationEvent.ticketOpened, "contact,technician"), (.ticketAssigned, "technician"), (.ticketCommented, "contact"),
            (.ticketResolved, "contact,technician"), (.invoiceIssued, "contact"), (.paymentReceived, "contact"),
        ] {
            _ = try await store.setMailRule(MailRuleUpdate(event: event, recipients: [to], language: event == .invoiceIssued ? "en" : "fr"))
        }
        let ticket = try await store.createTicket(NewTicket(client: "ACME", title: "Imprimante <b>bloquée</b>"), by: .staff(sam))
        _ = try await store.assignTicket(id: ticket.id, technicianID: sam.id, by: .staff(sam))
        _ = try await store.addTicketComment(id: ticket.id, NewTicketComment(body: "Secret: the client forgot to pay", isPublic: false), by: .staff(sam))
        _ = try await store.addTicketComment(id: ticket.id, NewTicketComment(body: "Passage demain à 9 h", isPublic: true), by: .staff(sam))
        _ = try await store.changeTicketStatus(id: ticket.id, TicketStatusChange(status: .inProgress), by: .staff(sam))
        _ = try await store.changeTicketStatus(id: ticket.id, TicketStatusChange(status: .resolved, resolution: "Bourrage retiré"), by: .staff(sam))

        _ = try await store.updateClient(code: "OTHER", ClientUpdate(contactEmail: "it@other.example"))
        for client in ["OTHER", "ACME"] {
            let contract = try await BillingCorrectnessTests.contract(store, client: client, reference: "C-\(client)", startsOn: "2026-01-01", timing: .advance)
            _ = try await store.addContractLine(contractID: contract.id, NewContractLine(kind: .flat, description: "Care", unitPriceCents: 10_000))
        }
        var drafts = try await store.runBilling(asOf: "2026-01-01", clientCode: nil, dryRun: false).invoices
        drafts.sort { $0.clientCode > $1.clientCode }  // OTHER's first: its number must not reach ACME
        let otherNumber = try #require(try await store.issueInvoice(id: drafts[0].id, now: BillingCorrectnessTests.at("2026-01-01")).number)
        let invoice = try await store.issueInvoice(id: drafts[1].id, now: BillingCorrectnessTests.at("2026-01-01"))
        let number = try #require(invoice.number)
        _ = try await store.recordPayment(invoiceID: invoice.id, NewPayment(amountCents: 5_000, method: .transfer, paidOn: "2026-01-10"))

        // The webhook gets every event of its client, once each.
        let hooks = try await store.outbox(status: .pending, ListQuery(limit: 100)).items.filter { $0.channel == "webhook" }
        #expect(
            hooks.map(\.eventType).sorted() == [
                "invoice.issued", "payment.received", "ticket.assigned", "ticket.commented", "ticket.opened", "ticket.resolved",
            ])
        _ = try await store.setWebhookEnabled(id: hook.endpoint.id, false)

        try await deliverAll(store)
        let mails = sink.received
        func to(_ address: String) -> [[String: Any]] { mails.filter { ($0["rcptTos"] as? [String]) == [address] } }
        let contact = to("it@acme.example").compactMap { $0["subject"] as? String }.sorted()
        #expect(
            contact == [
                "[ACME] Invoice \(number) for €120.00", "[ACME] Nouveau ticket \(ticket.number) : Imprimante <b>bloquée</b>",
                "[ACME] Règlement de \(BillingText(.fr).money(5_000, "EUR")) reçu pour la facture \(number)",
                "[ACME] Réponse de sam@provider.example sur le ticket \(ticket.number) : Imprimante <b>bloquée</b>",
                "[ACME] Ticket \(ticket.number) résolu : Imprimante <b>bloquée</b>",
            ], "\(contact)")
        // The technician: opened before being assigned has no technician; then assigned and resolved.
        #expect(
            to("sam@provider.example").compactMap { $0["subject"] as? String }.sorted() == [
                "[ACME] Ticket \(ticket.number) confié à Sam : Imprimante <b>bloquée</b>", "[ACME] Ticket \(ticket.number) résolu : Imprimante <b>bloquée</b>",
            ])
        #expect(to("it@other.example").compactMap { $0["subject"] as? String } == ["[OTHER] Invoice \(otherNumber) for €120.00"])
        for mail in mails {
            let body = "\(mail["subject"] ?? "")\(mail["text"] ?? "")\(mail["html"] ?? "")"
            #expect(!body.contains("Secret"), "an internal note was mailed")
            let foreign = (mail["rcptTos"] as? [String]) == ["it@other.example"] ? number : otherNumber
            #expect(!body.contains(foreign), "a mail to \(mail["rcptTos"] ?? "") names another client's invoice \(foreign)")
            // What the client typed is shown as text, never as markup.
            #expect(!(mail["html"] as? String ?? "").contains("<b>bloquée</b>"))
        }
        let comment = try #require(to("it@acme.example").first { ($0["subject"] as? String)?.contains("Réponse") == true })
        #expect((comment["text"] as? String)?.contains("Message : Passage demain à 9 h") == true)
        let invoiceMail = try #require(to("it@acme.example").first { ($0["subject"] as? String)?.contains("Invoice") == true })
        let attachment = try #require((invoiceMail["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["filename"] as? String == "\(number).pdf" && attachment["contentType"] as? String == "application/pdf")
        #expect((attachment["size"] as? Int ?? 0) > 1_000)
        #expect((invoiceMail["text"] as? String)?.contains("Due by:") == true)
    }

    /// A breached SLA is news now: mailed at once though the rule asks for a digest, to the
    /// client's contact and the ticket's technician; the warning before it waits for the digest.
    @Test(.enabled(if: ready, why), arguments: TestBackend.available)
    func aBreachedSLAIsMailedAtOnceWhateverTheRule(_ backend: TestBackend) async throws {
        try await Self.withSink(backend, Self.slaBreach)
    }

    static func slaBreach(_ database: Database, _ sink: SMTPSink) async throws {
        let store = try await ReconciliationStoreTests.Estate.make(database).store
        _ = try await store.updateClient(code: "ACME", ClientUpdate(contactEmail: "it@acme.example"))
        let sam = try await store.createStaff(NewStaffUser(email: "sam@provider.example", name: "Sam", role: .technician))
        _ = try await store.setMailSetup(MailSetup(relay: sink.relay()))
        _ = try await store.setMailRule(MailRuleUpdate(event: .alertRaised, recipients: ["contact", "technician"], cadence: "digest", language: "en"))
        let monthAgo = Date().addingTimeInterval(-30 * 86_400)
        let ticket = try await store.createTicket(NewTicket(client: "ACME", title: "Server down", priority: .p1), by: .staff(sam), now: monthAgo)
        _ = try await store.assignTicket(id: ticket.id, technicianID: sam.id, by: .staff(sam), now: monthAgo)
        let scan = try await store.scanAlerts(at: AlertClock(now: Int64(Date().timeIntervalSince1970)), kinds: [.slaDueSoon, .slaBreached])
        #expect(scan.raised == 2)
        try await deliverAll(store)
        let breach = try #require(try await store.listAlerts(AlertFilter(kind: .slaBreached)).items.first)
        let subjects = sink.received.map { "\(($0["rcptTos"] as? [String])?.first ?? ""): \($0["subject"] ?? "")" }.sorted()
        #expect(
            subjects == [
                "it@acme.example: [ACME] Ticket \(ticket.number): SLA breached at \(breach.due)",
                "sam@provider.example: [ACME] Ticket \(ticket.number): SLA breached at \(breach.due)",
            ], "\(subjects)")
        // The warning is held for tomorrow's digest.
        #expect(try await store.gatherDigests(today: try #require(CalendarDay(todayUTC())).adding(days: 1)) == 2)
    }

    /// Portal invitations and resets reach the person by mail once the portal's address is set;
    /// a newer link cancels the older one's mail; the mailed link works, once; the link leaves the
    /// outbox as soon as its mail is sent.
    @Test(.enabled(if: ready, why), arguments: TestBackend.available)
    func portalLinksAreMailedAndForgotten(_ backend: TestBackend) async throws {
        try await Self.withSink(backend, Self.portalLinks)
    }

    static func portalLinks(_ database: Database, _ sink: SMTPSink) async throws {
        let store = try await ReconciliationStoreTests.Estate.make(database).store
        let jane = try await store.addEmployee(clientCode: "ACME", NewEmployee(name: "Jeanne Martin", email: "jeanne@acme.example"))
        let paul = try await store.addEmployee(clientCode: "ACME", NewEmployee(name: "Paul", email: "paul@acme.example"))
        _ = try await store.setMailSetup(MailSetup(relay: sink.relay(), fromName: "Prestataire"))
        // No portal address yet: shown, not mailed.
        #expect(try await store.invitePortalUser(clientCode: "ACME", NewPortalUser(employeeID: paul.id, role: .member)).emailedTo == nil)

        _ = try await store.setMailSetup(MailSetup(relay: sink.relay(), fromName: "Prestataire", portalURL: "https://parc.example.com/"))
        let first = try await store.invitePortalUser(clientCode: "ACME", NewPortalUser(employeeID: jane.id, role: .member))
        #expect(first.emailedTo == "jeanne@acme.example")
        let second = try await store.portalLink(userID: first.user.id)
        try await deliverAll(store)
        var mails = sink.received
        #expect(mails.count == 1)
        let invitation = try #require(mails.first)
        #expect(invitation["subject"] as? String == "Votre accès au portail client de Prestataire")
        let url = "https://parc.example.com" + second.path
        #expect((invitation["text"] as? String)?.contains("Bonjour Jeanne Martin,") == true)
        #expect((invitation["text"] as? String)?.contains(url) == true && (invitation["text"] as? String)?.contains(first.path) == false)
        #expect((invitation["html"] as? String)?.contains("<a href=\"\(url)\"") == true)
        #expect(try await store.outbox(status: .cancelled).items.first?.lastError == "a newer link was made")
        let payloads = try await database.withConnection { db in
            try await db.raw("SELECT payload FROM outbox_events WHERE type = 'portal.link'").all().map { try $0.decode(column: "payload", as: String.self) }
        }
        #expect(payloads == ["{}", "{}"], "the links stay in the outbox: \(payloads)")

        // The mailed link sets the password; then a reset is mailed, valid 15 minutes.
        let token = try #require(url.split(separator: "/").last.map(String.init))
        _ = try await store.usePortalLink(token: token, password: "correct horse battery staple 42")
        let reset = try await store.portalLink(userID: first.user.id)
        #expect(reset.path.hasPrefix("/portal/reset/") && reset.emailedTo == "jeanne@acme.example")
        try await deliverAll(store)
        mails = sink.received
        #expect(mails.count == 2)
        #expect(mails.last?["subject"] as? String == "Réinitialisation de votre mot de passe du portail")
        #expect((mails.last?["text"] as? String)?.contains("pendant 15 minutes") == true)
        // A staff retry of a link mail already sent cannot send the link again: it is gone.
        let sent = try #require(try await store.outbox(status: .delivered).items.first { $0.eventType == "portal.link" })
        _ = try await store.database.withConnection { db in
            try await db.raw("UPDATE outbox_deliveries SET status = 'failed' WHERE id = \(bind: sent.id)").run()
        }
        #expect(try await store.retryDeliveries(OutboxRetryRequest(ids: [sent.id])).requeued == 1)
        try await deliverAll(store, schedule: "1s")
        let refused = try #require(try await store.outbox(status: .failed).items.first { $0.id == sent.id })
        #expect(refused.lastError?.hasPrefix("this link was sent already") == true)
        #expect(sink.received.count == 2)

        // "Forgotten password": the same answer for an account, a stranger and a disabled account;
        // only the account gets a mail. Each request counts against the address.
        _ = try await store.updatePortalUser(
            id: try #require(try await store.listPortalUsers(clientCode: "ACME").items.first { $0.email == "paul@acme.example" }).id,
            PortalUserUpdate(disabled: true))
        for email in ["Jeanne@ACME.example", "nobody@acme.example", "paul@acme.example"] {
            #expect(try await store.requestPortalReset(email: email, address: "192.0.2.7") == .handled)
        }
        try await deliverAll(store)
        #expect(sink.received.count == 3)
        #expect(sink.received.last?["rcptTos"] as? [String] == ["jeanne@acme.example"])
        #expect((sink.received.last?["text"] as? String)?.contains("https://parc.example.com/portal/reset/") == true)
        for _ in 0..<17 { _ = try await store.requestPortalReset(email: "nobody@acme.example", address: "192.0.2.7") }
        guard case .addressLimited = try await store.requestPortalReset(email: "jeanne@acme.example", address: "192.0.2.7") else {
            Issue.record("twenty requests from one address are not limited")
            return
        }
        _ = try await store.setMailSetup(MailSetup(relay: sink.relay()))
        #expect(try await store.requestPortalReset(email: "jeanne@acme.example", address: "192.0.2.8") == .unavailable)
    }

    /// A migrated database and a running SMTP server, stopped whatever `body` does.
    static func withSink(_ backend: TestBackend, _ body: (Database, SMTPSink) async throws -> Void) async throws {
        let sink = try await SMTPSink()
        do {
            try await withMigratedDatabase(backend) { database in try await body(database, sink) }
        } catch {
            await sink.stop()
            throw error
        }
        await sink.stop()
    }

    /// Runs the delivery service until nothing is pending (or 60 s pass).
    static func deliverAll(_ store: Store, schedule: String = "1s,2s") async throws {
        var settings = WebhookSettings()
        settings.schedule = try RetrySchedule(parsing: schedule)
        settings.workers = 4
        var logger = Logger(label: "parc.test")
        logger.logLevel = .critical
        let service = OutboxDeliveryService(store: store, settings: settings, logger: logger)
        let delivering = Task.detached { try await service.run() }
        defer { delivering.cancel() }
        try await withDeadline(seconds: 60, waitingFor: "the outbox to empty") {
            while try await store.outbox(status: .pending, ListQuery(limit: 1)).total > 0 { try await Task.sleep(for: .milliseconds(100)) }
        }
        delivering.cancel()
        _ = try? await delivering.value
    }
}
