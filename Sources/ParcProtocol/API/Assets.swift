#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

public enum AssetKind: String, Codable, Sendable, CaseIterable {
    case computer, monitor, printer
    case networkDevice = "network-device"
    case phone, peripheral, other
}

public enum AssetStatus: String, Codable, Sendable, CaseIterable {
    case inStock = "in-stock"
    case inUse = "in-use"
    case inRepair = "in-repair"
    case retired, lost
}

/// Where an asset's record came from.
public enum AssetSource: String, Codable, Sendable, CaseIterable {
    case agent, manual, `import`
}

/// One asset of one client (`GET /api/v1/assets`).
public struct Asset: Codable, Sendable, Equatable {
    public var id: Int64
    public var clientCode: String
    public var kind: AssetKind
    public var name: String
    public var manufacturer: String?
    public var model: String?
    public var serial: String?
    public var assetTag: String?
    public var status: AssetStatus
    public var source: AssetSource
    /// The agent that reports this machine.
    public var agentID: String?
    public var hostname: String?
    public var operatingSystem: String?
    /// IPv4 addresses of its physical interfaces, as last reported.
    public var ipAddresses: [String]?
    /// The computer a discovered monitor hangs on.
    public var attachedToAssetID: Int64?
    /// Set when reconciliation could not tell which asset a report belongs to.
    public var reviewReason: String?
    public var siteID: Int64?
    /// The client employee using it.
    public var employeeID: Int64?
    public var employeeName: String?
    /// `YYYY-MM-DD`.
    public var purchaseDate: String?
    public var supplier: String?
    public var purchasePriceCents: Int64?
    public var orderReference: String?
    /// `YYYY-MM-DD`, typed in or imported.
    public var warrantyEnd: String?
    public var notes: String?
    /// Set on an asset merged into another: it is retired and its history moved there.
    public var mergedIntoAssetID: Int64?
    public var firstSeenAt: Date?
    public var lastSeenAt: Date?
    /// The active contract that covers it (its reference); nil for a device no contract covers.
    public var coveredByContract: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, clientCode: String, kind: AssetKind, name: String, status: AssetStatus, source: AssetSource, createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.clientCode = clientCode
        self.kind = kind
        self.name = name
        self.status = status
        self.source = source
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A part of a computer as its agent reports it.
public struct AssetComponent: Codable, Sendable, Equatable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case cpu, memory, disk
        case networkInterface = "network-interface"
        case battery
    }

    public var kind: Kind
    /// Where it sits: socket, memory slot, disk device or interface name.
    public var slot: String
    public var manufacturer: String?
    public var model: String?
    public var serial: String?
    public var sizeBytes: Int64?
    /// One line for people: "Samsung M471A1K43CB1-CRC 8 GiB DDR4 2400 MT/s".
    public var summary: String

    public init(kind: Kind, slot: String, summary: String) {
        self.kind = kind
        self.slot = slot
        self.summary = summary
    }
}

/// A package installed on an asset.
public struct InstalledSoftware: Codable, Sendable, Equatable, Hashable {
    public var name: String
    public var version: String
    public var architecture: String?
    /// `dpkg`, `snap` or `flatpak`.
    public var manager: String
    /// Who makes it, as the agent read it (GLPI Agent, FusionInventory, OCS; parc-agent does not say).
    public var publisher: String?

    public init(name: String, version: String, architecture: String?, manager: String, publisher: String? = nil) {
        self.name = name
        self.version = version
        self.architecture = architecture
        self.manager = manager
        self.publisher = publisher
    }
}

/// An asset with its components (`GET /api/v1/assets/{id}`).
public struct AssetDetail: Codable, Sendable, Equatable {
    public var asset: Asset
    public var components: [AssetComponent]
    public var softwareCount: Int
    /// The local account that logged in most often lately, as the agent saw it: whom the machine
    /// probably belongs to.
    public var suggestedAssignee: String?

    public init(asset: Asset, components: [AssetComponent], softwareCount: Int, suggestedAssignee: String? = nil) {
        self.asset = asset
        self.components = components
        self.softwareCount = softwareCount
        self.suggestedAssignee = suggestedAssignee
    }
}

/// One entry of an asset's history (`GET /api/v1/assets/{id}/history`).
public struct AssetEvent: Codable, Sendable, Equatable {
    public enum Actor: String, Codable, Sendable { case agent, staff, system }

    public var id: Int64
    public var assetID: Int64
    public var at: Date
    public var actor: Actor
    /// The agent id or the staff member's email.
    public var actorName: String?
    /// `component.added`, `software.upgraded`, `asset.created`...
    public var kind: String
    public var summary: String

    public init(id: Int64, assetID: Int64, at: Date, actor: Actor, actorName: String?, kind: String, summary: String) {
        self.id = id
        self.assetID = assetID
        self.at = at
        self.actor = actor
        self.actorName = actorName
        self.kind = kind
        self.summary = summary
    }
}

/// An asset registered by hand (`POST /api/v1/assets`): bought, in stock, or not able to run an agent.
/// A computer registered with its serial is matched by that serial when its agent first reports,
/// and keeps what was typed here (purchase, warranty).
public struct NewAsset: Codable, Sendable, Equatable {
    public var client: String
    public var kind: AssetKind
    public var name: String
    public var manufacturer: String?
    public var model: String?
    public var serial: String?
    public var assetTag: String?
    /// Default `in-stock`.
    public var status: AssetStatus?
    public var siteID: Int64?
    public var purchaseDate: String?
    public var supplier: String?
    public var purchasePriceCents: Int64?
    public var orderReference: String?
    public var warrantyEnd: String?
    public var notes: String?

