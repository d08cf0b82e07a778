import ArgumentParser
import Foundation
import ParcClient
import ParcDomain
import ParcProtocol

struct SLACommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla", abstract: "The working calendar SLA clocks run in, and the default targets for clients without a contract.",
        discussion: """
            Examples:
              parcctl sla show
              parcctl sla set --hours 08:30-17:30 --days 1,2,3,4,5 \\
                  --holiday 2026-12-25 --holiday 2027-01-01
              parcctl sla set --targets P1=1h/4h,P2=2h/1d,P3=4h/3d,P4=1d/5d

            A day in targets is one working day of the calendar: its opening hours (9 h for
            09:00-18:00), 24 h for 24x7 terms; plain numbers are minutes.
            """,
        subcommands: [Show.self, Set.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the calendar and default targets.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let settings = try await connection.with { try await $0.slaSettings() }
            if json { return try printJSON(settings) }
            let calendar = settings.calendar
            print(
                "calendar: \(calendar.timeZone), days \(calendar.workingDays.map(String.init).joined(separator: ",")) (1 = Monday), \(calendar.opensAt)-\(calendar.closesAt)"
            )
            print("holidays: \(calendar.holidays.isEmpty ? "none" : calendar.holidays.joined(separator: ", "))")
            print("due soon: within \(settings.dueSoonMinutes) min")
            printTerms(settings.defaultTerms, title: "default targets")
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change the calendar or default targets (managers); what is not given stays.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "IANA time zone, e.g. Europe/Paris.") var timeZone: String?
        @Option(help: "Working days, ISO numbers: 1,2,3,4,5 is Monday to Friday.") var days: String?
        @Option(help: "Opening hours, HH:MM-HH:MM.") var hours: String?
        @Option(name: .customLong("holiday"), help: "A public holiday, YYYY-MM-DD; repeat for several (replaces the list).") var holidays: [String] = []
        @Flag(help: "Remove all holidays.") var clearHolidays = false
        @Option(help: "Default targets, e.g. P1=1h/4h,P2=2h/8h,P3=4h/3d,P4=1d/5d.") var targets: String?
        @Option(help: "business or 24x7, for the default targets.") var clock: SLAHours?
        @Option(help: "Minutes before a due time a ticket counts as due soon.") var dueSoon: Int?

        func run() async throws {
            let result = try await connection.with { client -> SLASettings in
                var settings = try await client.slaSettings()
                if let timeZone { settings.calendar.timeZone = timeZone }
                if let days {
                    settings.calendar.workingDays = try days.split(separator: ",").map { part in
                        guard let day = Int(part.trimmingCharacters(in: .whitespaces)) else {
                            throw ValidationError("--days takes numbers like 1,2,3,4,5 (got '\(days)')")
                        }
                        return day
                    }
                }
                if let hours {
                    let parts = hours.split(separator: "-").map(String.init)
                    guard parts.count == 2 else { throw ValidationError("--hours takes HH:MM-HH:MM (got '\(hours)')") }
                    (settings.calendar.opensAt, settings.calendar.closesAt) = (parts[0], parts[1])
                }
                if clearHolidays { settings.calendar.holidays = [] }
                if !holidays.isEmpty { settings.calendar.holidays = holidays }
                if let clock { settings.defaultTerms.hours = clock }
                if let targets {
                    settings.defaultTerms.targets = try SLARules.parseTargets(targets, hours: settings.defaultTerms.hours, calendar: settings.calendar)
                }
                if let dueSoon { settings.dueSoonMinutes = dueSoon }
                return try await client.updateSLASettings(settings)
            }
            print(
                "SLA settings saved: \(result.calendar.timeZone), \(result.calendar.opensAt)-\(result.calendar.closesAt), \(result.calendar.holidays.count) holiday(s)"
            )
        }
    }
}

func printTerms(_ terms: SLATerms, title: String) {
    print("\(title) (\(terms.hours == .business ? "business hours" : "24/7")):")
    for target in terms.targets {
        print("  \(target.priority.rawValue)  response \(minutesText(target.responseMinutes))  resolution \(minutesText(target.resolutionMinutes))")
    }
}

func minutesText(_ minutes: Int) -> String {
    minutes % 60 == 0 ? "\(minutes / 60) h" : minutes > 60 ? "\(minutes / 60) h \(minutes % 60) min" : "\(minutes) min"
}

