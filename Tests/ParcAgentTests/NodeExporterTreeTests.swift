import Foundation
import ParcAgent
import ParcProtocol
import Testing

/// node_exporter's own reading of its tree (`expected-info.prom`): metric name and labels per line.
enum NodeExporterReading {
    static let lines: [(metric: String, labels: [String: String])] = {
        guard let text = try? FixtureFiles.text("node_exporter/expected-info.prom") else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let brace = line.firstIndex(of: "{"), let close = line.lastIndex(of: "}") else { return nil }
            var labels: [String: String] = [:]
            var rest = Substring(line[line.index(after: brace)..<close])
            while let equals = rest.firstIndex(of: "=") {
                let key = rest[..<equals].trimmingCharacters(in: CharacterSet(charactersIn: ", "))
                var value = ""
                var index = rest.index(equals, offsetBy: 2)
                while index < rest.endIndex, rest[index] != "\"" {
                    if rest[index] == "\\" { index = rest.index(after: index) }
                    value.append(rest[index])
                    index = rest.index(after: index)
                }
                labels[key] = value
                rest = index < rest.endIndex ? rest[rest.index(after: index)...] : ""
            }
            return (String(line[..<brace]), labels)
        }
    }()

    static func all(_ metric: String) -> [[String: String]] { lines.filter { $0.metric == metric }.map(\.labels) }
}

@Suite struct NodeExporterTreeTests {
    let root = SystemRoot(FixtureFiles.nodeExporterRoot)

    @Test func systemFromDMISysfsMatchesNodeExporter() throws {
        let dmi = try #require(NodeExporterReading.all("node_dmi_info").first)
        let system = try #require(SystemCollector().collect(root, smbios: nil, warnings: CollectionWarnings()))
        #expect(system.source == "dmi-sysfs")
        #expect(system.manufacturer == dmi["system_vendor"])
        #expect(system.product == dmi["product_name"])
        #expect(system.serial == dmi["product_serial"])
        #expect(system.uuid == dmi["product_uuid"])
        #expect(system.family == dmi["product_family"])
        #expect(system.sku == dmi["product_sku"])
        #expect(system.bios?.vendor == dmi["bios_vendor"])
        #expect(system.bios?.version == dmi["bios_version"])
        #expect(system.bios?.releaseDate == dmi["bios_date"])
        #expect(system.baseboard?.product == dmi["board_name"])
        #expect(system.baseboard?.serial == dmi["board_serial"])
        #expect(system.chassis?.serial == dmi["chassis_serial"])
        // chassis_type 23 in the tree (node_exporter does not label it): SMBIOS says Rack Mount Chassis.
        #expect(system.chassis?.type == "Rack Mount Chassis")
        // product_version holds broken bytes; they must not come through as text.
        #expect(system.version == nil)
    }

    @Test func cpuMatchesNodeExporter() throws {
        let expected = NodeExporterReading.all("node_cpu_info")
        let cpu = try #require(CPUCollector().collect(root, smbios: nil, warnings: CollectionWarnings()))
        #expect(cpu.threads == expected.count)
        #expect(cpu.cores == Set(expected.map { "\($0["package"] ?? "")/\($0["core"] ?? "")" }).count)
        #expect(cpu.sockets == Set(expected.map { $0["package"] ?? "" }).count)
        #expect(cpu.model == expected.first?["model_name"])
        #expect(cpu.vendor == expected.first?["vendor"])
        // node_exporter only exports flags it is told to; the file itself says which ones the CPU has.
        let flagsLine = try #require(try FixtureFiles.text("node_exporter/proc/cpuinfo").split(separator: "\n").first { $0.hasPrefix("flags") })
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        #expect(cpu.virtualizationFlags == ["vmx", "svm"].filter(flags.contains))
        #expect(!cpu.virtualizationFlags.isEmpty)
    }

    @Test func memoryTotalMatchesNodeExporter() throws {
        let line = try #require(
            try FixtureFiles.text("node_exporter/expected-info.prom").split(separator: "\n").first { $0.hasPrefix("node_memory_MemTotal_bytes ") })
        let expected = try #require(Double(line.split(separator: " ")[1]))
        let memory = try #require(MemoryCollector().collect(root, smbios: nil, warnings: CollectionWarnings()))
        #expect(memory.totalBytes == Int64(expected))
    }

    @Test func networkMatchesNodeExporter() throws {
        let network = try #require(NetworkCollector().collect(root, warnings: CollectionWarnings()))
        for expected in NodeExporterReading.all("node_network_info") {
            let interface = try #require(network.interfaces.first { $0.name == expected["device"] }, "\(expected["device"] ?? "")")
            #expect(interface.mac == expected["address"])
            #expect(interface.duplex == expected["duplex"])
            #expect(interface.state == expected["operstate"])
        }
    }

    @Test func batteriesMatchNodeExporter() throws {
        let expected = try #require(NodeExporterReading.all("node_power_supply_info").first { $0["type"] == "Battery" })
        let batteries = BatteryCollector().collect(root, warnings: CollectionWarnings())
        let battery = try #require(batteries.first { $0.name == expected["power_supply"] })
        #expect(batteries.count == 1)  // AC is mains, not a battery
        #expect(battery.manufacturer == expected["manufacturer"])
        #expect(battery.serial == expected["serial_number"])
        #expect(battery.technology == expected["technology"])
    }

    @Test func pciDevicesMatchNodeExporter() throws {
        let devices = try #require(DeviceCollector(names: nil).collect(root, warnings: CollectionWarnings()))
        let expected = NodeExporterReading.all("node_pcidevice_info")
        #expect(devices.pci.count == expected.count)
        for line in expected {
            let address = "\(line["segment"] ?? ""):\(line["bus"] ?? ""):\(line["device"] ?? "").\(line["function"] ?? "")"
            let device = try #require(devices.pci.first { $0.address == address }, "\(address)")
            #expect("0x" + (device.classCode ?? "") == line["class_id"])
            #expect("0x" + (device.deviceID ?? "") == line["device_id"])
            #expect("0x" + (device.vendorID ?? "") == line["vendor_id"])
            #expect("0x" + (device.subsystemDeviceID ?? "") == line["subsystem_device_id"])
        }
        #expect(devices.pci.first { $0.address == "0000:01:00.0" }?.driver == "nvme")
    }

    @Test func blockDevicesFromSysBlock() throws {
        let storage = try #require(StorageCollector().collect(root, warnings: CollectionWarnings()))
        #expect(storage.disks.map(\.name) == root.list("sys/block"))
        let expectedSDA = try #require(NodeExporterReading.all("node_disk_info").first { $0["device"] == "sda" })
        #expect(storage.disks.first { $0.name == "sda" }?.rotational == (expectedSDA["rotational"] == "1"))
        #expect(storage.disks.first { $0.name == "md0" }?.transport == "md")
    }

    @Test func wholeInventoryOfTheTreeHasEverySectionItCan() throws {
        let inventory = InventoryCollector(root: root).collect(now: Date(timeIntervalSince1970: 1_780_000_000))
        #expect(inventory.system != nil)
        #expect(inventory.cpu != nil)
        #expect(inventory.network != nil)
        #expect(inventory.devices != nil)
        #expect(inventory.batteries?.count == 1)
        // No dpkg database and no os-release in this tree: absent, with warnings naming them.
        #expect(inventory.software == nil)
        #expect(inventory.warnings.contains { $0.contains("var/lib/dpkg/status") })
        #expect(inventory.warnings.contains { $0.contains("os-release") })
    }
}
