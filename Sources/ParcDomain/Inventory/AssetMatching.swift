import ParcProtocol

/// What a report says about which machine it comes from, with placeholders left out.
public struct MachineIdentity: Equatable, Sendable {
    /// SMBIOS UUID, lowercase.
    public var uuid: String?
    /// System serial number, as the firmware spells it.
    public var serial: String?
    /// Permanent MAC addresses of physical interfaces, lowercase.
    public var macs: Set<String>

    public init(uuid: String? = nil, serial: String? = nil, macs: Set<String> = []) {
        self.uuid = uuid
        self.serial = serial
        self.macs = macs
    }

    public init(system: SystemSection?, network: NetworkSection?) {
        uuid = HardwareIdentity.meaningful(system?.uuid).flatMap { HardwareIdentity.isPlaceholderUUID($0) ? nil : $0.lowercased() }
        serial = HardwareIdentity.meaningful(system?.serial)
        macs = Set(
            (network?.interfaces ?? []).filter(\.physical).compactMap { interface in
                HardwareIdentity.meaningfulMAC(interface.permanentMAC ?? interface.mac)
            })
    }

    public var isEmpty: Bool { uuid == nil && serial == nil && macs.isEmpty }
}

/// An asset of the reporting agent's client that a report could belong to.
public struct AssetCandidate: Equatable, Sendable {
    public var id: Int64
    /// The agent the asset is bound to, if any.
    public var agentID: String?
    /// Whether that agent still reports: not revoked, and seen since the reporting agent enrolled.
    /// A machine reinstalled with a new agent leaves its old agent silent.
    public var agentIsActive: Bool
    public var identity: MachineIdentity

    public init(id: Int64, agentID: String?, agentIsActive: Bool = false, identity: MachineIdentity) {
        self.id = id
        self.agentID = agentID
        self.agentIsActive = agentIsActive
        self.identity = identity
    }
}

/// Which asset an incoming report belongs to.
public enum AssetMatch: Equatable, Sendable {
    /// The asset already bound to this agent.
    case bound(Int64)
    /// An asset found by one of its identifiers; the agent becomes bound to it.
    case matched(Int64, by: Rule)
    /// No asset: create one.
    case none
    /// Several assets fit, or the one that fits contradicts the report: create a new asset flagged
    /// for review rather than guess; staff can merge.
    case ambiguous(candidates: [Int64], reason: String)

    public enum Rule: String, Sendable { case uuid, serial, mac }
}

/// Matches a report to an asset of its agent's client (the caller passes only that client's
/// assets): the asset bound to the agent, else the SMBIOS UUID, the system serial, then permanent
/// MAC addresses. A candidate bound to another agent is taken over only when that agent went
/// silent (a reinstalled machine) and nothing in the report contradicts it: cloned virtual
/// machines share a UUID but not their MACs, and two live agents never take one asset in turns.
public enum AssetMatching {
    public static func match(agentID: String, identity: MachineIdentity, candidates: [AssetCandidate]) -> AssetMatch {
        if let bound = candidates.first(where: { $0.agentID == agentID }) { return .bound(bound.id) }
        let rules: [(AssetMatch.Rule, (AssetCandidate) -> Bool)] = [
            (.uuid, { identity.uuid != nil && $0.identity.uuid == identity.uuid }),
            (.serial, { identity.serial != nil && $0.identity.serial == identity.serial }),
            (.mac, { !$0.identity.macs.isDisjoint(with: identity.macs) }),
        ]
        for (rule, fits) in rules {
            let found = candidates.filter(fits)
            guard !found.isEmpty else { continue }
            if found.count > 1 {
                return .ambiguous(candidates: found.map(\.id).sorted(), reason: "\(found.count) assets share this machine's \(rule.rawValue)")
            }
            if let contradiction = contradiction(found[0].identity, identity) {
                return .ambiguous(candidates: [found[0].id], reason: "same \(rule.rawValue) as asset \(found[0].id) but \(contradiction)")
            }
            if let other = found[0].agentID, found[0].agentIsActive {
                return .ambiguous(candidates: [found[0].id], reason: "same \(rule.rawValue) as asset \(found[0].id), which agent \(other) still reports")
            }
            return .matched(found[0].id, by: rule)
        }
        return .none
    }

    /// An identifier both sides know and disagree on.
    static func contradiction(_ known: MachineIdentity, _ reported: MachineIdentity) -> String? {
        if let a = known.uuid, let b = reported.uuid, a != b { return "a different UUID" }
        if let a = known.serial, let b = reported.serial, a != b { return "a different serial number" }
        if !known.macs.isEmpty, !reported.macs.isEmpty, known.macs.isDisjoint(with: reported.macs) { return "different MAC addresses" }
        return nil
    }
}

extension HardwareIdentity {
    /// A MAC address that identifies a network card: not all zeros, not broadcast, not locally
    /// administered (virtual interfaces and randomised addresses set that bit). Lowercase.
    public static func meaningfulMAC(_ mac: String?) -> String? {
        guard let mac = mac?.lowercased(), mac.count == 17 else { return nil }
        let octets = mac.split(separator: ":")
        guard octets.count == 6, let first = UInt8(octets[0], radix: 16) else { return nil }
        if first & 0x02 != 0 || first & 0x01 != 0 { return nil }
        if mac == "00:00:00:00:00:00" { return nil }
        return mac
    }
}

/// How a monitor found through EDID is recognised wherever it hangs: manufacturer, product code
/// and serial (the text serial when the EDID has one, else the numeric one). Monitors without a
/// usable serial cannot be told apart from their twins and are not registered.
public enum MonitorIdentity {
    public static func key(_ monitor: Monitor) -> String? {
        let serial = HardwareIdentity.meaningful(monitor.serial) ?? monitor.serialNumber.flatMap { $0 == 0 || $0 == 0x0101_0101 ? nil : String($0) }
        guard let serial else { return nil }
        return "\(monitor.manufacturerID)/\(monitor.productCode)/\(serial)"
    }

    /// "Dell DELL U2419H", "Samsung monitor 0x0d33".
    public static func name(_ monitor: Monitor) -> String {
        let maker = monitor.manufacturerName ?? monitor.manufacturerID
        return "\(maker) \(monitor.name ?? "monitor \(monitor.productCode)")"
    }
}
