import ParcProtocol

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An inventory in the GLPI inventory format (what GLPI Agent sends as JSON, and what FusionInventory
/// and OCS send as XML once read into the same tree), turned into Parc's sections.
///
/// Lenient by field: a value of the wrong type, out of range or unreadable is dropped with a warning
/// naming it, never the whole inventory refused (GLPI refuses an inventory for one bad field: users
/// lose machines for a `disksize` of null). Categories Parc does not keep are ignored.
public struct GLPIInventory: Sendable, Equatable {
    public var deviceID: String
    /// `Computer`, `Phone`, `NetworkEquipment`, `Printer`, `Unmanaged`... as the agent says.
    public var itemType: String
    /// Only the categories present are to be replaced.
    public var partial: Bool
    /// `GLPI-Agent_v1.12`, `FusionInventory-Agent_v2.6`: the agent and its version.
    public var versionClient: String

    /// What each category present says, in Parc's terms; nil when the category was absent.
    var hardware: Hardware?
    var bios: SystemSection?
    var cpu: CPUSection?
    var memoryModules: [MemoryModule]?
    var disks: [Disk]?
    var filesystems: [Filesystem]?
    var interfaces: [NetworkInterface]?
    public var monitors: [Monitor]?
    var batteries: [Battery]?
    var os: OperatingSystemSection?
    var localAccounts: [LocalAccount]?
    public var software: [SoftwarePackage]?
    /// Windows product keys and other licence keys the inventory carries.
    public var licenceKeys: [LicenceKey]
    /// Every field dropped, with why.
    public var warnings: [String]

    struct Hardware: Sendable, Equatable {
        var name: String?
        var uuid: String?
        var chassisType: String?
        var memoryBytes: Int64?
        var swapBytes: Int64?
        var virtualization: String?
        var container: String?
    }

    public struct LicenceKey: Sendable, Equatable {
        public var product: String
        public var key: String
    }

    /// Why an inventory cannot be read at all (the body is not JSON, or not an object with a content).
    public struct Unreadable: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Parc's sections the categories present speak of: what a partial inventory replaces.
    public var presentSections: Set<InventorySection> {
        var sections: Set<InventorySection> = []
        if hardware != nil || bios != nil { sections.insert(.system) }
        if cpu != nil { sections.insert(.cpu) }
        if hardware != nil || memoryModules != nil { sections.insert(.memory) }
        if disks != nil || filesystems != nil { sections.insert(.storage) }
        if interfaces != nil { sections.insert(.network) }
        if monitors != nil { sections.insert(.monitors) }
        if batteries != nil { sections.insert(.batteries) }
        if os != nil || hardware?.name != nil { sections.insert(.os) }
        if localAccounts != nil { sections.insert(.users) }
        if software != nil { sections.insert(.software) }
        return sections
    }

    /// What a partial inventory needs of what is stored to make the sections it touches: not the
    /// sections it replaces whole (its programs, CPUs, interfaces, monitors, batteries), so that a
    /// partial inventory of 1,500 programs never decodes the 1,500 stored ones. Empty for a full one.
    public var sectionsReadFromStored: Set<InventorySection> {
        guard partial else { return [] }
        var whole: Set<InventorySection> = []
        if software != nil { whole.insert(.software) }
        if cpu != nil { whole.insert(.cpu) }
        if interfaces != nil { whole.insert(.network) }
        if monitors != nil { whole.insert(.monitors) }
        if batteries != nil { whole.insert(.batteries) }
        return presentSections.subtracting(whole)
    }

    /// The machine's name, as the inventory's hardware gives it.
    public var hostname: String? { hardware?.name }

    /// Item types that are computers: the ones that become computer assets with components.
    public var isComputer: Bool { itemType.lowercased() == "computer" }

    /// Most elements kept in one category; the rest are dropped with a warning.
    public static let maximumItems = 20_000
    /// Longest text kept in one field, in UTF-8 bytes; longer is cut with a warning.
    public static let maximumTextBytes = 1_024
}

// MARK: - Reading

extension GLPIInventory {
    /// Reads an inventory body. `maximumDepth` bounds nesting before anything is allocated for it.
    public static func read(_ bytes: [UInt8], maximumDepth: Int = AgentLimits.jsonDepth) throws(Unreadable) -> GLPIInventory {
        let root: JSONValue
        do {
            root = try JSONValue.parse(bytes, maximumDepth: maximumDepth)
        } catch {
            throw Unreadable(description: "the body is not JSON (\(error.description))")
        }
        guard case .object(let object) = root else { throw Unreadable(description: "the inventory is not a JSON object") }
        return try read(object, agent: nil)
    }

    /// Reads a FusionInventory or OCS inventory, `<REQUEST>` already read by `InventoryXML`: always a
    /// full inventory of a computer. `userAgent` names the agent when the inventory does not (OCS).
    public static func read(xmlRequest request: JSONValue, userAgent: String?) throws(Unreadable) -> GLPIInventory {
        guard case .object(let object) = request else { throw Unreadable(description: "the request has no elements") }
        guard let query = object["query"]?.string, query.uppercased() == "INVENTORY" else {
            throw Unreadable(description: "the request's QUERY is not INVENTORY")
        }
        var fields: [String: JSONValue] = ["itemtype": .string("Computer"), "partial": .bool(false)]
        fields["deviceid"] = object["deviceid"]
        fields["content"] = object["content"]
        return try read(fields, agent: userAgent)
    }

    private static func read(_ object: [String: JSONValue], agent: String?) throws(Unreadable) -> GLPIInventory {
        guard case .object(let content) = object["content"] else {
            throw Unreadable(description: "the inventory has no 'content' object")
        }
        var reader = FieldReader()
        let deviceID = reader.text(object["deviceid"], "deviceid") ?? ""
        var inventory = GLPIInventory(
            deviceID: deviceID, itemType: reader.text(object["itemtype"], "itemtype") ?? "Computer",
            partial: reader.flag(object["partial"], "partial") ?? false,
            versionClient: reader.text(content["versionclient"], "content.versionclient") ?? agent.map { String($0.prefix(64)) } ?? "",
            licenceKeys: [], warnings: [])
        inventory.read(content, &reader)
        inventory.warnings = reader.warnings
        return inventory
    }

    private mutating func read(_ content: [String: JSONValue], _ reader: inout FieldReader) {
        if let value = content["hardware"] { hardware = reader.object(value, "content.hardware").map { readHardware($0, &reader) } }
        if let value = content["bios"] { bios = reader.object(value, "content.bios").map { Self.readBIOS($0, &reader) } }
        if let value = content["cpus"] { cpu = Self.readCPUs(reader.list(value, "content.cpus"), &reader) }
        if let value = content["memories"] { memoryModules = reader.list(value, "content.memories").map { Self.readMemory($0.1, $0.0, &reader) } }
        if let value = content["storages"] {
            disks = reader.list(value, "content.storages").compactMap { Self.readDisk($0.1, $0.0, &reader) }
        }
        if let value = content["drives"] {
            filesystems = reader.list(value, "content.drives").compactMap { Self.readDrive($0.1, $0.0, &reader) }
        }
        if let value = content["networks"] { interfaces = Self.readNetworks(reader.list(value, "content.networks"), &reader) }
        if let value = content["monitors"] { monitors = reader.list(value, "content.monitors").map { Self.readMonitor($0.1, $0.0, &reader) } }
        if let value = content["batteries"] {
            batteries = reader.list(value, "content.batteries").enumerated().map { Self.readBattery($1.1, $1.0, index: $0, &reader) }
        }
        if let value = content["operatingsystem"] {
            os = reader.object(value, "content.operatingsystem").map { Self.readOS($0, &reader) }
        } else if case .object(let item) = content["hardware"], let name = reader.text(item["osname"], "content.hardware.osname") {
            // OCS agents have no operatingsystem category: the system's name and version are the hardware's.
            os = OperatingSystemSection()
            os?.name = name
            os?.prettyName = name
            os?.version = reader.text(item["osversion"], "content.hardware.osversion")
        }
        if let value = content["local_users"] {
            localAccounts = reader.list(value, "content.local_users").compactMap { Self.readLocalUser($0.1, $0.0, &reader) }
        }
        if let value = content["softwares"] {
            software = reader.list(value, "content.softwares").compactMap { Self.readSoftware($0.1, $0.0, &reader) }
        }
        if let value = content["licenseinfos"] {
            for (path, item) in reader.list(value, "content.licenseinfos") {
                if let key = reader.text(item["key"], path + ".key") {
                    licenceKeys.append(
                        LicenceKey(product: reader.text(item["fullname"], path + ".fullname") ?? reader.text(item["name"], path + ".name") ?? "", key: key))
                }
            }
        }
        if let key = reader.text(content["hardware"]?["winprodkey"], "content.hardware.winprodkey") {
            let product = reader.text(content["operatingsystem"]?["full_name"], "content.operatingsystem.full_name")
            if !licenceKeys.contains(where: { $0.key == key }) { licenceKeys.append(LicenceKey(product: product ?? "Windows", key: key)) }
        }
    }

    private func readHardware(_ item: [String: JSONValue], _ reader: inout FieldReader) -> Hardware {
        var hardware = Hardware()
        hardware.name = reader.text(item["name"], "content.hardware.name")
        // Kept as the firmware or the OS says it, lowercased: some boards have letters beyond F in it,
        // phones an Android id; reconciliation compares it as text.
        hardware.uuid = reader.text(item["uuid"], "content.hardware.uuid", limit: 64).map { $0.lowercased() }
        hardware.chassisType = reader.text(item["chassis_type"], "content.hardware.chassis_type")
        hardware.memoryBytes = reader.integer(item["memory"], "content.hardware.memory", scale: 1 << 20)
        hardware.swapBytes = reader.integer(item["swap"], "content.hardware.swap", scale: 1 << 20)
        if let system = reader.text(item["vmsystem"], "content.hardware.vmsystem"), system.lowercased() != "physical" {
            let name = String(system.lowercased().filter { $0 != "-" })
            if ["lxc", "docker", "podman", "systemd-nspawn", "openvz", "wsl"].contains(name) {
                hardware.container = name
            } else {
                hardware.virtualization = name
            }
        }
        return hardware
    }

    private static func readBIOS(_ item: [String: JSONValue], _ reader: inout FieldReader) -> SystemSection {
        var system = SystemSection(source: "glpi")
        system.manufacturer = reader.text(item["smanufacturer"], "content.bios.smanufacturer")
        system.product = reader.text(item["smodel"], "content.bios.smodel")
        system.serial = reader.text(item["ssn"], "content.bios.ssn")
        system.sku = reader.text(item["skunumber"], "content.bios.skunumber")
        var board = Baseboard()
        board.manufacturer = reader.text(item["mmanufacturer"], "content.bios.mmanufacturer")
        board.product = reader.text(item["mmodel"], "content.bios.mmodel")
        board.serial = reader.text(item["msn"], "content.bios.msn")
        if board != Baseboard() { system.baseboard = board }
        var chassis = Chassis()
        chassis.serial = reader.text(item["enclosureserial"], "content.bios.enclosureserial")
        chassis.assetTag = reader.text(item["assettag"], "content.bios.assettag")
        if chassis != Chassis() { system.chassis = chassis }
        var bios = BIOS()
        bios.vendor = reader.text(item["bmanufacturer"], "content.bios.bmanufacturer")
        bios.version = reader.text(item["bversion"], "content.bios.bversion")
        bios.releaseDate = reader.text(item["bdate"], "content.bios.bdate")
        if bios != BIOS() { system.bios = bios }
        return system
    }

    private static func readCPUs(_ items: [(String, [String: JSONValue])], _ reader: inout FieldReader) -> CPUSection {
        var section = CPUSection()
        var packages: [CPUPackage] = []
        for (path, item) in items {
            var package = CPUPackage()
            // OCS agents say type, cores and threads where GLPI's format says name, core and thread.
            package.version = reader.text(item["name"], path + ".name") ?? reader.text(item["type"], path + ".type")
            package.manufacturer = reader.text(item["manufacturer"], path + ".manufacturer")
            package.serial = reader.text(item["serial"], path + ".serial")
            package.maxSpeedMHz = reader.integer(item["speed"], path + ".speed").flatMap { Int(exactly: $0) }
            package.cores = (reader.integer(item["core"], path + ".core") ?? reader.integer(item["cores"], path + ".cores")).flatMap { Int(exactly: $0) }
            package.threads = (reader.integer(item["thread"], path + ".thread") ?? reader.integer(item["threads"], path + ".threads")).flatMap {
                Int(exactly: $0)
            }
            packages.append(package)
        }
        section.model = packages.first?.version
        section.vendor = packages.first?.manufacturer
        section.sockets = packages.count
        section.maxFrequencyMHz = packages.compactMap(\.maxSpeedMHz).max()
        let cores = packages.compactMap(\.cores)
        let threads = packages.compactMap(\.threads)
        // Bounded per package by `integer`, and by `maximumItems` in count: the sum cannot overflow.
        section.cores = cores.isEmpty ? nil : cores.reduce(0, +)
        section.threads = threads.isEmpty ? nil : threads.reduce(0, +)
        section.packages = packages
        return section
    }

    private static func readMemory(_ item: [String: JSONValue], _ path: String, _ reader: inout FieldReader) -> MemoryModule {
        var module = MemoryModule()
        module.slot = reader.text(item["numslots"], path + ".numslots").map { "slot \($0)" } ?? reader.text(item["caption"], path + ".caption")
        module.sizeBytes = reader.integer(item["capacity"], path + ".capacity", scale: 1 << 20).flatMap { $0 > 0 ? $0 : nil }
        module.type = reader.text(item["type"], path + ".type")
        module.speedMTs = reader.integer(item["speed"], path + ".speed").flatMap { Int(exactly: $0) }
        module.manufacturer = reader.text(item["manufacturer"], path + ".manufacturer")
        module.serial = reader.text(item["serialnumber"], path + ".serialnumber")
        module.partNumber = reader.text(item["model"], path + ".model")
        module.formFactor = reader.text(item["description"], path + ".description")
        return module
    }

    private static func readDisk(_ item: [String: JSONValue], _ path: String, _ reader: inout FieldReader) -> Disk? {
        guard let name = reader.text(item["name"], path + ".name") ?? reader.text(item["model"], path + ".model") else {
            reader.warn(path, "has neither name nor model; dropped")
            return nil
        }
        var disk = Disk(name: name)
        disk.model = reader.text(item["model"], path + ".model")
        disk.vendor = reader.text(item["manufacturer"], path + ".manufacturer")
        disk.serial = reader.text(item["serial"], path + ".serial")
        disk.wwn = reader.text(item["wwn"], path + ".wwn")
        disk.firmware = reader.text(item["firmware"], path + ".firmware")
        disk.sizeBytes = reader.integer(item["disksize"], path + ".disksize", scale: 1 << 20)
        if let interface = reader.text(item["interface"], path + ".interface")?.lowercased() {
            disk.transport = InventoryRules.transports.contains(interface) ? interface : (interface == "ide" || interface == "ata" ? "sata" : nil)
        }
        return disk
    }

    private static func readDrive(_ item: [String: JSONValue], _ path: String, _ reader: inout FieldReader) -> Filesystem? {
        // Linux agents put the mount point in `type` and the device in `volumn`; Windows ones the letter in `letter`.
        let mountPoint = reader.text(item["letter"], path + ".letter") ?? reader.text(item["type"], path + ".type")
        guard let mountPoint else {
            reader.warn(path, "has no mount point (type) nor letter; dropped")
            return nil
        }
        var filesystem = Filesystem(
            mountPoint: mountPoint, device: reader.text(item["volumn"], path + ".volumn") ?? reader.text(item["label"], path + ".label") ?? "",
            type: reader.text(item["filesystem"], path + ".filesystem") ?? "")
        filesystem.sizeBytes = reader.integer(item["total"], path + ".total", scale: 1 << 20)
        filesystem.freeBytes = reader.integer(item["free"], path + ".free", scale: 1 << 20)
        return filesystem
    }

    /// GLPI lists an interface once per address: they are gathered by name.
    private static func readNetworks(_ items: [(String, [String: JSONValue])], _ reader: inout FieldReader) -> [NetworkInterface] {
        var interfaces: [NetworkInterface] = []
        var position: [String: Int] = [:]
        for (path, item) in items {
            guard let name = reader.text(item["description"], path + ".description") else {
                reader.warn(path + ".description", "is missing; the interface is dropped")
                continue
            }
            let index = position[name] ?? interfaces.count
            if index == interfaces.count {
                position[name] = index
                var interface = NetworkInterface(name: name)
                let type = reader.text(item["type"], path + ".type")?.lowercased()
                let virtual = reader.flag(item["virtualdev"], path + ".virtualdev") ?? false
                interface.physical = !virtual && type != "loopback" && type != "bridge" && type != "alias" && type != "aggregate"
                interface.wireless = type == "wifi"
                interfaces.append(interface)
            }
            var interface = interfaces[index]
            // `macaddr` in the XML of FusionInventory and OCS agents.
            let mac = reader.text(item["mac"], path + ".mac") ?? reader.text(item["macaddr"], path + ".macaddr")
            if interface.mac == nil, let mac = mac?.lowercased(), HardwareIdentity.meaningfulMAC(mac) != nil {
                interface.mac = mac
            }
            if let address = reader.text(item["ipaddress"], path + ".ipaddress"), !interface.ipv4.contains(address) { interface.ipv4.append(address) }
            if let address = reader.text(item["ipaddress6"], path + ".ipaddress6"), !interface.ipv6.contains(address) { interface.ipv6.append(address) }
            interface.driver = interface.driver ?? reader.text(item["driver"], path + ".driver")
            interface.state = interface.state ?? reader.text(item["status"], path + ".status")?.lowercased()
            // Linux says 4294967295 (-1 as unsigned) for a speed it does not know.
            interface.speedMbps =
                interface.speedMbps
                ?? reader.integer(item["speed"], path + ".speed", negativeIsUnknown: true).flatMap { $0 > 0 && $0 <= 1_000_000 ? Int($0) : nil }
            interfaces[index] = interface
        }
        return interfaces
    }

    private static func readMonitor(_ item: [String: JSONValue], _ path: String, _ reader: inout FieldReader) -> Monitor {
        // The EDID, when sent, names the maker and model as parc-agent reads them: one monitor, one key.
        let edid = reader.text(item["base64"], path + ".base64", limit: 4_096).flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) }
        var monitor: Monitor
        if let edid, edid.count >= 128, edid[0..<8].elementsEqual([0, 255, 255, 255, 255, 255, 255, 0]) {
            let packed = UInt16(edid[8]) << 8 | UInt16(edid[9])
            let letters = [(packed >> 10) & 31, (packed >> 5) & 31, packed & 31].map { code -> Character in
                (1...26).contains(code) ? Character(UnicodeScalar(UInt8(64 + code))) : "?"
            }
            monitor = Monitor(manufacturerID: String(letters), productCode: Int(edid[10]) | Int(edid[11]) << 8, edidVersion: "\(edid[18]).\(edid[19])")
            let number = UInt32(edid[12]) | UInt32(edid[13]) << 8 | UInt32(edid[14]) << 16 | UInt32(edid[15]) << 24
            monitor.serialNumber = number == 0 ? nil : number
            monitor.extensionBlocks = Int(edid[126])
        } else {
            monitor = Monitor(manufacturerID: "???", productCode: 0, edidVersion: "")
        }
        monitor.manufacturerName = reader.text(item["manufacturer"], path + ".manufacturer")
        monitor.name = reader.text(item["caption"], path + ".caption") ?? reader.text(item["name"], path + ".name")
        monitor.serial = reader.text(item["serial"], path + ".serial")
        return monitor
    }

    private static func readBattery(_ item: [String: JSONValue], _ path: String, index: Int, _ reader: inout FieldReader) -> Battery {
        var battery = Battery(name: reader.text(item["name"], path + ".name") ?? "battery \(index + 1)")
        battery.manufacturer = reader.text(item["manufacturer"], path + ".manufacturer")
        battery.model = reader.text(item["name"], path + ".name")
        battery.serial = reader.text(item["serial"], path + ".serial")
        battery.technology = reader.text(item["chemistry"], path + ".chemistry")
        // mWh in GLPI, µWh in Parc.
        battery.designCapacity = reader.integer(item["capacity"], path + ".capacity", scale: 1_000)
        battery.fullCapacity = reader.integer(item["real_capacity"], path + ".real_capacity", scale: 1_000)
        if battery.designCapacity != nil || battery.fullCapacity != nil { battery.capacityUnit = "uWh" }
        if let design = battery.designCapacity, let full = battery.fullCapacity, design > 0 {
            battery.healthPercent = Int(min(full, design) * 100 / design)
        }
        return battery
    }

    private static func readOS(_ item: [String: JSONValue], _ reader: inout FieldReader) -> OperatingSystemSection {
        var os = OperatingSystemSection()
        os.name = reader.text(item["name"], "content.operatingsystem.name")
        os.prettyName = reader.text(item["full_name"], "content.operatingsystem.full_name")
        os.version = reader.text(item["version"], "content.operatingsystem.version")
        os.kernelRelease = reader.text(item["kernel_version"], "content.operatingsystem.kernel_version")
        os.architecture = reader.text(item["arch"], "content.operatingsystem.arch")
        os.fqdn = reader.text(item["fqdn"], "content.operatingsystem.fqdn")
        switch reader.text(item["kernel_name"], "content.operatingsystem.kernel_name")?.lowercased() {
        case "mswin32": os.id = "windows"
        case "darwin": os.id = "macos"
        case let other: os.id = other
        }
        let timezone = item["timezone"]
        os.timezone = reader.text(timezone?["name"], "content.operatingsystem.timezone.name")
        if let boot = reader.text(item["boot_time"], "content.operatingsystem.boot_time") {
            let offset = reader.text(timezone?["offset"], "content.operatingsystem.timezone.offset")
            if let date = GLPITime.date(boot, offset: offset) {
                os.bootTime = date
            } else {
                reader.warn("content.operatingsystem.boot_time", "is not a time such as 2024-05-01 08:30:00 (\(boot)); dropped")
            }
        }
        return os
    }

    private static func readLocalUser(_ item: [String: JSONValue], _ path: String, _ reader: inout FieldReader) -> LocalAccount? {
        guard let login = reader.text(item["login"], path + ".login") else { return nil }
        // A Unix uid, or a Windows SID whose last part (the RID) numbers people's accounts from 1000 too.
        let id = reader.text(item["id"], path + ".id").flatMap { Int($0.split(separator: "-").last ?? "") }
        // People's accounts only, as parc-agent keeps them: not system accounts, not nobody (65534).
        guard let uid = id, uid >= 1000, uid != 65534, uid < 1 << 31 else { return nil }
        var account = LocalAccount(name: login, uid: uid)
        account.fullName = reader.text(item["name"], path + ".name")
        account.home = reader.text(item["home"], path + ".home")
        account.shell = reader.text(item["shell"], path + ".shell")
        return account
    }

    private static func readSoftware(_ item: [String: JSONValue], _ path: String, _ reader: inout FieldReader) -> SoftwarePackage? {
        guard let name = reader.text(item["name"], path + ".name") else {
            reader.warn(path + ".name", "is missing; the program is dropped")
            return nil
        }
        let from = reader.text(item["from"], path + ".from")
        var package = SoftwarePackage(name: name, version: reader.text(item["version"], path + ".version") ?? "", manager: GLPISoftware.manager(from: from))
        package.architecture = reader.text(item["arch"], path + ".arch") ?? reader.text(item["architecture"], path + ".architecture")
        package.publisher = reader.text(item["publisher"], path + ".publisher")
        package.summary = reader.text(item["comments"], path + ".comments")
        package.installedSizeKiB = reader.integer(item["filesize"], path + ".filesize").map { $0 / 1024 }
        return package
    }
}

