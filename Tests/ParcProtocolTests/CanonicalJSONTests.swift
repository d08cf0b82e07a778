import Foundation
import ParcProtocol
import Testing

@Suite struct CanonicalJSONTests {
    @Test func sortsKeysAndWritesUTCDates() throws {
        let body = APIErrorBody(error: "not_found", message: "no client X", field: "code")
        #expect(String(decoding: try CanonicalJSON.encode(body), as: UTF8.self) == #"{"error":"not_found","field":"code","message":"no client X"}"#)

        let user = StaffUser(id: 7, email: "a@b.fr", name: "A", role: .billing, active: true, createdAt: Date(timeIntervalSince1970: 1_780_000_000))
        let text = String(decoding: try CanonicalJSON.encode(user), as: UTF8.self)
        #expect(text == #"{"active":true,"createdAt":"2026-05-28T20:26:40Z","email":"a@b.fr","id":7,"name":"A","role":"billing","skills":[]}"#)
    }

    @Test func roundTripsAClient() throws {
        let client = Client(
            id: 1, code: "ACME", name: "ACME SA", siren: "552032534", siret: nil, vatNumber: "FR27552032534",
            billingAddress: PostalAddress(line1: "1 rue de la Paix", postalCode: "75002", city: "Paris"),
            contactEmail: "it@acme.example", currency: "EUR", defaultVATBasisPoints: 2000, notes: nil, active: true,
            createdAt: Date(timeIntervalSince1970: 1_780_000_000), updatedAt: Date(timeIntervalSince1970: 1_780_000_060))
        let data = try CanonicalJSON.encode(client)
        #expect(try CanonicalJSON.decode(Client.self, from: data) == client)
        // Absent optionals are left out rather than written as null.
        #expect(!String(decoding: data, as: UTF8.self).contains("null"))
    }

    @Test func unknownRoleNamesTheAllowedOnes() throws {
        let data = Data(#"{"email":"a@b.fr","name":"A","role":"boss"}"#.utf8)
        #expect {
            try CanonicalJSON.decode(NewStaffUser.self, from: data)
        } throws: { error in
            guard case .dataCorrupted(let context) = error as? DecodingError else { return false }
            return context.debugDescription.contains("manager, technician, billing")
        }
    }
}

