import ParcProtocol

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Runs the collectors over a root and assembles one `Inventory`. A collector that finds nothing
/// leaves its section absent and says why in `warnings`; nothing here throws.
public struct InventoryCollector: Sendable {
    public var root: SystemRoot
    public var sections: Set<InventorySection>
    public var names: (any HardwareNames)?

    public init(root: SystemRoot = SystemRoot(), sections: Set<InventorySection> = Set(InventorySection.allCases), names: (any HardwareNames)? = nil) {
        self.root = root
        self.sections = sections
        self.names = names
    }

    public func collect(now: Date = Date()) -> Inventory {
        var inventory = Inventory(agentVersion: AgentInfo.version, collectedAt: now)
        let warnings = CollectionWarnings()
        let wants = { (section: InventorySection) in sections.contains(section) }
        // The SMBIOS table feeds three sections; it is read once.
        let smbios = wants(.system) || wants(.cpu) || wants(.memory) || wants(.os) ? SystemCollector.smbiosTable(root, warnings: warnings) : nil
        if wants(.system) { inventory.system = SystemCollector().collect(root, smbios: smbios, warnings: warnings) }
        if wants(.cpu) || wants(.os) {
            let cpu = CPUCollector().collect(root, smbios: smbios, warnings: warnings)
            if wants(.cpu) { inventory.cpu = cpu }
            if wants(.os) {
                let system = inventory.system ?? smbios.map(SMBIOSDecoder.system)
                inventory.os = OperatingSystemCollector().collect(root, system: system, cpu: cpu, warnings: warnings)
            }
        }
        if wants(.memory) { inventory.memory = MemoryCollector().collect(root, smbios: smbios, warnings: warnings) }
        if wants(.storage) { inventory.storage = StorageCollector().collect(root, warnings: warnings) }
        if wants(.network) { inventory.network = NetworkCollector().collect(root, warnings: warnings) }
        if wants(.devices) {
            // The hwdb first (what udev itself uses), else the ids files, else ids only.
            let names = self.names ?? UdevHardwareNames() ?? IDsFileNames(root: root)
            inventory.devices = DeviceCollector(names: names).collect(root, warnings: warnings)
        }
        if wants(.monitors) { inventory.monitors = MonitorCollector().collect(root, warnings: warnings) }
        if wants(.batteries) { inventory.batteries = BatteryCollector().collect(root, warnings: warnings) }
        if wants(.users) { inventory.users = UsersCollector().collect(root, warnings: warnings) }
        if wants(.software) { inventory.software = SoftwareCollector().collect(root, warnings: warnings) }
        inventory.warnings = warnings.messages
        return inventory
    }
}
