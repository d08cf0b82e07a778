import Foundation
import Hummingbird
import Logging
import ParcDomain
import ParcProtocol

/// The asset registry as staff read it (`/api/v1/assets`).
struct AssetController {
    let store: Store

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("assets") { request, context in
            _ = try context.requireStaff(.readAssets)
            let parameters = request.uri.queryParameters
            var filter = AssetFilter(clientCode: parameters.get("client"))
            filter.kind = try Self.value(AssetKind.self, parameters.get("kind"), field: "kind")
            filter.status = try Self.value(AssetStatus.self, parameters.get("status"), field: "status")
            switch parameters.get("warranty") {
            case nil: break
            case "ending":
                let days = parameters.get("withinDays").flatMap(Int.init) ?? 90
                guard (0...3650).contains(days) else {
                    throw APIError(.badRequest, code: "invalid_parameter", message: "withinDays must be between 0 and 3650", field: "withinDays")
                }
                filter.warranty = .ending(today: Timestamp.day(Date()), days: days)
            case "expired": filter.warranty = .expired(today: Timestamp.day(Date()))
            case "unknown": filter.warranty = .unknown
            case let other?:
                throw APIError(.badRequest, code: "invalid_parameter", message: "warranty must be ending, expired or unknown (got \(other))", field: "warranty")
            }
            if let review = parameters.get("review") {
                guard let flag = Bool(review) else {
                    throw APIError(.badRequest, code: "invalid_parameter", message: "review must be true or false", field: "review")
                }
                filter.needsReview = flag
            }
            return try JSONResponse.make(try await store.listAssets(filter, try request.listQuery()))
        }
        group.get("assets/{id}") { _, context in
            _ = try context.requireStaff(.readAssets)
            return try JSONResponse.make(try await store.assetDetail(id: try context.parameters.id("id")))
        }
        group.get("assets/{id}/history") { _, context in
            _ = try context.requireStaff(.readAssets)
            return try JSONResponse.make(try await store.assetHistory(id: try context.parameters.id("id")))
        }
        group.get("assets/{id}/software") { _, context in
            _ = try context.requireStaff(.readAssets)
            return try JSONResponse.make(try await store.assetSoftware(id: try context.parameters.id("id")))
        }
        group.post("assets") { request, context in
            let staff = try context.requireStaff(.manageAssets)
            let new = try AssetRules.validated(try await request.decodeJSON(NewAsset.self, context: context))
            let asset = try await store.createAsset(new, by: staff.user.email)
            context.logger.info("asset registered", metadata: ["parc.asset_id": "\(asset.id)", "parc.client_code": "\(asset.clientCode)"])
            return try JSONResponse.make(asset, status: .created)
        }
        group.patch("assets/{id}") { request, context in
            let staff = try context.requireStaff(.manageAssets)
            let update = try await request.decodeJSON(AssetUpdate.self, context: context)
            return try JSONResponse.make(try await store.updateAsset(id: try context.parameters.id("id"), update, by: staff.user.email))
        }
        group.post("assets/{id}/assign") { request, context in
            let staff = try context.requireStaff(.manageAssets)
            let assignment = try await request.decodeJSON(AssetAssignment.self, context: context)
            return try JSONResponse.make(try await store.assignAsset(id: try context.parameters.id("id"), employeeID: assignment.employeeID, by: staff.user.email))
        }
        group.post("assets/{id}/merge") { request, context in
            let staff = try context.requireStaff(.manageAssets)
            let merge = try await request.decodeJSON(AssetMerge.self, context: context)
            let asset = try await store.mergeAssets(keep: try context.parameters.id("id"), duplicate: merge.duplicateID, by: staff.user.email)
            context.logger.info("assets merged", metadata: ["parc.asset_id": "\(asset.id)", "parc.duplicate_id": "\(merge.duplicateID)"])
            return try JSONResponse.make(asset)
        }
        group.post("assets/{id}/unassign") { _, context in
            let staff = try context.requireStaff(.manageAssets)
            return try JSONResponse.make(try await store.assignAsset(id: try context.parameters.id("id"), employeeID: nil, by: staff.user.email))
        }
        // "Which machines of client X have package Y below version Z".
        group.get("software") { request, context in
            _ = try context.requireStaff(.readAssets)
            let parameters = request.uri.queryParameters
            guard let name = parameters.get("name"), !name.isEmpty else {
                throw APIError(.badRequest, code: "invalid_parameter", message: "give the package name: ?name=openssl", field: "name")
            }
            return try JSONResponse.make(try await store.findSoftware(name: name, clientCode: parameters.get("client"), versionBelow: parameters.get("versionBelow")))
        }
        // "Where is disk serial S".
        group.get("components") { request, context in
            _ = try context.requireStaff(.readAssets)
            guard let serial = request.uri.queryParameters.get("serial"), !serial.isEmpty else {
                throw APIError(.badRequest, code: "invalid_parameter", message: "give the serial: ?serial=S3Z9NB0K111111", field: "serial")
            }
            return try JSONResponse.make(try await store.locateComponent(serial: serial))
        }
    }

    static func value<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ raw: String?, field: String) throws -> T? where T.RawValue == String {
        guard let raw else { return nil }
        guard let value = T(rawValue: raw) else {
            throw APIError(.badRequest, code: "invalid_parameter", message: "\(field) must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))", field: field)
        }
        return value
    }
}
