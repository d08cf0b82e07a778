import ParcProtocol

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A summary of an inventory for a person at a terminal.
public enum InventoryText {
    /// `16 GiB`, `512 MiB`, `931.5 GiB`: binary units, one decimal when not whole.
    public static func byteCount(_ value: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var scaled = Double(value)
        var unit = 0
        while scaled >= 1024 && unit < units.count - 1 {
            scaled /= 1024
            unit += 1
        }
        let tenths = (scaled * 10).rounded()
        let text = tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
        return "\(text) \(units[unit])"
    }

    public static func render(_ inventory: Inventory) -> String {
        var out: [String] = []
        func line(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            out.append("  " + label + String(repeating: " ", count: max(1, 14 - label.count)) + value)
        }
        func heading(_ title: String) { out.append(out.isEmpty ? title : "\n" + title) }
        func bytes(_ value: Int64?) -> String? { value.map(byteCount) }

        if let system = inventory.system {
            heading("System")
            line("Manufacturer", system.manufacturer)
            line("Product", [system.product, system.version].compactMap { $0 }.joined(separator: " "))
            line("Serial", system.serial)
            line("UUID", system.uuid)
            line("Chassis", system.chassis?.type)
            line("Board", [system.baseboard?.manufacturer, system.baseboard?.product].compactMap { $0 }.joined(separator: " "))
            line("BIOS", [system.bios?.vendor, system.bios?.version, system.bios?.releaseDate.map { "(\($0))" }].compactMap { $0 }.joined(separator: " "))
        }
        if let os = inventory.os {
            heading("Operating system")
            line("Name", os.prettyName ?? os.name)
            line("Kernel", [os.kernelRelease, os.architecture].compactMap { $0 }.joined(separator: " "))
            line("Hostname", os.fqdn ?? os.hostname)
            line("Time zone", os.timezone)
            line("Booted", os.bootTime.map { $0.formatted(.iso8601) })
            line("Virtual", os.virtualization)
            line("Container", os.container)
        }
        if let cpu = inventory.cpu {
            heading("CPU")
            line("Model", cpu.model)
            line("Topology", "\(cpu.sockets ?? 0) socket(s), \(cpu.cores ?? 0) core(s), \(cpu.threads ?? 0) thread(s)")
            line("Max freq.", cpu.maxFrequencyMHz.map { "\($0) MHz" })
            line("Virt. flags", cpu.virtualizationFlags.joined(separator: " "))
        }
        if let memory = inventory.memory {
            heading("Memory")
            line("Total", bytes(memory.totalBytes))
            for module in memory.modules ?? [] where module.sizeBytes != nil {
                line(
                    module.slot ?? "slot",
                    [bytes(module.sizeBytes), module.type, module.speedMTs.map { "\($0) MT/s" }, module.manufacturer, module.partNumber]
                        .compactMap { $0 }.joined(separator: " "))
            }
        }
        if let storage = inventory.storage {
            heading("Storage")
            for disk in storage.disks {
                line(
                    disk.name,
                    [bytes(disk.sizeBytes), disk.transport, disk.model, disk.serial.map { "serial \($0)" }].compactMap { $0 }.joined(separator: "  "))
            }
            for filesystem in storage.filesystems {
                line(
                    filesystem.mountPoint,
                    [filesystem.type, filesystem.device, bytes(filesystem.sizeBytes), bytes(filesystem.freeBytes).map { "\($0) free" }]
                        .compactMap { $0 }.joined(separator: "  "))
            }
        }
        if let network = inventory.network {
            heading("Network")
            for interface in network.interfaces {
                let kind = interface.wireless ? "wireless" : (interface.physical ? "physical" : "virtual")
                line(
                    interface.name,
                    [interface.mac, kind, interface.state, interface.speedMbps.map { "\($0) Mb/s" }, (interface.ipv4 + interface.ipv6).joined(separator: " ")]
                        .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "  "))
            }
        }
        if let devices = inventory.devices {
            heading("Devices")
            line("PCI", "\(devices.pci.count) device(s)")
            for device in devices.pci {
                line(
                    "  " + device.address.suffix(7),
                    [device.className, device.vendorName ?? device.vendorID, device.deviceName ?? device.deviceID, device.driver.map { "[\($0)]" }]
                        .compactMap { $0 }.joined(separator: " "))
            }
            line("USB", "\(devices.usb.count) device(s)")
            for device in devices.usb {
                line(
                    "  " + device.bus,
                    [device.vendorID.map { "\($0):\(device.productID ?? "")" }, device.manufacturer ?? device.vendorName, device.product ?? device.productName]
                        .compactMap { $0 }.joined(separator: " "))
            }
        }
        if let monitors = inventory.monitors, !monitors.isEmpty {
            heading("Monitors")
            for monitor in monitors {
                line(
                    monitor.connector ?? "monitor",
                    [
                        monitor.manufacturerName ?? monitor.manufacturerID, monitor.name, monitor.serial.map { "serial \($0)" },
                        monitor.diagonalInches.map { "\($0)\"" }, monitor.manufactureYear.map(String.init),
                    ].compactMap { $0 }.joined(separator: "  "))
            }
        }
        if let batteries = inventory.batteries, !batteries.isEmpty {
            heading("Batteries")
            for battery in batteries {
                line(
                    battery.name,
                    [battery.manufacturer, battery.model, battery.technology, battery.healthPercent.map { "health \($0)%" }].compactMap { $0 }.joined(
                        separator: "  "))
            }
        }
        if let users = inventory.users {
            heading("Users")
            line("Accounts", users.localAccounts.map(\.name).joined(separator: ", "))
            line("Logged in", Set(users.loggedIn.map(\.user)).sorted().joined(separator: ", "))
            line("Last login", users.recentLogins.first.map { "\($0.user) at \($0.time.formatted(.iso8601))" })
        }
        if let software = inventory.software {
            heading("Software")
            let byManager = Dictionary(grouping: software.packages, by: \.manager).mapValues(\.count)
            line("Packages", byManager.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        }
        if !inventory.warnings.isEmpty {
            heading("Warnings")
            for warning in inventory.warnings { out.append("  - " + warning) }
        }
        return out.joined(separator: "\n")
    }
}
