import ParcProtocol

/// The components of a computer as its inventory describes them, one per slot.
public enum ComponentReading {
    public static func cpus(_ cpu: CPUSection) -> [AssetComponent] {
        if let packages = cpu.packages, !packages.isEmpty {
            return packages.enumerated().map { index, package in
                var component = AssetComponent(
                    kind: .cpu, slot: package.socket ?? "CPU\(index)",
                    summary: [package.version ?? cpu.model, package.cores.map { "\($0) cores" }].compactMap { $0 }.joined(separator: ", "))
                component.manufacturer = HardwareIdentity.meaningful(package.manufacturer)
                component.model = HardwareIdentity.meaningful(package.version) ?? cpu.model
                component.serial = HardwareIdentity.meaningful(package.serial)
                return component
            }
        }
        guard let model = cpu.model else { return [] }
        var component = AssetComponent(kind: .cpu, slot: "CPU0", summary: [model, cpu.cores.map { "\($0) cores" }].compactMap { $0 }.joined(separator: ", "))
        component.manufacturer = cpu.vendor
        component.model = model
        return [component]
    }

    public static func memory(_ memory: MemorySection) -> [AssetComponent] {
        (memory.modules ?? []).enumerated().compactMap { index, module in
            guard let size = module.sizeBytes, size > 0 else { return nil }
            var component = AssetComponent(
                kind: .memory, slot: module.slot ?? module.bank ?? "DIMM\(index)",
                summary: [
                    HardwareIdentity.meaningful(module.manufacturer), HardwareIdentity.meaningful(module.partNumber), bytes(size), module.type,
                    module.speedMTs.map { "\($0) MT/s" },
                ].compactMap { $0 }.joined(separator: " "))
            component.manufacturer = HardwareIdentity.meaningful(module.manufacturer)
            component.model = HardwareIdentity.meaningful(module.partNumber)
            component.serial = HardwareIdentity.meaningful(module.serial)
            component.sizeBytes = size
            return component
        }
    }

    /// Fixed disks only: USB sticks come and go without being part of the machine.
    public static func disks(_ storage: StorageSection) -> [AssetComponent] {
        storage.disks.filter { $0.removable != true }.map { disk in
            var component = AssetComponent(
                kind: .disk, slot: disk.name,
                summary: [disk.model, disk.sizeBytes.map(bytes), disk.transport].compactMap { $0 }.joined(separator: " "))
            component.manufacturer = disk.vendor
            component.model = disk.model
            component.serial = HardwareIdentity.meaningful(disk.serial)
            component.sizeBytes = disk.sizeBytes
            return component
        }
    }

    public static func networkInterfaces(_ network: NetworkSection) -> [AssetComponent] {
        network.interfaces.filter(\.physical).map { interface in
            let mac = interface.permanentMAC ?? interface.mac
            var component = AssetComponent(
                kind: .networkInterface, slot: interface.name,
                summary: [interface.name, interface.driver, mac, interface.wireless ? "wireless" : nil].compactMap { $0 }.joined(separator: " "))
            component.model = interface.driver
            component.serial = HardwareIdentity.meaningfulMAC(mac)
            return component
        }
    }

    public static func batteries(_ batteries: [Battery]) -> [AssetComponent] {
        batteries.map { battery in
            var component = AssetComponent(
                kind: .battery, slot: battery.name,
                summary: [battery.manufacturer, battery.model, battery.healthPercent.map { "\($0)% health" }].compactMap { $0 }.joined(separator: " "))
            component.manufacturer = battery.manufacturer
            component.model = battery.model
            component.serial = HardwareIdentity.meaningful(battery.serial)
            return component
        }
    }

    /// `8 GiB`, `512 GB`: memory in binary units, the rest as vendors label it.
    static func bytes(_ value: Int64) -> String {
        if value % (1 << 30) == 0 { return "\(value >> 30) GiB" }
        let gigabytes = Double(value) / 1e9
        return gigabytes >= 1000 ? "\(Int((gigabytes / 1000).rounded())) TB" : "\(Int(gigabytes.rounded())) GB"
    }
}

/// A difference between what was known of an asset and what a report says.
public enum InventoryChange: Equatable, Sendable {
    case componentAdded(AssetComponent)
    case componentRemoved(AssetComponent)
    /// Same slot, another part in it (a disk swapped, a memory module of another size).
    case componentReplaced(old: AssetComponent, new: AssetComponent)
    case softwareInstalled(InstalledSoftware)
    case softwareRemoved(InstalledSoftware)
    case softwareUpgraded(old: InstalledSoftware, new: InstalledSoftware)
    case softwareDowngraded(old: InstalledSoftware, new: InstalledSoftware)

