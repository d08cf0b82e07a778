import ArgumentParser
import Foundation
import ParcClient
import ParcProtocol

extension StaffRole: ExpressibleByArgument {}

struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "The provider's staff users (managers only).", subcommands: [Create.self, List.self, Update.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a staff user.",
            discussion: "Then give them a token: parcctl token create --staff ID --label \"their laptop\"")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Email, their login.") var email: String
        @Option(help: "Full name.") var name: String
        @Option(help: "manager, technician or billing.") var role: StaffRole
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let user = try await connection.with { try await $0.createStaff(NewStaffUser(email: email, name: name, role: role)) }
            if json { return try printJSON(user) }
            print("Created \(user.role.rawValue) \(user.email), id \(user.id)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List staff users.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Only emails or names containing this text.") var search: String?
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let page = try await connection.with { try await $0.listStaff(search: search, limit: paging.limit, offset: paging.offset) }
            if json { return try printJSON(page) }
            var table = Table("ID", "EMAIL", "NAME", "ROLE", "ACTIVE", "COST/H", "SKILLS")
            for user in page.items {
                table.add(
                    String(user.id), user.email, user.name, user.role.rawValue, user.active ? "yes" : "no", user.hourlyCostCents.map(money) ?? "-",
                    user.skills.joined(separator: ","))
            }
            table.print()
            print(pageFooter(page))
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a staff user's name, role, status, hourly cost or skills.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Staff user id.") var id: Int64
        @Option(help: "Full name.") var name: String?
        @Option(help: "manager, technician or billing.") var role: StaffRole?
        @Flag(help: "Deactivate: their tokens stop working at once.") var deactivate = false
        @Flag(help: "Reactivate.") var activate = false
        @Option(help: "Hourly cost to the provider, e.g. 42.50 (for profitability); a negative value clears it.") var hourlyCost: String?
        @Option(help: "Skills, comma-separated (replaces the list): networking,printers.") var skills: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            if deactivate && activate { throw ValidationError("--activate and --deactivate contradict each other") }
            var update = StaffUpdate(name: name, role: role, active: deactivate ? false : (activate ? true : nil))
            update.hourlyCostCents = try hourlyCost.map { $0.hasPrefix("-") ? -1 : try cents($0, option: "--hourly-cost") }
            update.skills = skills.map { $0.split(separator: ",").map(String.init) }
            guard update != StaffUpdate() else { throw ValidationError("nothing to change: give at least one option") }
            let user = try await connection.with { try await $0.updateStaff(id: id, update) }
            if json { return try printJSON(user) }
            print("Updated \(user.email): \(user.role.rawValue), \(user.active ? "active" : "deactivated")")
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "API tokens: create (shown once), list, revoke.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token; the secret is printed once.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "What the token is for, e.g. 'laptop' or 'ERP sync'.") var label: String
        @Option(help: "Staff user id to create it for (managers only). (default: yourself)") var staff: Int64?
        @Option(help: "Lifetime in whole days: 90d, 2w. (default: never)") var expires: String?
        @Option(help: ArgumentHelp("Lifetime in days (the older spelling of --expires Nd).", visibility: .hidden)) var expiresDays: Int?
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if expires != nil && expiresDays != nil { throw ValidationError("give --expires (e.g. 90d), not both it and --expires-days") }
        }

        func run() async throws {
            var days = expiresDays
            if let expires {
                let hours = try parseLifetimeHours(expires)
                guard hours % 24 == 0 else { throw ValidationError("--expires of an API token is whole days or weeks, like 90d or 2w (got '\(expires)')") }
                days = hours / 24
            }
            if let days, !(1...3650).contains(days) { throw ValidationError("--expires must be between 1 and 3650 days (got \(days))") }
            let created = try await connection.with {
                try await $0.createToken(NewAPIToken(label: label, staffID: staff, expiresInDays: days))
            }
            if json { return try printJSON(created) }
            print("Created token \(created.token.id) for \(created.token.staffEmail). Secret (shown only once):")
            print(created.secret)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (yours; managers see everyone's).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (page, clock) = try await connection.with {
                (try await $0.listTokens(limit: paging.limit, offset: paging.offset), try await ProviderClock.of($0, unless: json))
            }
            if json { return try printJSON(page) }
            var table = Table("ID", "OWNER", "LABEL", "PREFIX", "CREATED", clock.header("LAST USED"), "EXPIRES", "STATUS")
            for token in page.items {
                table.add(
                    String(token.id), token.staffEmail, token.label, token.prefix + "…", clock.day(token.createdAt),
                    token.lastUsedAt.map(clock.stamp) ?? "never", token.expiresAt.map(clock.day) ?? "never",
                    token.revokedAt != nil ? "revoked" : (token.expiresAt.map { $0 <= Date() } ?? false) ? "expired" : "active")
            }
            table.print()
            print(pageFooter(page))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token; it stops working at once.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Token id (see 'parcctl token list').") var id: Int64

        func run() async throws {
            let token = try await connection.with { try await $0.revokeToken(id: id) }
            print("Revoked token \(token.id) (\(token.label)) of \(token.staffEmail)")
        }
    }
}
