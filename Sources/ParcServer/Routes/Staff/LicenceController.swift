import Foundation
import Hummingbird
import Logging
import ParcDomain
import ParcProtocol

/// Software licences per client and their compliance (`/api/v1/licences`). Everyone on staff reads
/// them; what each role sees of keys and prices is `LicenceRules.visible`.
struct LicenceController {
    let store: Store

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("licences") { request, context in
            let staff = try context.requireStaff(.manageLicences)
            let new = try LicenceRules.validated(try await request.decodeJSON(NewLicence.self, context: context))
            let licence = try await store.createLicence(new)
            context.logger.info("licence created", metadata: ["parc.licence_id": "\(licence.id)", "parc.client_code": "\(licence.clientCode)"])
            return try JSONResponse.make(LicenceRules.visible(licence, to: staff.user.role), status: .created)
        }
        group.get("licences") { request, context in
            let staff = try context.requireStaff(.readAssets)
            let licences = try await store.listLicences(clientCode: request.uri.queryParameters.get("client"), try request.listQuery())
            return try JSONResponse.make(licences.map { LicenceRules.visible($0, to: staff.user.role) })
        }
        group.get("licences/{id}") { _, context in
            let staff = try context.requireStaff(.readAssets)
            return try JSONResponse.make(LicenceRules.visible(try await store.licence(id: try context.parameters.id("id")), to: staff.user.role))
        }
        group.patch("licences/{id}") { request, context in
            let staff = try context.requireStaff(.manageLicences)
            let update = try await request.decodeJSON(LicenceUpdate.self, context: context)
            return try JSONResponse.make(LicenceRules.visible(try await store.updateLicence(id: try context.parameters.id("id"), update), to: staff.user.role))
        }
        group.post("licences/{id}/seats") { request, context in
            let staff = try context.requireStaff(.manageLicences)
            let seat = try await request.decodeJSON(NewLicenceSeat.self, context: context)
            let licence = try await store.nameSeat(licenceID: try context.parameters.id("id"), seat)
            return try JSONResponse.make(LicenceRules.visible(licence, to: staff.user.role), status: .created)
        }
        group.delete("licences/{id}/seats/{seat}") { _, context in
            let staff = try context.requireStaff(.manageLicences)
            let licence = try await store.releaseSeat(licenceID: try context.parameters.id("id"), seatID: try context.parameters.id("seat"))
            return try JSONResponse.make(LicenceRules.visible(licence, to: staff.user.role))
        }
        group.get("licences/{id}/compliance") { _, context in
            let staff = try context.requireStaff(.readAssets)
            var compliance = try await store.licenceCompliance(id: try context.parameters.id("id"))
            compliance.licence = LicenceRules.visible(compliance.licence, to: staff.user.role)
            return try JSONResponse.make(compliance)
        }
    }
}
