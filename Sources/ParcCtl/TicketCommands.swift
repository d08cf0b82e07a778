import ArgumentParser
import Foundation
import ParcClient
import ParcDomain
import ParcProtocol

extension TicketPriority: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.uppercased()) }
}

extension TicketType: ExpressibleByArgument {}
extension TicketStatus: ExpressibleByArgument {}
extension SLAHours: ExpressibleByArgument {}
extension ContractStatus: ExpressibleByArgument {}
extension RecurrenceUnit: ExpressibleByArgument {}
extension BillingFrequency: ExpressibleByArgument {}
extension BillingTiming: ExpressibleByArgument {}
extension ContractLineKind: ExpressibleByArgument {}
extension VATExemption: ExpressibleByArgument {}

struct TicketCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket", abstract: "Interventions: open, work, resolve and close tickets.",
        discussion: """
            A ticket is named by its number (T-2026-00042) or its id. Its workflow:
            new → assigned → in-progress ⇄ waiting-for-client → resolved → closed; reopen brings a resolved
            ticket back to work. Response and resolution clocks follow the client's contract SLA (or the
            default, see 'parcctl sla show'), in business hours, paused while waiting for the client.

            Examples:
              parcctl ticket create --client ACME --title "Printer jams" --priority P2
              parcctl ticket list --mine
              parcctl ticket assign T-2026-00001 --technician me
              parcctl ticket status T-2026-00001 in-progress
              parcctl ticket log-time T-2026-00001 --minutes 45 --note "new fuser"
              parcctl ticket add-material T-2026-00001 --asset 31  # deploy from stock
              parcctl ticket resolve T-2026-00001 --resolution "Fuser replaced"
              parcctl ticket close T-2026-00001
            """,
        subcommands: [
            Create.self, List.self, Show.self, Update.self, Assign.self, Status.self, Comment.self, LogTime.self, AddMaterial.self,
            Resolve.self, Close.self, Reopen.self,
        ])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a ticket for a client.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Client code.") var client: String
        @Option(help: "What is wrong or wanted, in one line.") var title: String
        @Option(help: "Details.") var description: String?
        @Option(help: "incident, request, preventive-maintenance, installation or other.") var type: TicketType = .incident
        @Option(help: "P1 (critical) to P4 (low).") var priority: TicketPriority = .p3
        @Option(name: .customLong("asset"), help: "An asset of the client the ticket is about; repeat for several.") var assets: [Int64] = []
        @Option(help: "The client employee who reported it (id).") var reporter: Int64?
        @Option(help: "Technician to assign: a staff id, or 'me'.") var technician: StaffReference?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            var new = NewTicket(client: client, title: title, type: type, priority: priority)
            (new.description, new.reporterEmployeeID) = (description, reporter)
            new.assetIDs = assets.isEmpty ? nil : assets
            let (ticket, clock) = try await connection.with { client in
                new.technicianID = try await technician?.resolve(client)
                return (try await client.createTicket(new), try await ProviderClock.of(client, unless: json))
            }
            if json { return try printJSON(ticket) }
            print("\(ticket.number) opened for \(ticket.clientCode): \(ticket.title) [\(ticket.priority.rawValue), \(ticket.status.rawValue)]")
            print(slaLine(ticket.sla, clock))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tickets: the open ones by default, most urgent priority first.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Only this client's.") var client: String?
        @Option(help: "A status, 'open' (default) or 'all'.") var status: String?
        @Flag(help: "Only tickets assigned to me (my queue).") var mine = false
        @Option(help: "Only this technician's: a staff id, or 'me' (as --mine).") var technician: StaffReference?
        @Option(help: "Only this priority.") var priority: TicketPriority?
        @Option(help: "Only this type.") var type: TicketType?
        @Flag(help: "Only tickets whose SLA is breached.") var breached = false
        @Flag(help: "Only open tickets due within the due-soon window.") var dueSoon = false
        @Option(help: "Created on or after, YYYY-MM-DD.") var from: String?
        @Option(help: "Created on or before, YYYY-MM-DD.") var to: String?
        @Option(help: "Only tickets about this asset.") var asset: Int64?
        @Option(help: "Search titles and numbers.") var search: String?
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if mine && technician != nil { throw ValidationError("give --mine or --technician, not both") }
            if breached && dueSoon { throw ValidationError("give --breached or --due-soon, not both") }
        }

        func run() async throws {
            let query: [String: String?] = [
                "client": client, "status": status, "technician": mine ? "me" : technician?.queryValue, "priority": priority?.rawValue,
                "type": type?.rawValue, "sla": breached ? "breached" : dueSoon ? "due-soon" : nil, "from": from, "to": to, "asset": asset.map(String.init),
                "q": search, "limit": paging.limit.map(String.init), "offset": paging.offset.map(String.init),
            ]
            let (page, clock) = try await connection.with { (try await $0.listTickets(query), try await ProviderClock.of($0, unless: json)) }
            if json { return try printJSON(page) }
            var table = Table("NUMBER", "CLIENT", "PRI", "STATUS", "TECHNICIAN", "SLA", clock.header("DUE"), "TITLE")
            for ticket in page.items {
                let due = ticket.sla.respondedAt == nil ? ticket.sla.responseDueAt ?? ticket.sla.resolutionDueAt : ticket.sla.resolutionDueAt
                table.add(
                    ticket.number, ticket.clientCode, ticket.priority.rawValue, ticket.status.rawValue, ticket.technicianName ?? "-", ticket.sla.state.rawValue,
                    due.map(clock.stamp) ?? "-", ticket.title)
            }
            table.print()
            print(pageFooter(page))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a ticket with its comments, time, material and history.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Ticket number or id.") var ticket: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (detail, clock) = try await connection.with { (try await $0.ticket(ticket), try await ProviderClock.of($0, unless: json)) }
            if json { return try printJSON(detail) }
            let t = detail.ticket
            print("\(t.number)  \(t.title)")
            print("client \(t.clientCode) · \(t.type.rawValue) · \(t.priority.rawValue) · \(t.status.rawValue) · technician \(t.technicianName ?? "none")")
            print("reported by \(t.reporterName) (\(t.reporterKind.rawValue)) on \(clock.named(t.createdAt))")
            if !t.assets.isEmpty { print("assets: " + t.assets.map { "\($0.name) (#\($0.id))" }.joined(separator: ", ")) }
            if let day = t.scheduledFor { print("scheduled for \(day)" + (t.estimatedMinutes.map { ", about \($0) min" } ?? "")) }
            print(slaLine(t.sla, clock))
            print(
                "billable time billed through "
                    + (t.contractReference.map { "contract \($0)" } ?? "no contract (parcctl ticket update \(t.number) --contract REF)"))
            if let description = t.description { print("\n\(description)") }
            if let resolution = t.resolution { print("\nresolution: \(resolution)") }
            if !detail.comments.isEmpty {
                print("\ncomments (\(clock.name)):")
                for comment in detail.comments {
                    print("  \(clock.stamp(comment.createdAt)) \(comment.author) [\(comment.isPublic ? "public" : "internal")]: \(comment.body)")
                }
            }
            if !detail.timeEntries.isEmpty {
                print("\ntime (\(detail.timeEntries.map(\.minutes).reduce(0, +)) min):")
                for entry in detail.timeEntries {
                    print(
                        "  \(entry.workedOn) \(entry.technicianName) \(entry.minutes) min\(entry.billable ? "" : " (not billable)")\(entry.note.map { ": \($0)" } ?? "")"
                    )
                }
            }
            if !detail.materials.isEmpty {
                print("\nmaterial:")
                for material in detail.materials {
                    print(
                        "  \(material.quantity) × \(material.description)\(material.unitPriceCents.map { " at \(money($0))" } ?? "")\(material.assetID.map { " (asset #\($0))" } ?? "")"
                    )
                }
            }
            print("\nhistory (\(clock.name)):")
            for event in detail.history { print("  \(clock.stamp(event.at)) \(event.actor): \(event.summary)") }
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a ticket's title, description, type, priority or contract, link more assets, or add followers.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Ticket number or id.") var ticket: String
        @Option var title: String?
        @Option var description: String?
        @Option var type: TicketType?
        @Option(help: "A new priority resets the SLA targets.") var priority: TicketPriority?
        @Option(name: .customLong("asset"), help: "Link an asset of the client; repeat for several.") var assets: [Int64] = []
        @Option(help: "The client's contract its billable time is billed through (reference; '' for none).") var contract: String?
        @Option(name: .customLong("follower"), help: "An employee of the client who follows it on the portal (id); repeat for several.")
        var followers: [Int64] = []

        func run() async throws {
            var update = TicketUpdate(
                title: title, description: description, type: type, priority: priority, addAssetIDs: assets.isEmpty ? nil : assets, contract: contract)
            update.addFollowerIDs = followers.isEmpty ? nil : followers
            let ticket = try await connection.with { try await $0.updateTicket(self.ticket, update) }
            print("\(ticket.number) updated [\(ticket.priority.rawValue), \(ticket.status.rawValue)]")
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Assign a technician (a staff id or 'me'), or unassign with --none.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Ticket number or id.") var ticket: String
        @Option(help: "Staff id of a technician or manager, or 'me'.") var technician: String?
        @Flag(help: "Remove the technician.") var none = false

        func validate() throws {
            guard (technician == nil) != !none else { throw ValidationError("give --technician ID|me, or --none") }
            if let technician, technician != "me", Int64(technician) == nil { throw ValidationError("--technician must be a staff id or 'me'") }
        }

        func run() async throws {
            let ticket = try await connection.with { client -> Ticket in
                var id = technician.flatMap { Int64($0) }
                if technician == "me" { id = try await client.me().staff.id }
                return try await client.assignTicket(self.ticket, technicianID: id)
            }
            print("\(ticket.number) \(ticket.status.rawValue), technician \(ticket.technicianName ?? "none")")
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a ticket: in-progress, waiting-for-client, resolved (needs --resolution), closed.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Ticket number or id.") var ticket: String
        @Argument(help: "in-progress, waiting-for-client, resolved or closed.") var status: TicketStatus
        @Option(help: "How it was resolved (required to resolve; the client reads it).") var resolution: String?
        @Option(help: "A note kept in the history with the change.") var note: String?

        func run() async throws {
            try await changeStatus(connection, ticket, TicketStatusChange(status: status, resolution: resolution, note: note))
        }
    }

    struct Resolve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resolve a ticket with a resolution summary.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Ticket number or id.") var ticket: String
        @Option(help: "How it was resolved (the client reads it).") var resolution: String

        func run() async throws { try await changeStatus(connection, ticket, TicketStatusChange(status: .resolved, resolution: resolution)) }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a resolved ticket; closed tickets never change.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Ticket number or id.") var ticket: String

        func run() async throws { try await changeStatus(connection, ticket, TicketStatusChange(status: .closed)) }
    }

    struct Reopen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reopen a resolved ticket: back in progress, its resolution clock running again.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Ticket number or id.") var ticket: String
        @Option(help: "Why it is reopened.") var note: String?

        func run() async throws { try await changeStatus(connection, ticket, TicketStatusChange(status: .inProgress, note: note)) }
    }

    struct Comment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Comment on a ticket: internal by default, --public for the client to see.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Ticket number or id.") var ticket: String
        @Argument(help: "The comment.") var text: String
        @Flag(help: "Show it to the client (portal); the first public answer counts as the response.") var `public` = false

        func run() async throws {
            let comment = try await connection.with { try await $0.commentTicket(ticket, NewTicketComment(body: text, isPublic: self.public)) }
            print("comment \(comment.id) added (\(comment.isPublic ? "public" : "internal"))")
        }
    }

    struct LogTime: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Log time worked on a ticket (billable unless --non-billable).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Ticket number or id.") var ticket: String
        @Option(help: "Minutes worked (1-1440).") var minutes: Int
        @Option(help: "Day worked, YYYY-MM-DD (default today).") var date: String?
        @Flag(help: "Not to be billed.") var nonBillable = false
        @Option(help: "What was done.") var note: String?
        @Option(help: "The technician: a staff id (managers only) or 'me'. (default: you)") var technician: StaffReference?

        func run() async throws {
            var entry = NewTimeEntry(minutes: minutes, billable: !nonBillable, note: note)
            entry.workedOn = date
            let logged = try await connection.with { client in
                entry.technicianID = try await technician?.resolve(client)
                return try await client.logTime(ticket, entry)
            }
            print("\(logged.minutes) min logged for \(logged.technicianName) on \(logged.workedOn)\(logged.billable ? "" : " (not billable)")")
        }
    }

    struct AddMaterial: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record material used; with --asset, deploy an in-stock asset at the ticket's client.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Ticket number or id.") var ticket: String
        @Option(help: "What was used (default the asset's name and model).") var description: String?
        @Option(help: "How many.") var quantity = 1
        @Option(help: "Unit price, e.g. 49.90.") var price: String?
        @Option(help: "An in-stock asset (usually of the provider's stock client): it moves to the client and goes in use.") var asset: Int64?

        func run() async throws {
            let material = NewMaterial(
                description: description, quantity: quantity, unitPriceCents: try price.map { try cents($0, option: "--price") }, assetID: asset)
            let added = try await connection.with { try await $0.addMaterial(ticket, material) }
            print("\(added.quantity) × \(added.description) added" + (added.assetID.map { "; asset #\($0) deployed" } ?? ""))
        }
    }
}

func changeStatus(_ connection: ConnectionOptions, _ reference: String, _ change: TicketStatusChange) async throws {
    let (ticket, clock) = try await connection.with { (try await $0.changeTicketStatus(reference, change), try await ProviderClock.of($0)) }
    print("\(ticket.number) is \(ticket.status.rawValue)")
    print(slaLine(ticket.sla, clock))
}

func slaLine(_ sla: TicketSLA, _ clock: ProviderClock) -> String {
    var parts = ["SLA \(sla.state.rawValue) (\(sla.source), \(sla.hours == .business ? "business hours" : "24/7"))"]
    if let due = sla.responseDueAt { parts.append("response due \(clock.named(due))" + (sla.responseMet.map { $0 ? " met" : " missed" } ?? "")) }
    if let due = sla.resolutionDueAt { parts.append("resolution due \(clock.named(due))" + (sla.resolutionMet.map { $0 ? " met" : " missed" } ?? "")) }
    return parts.joined(separator: "; ")
}
