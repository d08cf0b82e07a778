import ArgumentParser
import Foundation
import ParcClient
import ParcProtocol

extension PortalRole: ExpressibleByArgument {}

struct PortalUserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal-user", abstract: "Clients' employees' accounts on the client portal.",
        discussion: """
            A portal user is one employee of one client, logging in with the employee's e-mail. Roles: \
            client-admin (everything of the client, and its portal users), member (the assets assigned to \
            them and the tickets they reported or follow), billing (invoices, payments, contracts).

            Examples:
              parcctl portal-user invite --client ACME --employee 12 --role client-admin
              parcctl portal-user list --client ACME
              parcctl portal-user role 3 billing
              parcctl portal-user disable 3
              parcctl portal-user reset-2fa 3
              parcctl portal-user unlock 3
              parcctl portal-user link 3
            """,
        subcommands: [Invite.self, List.self, Role.self, Disable.self, Enable.self, Unlock.self, Link.self, ResetSecondFactor.self])

    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a portal account for an employee and print the invitation link (single use, 7 days).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Client code.") var client: String
        @Option(help: "The employee: id or e-mail (the e-mail is the login).") var employee: String
        @Option(help: "client-admin, member or billing.") var role: PortalRole
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (link, server) = try await connection.with { staff in
                let id = try await EmployeeReference(employee).resolve(clientCode: client, staff)
                return (try await staff.invitePortalUser(client: client, NewPortalUser(employeeID: id, role: role)), staff.server)
            }
            if json { return try printJSON(link) }
            print("Portal user \(link.user.id) \(link.user.email) for \(link.user.clientCode), \(link.user.role.rawValue): invited")
            printLink(link, server: server)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a client's portal users.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Client code.") var client: String
        @Option(help: "Only e-mails or names containing this text.") var search: String?
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (page, clock) = try await connection.with {
                (
                    try await $0.listPortalUsers(client: client, search: search, limit: paging.limit, offset: paging.offset),
                    try await ProviderClock.of($0, unless: json)
                )
            }
            if json { return try printJSON(page) }
            var table = Table("ID", "E-MAIL", "EMPLOYEE", "ROLE", "STATUS", "2FA", clock.header("LAST LOGIN"))
            for user in page.items {
                table.add(
                    String(user.id), user.email, "\(user.employeeName) (\(user.employeeID))", user.role.rawValue,
                    user.status.rawValue + (user.lockedUntil.map { " until \(clock.stamp($0))" } ?? ""), user.secondFactor ? "yes" : "no",
                    user.lastLoginAt.map(clock.stamp) ?? "never")
            }
            table.print()
            print(pageFooter(page))
        }
    }

    struct Role: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a portal user's role.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Portal user id.") var id: Int64
        @Argument(help: "client-admin, member or billing.") var role: PortalRole

        func run() async throws {
            let user = try await connection.with { try await $0.updatePortalUser(id: id, PortalUserUpdate(role: role)) }
            print("Portal user \(user.id) \(user.email) is now \(user.role.rawValue)")
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a portal user: their sessions and links stop working at once.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Portal user id.") var id: Int64

        func run() async throws {
            let user = try await connection.with { try await $0.updatePortalUser(id: id, PortalUserUpdate(disabled: true)) }
            print("Portal user \(user.id) \(user.email) disabled; their sessions are closed")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled portal user again ('portal-user link' sends them a new link).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Portal user id.") var id: Int64

        func run() async throws {
            let user = try await connection.with { try await $0.updatePortalUser(id: id, PortalUserUpdate(disabled: false)) }
            print("Portal user \(user.id) \(user.email) enabled: \(user.status.rawValue)")
        }
    }

    struct ResetSecondFactor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-2fa", abstract: "Remove a portal user's second factor (a lost phone): they set one up at their next sign-in.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Portal user id.") var id: Int64

        func run() async throws {
            let user = try await connection.with { try await $0.updatePortalUser(id: id, PortalUserUpdate(resetSecondFactor: true)) }
            print("Portal user \(user.id) \(user.email) has no second factor now; their sessions are closed")
        }
    }

    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End a lockout after too many failed logins.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Portal user id.") var id: Int64

        func run() async throws {
            let user = try await connection.with { try await $0.unlockPortalUser(id: id) }
            print("Portal user \(user.id) \(user.email) unlocked: \(user.status.rawValue)")
        }
    }

    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A new single-use link: the invitation again (7 days) until a password is set, then a password reset (15 minutes).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Portal user id.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let (link, server) = try await connection.with { (try await $0.portalLink(userID: id), $0.server) }
            if json { return try printJSON(link) }
            print("Portal user \(link.user.id) \(link.user.email): earlier links no longer work")
            printLink(link, server: server)
        }
    }
}

/// The link to hand over (shown once: the server keeps only its hash).
func printLink(_ link: PortalLink, server: String) {
    if let emailedTo = link.emailedTo {
        print("Mailed to \(emailedTo) (parcctl outbox list shows when it leaves); the same link, if they need it now:")
    } else {
        print("Not mailed (no relay or portal address: parcctl mail set --portal-url …); give them this link:")
    }
    print("Link for \(link.user.email) (single use, until \(link.expiresAt.formatted(.iso8601)) UTC):")
    print(server + link.path)
}
