#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One machine's inventory as the agent reads it. Every section is optional: a section that could
/// not be read is absent and the reason is in `warnings`; a field that could not be read is absent.
///
/// Sizes are bytes, frequencies MHz, speeds Mbit/s or MT/s as named, times UTC.
public struct Inventory: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var agentVersion: String
    public var collectedAt: Date
    public var system: SystemSection?
    public var cpu: CPUSection?
    public var memory: MemorySection?
    public var storage: StorageSection?
    public var network: NetworkSection?
    public var devices: DevicesSection?
    public var monitors: [Monitor]?
    public var batteries: [Battery]?
    public var os: OperatingSystemSection?
    public var users: UsersSection?
    public var software: SoftwareSection?
    /// What could not be read, each naming the path or section concerned.
    public var warnings: [String]

    public init(agentVersion: String, collectedAt: Date) {
        self.schemaVersion = Self.currentSchemaVersion
        self.agentVersion = agentVersion
        self.collectedAt = collectedAt
        self.warnings = []
    }
}

/// The sections an inventory is made of, in report order.
public enum InventorySection: String, Codable, Sendable, CaseIterable {
    case system, cpu, memory, storage, network, devices, monitors, batteries, os, users, software
}

// MARK: - System (SMBIOS / DMI)

public struct SystemSection: Codable, Sendable, Equatable {
    /// `smbios` when read from the raw table, `dmi-sysfs` when from `/sys/class/dmi/id`.
    public var source: String
    public var smbiosVersion: String?
    public var manufacturer: String?
    public var product: String?
    public var version: String?
    public var serial: String?
    /// Lowercase, in the byte order SMBIOS ≥ 2.6 specifies (as dmidecode prints it).
    public var uuid: String?
    public var sku: String?
    public var family: String?
    public var chassis: Chassis?
    public var baseboard: Baseboard?
    public var bios: BIOS?

    public init(source: String) { self.source = source }
}

public struct Chassis: Codable, Sendable, Equatable {
    public var type: String?
    public var manufacturer: String?
    public var version: String?
    public var serial: String?
    public var assetTag: String?
    public init() {}
}

public struct Baseboard: Codable, Sendable, Equatable {
    public var manufacturer: String?
    public var product: String?
    public var version: String?
    public var serial: String?
    public var assetTag: String?
    public init() {}
}

public struct BIOS: Codable, Sendable, Equatable {
    public var vendor: String?
    public var version: String?
    /// As the firmware states it (usually MM/DD/YYYY).
    public var releaseDate: String?
    public init() {}
}

// MARK: - CPU and memory

public struct CPUSection: Codable, Sendable, Equatable {
    public var model: String?
    public var vendor: String?
    public var sockets: Int?
    public var cores: Int?
    public var threads: Int?
    public var maxFrequencyMHz: Int?
    /// `vmx` (Intel VT-x) and/or `svm` (AMD-V) when the CPU offers hardware virtualisation.
    public var virtualizationFlags: [String]
    public var hypervisorFlag: Bool
    /// Per-socket details from SMBIOS type 4, when the table is readable.
    public var packages: [CPUPackage]?

    public init() {
        virtualizationFlags = []
        hypervisorFlag = false
    }
}

public struct CPUPackage: Codable, Sendable, Equatable {
    public var socket: String?
    public var manufacturer: String?
    public var version: String?
    public var serial: String?
    public var maxSpeedMHz: Int?
    public var cores: Int?
    public var threads: Int?
    public init() {}
}

/// Installed memory. Free memory is a live metric, not inventory: it would change every report.
public struct MemorySection: Codable, Sendable, Equatable {
    public var totalBytes: Int64?
    public var swapTotalBytes: Int64?
    /// Populated and empty slots from SMBIOS type 17.
    public var modules: [MemoryModule]?
    public init() {}
}

public struct MemoryModule: Codable, Sendable, Equatable {
    public var slot: String?
    public var bank: String?
    /// Absent for an empty slot.
    public var sizeBytes: Int64?
    public var type: String?
    public var formFactor: String?
    public var speedMTs: Int?
    public var configuredSpeedMTs: Int?
    public var manufacturer: String?
    public var serial: String?
    public var partNumber: String?
    public init() {}
}

// MARK: - Storage and network

public struct StorageSection: Codable, Sendable, Equatable {
    public var disks: [Disk]
    public var filesystems: [Filesystem]
    public init() {
        disks = []
        filesystems = []
    }
}

public struct Disk: Codable, Sendable, Equatable {
    public var name: String
    public var model: String?
    public var vendor: String?
    public var serial: String?
    public var wwn: String?
    public var firmware: String?
    public var sizeBytes: Int64?
    public var rotational: Bool?
    /// nvme, sata, sas, scsi, usb, virtio, mmc, md, dm, or absent when unknown.
    public var transport: String?
    public var removable: Bool?
    public init(name: String) { self.name = name }
}

public struct Filesystem: Codable, Sendable, Equatable {
    public var mountPoint: String
    public var device: String
    public var type: String
    public var sizeBytes: Int64?
    /// Rounded down to a step of 1 GiB or 1% of the size, whichever is larger, so that ordinary
    /// churn does not make every report carry the storage section again.
    public var freeBytes: Int64?
    public init(mountPoint: String, device: String, type: String) {
        self.mountPoint = mountPoint
        self.device = device
        self.type = type
    }
}

public struct NetworkSection: Codable, Sendable, Equatable {
    public var interfaces: [NetworkInterface]
    public init() { interfaces = [] }
}

