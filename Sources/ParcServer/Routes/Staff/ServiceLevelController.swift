import Foundation
import Hummingbird
import Logging
import ParcDomain
import ParcProtocol

/// What sets ticket clocks and opens planned work: the SLA calendar and default targets
/// (`/api/v1/sla`), the provider's identity (`/api/v1/settings/provider`) and preventive
/// maintenance plans (`/api/v1/maintenance`). Contracts, which carry SLA terms, are `ContractController`.
struct ServiceLevelController {
    let store: Store

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("sla") { _, context in
            _ = try context.requireStaff(.readTickets)
            return try JSONResponse.make(try await store.slaSettings())
        }
        group.put("sla") { request, context in
            _ = try context.requireStaff(.manageSettings)
            let settings = try SLARules.validated(try await request.decodeJSON(SLASettings.self, context: context)) { TimeZone(identifier: $0) != nil }
            return try JSONResponse.make(try await store.updateSLASettings(settings))
        }

        group.get("settings/provider") { _, context in
            _ = try context.requireStaff(.readTickets)
            return try JSONResponse.make(try await store.providerIdentity())
        }
        group.put("settings/provider") { request, context in
            _ = try context.requireStaff(.manageSettings)
            let identity = try DirectoryRules.validated(try await request.decodeJSON(ProviderIdentity.self, context: context))
            return try JSONResponse.make(try await store.updateProviderIdentity(identity))
        }

        group.post("maintenance/plans") { request, context in
            _ = try context.requireStaff(.manageMaintenance)
            let plan = try await store.createMaintenancePlan(
                try MaintenanceRules.validated(try await request.decodeJSON(NewMaintenancePlan.self, context: context)))
            context.logger.info("maintenance plan created", metadata: ["parc.plan_id": "\(plan.id)", "parc.client_code": "\(plan.clientCode)"])
            return try JSONResponse.make(plan, status: .created)
        }
        group.get("maintenance/plans") { request, context in
            _ = try context.requireStaff(.readTickets)
            return try JSONResponse.make(try await store.listMaintenancePlans(clientCode: request.uri.queryParameters.get("client"), try request.listQuery()))
        }
        group.get("maintenance/plans/{id}") { _, context in
            _ = try context.requireStaff(.readTickets)
            return try JSONResponse.make(try await store.maintenancePlan(id: try context.parameters.id("id")))
        }
        group.patch("maintenance/plans/{id}") { request, context in
            _ = try context.requireStaff(.manageMaintenance)
            let update = try await request.decodeJSON(MaintenancePlanUpdate.self, context: context)
            guard let paused = update.paused else { throw APIError(.badRequest, code: "missing_field", message: "give paused: true or false", field: "paused") }
            return try JSONResponse.make(try await store.setMaintenancePlan(id: try context.parameters.id("id"), paused: paused))
        }
        // One scheduler pass now, as of a day (default today): what the server does on its own every hour.
        group.post("maintenance/run") { request, context in
            _ = try context.requireStaff(.manageMaintenance)
            let body = try await request.decodeJSON(MaintenanceRunRequest.self, context: context)
            let run = try await store.runMaintenance(asOf: body.asOf ?? Timestamp.day(Date()))
            return try JSONResponse.make(run)
        }
    }
}
