import ParcProtocol

/// System identity from the raw SMBIOS table when readable (root only on most systems), else from
/// the world-readable subset the kernel exports in `/sys/class/dmi/id`.
public struct SystemCollector: Sendable {
    public init() {}

    /// The parsed table, shared with the CPU and memory collectors.
    public static func smbiosTable(_ root: SystemRoot, warnings: CollectionWarnings) -> SMBIOSTable? {
        guard let table = root.bytes("sys/firmware/dmi/tables/DMI") else { return nil }
        let parsed = SMBIOSTable(entryPoint: root.bytes("sys/firmware/dmi/tables/smbios_entry_point"), table: table)
        for problem in parsed.problems { warnings.add("sys/firmware/dmi/tables/DMI: \(problem)") }
        return parsed.structures.isEmpty ? nil : parsed
    }

    public func collect(_ root: SystemRoot, smbios: SMBIOSTable?, warnings: CollectionWarnings) -> SystemSection? {
        if let smbios { return SMBIOSDecoder.system(smbios) }
        let dmi = "sys/class/dmi/id/"
        guard root.exists(dmi + "sys_vendor") || root.exists(dmi + "product_name") else {
            warnings.add("system: neither sys/firmware/dmi/tables/DMI nor sys/class/dmi/id is readable")
            return nil
        }
        func read(_ name: String) -> String? { HardwareIdentity.meaningful(root.value(dmi + name).flatMap(Self.printableOrNil)) }
        var system = SystemSection(source: "dmi-sysfs")
        system.manufacturer = read("sys_vendor")
        system.product = read("product_name")
        system.version = read("product_version")
        system.serial = read("product_serial")
        system.uuid = read("product_uuid").map { $0.lowercased() }.flatMap { HardwareIdentity.isPlaceholderUUID($0) ? nil : $0 }
        system.sku = read("product_sku")
        system.family = read("product_family")
        var bios = BIOS()
        bios.vendor = read("bios_vendor")
        bios.version = read("bios_version")
        bios.releaseDate = read("bios_date")
        system.bios = bios
        var board = Baseboard()
        board.manufacturer = read("board_vendor")
        board.product = read("board_name")
        board.version = read("board_version")
        board.serial = read("board_serial")
        board.assetTag = read("board_asset_tag")
        system.baseboard = board
        var chassis = Chassis()
        chassis.type = root.value(dmi + "chassis_type").flatMap { Int($0) }.flatMap { SMBIOSDecoder.chassisTypes[$0] }
        chassis.manufacturer = read("chassis_vendor")
        chassis.version = read("chassis_version")
        chassis.serial = read("chassis_serial")
        chassis.assetTag = read("chassis_asset_tag")
        system.chassis = chassis
        return system
    }

    /// Firmware strings holding control or undecodable bytes are junk, not a value worth keeping.
    static func printableOrNil(_ text: String) -> String? {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && $0 != "\u{FFFD}" } ? text : nil
    }

    /// Drops control characters and replacement characters that broken firmware strings decode to.
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F && $0 != "\u{FFFD}" }.map(Character.init))
    }
}
