import Foundation
import ParcAgent
import ParcProtocol
import Testing

/// dmidecode's reading of a table: one record per structure, its first-level `Key: Value` lines.
struct DmidecodeReading {
    struct Record {
        var type: Int
        var fields: [String: String]
    }

    var version: String?
    var records: [Record] = []

    init(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("SMBIOS "), line.hasSuffix(" present.") {
                version = String(line.dropFirst(7).dropLast(9))
            } else if line.hasPrefix("Handle "), let range = line.range(of: "DMI type ") {
                let type = Int(line[range.upperBound...].prefix { $0.isNumber }) ?? -1
                records.append(Record(type: type, fields: [:]))
            } else if line.hasPrefix("\t"), !line.hasPrefix("\t\t"), let colon = line.range(of: ": ") {
                let key = String(line[line.index(after: line.startIndex)..<colon.lowerBound])
                records[records.count - 1].fields[key] = String(line[colon.upperBound...])
            }
        }
    }

    func first(_ type: Int) -> [String: String]? { records.first { $0.type == type }?.fields }
    func all(_ type: Int) -> [[String: String]] { records.filter { $0.type == type }.map(\.fields) }
}

@Suite struct SMBIOSTests {
    static func load(_ machine: String) throws -> (SMBIOSTable, DmidecodeReading) {
        let table = SMBIOSTable(
            entryPoint: try FixtureFiles.bytes("smbios/\(machine)/smbios_entry_point"), table: try FixtureFiles.bytes("smbios/\(machine)/DMI"))
        return (table, DmidecodeReading(try FixtureFiles.text("smbios/\(machine)/\(machine).dmidecode.txt")))
    }

