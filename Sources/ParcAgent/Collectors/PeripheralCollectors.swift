import ParcProtocol

/// Monitors from the EDIDs the DRM subsystem exposes per connector.
public struct MonitorCollector: Sendable {
    public init() {}

    public func collect(_ root: SystemRoot, warnings: CollectionWarnings) -> [Monitor] {
        var monitors: [Monitor] = []
        for connector in root.list("sys/class/drm") where connector.contains("-") {
            // An empty file means nothing is plugged in.
            guard let bytes = root.bytes("sys/class/drm/\(connector)/edid", limit: 32 << 10), !bytes.isEmpty else { continue }
            do {
                var monitor = try EDIDParser.parse(bytes)
                monitor.connector = connector
                monitors.append(monitor)
            } catch {
                warnings.add("sys/class/drm/\(connector)/edid: unreadable EDID (\(error))")
            }
        }
        return monitors
    }
}

/// Batteries from `/sys/class/power_supply` (type Battery).
public struct BatteryCollector: Sendable {
    public init() {}

    public func collect(_ root: SystemRoot, warnings: CollectionWarnings) -> [Battery] {
        root.list("sys/class/power_supply").compactMap { name in
            let base = "sys/class/power_supply/\(name)/"
            guard root.value(base + "type") == "Battery" else { return nil }
            // Peripherals (mice, keyboards) report scope Device; only the machine's own batteries count.
            if root.value(base + "scope") == "Device" { return nil }
            var battery = Battery(name: name)
            battery.manufacturer = root.value(base + "manufacturer").map(SystemCollector.printable)
            battery.model = root.value(base + "model_name").map(SystemCollector.printable)
            battery.serial = root.value(base + "serial_number").map(SystemCollector.printable)
            battery.technology = root.value(base + "technology")
            if let design = root.integer(base + "energy_full_design") {
                battery.designCapacity = design
                battery.fullCapacity = root.integer(base + "energy_full")
                battery.capacityUnit = "uWh"
            } else if let design = root.integer(base + "charge_full_design") {
                battery.designCapacity = design
                battery.fullCapacity = root.integer(base + "charge_full")
                battery.capacityUnit = "uAh"
            }
            if let design = battery.designCapacity, design > 0, let full = battery.fullCapacity {
                battery.healthPercent = Int((Double(full) * 100 / Double(design)).rounded())
            }
            battery.cycleCount = root.integer(base + "cycle_count").flatMap { $0 > 0 ? Int($0) : nil }
            return battery
        }
    }
}