// MARK: - Applying to what is stored

extension GLPIInventory {
    /// The sections this inventory gives, on top of `stored` for a partial one: a category present
    /// replaces what it says, an absent one leaves it. A full inventory starts from nothing, so what it
    /// no longer lists (a monitor unplugged, a program removed) goes.
    public func inventory(onto stored: Inventory, collectedAt: Date) -> Inventory {
        let base = partial ? stored : Inventory(agentVersion: versionClient, collectedAt: collectedAt)
        var result = Inventory(agentVersion: versionClient, collectedAt: collectedAt)
        result.warnings = warnings

        if hardware != nil || bios != nil {
            // BIOS gives the system's names and serials, hardware its UUID and chassis type.
            var system = bios ?? base.system ?? SystemSection(source: "glpi")
            let chassisType = hardware.map(\.chassisType) ?? base.system?.chassis?.type
            system.uuid = hardware.map(\.uuid) ?? base.system?.uuid
            if let chassisType {
                var chassis = system.chassis ?? Chassis()
                chassis.type = chassisType
                system.chassis = chassis
            }
            result.system = system
        } else {
            result.system = base.system
        }

        result.cpu = cpu ?? base.cpu

        if hardware != nil || memoryModules != nil {
            var memory = base.memory ?? MemorySection()
            if let hardware {
                memory.totalBytes = hardware.memoryBytes
                memory.swapTotalBytes = hardware.swapBytes
            }
            if let memoryModules { memory.modules = memoryModules }
            result.memory = memory
        } else {
            result.memory = base.memory
        }

        if disks != nil || filesystems != nil {
            var storage = base.storage ?? StorageSection()
            if let disks { storage.disks = disks }
            if let filesystems { storage.filesystems = filesystems }
            result.storage = storage
        } else {
            result.storage = base.storage
        }

        if let interfaces {
            var network = NetworkSection()
            network.interfaces = interfaces
            result.network = network
        } else {
            result.network = base.network
        }
        result.monitors = monitors ?? base.monitors
        result.batteries = batteries ?? base.batteries

        var os = self.os ?? base.os
        if let hardware, hardware.name != nil || hardware.virtualization != nil || hardware.container != nil || self.os != nil {
            var updated = os ?? OperatingSystemSection()
            updated.hostname = hardware.name
            updated.virtualization = hardware.virtualization
            updated.container = hardware.container
            os = updated
        } else if self.os != nil, let stored = base.os {
            os?.hostname = stored.hostname
            os?.virtualization = stored.virtualization
            os?.container = stored.container
        }
        result.os = os

        if let localAccounts {
            var users = base.users ?? UsersSection()
            users.localAccounts = localAccounts
            result.users = users
        } else {
            result.users = base.users
        }
        result.software = software.map { SoftwareSection(packages: GLPISoftware.unique($0)) } ?? base.software
        if !partial {
            // Full means everything the machine has: a list it does not give is empty (a monitor unplugged).
            result.monitors = result.monitors ?? []
            result.batteries = result.batteries ?? []
            result.network = result.network ?? NetworkSection()
            result.storage = result.storage ?? StorageSection()
            result.software = result.software ?? SoftwareSection()
        }
        return result
    }
}