    /// dmidecode prints placeholders as they are; the agent reports them as absent.
    static func expected(_ value: String?) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed == "Not Specified" || trimmed == "Not Provided" || trimmed == "Not Settable" || trimmed == "Not Present" { return nil }
        return HardwareIdentity.meaningful(trimmed)
    }

    @Test func allElevenMachinesAreThere() {
        #expect(FixtureFiles.smbiosMachines.count == 11)
    }

    @Test(arguments: FixtureFiles.smbiosMachines)
    func systemMatchesDmidecode(_ machine: String) throws {
        let (table, reading) = try Self.load(machine)
        #expect(table.version?.description == reading.version)
        let system = SMBIOSDecoder.system(table)
        let info = try #require(reading.first(1))
        #expect(system.manufacturer == Self.expected(info["Manufacturer"]))
        #expect(system.product == Self.expected(info["Product Name"]))
        #expect(system.version == Self.expected(info["Version"]))
        #expect(system.serial == Self.expected(info["Serial Number"]))
        #expect(system.sku == Self.expected(info["SKU Number"]))
        #expect(system.family == Self.expected(info["Family"]))
        let uuid = info["UUID"].flatMap { HardwareIdentity.isPlaceholderUUID($0) ? nil : Self.expected($0)?.lowercased() }
        #expect(system.uuid == uuid)

        if let bios = reading.first(0) {
            #expect(system.bios?.vendor == Self.expected(bios["Vendor"]))
            #expect(system.bios?.version == Self.expected(bios["Version"]))
            #expect(system.bios?.releaseDate == Self.expected(bios["Release Date"]))
        }
        if let board = reading.first(2) {
            #expect(system.baseboard?.manufacturer == Self.expected(board["Manufacturer"]))
            #expect(system.baseboard?.product == Self.expected(board["Product Name"]))
            #expect(system.baseboard?.serial == Self.expected(board["Serial Number"]))
            #expect(system.baseboard?.assetTag == Self.expected(board["Asset Tag"]))
        }
        if let chassis = reading.first(3) {
            #expect(system.chassis?.manufacturer == Self.expected(chassis["Manufacturer"]))
            #expect(system.chassis?.type == chassis["Type"])
            #expect(system.chassis?.serial == Self.expected(chassis["Serial Number"]))
            #expect(system.chassis?.assetTag == Self.expected(chassis["Asset Tag"]))
        }
    }

    @Test(arguments: FixtureFiles.smbiosMachines)
    func memoryModulesMatchDmidecode(_ machine: String) throws {
        let (table, reading) = try Self.load(machine)
        let modules = SMBIOSDecoder.memoryModules(table)
        let devices = reading.all(17)
        #expect(modules.count == devices.count)
        for (module, device) in zip(modules, devices) {
            #expect(module.slot == Self.expected(device["Locator"]) ?? device["Locator"])
            #expect(Self.sizeText(module.sizeBytes) == device["Size"], "\(machine) \(device["Locator"] ?? "")")
            guard module.sizeBytes != nil else { continue }
            #expect(module.type == device["Type"])
            #expect(module.formFactor == device["Form Factor"])
            #expect(module.speedMTs.map { "\($0) MT/s" } ?? "Unknown" == device["Speed"] ?? "Unknown")
            #expect(module.manufacturer == Self.expected(device["Manufacturer"]))
            #expect(module.serial == Self.expected(device["Serial Number"]))
            #expect(module.partNumber == Self.expected(device["Part Number"]))
        }
    }

    @Test(arguments: FixtureFiles.smbiosMachines)
    func processorsMatchDmidecode(_ machine: String) throws {
        let (table, reading) = try Self.load(machine)
        let populated = reading.all(4).filter { $0["Status"]?.hasPrefix("Populated") ?? true }
        let processors = SMBIOSDecoder.processors(table)
        #expect(processors.count == populated.count)
        for (processor, expected) in zip(processors, populated) {
            #expect(processor.version == Self.expected(expected["Version"]))
            #expect(processor.maxSpeedMHz.map { "\($0) MHz" } ?? "Unknown" == expected["Max Speed"] ?? "Unknown")
            #expect(processor.cores.map(String.init) == expected["Core Count"])
            #expect(processor.threads.map(String.init) == expected["Thread Count"])
        }
    }

    /// dmidecode's size wording: "8 GB", "512 MB", "No Module Installed".
    static func sizeText(_ bytes: Int64?) -> String {
        guard let bytes else { return "No Module Installed" }
        let mib = bytes / 1_048_576
        if mib >= 1024 && mib % 1024 == 0 { return "\(mib / 1024) GB" }
        if bytes % 1_048_576 == 0 { return "\(mib) MB" }
        return "\(bytes / 1024) kB"
    }

    @Test func placeholdersAreAbsentNotIdentities() throws {
        let (asrock, _) = try Self.load("asrock-ryzen")
        let system = SMBIOSDecoder.system(asrock)
        #expect(system.manufacturer == nil)
        #expect(system.serial == nil)
        // A zero head is not the all-zero placeholder: the tail still identifies the board.
        #expect(system.uuid == "00000000-0000-0000-0000-d05099faa835")
        // AMI's sample UUID is shared by unrelated machines.
        let (beelink, _) = try Self.load("beelink-eq12")
        #expect(SMBIOSDecoder.system(beelink).uuid == nil)
    }

    @Test func uuidByteOrderFollowsTheVersion() {
        let bytes: [UInt8] = [0x44, 0x45, 0x4c, 0x4c, 0x4e, 0x00, 0x10, 0x32, 0x80, 0x37, 0xb6, 0xc0, 0x4f, 0x4e, 0x34, 0x31]
        // SMBIOS >= 2.6: the first three fields are little-endian.
        let modern = SMBIOSTable.Version(major: 2, minor: 6, revision: 0)
        #expect(SMBIOSDecoder.uuidText(bytes, version: modern) == "4c4c4544-004e-3210-8037-b6c04f4e3431")
        let old = SMBIOSTable.Version(major: 2, minor: 5, revision: 0)
        #expect(SMBIOSDecoder.uuidText(bytes, version: old) == "44454c4c-4e00-1032-8037-b6c04f4e3431")
    }

    @Test(arguments: ["supermicro-x9dbl", "supermicro-dual-xeon"])
    func survivesTheMalformedEntryDmidecodeFixesUp(_ machine: String) throws {
        let (table, reading) = try Self.load(machine)
        #expect(table.structures.count >= reading.records.count - 1)
        #expect(SMBIOSDecoder.system(table).product == Self.expected(reading.first(1)?["Product Name"]))
    }
}

@Suite struct SMBIOSSpotChecks {
    /// Values read off lenovo-thinkpad-t480.dmidecode.txt, so a decoder that returned nothing everywhere fails.
    @Test func thinkpadT480() throws {
        let (table, _) = try SMBIOSTests.load("lenovo-thinkpad-t480")
        let system = SMBIOSDecoder.system(table)
        #expect(system.manufacturer == "LENOVO")
        #expect(system.product == "20L8S07A14")
        #expect(system.version == "ThinkPad T480s")
        #expect(system.serial == "PC131TBF")
        #expect(system.uuid == "161674cc-2a1e-11b2-a85c-e121881d01b9")
        #expect(system.chassis?.type == "Notebook")
        let modules = SMBIOSDecoder.memoryModules(table)
        #expect(modules.map(\.sizeBytes) == [8 << 30, 16 << 30])
        #expect(modules.map(\.partNumber) == ["HMAA51S6AMR6N-UH", "M471A2K43CB1-CRC"])
        #expect(modules.map(\.serial) == [nil, "417B9BB7"])
    }
}
