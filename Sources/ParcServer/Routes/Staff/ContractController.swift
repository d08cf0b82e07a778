import Foundation
import Hummingbird
import Logging
import ParcDomain
import ParcProtocol

/// Contracts (`/api/v1/contracts`): their terms, SLA, coverage and priced lines. Technicians read
/// them without prices (`ContractRules.visible`); managers change them.
struct ContractController {
    let store: Store

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("contracts") { request, context in
            _ = try context.requireStaff(.manageContracts)
            let contract = try await store.createContract(try ContractRules.validated(try await request.decodeJSON(NewContract.self, context: context)))
            context.logger.info("contract created", metadata: ["parc.contract": "\(contract.reference)", "parc.client_code": "\(contract.clientCode)"])
            return try JSONResponse.make(contract, status: .created)
        }
        group.get("contracts") { request, context in
            let staff = try context.requireStaff(.readTickets)
            let parameters = request.uri.queryParameters
            var status: ContractStatus?
            if let raw = parameters.get("status") {
                guard let value = ContractStatus(rawValue: raw) else {
                    throw APIError(.badRequest, code: "invalid_parameter", message: "status must be draft, active, suspended or ended", field: "status")
                }
                status = value
            }
            let contracts = try await store.listContracts(clientCode: parameters.get("client"), status: status, try request.listQuery())
            return try JSONResponse.make(contracts.map { ContractRules.visible($0, to: staff.user.role) })
        }
        group.get("contracts/{id}") { _, context in
            let staff = try context.requireStaff(.readTickets)
            return try JSONResponse.make(ContractRules.visible(try await store.contract(id: try context.parameters.id("id")), to: staff.user.role))
        }
        group.post("contracts/{id}/lines") { request, context in
            _ = try context.requireStaff(.manageContracts)
            let line = try await request.decodeJSON(NewContractLine.self, context: context)
            return try JSONResponse.make(try await store.addContractLine(contractID: try context.parameters.id("id"), line), status: .created)
        }
        group.patch("contracts/{id}") { request, context in
            _ = try context.requireStaff(.manageContracts)
            let update = try await request.decodeJSON(ContractUpdate.self, context: context)
            return try JSONResponse.make(try await store.updateContract(id: try context.parameters.id("id"), update))
        }
    }
}
