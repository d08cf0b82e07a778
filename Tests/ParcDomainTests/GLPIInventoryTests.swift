import Foundation
import ParcDomain
import ParcProtocol
import ParcTestSupport
import Testing

/// The GLPI inventory format's own examples (glpi-project/inventory_format, in ../shared), read into
/// Parc's sections. Expected values are the examples' own fields, read here by hand.
@Suite(.enabled(if: SharedMaterial.hasGLPIExamples, "../shared/fixtures/glpi-inventory-format is absent beside this clone"))
struct GLPIInventoryTests {
    static func example(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: SharedMaterial.glpiExamples + "/" + name + ".json")))
    }

    static let collected = Date(timeIntervalSince1970: 1_780_000_000)

    @Test func everyExampleIsReadAndComputersGiveSections() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: SharedMaterial.glpiExamples).filter { $0.hasSuffix(".json") }.sorted()
        #expect(names.count == 17)
        for name in names {
            let glpi = try GLPIInventory.read(Array(try Data(contentsOf: URL(fileURLWithPath: SharedMaterial.glpiExamples + "/" + name))))
            let expectComputer = name.hasPrefix("computer")
            // Every computer example validates against the schema: nothing in one is dropped.
            if expectComputer { #expect(glpi.warnings.isEmpty, "\(name): \(glpi.warnings)") }
            #expect(glpi.isComputer == expectComputer, "\(name) is a \(glpi.itemType)")
        }
    }

    @Test func computerOneAsTheExampleSaysIt() throws {
        let glpi = try GLPIInventory.read(try Self.example("computer_1"))
        #expect(!glpi.partial)
        #expect(glpi.deviceID == "glpixps-2018-07-09-09-07-13")
        #expect(glpi.hostname == "glpixps")
        let inventory = glpi.inventory(onto: Inventory(agentVersion: "", collectedAt: Self.collected), collectedAt: Self.collected)
        #expect(inventory.system?.uuid == "4c4c4544-0034-3010-8048-b6c04f503732")
        #expect(inventory.system?.serial == "640HP72")
        #expect(inventory.system?.manufacturer == "Dell Inc.")
        #expect(inventory.system?.product == "XPS 13 9350")
        #expect(inventory.system?.chassis?.type == "Laptop")
        #expect(inventory.system?.bios?.version == "1.4.3")
        #expect(inventory.cpu?.model == "Intel(R) Core(TM) i5-6200U CPU @ 2.30GHz")
        #expect(inventory.cpu?.cores == 2 && inventory.cpu?.threads == 4 && inventory.cpu?.maxFrequencyMHz == 2300)
        #expect(inventory.memory?.totalBytes == 7800 << 20)
        #expect(inventory.memory?.modules?.map(\.serial) == ["12161217", "12121212"])
        #expect(inventory.memory?.modules?.map(\.sizeBytes) == [4096 << 20, 4096 << 20])
        #expect(inventory.storage?.disks.map(\.serial) == ["S29NNXAH146409"])
        #expect(inventory.storage?.disks.first?.sizeBytes == 256_060 << 20)
        #expect(inventory.storage?.filesystems.map(\.mountPoint) == ["/", "/var/www", "/boot", "/var/lib/mysql", "/home", "/boot/efi"])
        // One interface per name, whatever the number of addresses it has.
        let interfaces = try #require(inventory.network?.interfaces)
        #expect(interfaces.map(\.name) == ["lo", "enp57s0u1u4", "wlp58s0", "virbr0", "virbr0-nic"])
        #expect(interfaces.filter(\.physical).map(\.mac) == ["00:e0:4c:68:01:db", "44:85:00:2b:90:bc"])
        #expect(interfaces.first { $0.name == "wlp58s0" }?.wireless == true)
        let monitor = try #require(inventory.monitors?.first)
        // From the EDID: "SHP" and its product code, as parc-agent reads the same bytes.
        #expect(monitor.manufacturerID == "SHP")
        #expect(monitor.productCode == 0x1449)
        #expect(monitor.serial == "ABH55D")
        #expect(inventory.batteries?.first?.designCapacity == 57_570_000)
        #expect(inventory.batteries?.first?.fullCapacity == 50_570_000)
        #expect(inventory.os?.prettyName == "Fedora 31 (Workstation Edition)")
        #expect(inventory.os?.hostname == "glpixps")
        #expect(inventory.os?.kernelRelease == "5.6.15-200.fc31.x86_64")
        // "2020-06-09 07:58:08" at +0200.
        #expect(inventory.os?.bootTime == Date(timeIntervalSince1970: 1_591_682_288))
        let software = try #require(inventory.software?.packages)
        #expect(software.map(\.name) == ["gitg", "expat", "gnome-calculator", "libcryptui", "tar", "gettext"])
        #expect(software.first?.publisher == "Fedora Project")
        #expect(software.first?.version == "3.32.1-1.fc31")
        #expect(software.first?.manager == "rpm")
    }

    /// Each partial example after computer_1 replaces its category and leaves the others as they were.
    @Test func partialInventoriesReplaceOnlyWhatTheyCarry() throws {
        let full = try GLPIInventory.read(try Self.example("computer_1"))
        var stored = full.inventory(onto: Inventory(agentVersion: "", collectedAt: Self.collected), collectedAt: Self.collected)
        let first = stored

        func apply(_ name: String) throws -> GLPIInventory {
            let partial = try GLPIInventory.read(try Self.example(name))
            #expect(partial.partial, "\(name)")
            stored = partial.inventory(onto: stored, collectedAt: Self.collected)
            return partial
        }

        let batteries = try apply("computer_1_partial_batteries")
        #expect(batteries.presentSections == [.system, .memory, .os, .batteries])
        #expect(stored.batteries?.first?.fullCapacity == 40_570_000)
        #expect(stored.storage == first.storage)
        #expect(stored.software == first.software)
        #expect(stored.memory?.modules == first.memory?.modules)
        #expect(stored.network == first.network)
        #expect(stored.monitors == first.monitors)

        _ = try apply("computer_1_partial_volumes")
        #expect(stored.storage?.filesystems.first { $0.mountPoint == "/" }?.freeBytes == 11_883 << 20)
        #expect(stored.storage?.filesystems.first { $0.mountPoint == "/var/www" }?.freeBytes == 15_924 << 20)
        #expect(stored.storage?.disks == first.storage?.disks)

        _ = try apply("computer_1_partial_softs")
        #expect(stored.software?.packages.first { $0.name == "gitg" }?.version == "3.33.0-1.fc31")
        #expect(stored.software?.packages.count == 6)
        #expect(stored.batteries?.first?.fullCapacity == 40_570_000)

        _ = try apply("computer_1_partial_cpu")
        #expect(stored.cpu == first.cpu)
        _ = try apply("computer_1_partial_memory")
        #expect(stored.memory == first.memory)
        #expect(stored.system == first.system)
        #expect(stored.os?.hostname == "glpixps")
    }

    @Test func aBadFieldIsDroppedWithAWarningNotTheInventory() throws {
        let text = """
            {"deviceid":"pc-2024-01-01-00-00-00","itemtype":"Computer","content":{"versionclient":"GLPI-Agent_v1.12",
             "hardware":{"name":"pc","memory":"lots","uuid":"not-a-uuid"},
             "storages":[{"name":"sda","disksize":null,"interface":"NVME"},{"model":"x","disksize":-5},"garbage"],
             "softwares":[{"name":"Firefox","version":"128.0","publisher":"Mozilla","from":"registry"},{"version":"1.0"}],
             "cpus":{"name":"one cpu alone","core":"4"},
             "unknown_category":[1,2,3],
             "envs":[{"key":"PATH","val":"/bin"}],
             "operatingsystem":{"name":"Windows","boot_time":"2000-0-0 00:00:00"}}}
            """
        let glpi = try GLPIInventory.read(Array(text.utf8))
        let inventory = glpi.inventory(onto: Inventory(agentVersion: "", collectedAt: Self.collected), collectedAt: Self.collected)
        #expect(inventory.memory?.totalBytes == nil)
        #expect(inventory.system?.uuid == "not-a-uuid")
        #expect(inventory.storage?.disks.map(\.name) == ["sda", "x"])
        #expect(inventory.storage?.disks.first?.transport == "nvme")
        #expect(inventory.storage?.disks.map(\.sizeBytes) == [nil, nil])
        #expect(inventory.software?.packages.map(\.name) == ["Firefox"])
        #expect(inventory.software?.packages.first?.manager == "windows")
        #expect(inventory.cpu?.cores == 4)
        #expect(inventory.os?.bootTime == nil)
        for field in [
            "content.hardware.memory", "content.storages[1].disksize", "content.storages[2]", "content.softwares[1].name",
            "content.operatingsystem.boot_time",
        ] {
            #expect(glpi.warnings.contains { $0.hasPrefix(field + " ") }, "no warning for \(field): \(glpi.warnings)")
        }
        #expect(glpi.warnings.count == 5, "\(glpi.warnings)")
    }

    @Test func productKeysAreKeptAsLicenceKeys() throws {
        let text = """
            {"deviceid":"w-2024-01-01-00-00-00","content":{"versionclient":"GLPI-Agent_v1.12",
             "hardware":{"name":"w","winprodkey":"XXXXX-XXXXX-XXXXX-XXXXX-AAAAA"},
             "operatingsystem":{"full_name":"Microsoft Windows 11 Pro","kernel_name":"MSWin32"},
             "licenseinfos":[{"name":"Office 16","fullname":"Microsoft Office Professional Plus 2016","key":"BBBBB-XXXXX-XXXXX-XXXXX-CCCCC"}]}}
            """
        let glpi = try GLPIInventory.read(Array(text.utf8))
        #expect(glpi.licenceKeys.map(\.key) == ["BBBBB-XXXXX-XXXXX-XXXXX-CCCCC", "XXXXX-XXXXX-XXXXX-XXXXX-AAAAA"])
        #expect(glpi.licenceKeys.map(\.product) == ["Microsoft Office Professional Plus 2016", "Microsoft Windows 11 Pro"])
        let inventory = glpi.inventory(onto: Inventory(agentVersion: "", collectedAt: Self.collected), collectedAt: Self.collected)
        #expect(inventory.os?.id == "windows")
    }

    @Test func unreadableBodiesAreRefusedWithTheReason() {
        #expect(throws: GLPIInventory.Unreadable.self) { try GLPIInventory.read(Array("not json".utf8)) }
        #expect(throws: GLPIInventory.Unreadable.self) { try GLPIInventory.read(Array(#"{"deviceid":"x"}"#.utf8)) }
        #expect(throws: GLPIInventory.Unreadable.self) { try GLPIInventory.read(Array(("{\"content\":" + String(repeating: "[", count: 100)).utf8)) }
    }
}
