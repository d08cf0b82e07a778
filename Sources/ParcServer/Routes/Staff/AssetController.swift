import Foundation
import Hummingbird
import Logging
import ParcDomain
import ParcProtocol

/// The asset registry as staff read and keep it (`/api/v1/assets`, `/api/v1/software`, `/api/v1/components`).
struct AssetController {
    let store: Store

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("assets") { request, context in
            let staff = try context.requireStaff(.readAssets)
            var page = try await store.listAssets(try Self.filter(request), try request.listQuery())
            page.items = page.items.map { AssetRules.visible($0, to: staff.user.role) }
            return try JSONResponse.make(page)
        }
        // Every asset the filters select, for a spreadsheet or another tool.
        group.get("assets/export") { request, context in
            let staff = try context.requireStaff(.readAssets)
            let format = request.uri.queryParameters.get("format") ?? "csv"
            guard format == "csv" || format == "json" else {
                throw APIError(.badRequest, code: "invalid_parameter", message: "format must be csv or json", field: "format")
            }
            let assets = try await store.exportAssets(try Self.filter(request)).map { AssetRules.visible($0, to: staff.user.role) }
            if format == "json" { return try JSONResponse.make(assets) }
            return Response(
                status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"assets.csv\""],
                body: .init(byteBuffer: ByteBuffer(string: AssetCSV.export(assets))))
        }
        // A spreadsheet of assets for one client: all rows valid or nothing written; dryRun=true previews.
        group.post("assets/import") { request, context in
            let staff = try context.requireStaff(.manageAssets)
            let parameters = request.uri.queryParameters
            guard let client = parameters.get("client"), !client.isEmpty else {
                throw APIError(.badRequest, code: "invalid_parameter", message: "give the client: ?client=ACME", field: "client")
            }
            let csv = try await request.csvBody(context: context)
            let dryRun = request.isDryRun
            let result = try await store.importAssets(clientCode: client, csv: csv, dryRun: dryRun, by: staff.user.email)
            if !result.created.isEmpty {
                context.logger.info("assets imported", metadata: ["parc.client_code": "\(client)", "parc.count": "\(result.created.count)"])
            }
            return try JSONResponse.make(result, status: result.problems.isEmpty ? (dryRun ? .ok : .created) : .unprocessableContent)
        }
        // One asset.
        group.get("assets/{id}") { _, context in
            let staff = try context.requireStaff(.readAssets)
            return try JSONResponse.make(AssetRules.visible(try await store.assetDetail(id: try context.parameters.id("id")), to: staff.user.role))
        }
        group.get("assets/{id}/history") { request, context in
            _ = try context.requireStaff(.readAssets)
            return try JSONResponse.make(try await store.assetHistory(id: try context.parameters.id("id"), try request.listQuery()))
        }
        group.get("assets/{id}/software") { request, context in
            _ = try context.requireStaff(.readAssets)
            return try JSONResponse.make(try await store.assetSoftware(id: try context.parameters.id("id"), try request.listQuery()))
        }
        // Keys are licences' business: managers only, as licences are.
        group.get("assets/{id}/product-keys") { _, context in
            _ = try context.requireStaff(.manageLicences)
            return try JSONResponse.make(try await store.assetProductKeys(id: try context.parameters.id("id")))
        }
        group.post("assets") { request, context in
            let staff = try context.requireStaff(.manageAssets)
            let new = try AssetRules.validated(try await request.decodeJSON(NewAsset.self, context: context))
            let asset = try await store.createAsset(new, by: staff.user.email)
            context.logger.info("asset registered", metadata: ["parc.asset_id": "\(asset.id)", "parc.client_code": "\(asset.clientCode)"])
            return try JSONResponse.make(AssetRules.visible(asset, to: staff.user.role), status: .created)
        }
        group.patch("assets/{id}") { request, context in
            let staff = try context.requireStaff(.manageAssets)
            let update = try await request.decodeJSON(AssetUpdate.self, context: context)
            let asset = try await store.updateAsset(id: try context.parameters.id("id"), update, by: staff.user.email)
            return try JSONResponse.make(AssetRules.visible(asset, to: staff.user.role))
        }
        group.post("assets/{id}/assign") { request, context in
            let staff = try context.requireStaff(.manageAssets)
            let assignment = try await request.decodeJSON(AssetAssignment.self, context: context)
            let asset = try await store.assignAsset(id: try context.parameters.id("id"), employeeID: assignment.employeeID, by: staff.user.email)
            return try JSONResponse.make(AssetRules.visible(asset, to: staff.user.role))
        }
        group.post("assets/{id}/merge") { request, context in
            let staff = try context.requireStaff(.manageAssets)
            let merge = try await request.decodeJSON(AssetMerge.self, context: context)
            let asset = try await store.mergeAssets(keep: try context.parameters.id("id"), duplicate: merge.duplicateID, by: staff.user.email)
            context.logger.info("assets merged", metadata: ["parc.asset_id": "\(asset.id)", "parc.duplicate_id": "\(merge.duplicateID)"])
            return try JSONResponse.make(AssetRules.visible(asset, to: staff.user.role))
        }
        group.post("assets/{id}/transfer") { request, context in
            let staff = try context.requireStaff(.manageAssets)
            let transfer = try await request.decodeJSON(AssetTransfer.self, context: context)
            let asset = try await store.transferAsset(id: try context.parameters.id("id"), toClient: transfer.client, by: staff.user.email)
            context.logger.info("asset transferred", metadata: ["parc.asset_id": "\(asset.id)", "parc.client_code": "\(asset.clientCode)"])
            return try JSONResponse.make(AssetRules.visible(asset, to: staff.user.role))
        }
        group.post("assets/{id}/unassign") { _, context in
            let staff = try context.requireStaff(.manageAssets)
            let asset = try await store.assignAsset(id: try context.parameters.id("id"), employeeID: nil, by: staff.user.email)
            return try JSONResponse.make(AssetRules.visible(asset, to: staff.user.role))
        }
        // "Which machines of client X have package Y below version Z".
        group.get("software") { request, context in
            _ = try context.requireStaff(.readAssets)
            let parameters = request.uri.queryParameters
            guard let name = parameters.get("name"), !name.isEmpty else {
                throw APIError(.badRequest, code: "invalid_parameter", message: "give the package name: ?name=openssl", field: "name")
            }
            return try JSONResponse.make(
                try await store.findSoftware(
                    name: name, clientCode: parameters.get("client"), versionBelow: parameters.get("versionBelow"), try request.listQuery()))
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

    /// The list filters from the query: client, kind, status, site, warranty, notSeenDays, review.
    static func filter(_ request: Request) throws -> AssetFilter {
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
        if let site = parameters.get("site") {
            guard let id = Int64(site), id > 0 else { throw APIError(.badRequest, code: "invalid_parameter", message: "site must be a site id", field: "site") }
            filter.siteID = id
        }
        if let days = parameters.get("notSeenDays") {
            guard let count = Int(days), (1...3650).contains(count) else {
                throw APIError(.badRequest, code: "invalid_parameter", message: "notSeenDays must be between 1 and 3650", field: "notSeenDays")
            }
            filter.notSeenSince = Date().addingTimeInterval(-Double(count) * 86_400)
        }
        if let review = parameters.get("review") {
            guard let flag = Bool(review) else {
                throw APIError(.badRequest, code: "invalid_parameter", message: "review must be true or false", field: "review")
            }
            filter.needsReview = flag
        }
        if let uncovered = parameters.get("uncovered") {
            guard let flag = Bool(uncovered) else {
                throw APIError(.badRequest, code: "invalid_parameter", message: "uncovered must be true or false", field: "uncovered")
            }
            filter.uncovered = flag
        }
        return filter
    }

    static func value<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ raw: String?, field: String) throws -> T? where T.RawValue == String {
        guard let raw else { return nil }
        guard let value = T(rawValue: raw) else {
            throw APIError(
                .badRequest, code: "invalid_parameter", message: "\(field) must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", "))", field: field)
        }
        return value
    }
}
