import Foundation
import ParcProtocol
import SQLKit

/// Filters of the asset list.
public struct AssetFilter: Sendable, Equatable {
    public var clientCode: String?
    public var kind: AssetKind?
    public var status: AssetStatus?
    /// Only assets waiting for a person to confirm or merge them.
    public var needsReview: Bool?

    public init(clientCode: String? = nil, kind: AssetKind? = nil, status: AssetStatus? = nil, needsReview: Bool? = nil) {
        self.clientCode = clientCode
        self.kind = kind
        self.status = status
        self.needsReview = needsReview
    }
}

extension Store {
    static let assetColumns = """
        a.id, c.code AS client_code, a.kind, a.name, a.manufacturer, a.model, a.serial, a.asset_tag, a.status, a.source, a.agent_id,
        a.hostname, a.operating_system, a.attached_to_asset_id, a.review_reason, a.first_seen_at, a.last_seen_at, a.created_at, a.updated_at
        """

    static func asset(_ row: any SQLRow) throws -> Asset {
        var asset = Asset(
            id: try row.decode(column: "id", as: Int64.self), clientCode: try row.decode(column: "client_code", as: String.self),
            kind: AssetKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .other, name: try row.decode(column: "name", as: String.self),
            status: AssetStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .inUse,
            source: AssetSource(rawValue: try row.decode(column: "source", as: String.self)) ?? .manual,
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
        asset.manufacturer = try row.decode(column: "manufacturer", as: String?.self)
        asset.model = try row.decode(column: "model", as: String?.self)
        asset.serial = try row.decode(column: "serial", as: String?.self)
        asset.assetTag = try row.decode(column: "asset_tag", as: String?.self)
        asset.agentID = try row.decode(column: "agent_id", as: String?.self)
        asset.hostname = try row.decode(column: "hostname", as: String?.self)
        asset.operatingSystem = try row.decode(column: "operating_system", as: String?.self)
        asset.attachedToAssetID = try row.decode(column: "attached_to_asset_id", as: Int64?.self)
        asset.reviewReason = try row.decode(column: "review_reason", as: String?.self)
        asset.firstSeenAt = try row.optionalDate("first_seen_at")
        asset.lastSeenAt = try row.optionalDate("last_seen_at")
        return asset
    }

    static func asset(id: Int64, db: any SQLDatabase) async throws -> Asset {
        let row = try await db.raw("SELECT \(unsafeRaw: assetColumns) FROM assets a JOIN clients c ON c.id = a.client_id WHERE a.id = \(bind: id)").first()
        guard let row else { throw StoreError.notFound(entity: "asset", key: String(id)) }
        return try asset(row)
    }

    public func listAssets(_ filter: AssetFilter, _ query: ListQuery) async throws -> Page<Asset> {
        try await database.withConnection { db in
            var conditions: [SQLQueryString] = []
            if let code = filter.clientCode { conditions.append("a.client_id = \(bind: try await Self.client(code: code, db: db).id)") }
            if let kind = filter.kind { conditions.append("a.kind = \(bind: kind.rawValue)") }
            if let status = filter.status { conditions.append("a.status = \(bind: status.rawValue)") }
            if let review = filter.needsReview { conditions.append(review ? "a.review_reason IS NOT NULL" : "a.review_reason IS NULL") }
            if let search = query.search, !search.isEmpty {
                let pattern = Self.likePattern(search)
                conditions.append(
                    """
                    (LOWER(a.name) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(COALESCE(a.serial, '')) LIKE \(bind: pattern) ESCAPE '\\'
                     OR LOWER(COALESCE(a.hostname, '')) LIKE \(bind: pattern) ESCAPE '\\' OR LOWER(COALESCE(a.asset_tag, '')) LIKE \(bind: pattern) ESCAPE '\\')
                    """)
            }
            let whereClause = Self.whereClause(conditions)
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM assets a \(whereClause)")
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.assetColumns) FROM assets a JOIN clients c ON c.id = a.client_id \(whereClause)
                ORDER BY c.code, a.name, a.id LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
                """
            ).all()
            return Page(items: try rows.map(Self.asset), total: total, limit: query.limit, offset: query.offset)
        }
    }

    public func assetDetail(id: Int64) async throws -> AssetDetail {
        try await database.withConnection { db in
            let asset = try await Self.asset(id: id, db: db)
            let components = try await Self.components(assetID: id, kind: nil, db: db)
            let count = try await Self.count(db, "SELECT COUNT(*) AS n FROM asset_software WHERE asset_id = \(bind: id)")
            return AssetDetail(asset: asset, components: components, softwareCount: count)
        }
    }

    public func assetSoftware(id: Int64) async throws -> [InstalledSoftware] {
        try await database.withConnection { db in
            _ = try await Self.asset(id: id, db: db)
            return try await Self.software(assetID: id, db: db)
        }
    }

    /// An asset's history, newest first.
    public func assetHistory(id: Int64, limit: Int = 200) async throws -> [AssetEvent] {
        try await database.withConnection { db in
            _ = try await Self.asset(id: id, db: db)
            let rows = try await db.raw(
                "SELECT id, asset_id, at, actor, actor_name, kind, summary FROM asset_events WHERE asset_id = \(bind: id) ORDER BY id DESC LIMIT \(bind: limit)"
            ).all()
            return try rows.map { row in
                AssetEvent(
                    id: try row.decode(column: "id", as: Int64.self), assetID: id, at: try row.date("at"),
                    actor: AssetEvent.Actor(rawValue: try row.decode(column: "actor", as: String.self)) ?? .system,
                    actorName: try row.decode(column: "actor_name", as: String?.self), kind: try row.decode(column: "kind", as: String.self),
                    summary: try row.decode(column: "summary", as: String.self))
            }
        }
    }
}