    public init(client: String, kind: AssetKind, name: String) {
        self.client = client
        self.kind = kind
        self.name = name
    }
}

/// A change by staff (`PATCH /api/v1/assets/{id}`): absent fields stay, empty text clears.
public struct AssetUpdate: Codable, Sendable, Equatable {
    public var name: String?
    public var manufacturer: String?
    public var model: String?
    public var serial: String?
    public var assetTag: String?
    public var status: AssetStatus?
    /// 0 clears the site.
    public var siteID: Int64?
    public var purchaseDate: String?
    public var supplier: String?
    /// Negative clears the price.
    public var purchasePriceCents: Int64?
    public var orderReference: String?
    public var warrantyEnd: String?
    public var notes: String?

    public init() {}
}

/// Two records of one machine made one (`POST /api/v1/assets/{id}/merge`): the duplicate's
/// identifiers, agent, parts, software, monitors and history move to the asset kept.
public struct AssetMerge: Codable, Sendable, Equatable {
    public var duplicateID: Int64

    public init(duplicateID: Int64) { self.duplicateID = duplicateID }
}

/// An asset handed to another client (`POST /api/v1/assets/{id}/transfer`): from the provider's own
/// stock (kept as a client of its own, e.g. `STOCK`) to a client, or back.
public struct AssetTransfer: Codable, Sendable, Equatable {
    public var client: String

    public init(client: String) { self.client = client }
}

/// Who uses an asset (`POST /api/v1/assets/{id}/assign`).
public struct AssetAssignment: Codable, Sendable, Equatable {
    public var employeeID: Int64

    public init(employeeID: Int64) { self.employeeID = employeeID }
}

/// One installed copy of a package (`GET /api/v1/software`).
public struct SoftwareInstall: Codable, Sendable, Equatable {
    public var assetID: Int64
    public var assetName: String
    public var clientCode: String
    public var name: String
    public var version: String
    public var architecture: String?

    public init(assetID: Int64, assetName: String, clientCode: String, name: String, version: String, architecture: String?) {
        self.assetID = assetID
        self.assetName = assetName
        self.clientCode = clientCode
        self.name = name
        self.version = version
        self.architecture = architecture
    }
}

/// A component found by its serial (`GET /api/v1/components?serial=`).
public struct LocatedComponent: Codable, Sendable, Equatable {
    public var assetID: Int64
    public var assetName: String
    public var clientCode: String
    public var component: AssetComponent

    public init(assetID: Int64, assetName: String, clientCode: String, component: AssetComponent) {
        self.assetID = assetID
        self.assetName = assetName
        self.clientCode = clientCode
        self.component = component
    }
}

/// The outcome of a CSV import (`POST /api/v1/assets/import`, `POST /api/v1/clients/{code}/employees/import`):
/// nothing is written unless every row is valid; a dry run shows what would be.
public struct ImportResult<Item: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    /// `invalid_rows` when problems were found (with status 422), as error bodies name them.
    public var error: String?
    public var message: String
    public var dryRun: Bool
    public var rows: Int
    public var created: [Int64]
    /// Rows with an `id` (an edited export): the assets updated, and what changes (or would, in a dry run).
    public var updated: [Int64]
    public var changes: [ImportChange]
    public var preview: [Item]
    public var problems: [ImportProblem]

    public init(
        error: String? = nil, message: String, dryRun: Bool, rows: Int, created: [Int64], updated: [Int64] = [], changes: [ImportChange] = [],
        preview: [Item], problems: [ImportProblem]
    ) {
        self.error = error
        self.message = message
        self.dryRun = dryRun
        self.rows = rows
        self.created = created
        self.updated = updated
        self.changes = changes
        self.preview = preview
        self.problems = problems
    }
}

/// What an import row changes on an existing asset: each change as "field: before → after".
public struct ImportChange: Codable, Sendable, Equatable {
    public var line: Int
    public var id: Int64
    public var changes: [String]

    public init(line: Int, id: Int64, changes: [String]) {
        self.line = line
        self.id = id
        self.changes = changes
    }
}

/// One problem of an import: the line of the file, the column, and why.
public struct ImportProblem: Codable, Sendable, Equatable {
    public var line: Int
    public var field: String
    public var message: String

    public init(line: Int, field: String, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }
}

public typealias AssetImportResult = ImportResult<NewAsset>
public typealias EmployeeImportResult = ImportResult<NewEmployee>

/// A product key an agent reported for the asset (`GET /api/v1/assets/{id}/product-keys`, managers only).
public struct AssetProductKey: Codable, Sendable, Equatable {
    /// What it unlocks, as the agent named it ("Microsoft Windows 11 Pro", "Microsoft Office Professional Plus 2019").
    public var product: String
    public var key: String
    /// The agent family that reported it: `glpi`, `fusioninventory` or `ocs`.
    public var source: String
    public var firstSeenAt: Date
    public var lastSeenAt: Date

    public init(product: String, key: String, source: String, firstSeenAt: Date, lastSeenAt: Date) {
        self.product = product
        self.key = key
        self.source = source
        self.firstSeenAt = firstSeenAt
        self.lastSeenAt = lastSeenAt
    }
}
