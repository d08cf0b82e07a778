import ArgumentParser
import Foundation
import ParcClient
import ParcProtocol

struct EmployeeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "employee", abstract: "A client's employees, who equipment is assigned to.",
        subcommands: [Add.self, List.self, Update.self, Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a client's employees from a CSV file: every row valid, or nothing imported.",
            discussion: "The first line names the columns: name (required), email, department, site_id. --dry-run checks and previews.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "The CSV file (UTF-8).") var file: String
        @Option(help: "Client code.") var client: String
        @Flag(help: "Check and preview only; write nothing.") var dryRun = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            guard let csv = FileManager.default.contents(atPath: file) else { throw CLIError("cannot read \(file)") }
            let result = try await connection.with { try await $0.importEmployees(client: client, csv: Array(csv), dryRun: dryRun) }
            try report(result, file: file, json: json) { preview in
                var table = Table("NAME", "EMAIL", "DEPARTMENT")
                for employee in preview { table.add(employee.name, employee.email ?? "-", employee.department ?? "-") }
                return table
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an employee to a client.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Client code.") var client: String
        @Option(help: "Full name.") var name: String
        @Option(help: "Email (unique within the client).") var email: String?
        @Option(help: "Department.") var department: String?
        @Option(help: "Site id (see 'parcctl site list').") var site: Int64?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let employee = try await connection.with {
                try await $0.addEmployee(client: client, NewEmployee(name: name, email: email, department: department, siteID: site))
            }
            if json { return try printJSON(employee) }
            print("Added employee \(employee.name) to \(employee.clientCode), id \(employee.id)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a client's employees.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Client code.") var client: String
        @Option(help: "Only names, emails or departments containing this text.") var search: String?
        @Flag(help: "Include deactivated employees.") var all = false
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let page = try await connection.with {
                try await $0.listEmployees(client: client, search: search, active: all ? nil : true, limit: paging.limit, offset: paging.offset)
            }
            if json { return try printJSON(page) }
            var table = Table("ID", "NAME", "EMAIL", "DEPARTMENT", "SITE", "ACTIVE")
            for employee in page.items {
                table.add(
                    String(employee.id), employee.name, employee.email ?? "-", employee.department ?? "-",
                    employee.siteID.map(String.init) ?? "-", employee.active ? "yes" : "no")
            }
            table.print()
            print(pageFooter(page))
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an employee. Pass \"\" to clear a text field, --site 0 to clear the site.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Employee id.") var id: Int64
        @Option(help: "Full name.") var name: String?
        @Option(help: "Email.") var email: String?
        @Option(help: "Department.") var department: String?
        @Option(help: "Site id (0 clears it).") var site: Int64?
        @Flag(help: "Mark as having left the client.") var deactivate = false
        @Flag(help: "Mark as active again.") var activate = false
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            if deactivate && activate { throw ValidationError("--activate and --deactivate contradict each other") }
        }

        func run() async throws {
            let update = EmployeeUpdate(
                name: name, email: email, department: department, siteID: site, active: deactivate ? false : (activate ? true : nil))
            guard update != EmployeeUpdate() else { throw ValidationError("nothing to change: give at least one option") }
            let employee = try await connection.with { try await $0.updateEmployee(id: id, update) }
            if json { return try printJSON(employee) }
            print("Updated employee \(employee.id) (\(employee.name)) of \(employee.clientCode)")
        }
    }
}

struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site", abstract: "A client's sites and locations.", subcommands: [Add.self, List.self, Update.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a site to a client.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Client code.") var client: String
        @Option(help: "Site name (unique within the client).") var name: String
        @Option(help: "Address, first line.") var addressLine1: String?
        @Option(help: "Postal code.") var postalCode: String?
        @Option(help: "City.") var city: String?
        @Option(help: "Country (ISO code). (default: FR)") var country: String?
        @Option(help: "Free notes.") var notes: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let address = addressLine1.map { PostalAddress(line1: $0, postalCode: postalCode ?? "", city: city ?? "", country: country ?? "FR") }
            let site = try await connection.with { try await $0.addSite(client: client, NewSite(name: name, address: address, notes: notes)) }
            if json { return try printJSON(site) }
            print("Added site \(site.name) to \(site.clientCode), id \(site.id)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a client's sites.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Option(help: "Client code.") var client: String
        @OptionGroup var paging: PageOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let page = try await connection.with { try await $0.listSites(client: client, limit: paging.limit, offset: paging.offset) }
            if json { return try printJSON(page) }
            var table = Table("ID", "NAME", "CITY", "ACTIVE")
            for site in page.items { table.add(String(site.id), site.name, site.address?.city ?? "-", site.active ? "yes" : "no") }
            table.print()
            print(pageFooter(page))
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a site; --deactivate when the client leaves it.")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Argument(help: "Site id (see 'parcctl site list').") var id: Int64
        @Option(help: "Site name.") var name: String?
        @Option(help: "Free notes (\"\" clears them).") var notes: String?
        @Flag(help: "Deactivate the site.") var deactivate = false
        @Flag(help: "Reactivate the site.") var activate = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            if deactivate && activate { throw ValidationError("--activate and --deactivate contradict each other") }
            let update = SiteUpdate(name: name, notes: notes, active: deactivate ? false : (activate ? true : nil))
            guard update != SiteUpdate() else { throw ValidationError("nothing to change: give at least one option") }
            let site = try await connection.with { try await $0.updateSite(id: id, update) }
            if json { return try printJSON(site) }
            print("Updated site \(site.id) (\(site.name)) of \(site.clientCode)\(site.active ? "" : ", deactivated")")
        }
    }
}
