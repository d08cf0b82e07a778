import ArgumentParser
import Foundation
import ParcClient
import ParcProtocol

extension NotificationEvent: ExpressibleByArgument {}
extension OutboxStatus: ExpressibleByArgument {}

struct WebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook", abstract: "Webhooks: signed HTTP POSTs to your tools when alerts are raised or resolved (managers).",
        discussion: """
            Each message follows Standard Webhooks (webhook-id, webhook-timestamp,
            webhook-signature: HMAC-SHA256 with the endpoint's whsec_ secret). A
            failed one is tried again 5s, 5m, 30m, 2h, 5h, 10h and 24h after its first
            attempt; a 410 answer disables the endpoint. Addresses in private,
            loopback and link-local ranges are refused unless the server allows
            them (parc-server serve --webhook-allow).

            Examples:
              parcctl webhook add --url https://hooks.example.com/parc
              parcctl webhook add --client ACME --event alert.raised \\
                --url https://acme.example/hook
              parcctl webhook rotate 3
              parcctl outbox list --status failed
            """,
        subcommands: [List.self, Add.self, Show.self, Remove.self, Rotate.self, Enable.self, Disable.self])

    static func print(_ endpoint: WebhookEndpoint) {
        let fields: [(String, String?)] = [
            ("Webhook", String(endpoint.id)), ("URL", endpoint.url), ("Client", endpoint.clientCode ?? "all clients (provider-wide)"),
            ("Events", endpoint.events.isEmpty ? "all" : endpoint.events.map(\.rawValue).joined(separator: ", ")),
            ("State", endpoint.enabled ? "enabled" : "disabled: \(endpoint.disabledReason ?? "")"),
            ("Old secret", endpoint.previousSecretUntil.map { "also signs until \($0.formatted(.iso8601))" }),
        ]
        for (label, value) in fields {
            guard let value else { continue }
            Swift.print(label.padding(toLength: 12, withPad: " ", startingAt: 0) + line(value))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List webhook endpoints.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Only this client's (provider-wide ones are left out).") var client: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let endpoints = try await connection.with { try await $0.webhooks(client: client) }
            if json { return try printJSON(endpoints) }
            var table = Table("ID", "CLIENT", "STATE", "EVENTS", "URL")
            for endpoint in endpoints {
                table.add(
                    String(endpoint.id), endpoint.clientCode ?? "-", endpoint.enabled ? "enabled" : "disabled",
                    endpoint.events.isEmpty ? "all" : endpoint.events.map(\.rawValue).joined(separator: ","), endpoint.url)
            }
            table.print()
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an endpoint and print its signing secret (shown once).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Where to POST: an http or https URL.") var url: String
        @Option(help: "Only this client's events (default: every client's).") var client: String?
        @Option(
            name: .customLong("event"), help: "Only these events (repeat): \(NotificationEvent.allCases.map(\.rawValue).joined(separator: ", ")). Default: all."
        )
        var events: [NotificationEvent] = []
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let made = try await connection.with {
                try await $0.addWebhook(NewWebhookEndpoint(url: url, client: client, events: events.isEmpty ? nil : events))
            }
            if json { return try printJSON(made) }
            WebhookCommand.print(made.endpoint)
            Swift.print("Secret      \(made.secret)")
            Swift.print("Keep the secret: receivers verify signatures with it, and it is not shown again ('parcctl webhook rotate' makes a new one).")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one endpoint.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Webhook id.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let endpoint = try await connection.with { try await $0.webhook(id: id) }
            if json { return try printJSON(endpoint) }
            WebhookCommand.print(endpoint)
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an endpoint; what still waited for it is cancelled.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Webhook id.") var id: Int64

        func run() async throws {
            try await connection.with { try await $0.removeWebhook(id: id) }
            Swift.print("Webhook \(id) removed.")
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a new secret; for 24 hours messages carry a signature with each, so receivers can switch without a gap.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Webhook id.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let rotated = try await connection.with { try await $0.rotateWebhookSecret(id: id) }
            if json { return try printJSON(rotated) }
            WebhookCommand.print(rotated.endpoint)
            Swift.print("Secret      \(rotated.secret)")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable an endpoint again (after a 410, say); 'parcctl outbox retry' replays what it missed.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Webhook id.") var id: Int64

        func run() async throws {
            WebhookCommand.print(try await connection.with { try await $0.setWebhookEnabled(id: id, true) })
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop sending to an endpoint; what waited for it is cancelled.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Webhook id.") var id: Int64

        func run() async throws {
            WebhookCommand.print(try await connection.with { try await $0.setWebhookEnabled(id: id, false) })
        }
    }
}

struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "The notifications' deliveries: what was sent, what waits, what failed and why (managers).",
        discussion: """
            Examples:
              parcctl outbox list --status failed
              parcctl outbox retry 812 813
              parcctl outbox retry --all-failed
            """,
        subcommands: [List.self, Retry.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List deliveries, newest first.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Only this status: pending, delivered, failed or cancelled.") var status: OutboxStatus?
        @Option(help: "Only this client's events.") var client: String?
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let page = try await connection.with { try await $0.outbox(status: status, client: client, limit: paging.limit, offset: paging.offset) }
            if json { return try printJSON(page) }
            var table = Table("ID", "EVENT", "CLIENT", "STATUS", "TRIES", "TARGET", "LAST ERROR")
            for entry in page.items {
                let state =
                    entry.status == .pending ? "pending, next \(entry.nextAttemptAt.map { $0.formatted(.iso8601) } ?? "-")" : entry.status.rawValue
                table.add(
                    String(entry.id), entry.eventType, entry.clientCode ?? "-", state, String(entry.attempts), entry.target,
                    entry.lastError ?? "")
            }
            table.print()
            Swift.print(pageFooter(page))
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send failed or cancelled deliveries again, with a fresh retry schedule; the receiver gets the same webhook-id.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Delivery ids (see 'parcctl outbox list --status failed').") var ids: [Int64] = []
        @Flag(help: "Every failed delivery whose endpoint is enabled.") var allFailed = false

        func validate() throws {
            guard ids.isEmpty == allFailed else { throw ValidationError("name delivery ids or --all-failed (one of the two)") }
        }

        func run() async throws {
            let result = try await connection.with {
                try await $0.retryDeliveries(OutboxRetryRequest(ids: ids.isEmpty ? nil : ids, allFailed: allFailed ? true : nil))
            }
            Swift.print("\(result.requeued) deliver\(result.requeued == 1 ? "y" : "ies") queued again.")
        }
    }
}

struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "The SMTP relay Parc sends its mail through (managers).",
        discussion: """
            Parc hands each message to your relay with msmtp (apt install msmtp
            on the server). 'set' checks that the relay answers and speaks the security
            asked for before keeping it; 'test' sends a message now, which is where
            a wrong password shows.

            Examples:
              parcctl mail set --host smtp.example.com --from alerts@example.com \\
                --user alerts@example.com --password-file /root/smtp-password \\
                --portal-url https://parc.example.com
              parcctl mail set --host 127.0.0.1 --port 25 --security none \\
                --from parc@example.com
              parcctl mail test --to me@example.com
              parcctl mail rules set --event alert.raised --to contact,technician --digest
            """,
        subcommands: [Show.self, Set.self, Test.self, Rules.self])

    static func print(_ settings: MailSettings) {
        let fields: [(String, String?)] = [
            ("Relay", "\(settings.host):\(settings.port) (\(settings.security))"),
            ("User", settings.username.map { $0 + (settings.hasPassword ? " (password set)" : " (no password)") } ?? "none (no AUTH)"),
            ("From", settings.fromName.map { "\($0) <\(settings.fromAddress)>" } ?? settings.fromAddress),
            ("CA file", settings.caFile),
            ("Portal", settings.portalURL ?? "not set: invitation and reset links are not mailed (--portal-url)"),
            ("Updated", settings.updatedAt.formatted(.iso8601)),
        ]
        for (label, value) in fields {
            guard let value else { continue }
            Swift.print(label.padding(toLength: 9, withPad: " ", startingAt: 0) + line(value))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the relay (never its password).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let settings = try await connection.with { try await $0.mailSettings() }
            if json { return try printJSON(settings) }
            MailCommand.print(settings)
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the relay, after checking that it answers.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "The relay's host name or address.") var host: String
        @Option(help: "Its port (default: 587 for starttls, 465 for tls, 25 for none).") var port: Int?
        @Option(help: "starttls (default), tls, or none (a relay on your own network; no password then).") var security: String?
        @Option(name: .customLong("user"), help: "The account to authenticate as (AUTH); none by default.") var username: String?
        @Option(help: "A file holding the password (its first line): never typed on a command line.") var passwordFile: String?
        @Option(help: "The sender address of every message.") var from: String
        @Option(help: "The sender's name, e.g. your company's.") var fromName: String?
        @Option(help: "A CA file on the server to check the relay's certificate with, instead of the system's.") var caFile: String?
        @Option(help: "The address clients open the portal at (https://parc.example.com): portal invitations and resets are mailed with it.")
        var portalURL: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            var password: String?
            if let passwordFile {
                guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                    throw ValidationError("cannot read the password file \(passwordFile)")
                }
                password = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            }
            let update = MailSettingsUpdate(
                host: host, port: port, security: security, username: username, password: password, fromAddress: from, fromName: fromName, caFile: caFile,
                portalURL: portalURL)
            let settings = try await connection.with { try await $0.setMailSettings(update) }
            if json { return try printJSON(settings) }
            MailCommand.print(settings)
            Swift.print("The relay answers. Send a message to check the rest: parcctl mail test --to you@example.com")
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send a test message now, and say what the relay answered.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Who receives it.") var to: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let result = try await connection.with { try await $0.testMail(MailTest(to: to)) }
            if json { try printJSON(result) }
            guard result.sent else {
                if !json { Swift.print("Not sent: \(result.error ?? "the relay refused it")") }
                throw ExitCode(1)
            }
            if !json { Swift.print("Sent to \(to): check that it arrived.") }
        }
    }
}

