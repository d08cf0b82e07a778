import ParcProtocol

/// Turns SMBIOS structures into inventory values: types 0 (BIOS), 1 (system), 2 (baseboard),
/// 3 (chassis), 4 (processor) and 17 (memory device). Placeholder identities become absent.
public enum SMBIOSDecoder {
    public static func system(_ table: SMBIOSTable) -> SystemSection {
        var system = SystemSection(source: "smbios")
        system.smbiosVersion = table.version?.description
        if let bios = table.first(type: 0) {
            var value = BIOS()
            value.vendor = HardwareIdentity.meaningful(bios.string(0x04))
            value.version = HardwareIdentity.meaningful(bios.string(0x05))
            value.releaseDate = HardwareIdentity.meaningful(bios.string(0x08))
            system.bios = value
        }
        if let info = table.first(type: 1) {
            system.manufacturer = HardwareIdentity.meaningful(info.string(0x04))
            system.product = HardwareIdentity.meaningful(info.string(0x05))
            system.version = HardwareIdentity.meaningful(info.string(0x06))
            system.serial = HardwareIdentity.meaningful(info.string(0x07))
            if let bytes = info.bytes(0x08, count: 16) {
                system.uuid = uuidText(Array(bytes), version: table.version)
            }
            system.sku = HardwareIdentity.meaningful(info.string(0x19))
            system.family = HardwareIdentity.meaningful(info.string(0x1A))
        }
        if let board = table.first(type: 2) {
            var value = Baseboard()
            value.manufacturer = HardwareIdentity.meaningful(board.string(0x04))
            value.product = HardwareIdentity.meaningful(board.string(0x05))
            value.version = HardwareIdentity.meaningful(board.string(0x06))
            value.serial = HardwareIdentity.meaningful(board.string(0x07))
            value.assetTag = HardwareIdentity.meaningful(board.string(0x08))
            system.baseboard = value
        }
        if let enclosure = table.first(type: 3) {
            var value = Chassis()
            value.manufacturer = HardwareIdentity.meaningful(enclosure.string(0x04))
            value.type = enclosure.byte(0x05).flatMap { chassisTypes[Int($0 & 0x7F)] }
            value.version = HardwareIdentity.meaningful(enclosure.string(0x06))
            value.serial = HardwareIdentity.meaningful(enclosure.string(0x07))
            value.assetTag = HardwareIdentity.meaningful(enclosure.string(0x08))
            system.chassis = value
        }
        return system
    }

