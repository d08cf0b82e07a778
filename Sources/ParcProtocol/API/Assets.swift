#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

public enum AssetKind: String, Codable, Sendable, CaseIterable {
    case computer, monitor, printer, networkDevice = "network-device", phone, peripheral, other
}

public enum AssetStatus: String, Codable, Sendable, CaseIterable {
    case inStock = "in-stock", inUse = "in-use", inRepair = "in-repair", retired, lost
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
    /// The computer a discovered monitor hangs on.
    public var attachedToAssetID: Int64?
    /// Set when reconciliation could not tell which asset a report belongs to.
    public var reviewReason: String?
    public var firstSeenAt: Date?
    public var lastSeenAt: Date?
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
        case cpu, memory, disk, networkInterface = "network-interface", battery
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

    public init(name: String, version: String, architecture: String?, manager: String) {
        self.name = name
        self.version = version
        self.architecture = architecture
        self.manager = manager
    }
}

/// An asset with its components (`GET /api/v1/assets/{id}`).
public struct AssetDetail: Codable, Sendable, Equatable {
    public var asset: Asset
    public var components: [AssetComponent]
    public var softwareCount: Int

    public init(asset: Asset, components: [AssetComponent], softwareCount: Int) {
        self.asset = asset
        self.components = components
        self.softwareCount = softwareCount
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
