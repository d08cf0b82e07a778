import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The cheap half of a report: what the agent has, as one hash per section (`POST /agent/v1/checkin`).
/// An unchanged machine's whole exchange stays well under 1 KB.
public struct CheckIn: Codable, Sendable, Equatable {
    public var agentVersion: String
    public var hostname: String
    /// Each section's content hash (see `Inventory.sectionHash(_:)`).
    public var sectionHashes: [String: String]

    public init(agentVersion: String, hostname: String, sectionHashes: [String: String]) {
        self.agentVersion = agentVersion
        self.hostname = hostname
        self.sectionHashes = sectionHashes
    }
}

/// Which sections the server lacks; the agent sends those (and only those) in a report.
public struct CheckInResponse: Codable, Sendable, Equatable {
    public var needed: [InventorySection]
    /// How long to wait before the next check-in.
    public var intervalSeconds: Int

    public init(needed: [InventorySection], intervalSeconds: Int) {
        self.needed = needed
        self.intervalSeconds = intervalSeconds
    }
}

/// The server's acknowledgement of a stored report: sent only after the data is committed.
public struct ReportReceipt: Codable, Sendable, Equatable {
    public var reportID: Int64
    public var sections: [InventorySection]
    public var receivedAt: Date

    public init(reportID: Int64, sections: [InventorySection], receivedAt: Date) {
        self.reportID = reportID
        self.sections = sections
        self.receivedAt = receivedAt
    }
}

extension Inventory {
    /// The canonical JSON of each present section, the bytes its hash is computed over.
    public func sectionPayloads() throws -> [InventorySection: [UInt8]] {
        var payloads: [InventorySection: [UInt8]] = [:]
        func add(_ section: InventorySection, _ value: (some JSONTreeRepresentable)?) {
            if let value { payloads[section] = JSONWriter.encode(tree: value.jsonTree, pretty: false) }
        }
        func add(_ section: InventorySection, _ value: [some JSONTreeRepresentable]?) {
            if let value { payloads[section] = JSONWriter.encode(tree: .array(value.map(\.jsonTree)), pretty: false) }
        }
        add(.system, system)
        add(.cpu, cpu)
        add(.memory, memory)
        add(.storage, storage)
        add(.network, network)
        add(.devices, devices)
        add(.monitors, monitors)
        add(.batteries, batteries)
        add(.os, os)
        add(.users, users)
        add(.software, software)
        return payloads
    }

    /// The content hash of a section: SHA-256 of its canonical JSON, base64url without padding
    /// (43 characters: hex would make an unchanged machine's check-in too big for 1 KB).
    public static func sectionHash(_ canonicalJSON: [UInt8]) -> String {
        String(
            Data(SHA256.hash(data: canonicalJSON)).base64EncodedString().compactMap { character -> Character? in
                switch character {
                case "+": "-"
                case "/": "_"
                case "=": nil
                default: character
                }
            })
    }

    /// Every present section's hash, keyed by section name, as a check-in carries them.
    public func sectionHashes() throws -> [String: String] {
        var hashes: [String: String] = [:]
        for (section, bytes) in try sectionPayloads() { hashes[section.rawValue] = Self.sectionHash(bytes) }
        return hashes
    }

    /// This inventory with only `sections` kept (the others absent), for a partial report.
    public func keeping(_ sections: Set<InventorySection>) -> Inventory {
        var copy = self
        if !sections.contains(.system) { copy.system = nil }
        if !sections.contains(.cpu) { copy.cpu = nil }
        if !sections.contains(.memory) { copy.memory = nil }
        if !sections.contains(.storage) { copy.storage = nil }
        if !sections.contains(.network) { copy.network = nil }
        if !sections.contains(.devices) { copy.devices = nil }
        if !sections.contains(.monitors) { copy.monitors = nil }
        if !sections.contains(.batteries) { copy.batteries = nil }
        if !sections.contains(.os) { copy.os = nil }
        if !sections.contains(.users) { copy.users = nil }
        if !sections.contains(.software) { copy.software = nil }
        return copy
    }
}

/// Size limits of agent requests, shared so both sides know them.
public enum AgentLimits {
    /// A check-in carries hashes only.
    public static let checkInBytes = 16 << 10
    /// A gzip-compressed report as sent.
    public static let compressedReportBytes = 8 << 20
    /// A report once inflated: refused beyond this without inflating further.
    public static let reportBytes = 64 << 20
    /// Deepest JSON nesting a report may have.
    public static let jsonDepth = 32
    /// Longest string in a report.
    public static let stringBytes = 64 << 10
}

extension CheckIn {
    /// Decodes a check-in body. The server reads one per agent per hour, so it reads the shape agents
    /// send itself (`JSONReader`), a tenth of what `JSONDecoder` costs; `JSONDecoder` answers the rest.
    public static func decode(_ bytes: [UInt8]) throws -> CheckIn {
        try JSONReader.decode(bytes, CheckIn.init(reading:))
    }

    init(reading reader: inout JSONReader) throws {
        var agentVersion: String?
        var hostname: String?
        var sectionHashes: [String: String]?
        var seen = JSONReader.SeenKeys()
        try reader.forEachMember { reader, key in
            switch key {
            case "agentVersion":
                try seen.first(0)
                agentVersion = try reader.string()
            case "hostname":
                try seen.first(1)
                hostname = try reader.string()
            case "sectionHashes":
                try seen.first(2)
                var hashes: [String: String] = [:]
                try reader.forEachMember { reader, section in
                    guard hashes.updateValue(try reader.string(), forKey: section) == nil else { throw JSONReader.Unhandled() }
                }
                sectionHashes = hashes
            default: try reader.skipValue()
            }
        }
        guard let agentVersion, let hostname, let sectionHashes else { throw JSONReader.Unhandled() }
        self.init(agentVersion: agentVersion, hostname: hostname, sectionHashes: sectionHashes)
    }
}
