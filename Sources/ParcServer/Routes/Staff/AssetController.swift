import Foundation
import Hummingbird
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
    }

    static func value<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ raw: String?, field: String) throws -> T? where T.RawValue == String {
        guard let raw else { return nil }
        guard let value = T(rawValue: raw) else {
            throw APIError(.badRequest, code: "invalid_parameter", message: "\(field) must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))", field: field)
        }
        return value
    }
}