    /// UUID text, with the first three fields little-endian from SMBIOS 2.6 on (as dmidecode reads it).
    /// Nil for the all-zero, all-F and shared sample UUIDs.
    public static func uuidText(_ bytes: [UInt8], version: SMBIOSTable.Version?) -> String? {
        guard bytes.count == 16 else { return nil }
        var ordered = bytes
        if let version, version >= SMBIOSTable.Version(major: 2, minor: 6, revision: 0) {
            ordered = [bytes[3], bytes[2], bytes[1], bytes[0], bytes[5], bytes[4], bytes[7], bytes[6]] + Array(bytes[8...])
        }
        let text = [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { Hex.encode(ordered[$0]) }.joined(separator: "-")
        return HardwareIdentity.isPlaceholderUUID(text) ? nil : text
    }

    /// Populated processor sockets (type 4 whose status says a CPU is there).
    public static func processors(_ table: SMBIOSTable) -> [CPUPackage] {
        table.all(type: 4).compactMap { processor in
            // Status bit 6: socket populated. Absent status (very old tables) counts as populated.
            if let status = processor.byte(0x18), status & 0x40 == 0 { return nil }
            var package = CPUPackage()
            package.socket = processor.string(0x04)
            package.manufacturer = HardwareIdentity.meaningful(processor.string(0x07))
            package.version = HardwareIdentity.meaningful(processor.string(0x10))
            package.serial = HardwareIdentity.meaningful(processor.string(0x20))
            if let speed = processor.word(0x14), speed != 0 { package.maxSpeedMHz = Int(speed) }
            if let cores = processor.byte(0x23), cores != 0 {
                package.cores = cores == 0xFF ? processor.word(0x2A).map(Int.init) : Int(cores)
            }
            if let threads = processor.byte(0x25), threads != 0 {
                package.threads = threads == 0xFF ? processor.word(0x2E).map(Int.init) : Int(threads)
            }
            return package
        }
    }

    /// Every memory device (slot), empty ones included with no size.
    public static func memoryModules(_ table: SMBIOSTable) -> [MemoryModule] {
        table.all(type: 17).map { device in
            var module = MemoryModule()
            module.slot = device.string(0x10)
            module.bank = device.string(0x11)
            module.sizeBytes = size(device)
            module.formFactor = device.byte(0x0E).flatMap { formFactors[Int($0)] }
            module.type = device.byte(0x12).flatMap { memoryTypes[Int($0)] }
            module.speedMTs = speed(device, word: 0x15, extended: 0x54)
            module.configuredSpeedMTs = speed(device, word: 0x20, extended: 0x58)
            if module.sizeBytes != nil {
                module.manufacturer = HardwareIdentity.meaningful(device.string(0x17))
                module.serial = HardwareIdentity.meaningful(device.string(0x18))
                module.partNumber = HardwareIdentity.meaningful(device.string(0x1A))
            }
            return module
        }
    }

    static func size(_ device: SMBIOSTable.Structure) -> Int64? {
        guard let raw = device.word(0x0C), raw != 0, raw != 0xFFFF else { return nil }
        if raw == 0x7FFF, let extended = device.dword(0x1C) {
            return Int64(extended & 0x7FFF_FFFF) * 1_048_576
        }
        // Bit 15 set: the size is in KiB, else in MiB.
        return raw & 0x8000 != 0 ? Int64(raw & 0x7FFF) * 1024 : Int64(raw) * 1_048_576
    }

    static func speed(_ device: SMBIOSTable.Structure, word: Int, extended: Int) -> Int? {
        guard let raw = device.word(word), raw != 0 else { return nil }
        if raw == 0xFFFF { return device.dword(extended).flatMap { $0 == 0 ? nil : Int($0) } }
        return Int(raw)
    }

    static let chassisTypes: [Int: String] = [
        1: "Other", 2: "Unknown", 3: "Desktop", 4: "Low Profile Desktop", 5: "Pizza Box", 6: "Mini Tower", 7: "Tower",
        8: "Portable", 9: "Laptop", 10: "Notebook", 11: "Hand Held", 12: "Docking Station", 13: "All In One",
        14: "Sub Notebook", 15: "Space-saving", 16: "Lunch Box", 17: "Main Server Chassis", 18: "Expansion Chassis",
        19: "Sub Chassis", 20: "Bus Expansion Chassis", 21: "Peripheral Chassis", 22: "RAID Chassis", 23: "Rack Mount Chassis",
        24: "Sealed-case PC", 25: "Multi-system", 26: "CompactPCI", 27: "AdvancedTCA", 28: "Blade", 29: "Blade Enclosing",
        30: "Tablet", 31: "Convertible", 32: "Detachable", 33: "IoT Gateway", 34: "Embedded PC", 35: "Mini PC", 36: "Stick PC",
    ]

    static let memoryTypes: [Int: String] = [
        0x01: "Other", 0x02: "Unknown", 0x03: "DRAM", 0x04: "EDRAM", 0x05: "VRAM", 0x06: "SRAM", 0x07: "RAM", 0x08: "ROM",
        0x09: "Flash", 0x0A: "EEPROM", 0x0B: "FEPROM", 0x0C: "EPROM", 0x0D: "CDRAM", 0x0E: "3DRAM", 0x0F: "SDRAM",
        0x10: "SGRAM", 0x11: "RDRAM", 0x12: "DDR", 0x13: "DDR2", 0x14: "DDR2 FB-DIMM", 0x18: "DDR3", 0x19: "FBD2",
        0x1A: "DDR4", 0x1B: "LPDDR", 0x1C: "LPDDR2", 0x1D: "LPDDR3", 0x1E: "LPDDR4", 0x1F: "Logical non-volatile device",
        0x20: "HBM", 0x21: "HBM2", 0x22: "DDR5", 0x23: "LPDDR5", 0x24: "HBM3",
    ]

    static let formFactors: [Int: String] = [
        0x01: "Other", 0x02: "Unknown", 0x03: "SIMM", 0x04: "SIP", 0x05: "Chip", 0x06: "DIP", 0x07: "ZIP",
        0x08: "Proprietary Card", 0x09: "DIMM", 0x0A: "TSOP", 0x0B: "Row Of Chips", 0x0C: "RIMM", 0x0D: "SODIMM",
        0x0E: "SRIMM", 0x0F: "FB-DIMM", 0x10: "Die", 0x11: "CAMM",
    ]
}