// MARK: - Helpers

/// Reading fields of a decoded JSON tree, keeping a warning for each one dropped.
/// Paths are `@autoclosure`s: made only for a warning, not for each of an inventory's 10,000 fields.
struct FieldReader {
    private(set) var warnings: [String] = []
    /// A hostile inventory could hold millions of bad fields: the warnings kept stop at this many.
    static let maximumWarnings = 100

    mutating func warn(_ path: String, _ reason: String) {
        if warnings.count < Self.maximumWarnings {
            warnings.append("\(path) \(reason)")
        } else if warnings.count == Self.maximumWarnings {
            warnings.append("more fields were dropped; the first \(Self.maximumWarnings) are listed")
        }
    }

    /// Text without control characters, trimmed, at most `limit` bytes; numbers are taken as their text.
    mutating func text(_ value: JSONValue?, _ path: @autoclosure () -> String, limit: Int = GLPIInventory.maximumTextBytes) -> String? {
        var text: String
        switch value {
        case nil, .null?: return nil
        case .string(let string)?: text = string
        case .number(let number)?:
            text = number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        default:
            warn(path(), "is not text; dropped")
            return nil
        }
        // Control characters (C0, DEL, C1) become spaces; the bytes are looked at first, printable ASCII needing nothing more.
        if text.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F }),
            text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        {
            text = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? " " : $0 }))
        }
        text = text.trimmingWhitespace()
        guard !text.isEmpty else { return nil }
        if text.utf8.count > limit {
            warn(path(), "is longer than \(limit) bytes; cut")
            var cut = text.prefix(limit)
            while cut.utf8.count > limit { cut = cut.dropLast() }
            text = String(cut)
        }
        return text
    }

    /// A whole number from 0 to 2^40 (numbers or numeric text), times `scale`.
    /// `negativeIsUnknown`: -1 is how some agents say "unknown" (a link speed): absent, no warning.
    mutating func integer(_ value: JSONValue?, _ path: @autoclosure () -> String, scale: Int64 = 1, negativeIsUnknown: Bool = false) -> Int64? {
        var number: Double?
        switch value {
        case nil, .null?: return nil
        case .number(let value)?: number = value
        case .string(let text)?: number = Double(text.trimmingWhitespace())
        default: break
        }
        if negativeIsUnknown, let number, number < 0 { return nil }
        guard let number, number.isFinite, number >= 0, number <= Double(1 << 40) else {
            warn(path(), "is not a number from 0 to 2^40 (\(Self.shown(value))); dropped")
            return nil
        }
        let whole = Int64(number.rounded(.down))
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: scale)
        return overflow ? nil : scaled
    }

    mutating func flag(_ value: JSONValue?, _ path: @autoclosure () -> String) -> Bool? {
        switch value {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        case .number(let number)?: return number != 0
        case .string(let text)?:
            switch text.lowercased() {
            case "1", "true", "yes": return true
            case "0", "false", "no", "": return false
            default: break
            }
        default: break
        }
        warn(path(), "is not true or false; dropped")
        return nil
    }

    mutating func object(_ value: JSONValue, _ path: @autoclosure () -> String) -> [String: JSONValue]? {
        if case .object(let object) = value { return object }
        warn(path(), "is not an object; the category is ignored")
        return nil
    }

    /// The objects of a category (one object alone is taken as a list of one), each with its path.
    mutating func list(_ value: JSONValue, _ path: @autoclosure () -> String) -> [(String, [String: JSONValue])] {
        let elements: [JSONValue]
        switch value {
        case .array(let array): elements = array
        case .object: elements = [value]
        default:
            warn(path(), "is not a list; the category is ignored")
            return []
        }
        var items: [(String, [String: JSONValue])] = []
        for (index, element) in elements.enumerated() {
            guard items.count < GLPIInventory.maximumItems else {
                warn(path(), "has more than \(GLPIInventory.maximumItems) elements; the rest are dropped")
                break
            }
            if case .object(let object) = element {
                items.append(("\(path())[\(index)]", object))
            } else {
                warn("\(path())[\(index)]", "is not an object; dropped")
            }
        }
        return items
    }

    /// A value as a warning quotes it: short, whatever it is.
    static func shown(_ value: JSONValue?) -> String {
        switch value {
        case .string(let text)?: "\"" + text.prefix(40) + "\""
        case .number(let number)?: String(number)
        case .bool(let flag)?: String(flag)
        case .array?: "a list"
        case .object?: "an object"
        case .null?, nil: "null"
        }
    }
}