extension MailCommand {
    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rules", abstract: "Who is told of which event by e-mail, for each client or by default.",
            discussion: """
                Recipients: contact (the client's contact address), client-admins (its
                portal administrators), technician (the ticket's), staff:EMAIL (one of
                yours). A client's rule replaces the default for that event. Digest:
                one mail per recipient per day; SLA breaches are always sent at once.

                Examples:
                  parcctl mail rules set --event alert.raised --to contact,staff:am@example.com
                  parcctl mail rules set --client ACME --event alert.raised --to contact \\
                    --digest --language en
                  parcctl mail rules show --client ACME
                  parcctl mail rules remove --client ACME --event alert.raised
                """,
            subcommands: [Show.self, Set.self, Remove.self])

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the rules (with --client: those that apply to it).")
            @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
            @Option(help: "The rules that apply to this client: its own and the defaults it has none for.") var client: String?
            @Flag(help: "Print JSON.") var json = false

            func run() async throws {
                let rules = try await connection.with { try await $0.mailRules(client: client) }
                if json { return try printJSON(rules) }
                var table = Table("CLIENT", "EVENT", "RECIPIENTS", "CADENCE", "LANGUAGE")
                for rule in rules {
                    table.add(rule.clientCode ?? "(default)", rule.event.rawValue, rule.recipients.joined(separator: ","), rule.cadence, rule.language)
                }
                table.print()
            }
        }

        struct Set: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Set who is told of an event, and how often.")
            @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
            @Option(help: "For this client only (default: for every client without a rule of its own).") var client: String?
            @Option(help: "The event: \(NotificationEvent.allCases.map(\.rawValue).joined(separator: ", ")).") var event: NotificationEvent
            @Option(help: "Recipients, comma-separated: contact, client-admins, technician, staff:EMAIL.") var to: String
            @Flag(help: "At once (the default), or in one digest a day.") var cadence: Cadence = .immediate
            @Option(help: "fr (default) or en.") var language: String?
            @Flag(help: "Print JSON.") var json = false

            enum Cadence: String, EnumerableFlag {
                case immediate, digest
            }

            func run() async throws {
                let update = MailRuleUpdate(
                    client: client, event: event, recipients: to.split(separator: ",").map { String($0) }, cadence: cadence.rawValue, language: language)
                let rule = try await connection.with { try await $0.setMailRule(update) }
                if json { return try printJSON(rule) }
                Swift.print(
                    "\(rule.clientCode ?? "By default"): \(rule.event.rawValue) → \(rule.recipients.joined(separator: ", ")), \(rule.cadence), \(rule.language)"
                )
            }
        }

        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Remove a rule (a client's: the default applies again).")
            @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
            @Option(help: "The client's rule (default: the default rule).") var client: String?
            @Option(help: "The event.") var event: NotificationEvent

            func run() async throws {
                try await connection.with { try await $0.removeMailRule(event: event, client: client) }
                Swift.print("Removed the rule for \(event.rawValue) (\(client ?? "default")).")
            }
        }
    }
}