    /// The history event kind.
    public var kind: String {
        switch self {
        case .componentAdded: "component.added"
        case .componentRemoved: "component.removed"
        case .componentReplaced: "component.replaced"
        case .softwareInstalled: "software.installed"
        case .softwareRemoved: "software.removed"
        case .softwareUpgraded: "software.upgraded"
        case .softwareDowngraded: "software.downgraded"
        }
    }

    /// One line for the history.
    public var summary: String {
        switch self {
        case .componentAdded(let new): "\(new.kind.label) added in \(new.slot): \(new.describing)"
        case .componentRemoved(let old): "\(old.kind.label) removed from \(old.slot): \(old.describing)"
        case .componentReplaced(let old, let new): "\(new.kind.label) in \(new.slot) replaced: \(old.describing) → \(new.describing)"
        case .softwareInstalled(let new): "\(new.name) \(new.version) installed"
        case .softwareRemoved(let old): "\(old.name) \(old.version) removed"
        case .softwareUpgraded(let old, let new): "\(new.name) upgraded from \(old.version) to \(new.version)"
        case .softwareDowngraded(let old, let new): "\(new.name) downgraded from \(old.version) to \(new.version)"
        }
    }
}

extension AssetComponent {
    /// What identifies the part itself, beyond its slot: its serial, else model and size.
    var partIdentity: String { serial ?? "\(model ?? "")|\(sizeBytes.map(String.init) ?? "")" }

    var describing: String { serial.map { "\(summary) (serial \($0))" } ?? summary }
}

extension AssetComponent.Kind {
    var label: String {
        switch self {
        case .cpu: "CPU"
        case .memory: "Memory module"
        case .disk: "Disk"
        case .networkInterface: "Network interface"
        case .battery: "Battery"
        }
    }
}

extension InstalledSoftware {
    /// What a package is, across versions: a multi-arch library is two packages.
    public struct Key: Hashable, Sendable {
        var manager: String
        var name: String
        var architecture: String
    }

    /// A struct rather than one joined string: a report's diff looks up thousands of packages, and
    /// building a string for each lookup was most of its time.
    public var key: Key { Key(manager: manager, name: name, architecture: architecture ?? "") }
}

/// Differences between what is stored for an asset and a report, computed in one pass over each
/// side (dictionaries by slot or package), so a 1,500-package report with ten changes yields ten
/// changes and the caller writes only those rows.
public enum InventoryDiff {
    /// Changes of the components of one kind; `old` and `new` are all the components of that kind.
    public static func components(old: [AssetComponent], new: [AssetComponent]) -> [InventoryChange] {
        let before = Dictionary(old.map { ("\($0.kind.rawValue)/\($0.slot)", $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [InventoryChange] = []
        var seen: Set<String> = []
        for component in new {
            let key = "\(component.kind.rawValue)/\(component.slot)"
            guard seen.insert(key).inserted else { continue }
            if let previous = before[key] {
                if previous.partIdentity != component.partIdentity { changes.append(.componentReplaced(old: previous, new: component)) }
            } else {
                changes.append(.componentAdded(component))
            }
        }
        for component in old where !seen.contains("\(component.kind.rawValue)/\(component.slot)") {
            changes.append(.componentRemoved(component))
        }
        return changes
    }

    public static func software(old: [InstalledSoftware], new: [InstalledSoftware]) -> [InventoryChange] {
        let before = Dictionary(old.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [InventoryChange] = []
        var seen: Set<InstalledSoftware.Key> = []
        seen.reserveCapacity(new.count)
        for package in new {
            let key = package.key
            guard seen.insert(key).inserted else { continue }
            guard let previous = before[key] else {
                changes.append(.softwareInstalled(package))
                continue
            }
            guard previous.version != package.version else { continue }
            if DebianVersion.compare(previous.version, package.version) > 0 {
                changes.append(.softwareDowngraded(old: previous, new: package))
            } else {
                changes.append(.softwareUpgraded(old: previous, new: package))
            }
        }
        for package in old where !seen.contains(package.key) { changes.append(.softwareRemoved(package)) }
        return changes
    }

    /// The installed packages a software section lists.
    public static func installed(_ software: SoftwareSection) -> [InstalledSoftware] {
        software.packages.map {
            InstalledSoftware(name: $0.name, version: $0.version, architecture: $0.architecture, manager: $0.manager, publisher: $0.publisher)
        }
    }
}
