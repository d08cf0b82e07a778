#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What `protocol/schemas/inventory.schema.json` requires of a decoded inventory beyond its types:
/// patterns, enumerations, minimums and lengths. With `ReportShape` (control characters, negative
/// numbers, unknown sections, on the bytes) the server refuses what the schema refuses; keys the
/// schema does not know inside a section are dropped by decoding, never stored.
public enum InventoryRules {
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var field: String
        public var reason: String
        public var description: String { "\(field) \(reason)" }
    }

    public static let managers: Set<String> = ["dpkg", "snap", "flatpak"]
    public static let systemSources: Set<String> = ["smbios", "dmi-sysfs"]
    public static let transports: Set<String> = ["nvme", "sata", "sas", "scsi", "usb", "virtio", "mmc", "md", "dm", "xen"]
    public static let capacityUnits: Set<String> = ["uWh", "uAh"]
    public static let virtualizationFlags: Set<String> = ["vmx", "svm"]

    public static func check(_ inventory: Inventory) throws(Problem) {
        func fail(_ field: String, _ reason: String) -> Problem { Problem(field: field, reason: reason) }
        guard inventory.schemaVersion == Inventory.currentSchemaVersion else {
            throw fail("schemaVersion", "must be \(Inventory.currentSchemaVersion) (got \(inventory.schemaVersion))")
        }
        try checkTime(inventory.collectedAt, "collectedAt")
        if let system = inventory.system {
            guard systemSources.contains(system.source) else { throw fail("system.source", "must be smbios or dmi-sysfs (got \(system.source))") }
            if let uuid = system.uuid, !isUUID(uuid) {
                throw fail("system.uuid", "must be a lowercase UUID such as 4c4c4544-0042-3510-8048-b7c04f4b4d32 (got \(uuid))")
            }
        }
        if let cpu = inventory.cpu, let flag = cpu.virtualizationFlags.first(where: { !virtualizationFlags.contains($0) }) {
            throw fail("cpu.virtualizationFlags", "may hold vmx and svm only (got \(flag))")
        }
        for disk in inventory.storage?.disks ?? [] {
            if let transport = disk.transport, !transports.contains(transport) {
                throw fail("storage.disks.transport", "must be one of \(transports.sorted().joined(separator: ", ")) (got \(transport))")
            }
        }
        for device in inventory.devices?.pci ?? [] {
            for (name, value, digits) in [
                ("classCode", device.classCode, 6), ("vendorID", device.vendorID, 4), ("deviceID", device.deviceID, 4),
                ("subsystemVendorID", device.subsystemVendorID, 4), ("subsystemDeviceID", device.subsystemDeviceID, 4),
            ] {
                if let value, !isHex(value, digits: digits) { throw fail("devices.pci.\(name)", "must be \(digits) lowercase hex digits (got \(value))") }
            }
        }
        for device in inventory.devices?.usb ?? [] {
            for (name, value) in [("vendorID", device.vendorID), ("productID", device.productID)] {
                if let value, !isHex(value, digits: 4) { throw fail("devices.usb.\(name)", "must be 4 lowercase hex digits (got \(value))") }
            }
        }
        for monitor in inventory.monitors ?? [] {
            guard monitor.manufacturerID.utf8.count == 3, monitor.manufacturerID.utf8.allSatisfy({ (65...90).contains($0) || $0 == 63 }) else {
                throw fail("monitors.manufacturerID", "must be three capital letters (got \(monitor.manufacturerID))")
            }
            for (name, value, minimum) in [
                ("widthCm", monitor.widthCm, 1), ("heightCm", monitor.heightCm, 1), ("manufactureWeek", monitor.manufactureWeek, 1),
                ("manufactureYear", monitor.manufactureYear, 1990), ("modelYear", monitor.modelYear, 1990),
            ] {
                if let value, value < minimum { throw fail("monitors.\(name)", "must be \(minimum) or more (got \(value))") }
            }
            if monitor.serialNumber == 0 { throw fail("monitors.serialNumber", "must be 1 or more (absent when there is none)") }
        }
        for battery in inventory.batteries ?? [] {
            if let unit = battery.capacityUnit, !capacityUnits.contains(unit) { throw fail("batteries.capacityUnit", "must be uWh or uAh (got \(unit))") }
        }
        if let boot = inventory.os?.bootTime { try checkTime(boot, "os.bootTime") }
        if let users = inventory.users {
            if let account = users.localAccounts.first(where: { $0.uid < 1000 }) {
                throw fail("users.localAccounts.uid", "must be 1000 or more: people's accounts only (got \(account.uid))")
            }
            for session in users.loggedIn + users.recentLogins { try checkTime(session.time, "users.time") }
        }
        for package in inventory.software?.packages ?? [] {
            guard !package.name.isEmpty else { throw fail("software.packages.name", "must not be empty") }
            guard !package.version.isEmpty else { throw fail("software.packages.version", "must not be empty (package \(package.name))") }
            guard managers.contains(package.manager) else {
                throw fail("software.packages.manager", "must be dpkg, snap or flatpak (got \(package.manager) for \(package.name))")
            }
        }
    }

    /// A time a machine can have meant: in the years `CalendarDay` keeps.
    static func checkTime(_ date: Date, _ field: String) throws(Problem) {
        let seconds = date.timeIntervalSince1970
        let first = Double(CalendarDay(year: CalendarDay.years.lowerBound, month: 1, day: 1).number) * 86_400
        let last = Double(CalendarDay(year: CalendarDay.years.upperBound, month: 12, day: 31).number + 1) * 86_400
        guard seconds.isFinite, seconds >= first, seconds < last else {
            throw Problem(field: field, reason: "must be a time from \(CalendarDay.years.lowerBound) to \(CalendarDay.years.upperBound)")
        }
    }

    public static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !isLowerHex(byte) {
                return false
            }
        }
        return true
    }

    static func isHex(_ text: String, digits: Int) -> Bool { text.utf8.count == digits && text.utf8.allSatisfy(isLowerHex) }

    static func isLowerHex(_ byte: UInt8) -> Bool { (48...57).contains(byte) || (97...102).contains(byte) }
}
