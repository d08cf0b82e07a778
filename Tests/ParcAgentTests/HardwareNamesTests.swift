import Foundation
import ParcAgent
import ParcProtocol
import ParcTestSupport
import Testing

/// Names of this machine's PCI devices against `lspci -mm -D -nn` (pciutils' own reading of pci.ids).
@Suite struct HardwareNamesTests {
    struct LspciLine {
        var address: String
        var className: String
        var vendorName: String
        var deviceName: String
    }

    static var lspci: [LspciLine]? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/lspci") else { return nil }
        guard let text = try? runProgramBlocking("/usr/bin/lspci", ["-mm", "-D", "-nn"]).stdout else { return nil }
        return text.split(separator: "\n").compactMap { line in
            // 0000:00:03.0 "Ethernet controller [0200]" "Red Hat, Inc. [1af4]" "Virtio 1.0 network device [1041]" ...
            let quoted = line.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            guard quoted.count >= 3, let address = line.split(separator: " ").first else { return nil }
            func name(_ field: Substring) -> String {
                guard let bracket = field.lastIndex(of: "[") else { return String(field) }
                return field[..<bracket].trimmingCharacters(in: .whitespaces)
            }
            return LspciLine(address: String(address), className: name(quoted[0]), vendorName: name(quoted[1]), deviceName: name(quoted[2]))
        }
    }

    static let hasHWDB = FileManager.default.fileExists(atPath: "/usr/lib/udev/hwdb.bin") || FileManager.default.fileExists(atPath: "/etc/udev/hwdb.bin")

    func check(_ names: any HardwareNames) throws {
        let lines = try #require(Self.lspci)
        let devices = try #require(DeviceCollector(names: names).collect(SystemRoot(), warnings: CollectionWarnings()))
        #expect(devices.pci.count == lines.count)
        for line in lines {
            let device = try #require(devices.pci.first { $0.address == line.address })
            #expect(device.vendorName == line.vendorName, "\(line.address)")
            // lspci -nn says "Device [0d57]" when the database has no name.
            #expect(device.deviceName == (line.deviceName == "Device" ? nil : line.deviceName), "\(line.address)")
        }
    }

    @Test(.enabled(if: hasHWDB && lspci != nil, "needs the udev hwdb and lspci (Debian: udev, pciutils; make test installs them)"))
    func udevHWDBNamesMatchLspci() throws {
        try check(try #require(UdevHardwareNames()))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/share/misc/pci.ids") && lspci != nil, "needs pci.ids and lspci (Debian: pciutils)"))
    func pciIdsFileNamesMatchLspci() throws {
        let names = try #require(IDsFileNames(root: SystemRoot()))
        try check(names)
        #expect(names.pciClass("020000") == "Ethernet controller")
    }

    @Test func idsFileFormat() throws {
        let root = try ParcTestSupportRoot.make()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/usr/share/misc", withIntermediateDirectories: true)
        // Lines in the layout of pciutils' pci.ids (vendor, tab device, two tabs subsystem, C classes).
        try """
        # comment
        8086  Intel Corporation
        \t100e  82540EM Gigabit Ethernet Controller
        \t\t8086 001e  PRO/1000 MT Desktop Adapter
        1af4  Red Hat, Inc.
        \t1041  Virtio 1.0 network device
        C 02  Network controller
        \t00  Ethernet controller
        """.write(toFile: root + "/usr/share/misc/pci.ids", atomically: true, encoding: .utf8)
        let names = try #require(IDsFileNames(root: SystemRoot(root)))
        #expect(names.pciVendor("8086") == "Intel Corporation")
        #expect(names.pciDevice(vendor: "8086", device: "100e") == "82540EM Gigabit Ethernet Controller")
        #expect(names.pciDevice(vendor: "1af4", device: "1041") == "Virtio 1.0 network device")
        #expect(names.pciClass("020000") == "Ethernet controller")
        #expect(names.pciClass("02ff00") == "Network controller")
        #expect(names.usbVendor("046d") == nil)
    }
}

/// Permanent MAC addresses of this machine's interfaces against `ethtool -P`.
@Suite struct PermanentAddressTests {
    static let ethtool = ["/usr/sbin/ethtool", "/sbin/ethtool"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: ethtool != nil, "needs ethtool (Debian: ethtool; make test installs it)"))
    func matchesEthtool() async throws {
        let network = try #require(NetworkCollector().collect(SystemRoot(), warnings: CollectionWarnings()))
        var checked = 0
        for interface in network.interfaces {
            let ethtool = try await runProgram(try #require(Self.ethtool), ["-P", interface.name])
            let text = ethtool.stdout
            guard ethtool.status == 0, let address = text.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines) else { continue }
            if address == "00:00:00:00:00:00" || text.contains("not set") {
                // No factory address: the agent falls back to sysfs's word (addr_assign_type) or reports none.
                continue
            }
            #expect(interface.permanentMAC == address, "\(interface.name)")
            checked += 1
        }
        // Physical network cards have a factory address; a machine with one must have been checked.
        #expect(checked > 0 || !network.interfaces.contains { $0.physical })
    }
}