struct MaintenanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance", abstract: "Preventive maintenance plans, and the tickets the server opens for them.",
        discussion: """
            The server opens each occurrence's tickets (one per asset) a plan's lead days ahead, every
            hour (parc-server serve --maintenance-every), and catches up after downtime.

            Examples:
              parcctl maintenance plan create --client ACME --name "Server check" \\
                  --asset 4 --every 3 --unit months --starts-on 2027-01-15 \\
                  --check "Apply updates" --check "Test backups" --estimate 60
              parcctl maintenance plan create --client ACME --name "Laptop cleaning" \\
                  --kind computer --every 1 --unit years --starts-on 2027-03-01
              parcctl maintenance plan list
              parcctl maintenance run
            """,
        subcommands: [Plan.self, Run.self])

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create, list, show, pause and resume plans.", subcommands: [Create.self, List.self, Show.self, Pause.self, Resume.self])

        struct Create: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Create a plan for listed assets (--asset) or all of a client's assets of a kind (--kind).")
            @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
            @Option(help: "Client code.") var client: String
            @Option var name: String
            @Option(name: .customLong("asset"), help: "A target asset; repeat for several.") var assets: [Int64] = []
            @Option(help: "Target every asset of this kind (computer, printer, network-device, ...).") var kind: AssetKind?
            @Option(help: "Every N units.") var every: Int
            @Option(help: "days, weeks, months or years.") var unit: RecurrenceUnit
            @Option(help: "First occurrence, YYYY-MM-DD.") var startsOn: String
            @Option(name: .customLong("check"), help: "A checklist item; repeat for several.") var checklist: [String] = []
            @Option(help: "Estimated minutes per asset.") var estimate: Int?
            @Option(help: "Default technician: a staff id, or 'me'.") var technician: StaffReference?
            @Option(help: "Open tickets this many days ahead (default 7).") var leadDays: Int?
            @Option(help: "Priority of the tickets (default P4).") var priority: TicketPriority?
            @Flag(help: "Print JSON.") var json = false

            func run() async throws {
                var new = NewMaintenancePlan(
                    client: client, name: name, recurrence: Recurrence(every: every, unit: unit, startsOn: startsOn), checklist: checklist)
                (new.assetIDs, new.kind, new.estimatedMinutes, new.leadDays, new.priority) =
                    (assets.isEmpty ? nil : assets, kind, estimate, leadDays, priority)
                let plan = try await connection.with { client in
                    new.technicianID = try await technician?.resolve(client)
                    return try await client.createMaintenancePlan(new)
                }
                if json { return try printJSON(plan) }
                print(
                    "Plan \(plan.id) \(plan.name) for \(plan.clientCode): every \(plan.recurrence.every) \(plan.recurrence.unit.rawValue); next \(plan.nextOccurrence ?? "-")"
                )
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List plans.")
            @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
            @Option(help: "Only this client's.") var client: String?
            @OptionGroup var paging: PageOptions
            @Flag(help: "Print JSON.") var json = false

            func run() async throws {
                let page = try await connection.with { try await $0.listMaintenancePlans(client: client, limit: paging.limit, offset: paging.offset) }
                if json { return try printJSON(page) }
                var table = Table("ID", "CLIENT", "NAME", "TARGETS", "EVERY", "NEXT", "STATE")
                for plan in page.items {
                    table.add(
                        String(plan.id), plan.clientCode, plan.name, plan.kind.map { "all \($0.rawValue)" } ?? "\(plan.assetIDs.count) asset(s)",
                        "\(plan.recurrence.every) \(plan.recurrence.unit.rawValue)", plan.nextOccurrence ?? "-", plan.paused ? "paused" : "active")
                }
                table.print()
                print(pageFooter(page))
            }
        }

        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Show a plan.")
            @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
            @Argument(help: "Plan id.") var id: Int64
            @Flag(help: "Print JSON.") var json = false

            func run() async throws {
                let plan = try await connection.with { try await $0.maintenancePlan(id: id) }
                if json { return try printJSON(plan) }
                print("Plan \(plan.id) \(plan.name) for \(plan.clientCode) (\(plan.paused ? "paused" : "active"))")
                print("targets: " + (plan.kind.map { "every \($0.rawValue)" } ?? plan.assetIDs.map { "#\($0)" }.joined(separator: ", ")))
                print(
                    "every \(plan.recurrence.every) \(plan.recurrence.unit.rawValue) from \(plan.recurrence.startsOn); tickets open \(plan.leadDays) day(s) ahead, \(plan.priority.rawValue)"
                )
                print("opened through \(plan.scheduledThrough); next occurrence \(plan.nextOccurrence ?? "-")")
                if let estimate = plan.estimatedMinutes { print("estimated \(estimate) min per asset") }
                for item in plan.checklist { print("  ☐ \(item)") }
            }
        }

        struct Pause: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Pause a plan: no tickets open until it resumes (missed occurrences are skipped).")
            @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
            @Argument(help: "Plan id.") var id: Int64

            func run() async throws {
                let plan = try await connection.with { try await $0.setMaintenancePlan(id: id, paused: true) }
                print("Plan \(plan.id) \(plan.name) paused")
            }
        }

        struct Resume: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Resume a paused plan from today.")
            @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
            @Argument(help: "Plan id.") var id: Int64

            func run() async throws {
                let plan = try await connection.with { try await $0.setMaintenancePlan(id: id, paused: false) }
                print("Plan \(plan.id) \(plan.name) active; next occurrence \(plan.nextOccurrence ?? "-")")
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open due maintenance tickets now (what the server does every hour); safe to repeat.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Run as of this day, YYYY-MM-DD (default today).") var asOf: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let run = try await connection.with { try await $0.runMaintenance(asOf: asOf) }
            if json { return try printJSON(run) }
            print(
                run.opened.isEmpty
                    ? "no maintenance ticket due as of \(run.asOf)"
                    : "\(run.opened.count) ticket(s) opened as of \(run.asOf): \(run.opened.joined(separator: " "))")
        }
    }
}
