import Foundation
import Hummingbird
import Logging
import ParcDomain
import ParcProtocol

/// Clients, their sites and their employees (`/api/v1/clients/...`, `/api/v1/employees/...`).
struct DirectoryController {
    let store: Store

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("clients") { request, context in
            _ = try context.requireStaff(.createClient)
            let new = try DirectoryRules.validated(try await request.decodeJSON(NewClient.self, context: context))
            let client = try await store.createClient(new)
            context.logger.info("client created", metadata: ["parc.client_id": "\(client.id)", "parc.client_code": "\(client.code)"])
            return try JSONResponse.make(client, status: .created)
        }
        group.get("clients") { request, context in
            _ = try context.requireStaff(.readDirectory)
            return try JSONResponse.make(try await store.listClients(try request.listQuery()))
        }
        group.get("clients/{code}") { _, context in
            _ = try context.requireStaff(.readDirectory)
            return try JSONResponse.make(try await store.client(code: try context.parameters.string("code")))
        }
        group.patch("clients/{code}") { request, context in
            _ = try context.requireStaff(.updateClient)
            let update = try await request.decodeJSON(ClientUpdate.self, context: context)
            if update.active != nil { _ = try context.requireStaff(.activateClient) }
            return try JSONResponse.make(try await store.updateClient(code: try context.parameters.string("code"), update))
        }

        group.post("clients/{code}/sites") { request, context in
            _ = try context.requireStaff(.manageSites)
            let new = try DirectoryRules.validated(try await request.decodeJSON(NewSite.self, context: context))
            return try JSONResponse.make(try await store.addSite(clientCode: try context.parameters.string("code"), new), status: .created)
        }
        group.get("clients/{code}/sites") { request, context in
            _ = try context.requireStaff(.readDirectory)
            return try JSONResponse.make(try await store.listSites(clientCode: try context.parameters.string("code"), try request.listQuery()))
        }

        group.get("sites/{id}") { _, context in
            _ = try context.requireStaff(.readDirectory)
            return try JSONResponse.make(try await store.site(id: try context.parameters.id("id")))
        }
        group.patch("sites/{id}") { request, context in
            _ = try context.requireStaff(.manageSites)
            let update = try await request.decodeJSON(SiteUpdate.self, context: context)
            return try JSONResponse.make(try await store.updateSite(id: try context.parameters.id("id"), update))
        }

        group.post("clients/{code}/employees") { request, context in
            _ = try context.requireStaff(.manageEmployees)
            let new = try DirectoryRules.validated(try await request.decodeJSON(NewEmployee.self, context: context))
            return try JSONResponse.make(try await store.addEmployee(clientCode: try context.parameters.string("code"), new), status: .created)
        }
        // A spreadsheet of employees: all rows valid or nothing written; dryRun=true previews.
        group.post("clients/{code}/employees/import") { request, context in
            _ = try context.requireStaff(.manageEmployees)
            let csv = try await request.csvBody(context: context)
            let dryRun = request.isDryRun
            let result = try await store.importEmployees(clientCode: try context.parameters.string("code"), csv: csv, dryRun: dryRun)
            return try JSONResponse.make(result, status: result.problems.isEmpty ? (dryRun ? .ok : .created) : .unprocessableContent)
        }
        group.get("clients/{code}/employees") { request, context in
            _ = try context.requireStaff(.readDirectory)
            return try JSONResponse.make(try await store.listEmployees(clientCode: try context.parameters.string("code"), try request.listQuery()))
        }
        group.get("employees/{id}") { _, context in
            _ = try context.requireStaff(.readDirectory)
            return try JSONResponse.make(try await store.employee(id: try context.parameters.id("id")))
        }
        group.patch("employees/{id}") { request, context in
            _ = try context.requireStaff(.manageEmployees)
            let update = try await request.decodeJSON(EmployeeUpdate.self, context: context)
            return try JSONResponse.make(try await store.updateEmployee(id: try context.parameters.id("id"), update))
        }
    }
}