/// The writer against Foundation's JSONEncoder configured the canonical way: an independent reading.
@Suite struct JSONWriterTests {
    static func foundation<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func matchesFoundationOnTheProtocolExamples() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("protocol/examples/inventory").path
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }
        #expect(!names.isEmpty)
        for name in names {
            let inventory = try CanonicalJSON.decode(Inventory.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
            #expect(String(decoding: try CanonicalJSON.encode(inventory), as: UTF8.self) == (try Self.foundation(inventory)), "\(name)")
        }
    }

    /// Inventories are written from hand-built trees (Inventory+JSON.swift): with every field of
    /// every type set, the bytes must be Foundation's, so a field the tree forgets shows here.
    @Test func inventoryTreesMatchFoundationWithEveryFieldSet() throws {
        let inventory = Self.everyFieldSet()
        #expect(Self.absentFields(inventory, path: "inventory") == [])
        #expect(String(decoding: try CanonicalJSON.encode(inventory), as: UTF8.self) == (try Self.foundation(inventory)))
        for (section, bytes) in try inventory.sectionPayloads() {
            let expected: String
            switch section {
            case .system: expected = try Self.foundation(inventory.system)
            case .cpu: expected = try Self.foundation(inventory.cpu)
            case .memory: expected = try Self.foundation(inventory.memory)
            case .storage: expected = try Self.foundation(inventory.storage)
            case .network: expected = try Self.foundation(inventory.network)
            case .devices: expected = try Self.foundation(inventory.devices)
            case .monitors: expected = try Self.foundation(inventory.monitors)
            case .batteries: expected = try Self.foundation(inventory.batteries)
            case .os: expected = try Self.foundation(inventory.os)
            case .users: expected = try Self.foundation(inventory.users)
            case .software: expected = try Self.foundation(inventory.software)
            }
            #expect(String(decoding: bytes, as: UTF8.self) == expected, "\(section)")
        }
        #expect(try inventory.sectionPayloads().count == InventorySection.allCases.count)
    }

    /// Paths of optionals left nil anywhere in `value`.
    static func absentFields(_ value: Any, path: String) -> [String] {
        var absent: [String] = []
        for child in Mirror(reflecting: value).children {
            let childPath = path + "." + (child.label ?? "?")
            let mirror = Mirror(reflecting: child.value)
            if mirror.displayStyle == .optional {
                guard let wrapped = mirror.children.first?.value else {
                    absent.append(childPath)
                    continue
                }
                absent += absentFields(wrapped, path: childPath)
            } else if mirror.displayStyle == .collection, let items = child.value as? [Any] {
                if items.isEmpty { absent.append(childPath + "[]") }
                for (index, item) in items.enumerated() { absent += absentFields(item, path: "\(childPath)[\(index)]") }
            } else if mirror.displayStyle == .struct {
                absent += absentFields(child.value, path: childPath)
            }
        }
        return absent
    }

    static func everyFieldSet() -> Inventory {
        let time = Date(timeIntervalSince1970: 1_780_000_000)
        var inventory = Inventory(agentVersion: "0.1.0", collectedAt: time)
        var system = SystemSection(source: "smbios")
        (system.smbiosVersion, system.manufacturer, system.product, system.version) = ("3.2.0", "LENOVO", "20L8S07A14", "ThinkPad T480s")
        (system.serial, system.uuid, system.sku, system.family) = ("PC131TBF", "4c4c4544-0042-3510-8052-b4c04f4e4d32", "LENOVO_MT_20L8", "ThinkPad")
        var chassis = Chassis()
        (chassis.type, chassis.manufacturer, chassis.version, chassis.serial, chassis.assetTag) = ("notebook", "LENOVO", "None", "PC131TBF", "IT-0042")
        system.chassis = chassis
        var board = Baseboard()
        (board.manufacturer, board.product, board.version, board.serial, board.assetTag) = (
            "LENOVO", "20L8S07A14", "SDK0J40697", "L1HF86J00MK", "Base Board Asset Tag"
        )
        system.baseboard = board
        var bios = BIOS()
        (bios.vendor, bios.version, bios.releaseDate) = ("LENOVO", "N22ET80W (1.57 )", "2023-02-22")
        system.bios = bios
        inventory.system = system
        var cpu = CPUSection()
        (cpu.model, cpu.vendor, cpu.sockets, cpu.cores, cpu.threads, cpu.maxFrequencyMHz) = ("Intel(R) Core(TM) i7-8650U", "GenuineIntel", 1, 4, 8, 4200)
        (cpu.virtualizationFlags, cpu.hypervisorFlag) = (["vmx"], true)
        var package = CPUPackage()
        (package.socket, package.manufacturer, package.version, package.serial) = ("U3E1", "Intel(R) Corporation", "Intel(R) Core(TM) i7-8650U", "None")
        (package.maxSpeedMHz, package.cores, package.threads) = (4200, 4, 8)
        cpu.packages = [package]
        inventory.cpu = cpu
        var memory = MemorySection()
        (memory.totalBytes, memory.swapTotalBytes) = (16_625_000_448, 1_023_406_080)
        var module = MemoryModule()
        (module.slot, module.bank, module.sizeBytes, module.type, module.formFactor) = ("ChannelA-DIMM0", "BANK 0", 8 << 30, "DDR4", "SODIMM")
        (module.speedMTs, module.configuredSpeedMTs, module.manufacturer, module.serial, module.partNumber) = (
            2400, 2400, "Samsung", "00000000", "M471A1K43CB1-CRC"
        )
        memory.modules = [module]
        inventory.memory = memory
        var storage = StorageSection()
        var disk = Disk(name: "nvme0n1")
        (disk.model, disk.vendor, disk.serial, disk.wwn, disk.firmware) = ("SAMSUNG MZVLB512HAJQ", "Samsung", "S3W8NX0M", "eui.0025388", "EXA7301Q")
        (disk.sizeBytes, disk.rotational, disk.transport, disk.removable) = (512_110_190_592, false, "nvme", false)
        storage.disks = [disk]
        var filesystem = Filesystem(mountPoint: "/", device: "/dev/nvme0n1p2", type: "ext4")
        (filesystem.sizeBytes, filesystem.freeBytes) = (490_000_000_000, 100_000_000_000)
        storage.filesystems = [filesystem]
        inventory.storage = storage
        var network = NetworkSection()
        var interface = NetworkInterface(name: "wlp61s0")
        (interface.mac, interface.permanentMAC, interface.driver, interface.speedMbps) = ("e4:70:b8:01:02:03", "e4:70:b8:01:02:03", "iwlwifi", 866)
        (interface.duplex, interface.state, interface.physical, interface.wireless) = ("full", "up", true, true)
        (interface.ipv4, interface.ipv6) = (["192.168.1.20/24"], ["fe80::1/64"])
        network.interfaces = [interface]
        inventory.network = network
        var devices = DevicesSection()
        var pci = PCIDevice(address: "0000:00:02.0")
        (pci.classCode, pci.className, pci.vendorID, pci.deviceID) = ("030000", "VGA compatible controller", "8086", "5917")
        (pci.subsystemVendorID, pci.subsystemDeviceID, pci.vendorName, pci.deviceName, pci.driver) = (
            "17aa", "225d", "Intel Corporation", "UHD Graphics 620", "i915"
        )
        var usb = USBDevice(bus: "1-7")
        (usb.vendorID, usb.productID, usb.manufacturer, usb.product) = ("8087", "0a2b", "Intel", "Bluetooth")
        (usb.serial, usb.vendorName, usb.productName) = ("0001", "Intel Corp.", "Bluetooth wireless interface")
        (devices.pci, devices.usb) = ([pci], [usb])
        inventory.devices = devices
        var monitor = Monitor(manufacturerID: "DEL", productCode: 41_111, edidVersion: "1.4")
        (monitor.connector, monitor.manufacturerName, monitor.serialNumber, monitor.serial, monitor.name) = (
            "DP-1", "Dell", 808_530_252, "CFV9N7BT0L1L", "DELL U2419H"
        )
        (monitor.manufactureYear, monitor.manufactureWeek, monitor.modelYear) = (2019, 33, 2019)
        (monitor.widthCm, monitor.heightCm, monitor.diagonalInches, monitor.extensionBlocks) = (53, 30, 23.8, 1)
        inventory.monitors = [monitor]
        var battery = Battery(name: "BAT0")
        (battery.manufacturer, battery.model, battery.serial, battery.technology) = ("SMP", "01AV478", "1234", "Li-poly")
        (battery.designCapacity, battery.fullCapacity, battery.capacityUnit, battery.healthPercent, battery.cycleCount) = (
            57_000_000, 48_450_000, "uWh", 85, 312
        )
        inventory.batteries = [battery]
        var os = OperatingSystemSection()
        (os.id, os.name, os.prettyName, os.version, os.versionID) = ("debian", "Debian GNU/Linux", "Debian GNU/Linux 12 (bookworm)", "12 (bookworm)", "12")
        (os.versionCodename, os.kernelRelease, os.kernelVersion, os.architecture) = (
            "bookworm", "6.1.0-18-amd64", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1", "x86_64"
        )
        (os.hostname, os.fqdn, os.timezone, os.bootTime) = ("pc-42", "pc-42.acme.example", "Europe/Paris", time)
        (os.virtualization, os.container) = ("kvm", "docker")
        inventory.os = os
        var users = UsersSection()
        var account = LocalAccount(name: "marie", uid: 1000)
        (account.fullName, account.home, account.shell) = ("Marie Curie,,,", "/home/marie", "/bin/bash")
        users.localAccounts = [account]
        users.loggedIn = [LoginSession(user: "marie", terminal: "tty2", host: ":0", time: time)]
        users.recentLogins = [LoginSession(user: "marie", terminal: "pts/0", host: "10.0.0.5", time: time)]
        inventory.users = users
        var software = SoftwarePackage(name: "libc6", version: "2.36-9+deb12u4", manager: "dpkg")
        (software.architecture, software.source, software.sourceVersion, software.maintainer) = (
            "amd64", "glibc", "2.36-9", "GNU Libc Maintainers <debian-glibc@lists.debian.org>"
        )
        (software.installedSizeKiB, software.section, software.summary) = (12_989, "libs", "GNU C Library: Shared libraries \"quoted\" / slashed")
        software.publisher = "The GNU Project"
        inventory.software = SoftwareSection(packages: [software])
        inventory.warnings = ["sys/firmware/dmi/tables/DMI: permission denied"]
        return inventory
    }

    @Test func escapesAndDates() throws {
        struct Sample: Codable, Equatable {
            var text: String
            var when: Date
            var nested: [String: [Int]]
            var optional: String?
            var ratio: Double
        }
        let sample = Sample(
            text: "quote \" backslash \\ slash / tab \t newline \n bell \u{07} é 日本", when: Date(timeIntervalSince1970: -86_401),
            nested: ["b": [2, 1], "a": []], optional: nil, ratio: 23.8)
        let ours = String(decoding: try CanonicalJSON.encode(sample), as: UTF8.self)
        #expect(ours == (try Self.foundation(sample)))
        #expect(ours.contains("1969-12-30T23:59:59Z"))
        #expect(try CanonicalJSON.decode(Sample.self, from: Data(ours.utf8)) == sample)
        let pretty = String(decoding: try CanonicalJSON.encode(sample, pretty: true), as: UTF8.self)
        #expect(try CanonicalJSON.decode(Sample.self, from: Data(pretty.utf8)) == sample)
        #expect(pretty.contains("\n  \"nested\" : {"))
    }

    @Test(arguments: [0, 951_782_400, 1_709_208_000, 4_107_542_399, -2_208_988_800])
    func datesMatchFoundation(_ seconds: Int) throws {
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        #expect(String(decoding: try CanonicalJSON.encode([date]), as: UTF8.self) == (try Self.foundation([date])))
    }
}
