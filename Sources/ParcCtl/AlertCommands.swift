import ArgumentParser
import Foundation
import ParcClient
import ParcDomain
import ParcProtocol

extension AlertKind: ExpressibleByArgument {}
extension AlertState: ExpressibleByArgument {}

struct AlertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert", abstract: "Alerts: warranties, contracts, licences, agents, SLA, invoices.",
        discussion: """
            The server scans every 10 minutes (SLA every 30 s). Each alert fires once
            per object, due date and lead time; a changed date re-arms it, and a
            renewal, a fix or a return to contact resolves it.

            Examples:
              parcctl alert list
              parcctl alert list --client ACME --kind warranty-end --all
              parcctl alert ack 42
              parcctl alert rules show --client ACME
              parcctl alert rules set --kind warranty-end --lead-times 60,14,0
              parcctl alert rules set --kind licence-over-deployed --ticket
            """,
        subcommands: [List.self, Show.self, Ack.self, Scan.self, Rules.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List alerts: the live ones (open or acknowledged) unless told.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Only this client's.") var client: String?
        @Option(help: "Only this kind: \(AlertKind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: AlertKind?
        @Option(help: "Only this state: open, acknowledged or resolved.") var state: AlertState?
        @Flag(help: "Resolved alerts too.") var all = false
        @Option(help: "Only alerts whose object or summary contains this.") var search: String?
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (page, clock) = try await connection.with {
                (
                    try await $0.listAlerts(
                        client: client, kind: kind, state: state, all: all, search: search, limit: paging.limit, offset: paging.offset),
                    try await ProviderClock.of($0, unless: json)
                )
            }
            if json { return try printJSON(page) }
            var table = Table("ID", "CLIENT", "STATE", clock.header("RAISED"), "SUMMARY")
            for alert in page.items {
                table.add(String(alert.id), alert.clientCode, alert.state.rawValue, clock.stamp(alert.raisedAt), alert.summary)
            }
            table.print()
            print(pageFooter(page))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one alert: what, since when, who acknowledged it, how it ended.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Alert id.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (alert, clock) = try await connection.with { (try await $0.alert(id: id), try await ProviderClock.of($0, unless: json)) }
            if json { return try printJSON(alert) }
            let unit = AlertRules.unit(alert.kind).rawValue
            let fields: [(String, String?)] = [
                ("Alert", "\(alert.id) \(alert.kind.rawValue)"), ("Client", alert.clientCode), ("Summary", alert.summary),
                ("Object", "\(alert.object) (\(alert.label))"), ("Due", alert.due.isEmpty ? nil : alert.due),
                ("Threshold", alert.due.isEmpty ? nil : "\(alert.threshold) \(unit)"), ("State", alert.state.rawValue),
                ("Raised", clock.stamp(alert.raisedAt)),
                ("Acknowledged", alert.acknowledgedAt.map { "\(clock.stamp($0)) by \(alert.acknowledgedBy ?? "?")" }),
                ("Resolved", alert.resolvedAt.map { "\(clock.stamp($0)): \(alert.resolution ?? "")" }), ("Ticket", alert.ticketNumber),
            ]
            for (label, value) in fields {
                guard let value else { continue }
                print(label.padding(toLength: 14, withPad: " ", startingAt: 0) + line(value))
            }
        }
    }

    struct Ack: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ack", abstract: "Acknowledge alerts: seen, being handled. They resolve on their own when the cause goes.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Alert ids.") var ids: [Int64]

        func validate() throws {
            guard !ids.isEmpty else { throw ValidationError("name at least one alert id (see 'parcctl alert list')") }
        }

        func run() async throws {
            try await connection.with { client in
                for id in ids {
                    let alert = try await client.acknowledgeAlert(id: id)
                    print("Alert \(alert.id) acknowledged by \(alert.acknowledgedBy ?? "you"): \(alert.summary)")
                }
            }
        }
    }

    struct Scan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Scan now instead of waiting for the server's next pass (managers).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let result = try await connection.with { try await $0.scanAlerts() }
            if json { return try printJSON(result) }
            print("\(result.raised) alert(s) raised, \(result.resolved) resolved, \(result.ticketsOpened) ticket(s) opened (\(result.milliseconds) ms)")
        }
    }

    struct Rules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lead times per kind: the provider's defaults and clients' overrides.",
            discussion: """
                Lead times are days before the date (days after it for agent-silent and
                invoice-overdue; minutes for sla-due-soon and sla-breached).

                Examples:
                  parcctl alert rules show
                  parcctl alert rules set --kind contract-end --lead-times 180,90,30
                  parcctl alert rules set --client ACME --kind agent-silent --lead-times 1,7
                  parcctl alert rules set --client ACME --kind agent-silent --reset
                """,
            subcommands: [ShowRules.self, SetRule.self])
    }

    struct ShowRules: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show every kind's rule, for the provider or a client.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "As it applies to this client.") var client: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let rules = try await connection.with { try await $0.alertRules(client: client) }
            if json { return try printJSON(rules) }
            var table = Table("KIND", "ON", "LEAD TIMES", "TICKET", "FROM")
            for rule in rules {
                let leads =
                    rule.leadTimes.isEmpty
                    ? "when it starts" : rule.leadTimes.map(String.init).joined(separator: ",") + " " + AlertRules.unit(rule.kind).rawValue
                table.add(rule.kind.rawValue, rule.enabled ? "yes" : "no", leads, rule.opensTicket ? "yes" : "no", rule.overridden ? "client" : "provider")
            }
            table.print()
        }
    }

    struct SetRule: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Change one kind's rule, for the provider or one client (managers).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "The kind: \(AlertKind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: AlertKind
        @Option(help: "Only for this client (an override of the provider's rule).") var client: String?
        @Option(help: "Lead times, comma-separated: 90,30,7,0.") var leadTimes: String?
        @Flag(inversion: .prefixedNo, help: "Turn the kind on or off.") var on: Bool?
        @Flag(inversion: .prefixedNo, help: "Also open a ticket when an alert fires.") var ticket: Bool?
        @Flag(help: "Drop the client's override: the provider's rule applies again.") var reset = false
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if reset && client == nil { throw ValidationError("--reset drops a client's override: give --client") }
            if reset && (leadTimes != nil || on != nil || ticket != nil) { throw ValidationError("--reset takes no other change") }
            if !reset && leadTimes == nil && on == nil && ticket == nil {
                throw ValidationError("nothing to change: give --lead-times, --on/--no-on, --ticket/--no-ticket or --reset")
            }
        }

        func run() async throws {
            let leads = try leadTimes.map { text in
                try text.split(separator: ",", omittingEmptySubsequences: false).map { part -> Int in
                    guard let value = Int(part.trimmingCharacters(in: .whitespaces)) else {
                        throw ValidationError("--lead-times takes whole numbers separated by commas, like 90,30,7,0 (got '\(text)')")
                    }
                    return value
                }
            }
            let rule = try await connection.with {
                try await $0.setAlertRule(
                    AlertRuleUpdate(kind: kind, client: client, leadTimes: leads, enabled: on, opensTicket: ticket, reset: reset ? true : nil))
            }
            if json { return try printJSON(rule) }
            let scope = rule.clientCode.map { "for \($0)" } ?? "for the provider"
            let leadsText =
                rule.leadTimes.isEmpty ? "when it starts" : rule.leadTimes.map(String.init).joined(separator: ",") + " " + AlertRules.unit(kind).rawValue
            print("\(kind.rawValue) \(scope): \(rule.enabled ? "on" : "off"), \(leadsText)\(rule.opensTicket ? ", opens a ticket" : "")")
        }
    }
}