public struct NetworkInterface: Codable, Sendable, Equatable {
    public var name: String
    public var mac: String?
    /// The factory address (ethtool's permanent address), which survives MAC spoofing.
    public var permanentMAC: String?
    public var driver: String?
    public var speedMbps: Int?
    public var duplex: String?
    public var state: String?
    /// Backed by a device on a bus (PCI, USB...), as opposed to bridges, bonds, tunnels, veths.
    public var physical: Bool
    public var wireless: Bool
    public var ipv4: [String]
    public var ipv6: [String]
    public init(name: String) {
        self.name = name
        physical = false
        wireless = false
        ipv4 = []
        ipv6 = []
    }
}

// MARK: - Devices, monitors, batteries

public struct DevicesSection: Codable, Sendable, Equatable {
    public var pci: [PCIDevice]
    public var usb: [USBDevice]
    public init() {
        pci = []
        usb = []
    }
}

public struct PCIDevice: Codable, Sendable, Equatable {
    public var address: String
    /// 24-bit class code as 6 hex digits (`020000` = Ethernet controller).
    public var classCode: String?
    public var className: String?
    public var vendorID: String?
    public var deviceID: String?
    public var subsystemVendorID: String?
    public var subsystemDeviceID: String?
    public var vendorName: String?
    public var deviceName: String?
    public var driver: String?
    public init(address: String) { self.address = address }
}

public struct USBDevice: Codable, Sendable, Equatable {
    public var bus: String
    public var vendorID: String?
    public var productID: String?
    public var manufacturer: String?
    public var product: String?
    public var serial: String?
    public var vendorName: String?
    public var productName: String?
    public init(bus: String) { self.bus = bus }
}

public struct Monitor: Codable, Sendable, Equatable {
    /// The DRM connector it hangs on (`card0-HDMI-A-1`).
    public var connector: String?
    /// Three-letter PNP manufacturer id (`DEL`).
    public var manufacturerID: String
    public var manufacturerName: String?
    public var productCode: Int
    /// The 32-bit serial of the base block, when not zero.
    public var serialNumber: UInt32?
    /// The serial string descriptor, when present (what the label on the back says).
    public var serial: String?
    public var name: String?
    public var manufactureYear: Int?
    public var manufactureWeek: Int?
    public var modelYear: Int?
    public var widthCm: Int?
    public var heightCm: Int?
    public var diagonalInches: Double?
    public var edidVersion: String
    public var extensionBlocks: Int
    public init(manufacturerID: String, productCode: Int, edidVersion: String) {
        self.manufacturerID = manufacturerID
        self.productCode = productCode
        self.edidVersion = edidVersion
        self.extensionBlocks = 0
    }
}

public struct Battery: Codable, Sendable, Equatable {
    public var name: String
    public var manufacturer: String?
    public var model: String?
    public var serial: String?
    public var technology: String?
    /// Design and last-full capacity in µWh (or µAh when `capacityUnit` is `uAh`).
    public var designCapacity: Int64?
    public var fullCapacity: Int64?
    public var capacityUnit: String?
    /// Full capacity as a percentage of design capacity.
    public var healthPercent: Int?
    public var cycleCount: Int?
    public init(name: String) { self.name = name }
}

// MARK: - OS, users, software

public struct OperatingSystemSection: Codable, Sendable, Equatable {
    public var id: String?
    public var name: String?
    public var prettyName: String?
    public var version: String?
    public var versionID: String?
    public var versionCodename: String?
    public var kernelRelease: String?
    public var kernelVersion: String?
    public var architecture: String?
    public var hostname: String?
    public var fqdn: String?
    public var timezone: String?
    public var bootTime: Date?
    /// `kvm`, `vmware`, `virtualbox`, `hyperv`, `xen`, `qemu`... or absent on bare metal.
    public var virtualization: String?
    /// `docker`, `podman`, `lxc`, `systemd-nspawn`... or absent outside a container.
    public var container: String?
    public init() {}
}

public struct UsersSection: Codable, Sendable, Equatable {
    public var localAccounts: [LocalAccount]
    public var loggedIn: [LoginSession]
    /// Most recent logins first (from wtmp), at most 50.
    public var recentLogins: [LoginSession]
    public init() {
        localAccounts = []
        loggedIn = []
        recentLogins = []
    }
}

public struct LocalAccount: Codable, Sendable, Equatable {
    public var name: String
    public var uid: Int
    public var fullName: String?
    public var home: String?
    public var shell: String?
    public init(name: String, uid: Int) {
        self.name = name
        self.uid = uid
    }
}

public struct LoginSession: Codable, Sendable, Equatable {
    public var user: String
    public var terminal: String?
    public var host: String?
    public var time: Date
    public init(user: String, terminal: String?, host: String?, time: Date) {
        self.user = user
        self.terminal = terminal
        self.host = host
        self.time = time
    }
}

public struct SoftwareSection: Codable, Sendable, Equatable {
    public var packages: [SoftwarePackage]
    public init(packages: [SoftwarePackage] = []) { self.packages = packages }
}

public struct SoftwarePackage: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    public var architecture: String?
    /// `dpkg`, `snap` or `flatpak`.
    public var manager: String
    /// The source package when it differs from `name`.
    public var source: String?
    /// The source version when it differs from `version` (binNMUs).
    public var sourceVersion: String?
    public var maintainer: String?
    /// Who publishes it, as Windows and macOS inventories name it (GLPI's `publisher`).
    public var publisher: String?
    /// KiB, as dpkg records it.
    public var installedSizeKiB: Int64?
    public var section: String?
    public var summary: String?

    public init(name: String, version: String, manager: String) {
        self.name = name
        self.version = version
        self.manager = manager
    }
}