/// Package managers as GLPI's `from` names them, in Parc's words: a Debian machine moving from GLPI
/// Agent to parc-agent keeps the same software rows.
public enum GLPISoftware {
    public static func manager(from: String?) -> String {
        switch from?.lowercased() {
        case "deb", "dpkg": "dpkg"
        case "snap": "snap"
        case "flatpak": "flatpak"
        case "rpm": "rpm"
        case "registry", "msi", "uwp", "appx": "windows"
        case .some(let other) where other.hasPrefix("mac") || other == "pkgutil" || other == "application": "macos"
        case .some(let other) where !other.isEmpty: other.count <= 32 ? other : "other"
        default: "other"
        }
    }

    /// One entry per manager, name and architecture (Windows lists a program once per user that has
    /// it): the first wins, as the registry keeps one row per such key.
    static func unique(_ packages: [SoftwarePackage]) -> [SoftwarePackage] {
        var seen: Set<String> = []
        return packages.filter { seen.insert("\($0.manager)\u{0}\($0.name)\u{0}\($0.architecture ?? "")").inserted }
    }
}

/// GLPI's times: `2024-05-01 08:30:00` in the machine's zone, whose offset (`+0200`) comes apart.
enum GLPITime {
    static func date(_ text: String, offset: String?) -> Date? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard parts.count == 2 else { return nil }
        let day = parts[0].split(separator: "-").compactMap { Int($0) }
        let time = parts[1].split(separator: ":").compactMap { Int($0) }
        guard day.count == 3, time.count == 3, CalendarDay.years.contains(day[0]), (1...12).contains(day[1]), (1...31).contains(day[2]),
            (0...23).contains(time[0]), (0...59).contains(time[1]), (0...60).contains(time[2])
        else { return nil }
        var seconds = Double(CalendarDay(year: day[0], month: day[1], day: day[2]).number) * 86_400
        seconds += Double(time[0] * 3600 + time[1] * 60 + time[2])
        if let offset, offset.count == 5, let sign = offset.first, sign == "+" || sign == "-", let hours = Int(offset.dropFirst().prefix(2)),
            let minutes = Int(offset.suffix(2)), hours <= 14, minutes < 60
        {
            seconds -= Double(sign == "+" ? 1 : -1) * Double(hours * 3600 + minutes * 60)
        }
        return Date(timeIntervalSince1970: seconds)
    }
}
