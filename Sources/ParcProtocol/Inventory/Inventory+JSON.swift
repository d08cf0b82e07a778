#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Inventories build their JSON tree by hand instead of through `Codable`: a short-lived agent
/// spent a fifth of its run in the runtime's generic metadata and conformance lookups that
/// `Codable` triggers for every type (each one a scan of every conformance in the binary). The
/// bytes are the same (`JSONWriterTests` compares them with Foundation's `JSONEncoder` on an
/// inventory with every field set). Decoding goes through `Codable` but for the software list
/// (Inventory+Reading.swift).
protocol JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value { get }
}

/// The members of one JSON object; absent optionals are left out, as `JSONEncoder` does.
struct JSONObject {
    private(set) var members: [(String, JSONWriter.Value)] = []

    init(capacity: Int) { members.reserveCapacity(capacity) }

    /// Members are added in key order (by UTF-8 bytes), so the writer need not sort them;
    /// `JSONWriterTests` fails if one is out of place.
    var value: JSONWriter.Value { .sortedObject(members) }

    mutating func add(_ key: String, _ value: String?) { if let value { members.append((key, .string(value))) } }
    mutating func add(_ key: String, _ value: Int?) { if let value { members.append((key, .number(String(value)))) } }
    mutating func add(_ key: String, _ value: Int64?) { if let value { members.append((key, .number(String(value)))) } }
    mutating func add(_ key: String, _ value: UInt32?) { if let value { members.append((key, .number(String(value)))) } }
    mutating func add(_ key: String, _ value: Bool?) { if let value { members.append((key, .bool(value))) } }
    mutating func add(_ key: String, _ value: Double?) { if let value { members.append((key, JSONWriter.number(value))) } }
    mutating func add(_ key: String, _ value: Date?) { if let value { members.append((key, .string(JSONWriter.iso8601(value)))) } }
    mutating func add(_ key: String, _ value: [String]?) { if let value { members.append((key, .array(value.map { .string($0) }))) } }
    mutating func add(_ key: String, _ value: (some JSONTreeRepresentable)?) { if let value { members.append((key, value.jsonTree)) } }
    mutating func add(_ key: String, _ value: [some JSONTreeRepresentable]?) {
        if let value { members.append((key, .array(value.map(\.jsonTree)))) }
    }
}

extension Inventory: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 14)
        object.add("agentVersion", agentVersion)
        object.add("batteries", batteries)
        object.add("collectedAt", collectedAt)
        object.add("cpu", cpu)
        object.add("devices", devices)
        object.add("memory", memory)
        object.add("monitors", monitors)
        object.add("network", network)
        object.add("os", os)
        object.add("schemaVersion", schemaVersion)
        object.add("software", software)
        object.add("storage", storage)
        object.add("system", system)
        object.add("users", users)
        object.add("warnings", warnings)
        return object.value
    }
}

extension SystemSection: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 12)
        object.add("baseboard", baseboard)
        object.add("bios", bios)
        object.add("chassis", chassis)
        object.add("family", family)
        object.add("manufacturer", manufacturer)
        object.add("product", product)
        object.add("serial", serial)
        object.add("sku", sku)
        object.add("smbiosVersion", smbiosVersion)
        object.add("source", source)
        object.add("uuid", uuid)
        object.add("version", version)
        return object.value
    }
}

extension Chassis: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 5)
        object.add("assetTag", assetTag)
        object.add("manufacturer", manufacturer)
        object.add("serial", serial)
        object.add("type", type)
        object.add("version", version)
        return object.value
    }
}

extension Baseboard: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 5)
        object.add("assetTag", assetTag)
        object.add("manufacturer", manufacturer)
        object.add("product", product)
        object.add("serial", serial)
        object.add("version", version)
        return object.value
    }
}

extension BIOS: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 3)
        object.add("releaseDate", releaseDate)
        object.add("vendor", vendor)
        object.add("version", version)
        return object.value
    }
}

extension CPUSection: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 9)
        object.add("cores", cores)
        object.add("hypervisorFlag", hypervisorFlag)
        object.add("maxFrequencyMHz", maxFrequencyMHz)
        object.add("model", model)
        object.add("packages", packages)
        object.add("sockets", sockets)
        object.add("threads", threads)
        object.add("vendor", vendor)
        object.add("virtualizationFlags", virtualizationFlags)
        return object.value
    }
}

extension CPUPackage: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 7)
        object.add("cores", cores)
        object.add("manufacturer", manufacturer)
        object.add("maxSpeedMHz", maxSpeedMHz)
        object.add("serial", serial)
        object.add("socket", socket)
        object.add("threads", threads)
        object.add("version", version)
        return object.value
    }
}

extension MemorySection: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 3)
        object.add("modules", modules)
        object.add("swapTotalBytes", swapTotalBytes)
        object.add("totalBytes", totalBytes)
        return object.value
    }
}

extension MemoryModule: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 10)
        object.add("bank", bank)
        object.add("configuredSpeedMTs", configuredSpeedMTs)
        object.add("formFactor", formFactor)
        object.add("manufacturer", manufacturer)
        object.add("partNumber", partNumber)
        object.add("serial", serial)
        object.add("sizeBytes", sizeBytes)
        object.add("slot", slot)
        object.add("speedMTs", speedMTs)
        object.add("type", type)
        return object.value
    }
}

extension StorageSection: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 2)
        object.add("disks", disks)
        object.add("filesystems", filesystems)
        return object.value
    }
}

extension Disk: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 10)
        object.add("firmware", firmware)
        object.add("model", model)
        object.add("name", name)
        object.add("removable", removable)
        object.add("rotational", rotational)
        object.add("serial", serial)
        object.add("sizeBytes", sizeBytes)
        object.add("transport", transport)
        object.add("vendor", vendor)
        object.add("wwn", wwn)
        return object.value
    }
}

extension Filesystem: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 5)
        object.add("device", device)
        object.add("freeBytes", freeBytes)
        object.add("mountPoint", mountPoint)
        object.add("sizeBytes", sizeBytes)
        object.add("type", type)
        return object.value
    }
}

extension NetworkSection: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 1)
        object.add("interfaces", interfaces)
        return object.value
    }
}

extension NetworkInterface: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 11)
        object.add("driver", driver)
        object.add("duplex", duplex)
        object.add("ipv4", ipv4)
        object.add("ipv6", ipv6)
        object.add("mac", mac)
        object.add("name", name)
        object.add("permanentMAC", permanentMAC)
        object.add("physical", physical)
        object.add("speedMbps", speedMbps)
        object.add("state", state)
        object.add("wireless", wireless)
        return object.value
    }
}

extension DevicesSection: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 2)
        object.add("pci", pci)
        object.add("usb", usb)
        return object.value
    }
}

extension PCIDevice: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 10)
        object.add("address", address)
        object.add("classCode", classCode)
        object.add("className", className)
        object.add("deviceID", deviceID)
        object.add("deviceName", deviceName)
        object.add("driver", driver)
        object.add("subsystemDeviceID", subsystemDeviceID)
        object.add("subsystemVendorID", subsystemVendorID)
        object.add("vendorID", vendorID)
        object.add("vendorName", vendorName)
        return object.value
    }
}

extension USBDevice: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 8)
        object.add("bus", bus)
        object.add("manufacturer", manufacturer)
        object.add("product", product)
        object.add("productID", productID)
        object.add("productName", productName)
        object.add("serial", serial)
        object.add("vendorID", vendorID)
        object.add("vendorName", vendorName)
        return object.value
    }
}

extension Monitor: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 15)
        object.add("connector", connector)
        object.add("diagonalInches", diagonalInches)
        object.add("edidVersion", edidVersion)
        object.add("extensionBlocks", extensionBlocks)
        object.add("heightCm", heightCm)
        object.add("manufactureWeek", manufactureWeek)
        object.add("manufactureYear", manufactureYear)
        object.add("manufacturerID", manufacturerID)
        object.add("manufacturerName", manufacturerName)
        object.add("modelYear", modelYear)
        object.add("name", name)
        object.add("productCode", productCode)
        object.add("serial", serial)
        object.add("serialNumber", serialNumber)
        object.add("widthCm", widthCm)
        return object.value
    }
}

extension Battery: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 10)
        object.add("capacityUnit", capacityUnit)
        object.add("cycleCount", cycleCount)
        object.add("designCapacity", designCapacity)
        object.add("fullCapacity", fullCapacity)
        object.add("healthPercent", healthPercent)
        object.add("manufacturer", manufacturer)
        object.add("model", model)
        object.add("name", name)
        object.add("serial", serial)
        object.add("technology", technology)
        return object.value
    }
}

extension OperatingSystemSection: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 15)
        object.add("architecture", architecture)
        object.add("bootTime", bootTime)
        object.add("container", container)
        object.add("fqdn", fqdn)
        object.add("hostname", hostname)
        object.add("id", id)
        object.add("kernelRelease", kernelRelease)
        object.add("kernelVersion", kernelVersion)
        object.add("name", name)
        object.add("prettyName", prettyName)
        object.add("timezone", timezone)
        object.add("version", version)
        object.add("versionCodename", versionCodename)
        object.add("versionID", versionID)
        object.add("virtualization", virtualization)
        return object.value
    }
}

extension UsersSection: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 3)
        object.add("localAccounts", localAccounts)
        object.add("loggedIn", loggedIn)
        object.add("recentLogins", recentLogins)
        return object.value
    }
}

extension LocalAccount: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 5)
        object.add("fullName", fullName)
        object.add("home", home)
        object.add("name", name)
        object.add("shell", shell)
        object.add("uid", uid)
        return object.value
    }
}

extension LoginSession: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 4)
        object.add("host", host)
        object.add("terminal", terminal)
        object.add("time", time)
        object.add("user", user)
        return object.value
    }
}

extension SoftwareSection: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 1)
        object.add("packages", packages)
        return object.value
    }
}

extension SoftwarePackage: JSONTreeRepresentable {
    var jsonTree: JSONWriter.Value {
        var object = JSONObject(capacity: 11)
        object.add("architecture", architecture)
        object.add("installedSizeKiB", installedSizeKiB)
        object.add("maintainer", maintainer)
        object.add("manager", manager)
        object.add("name", name)
        object.add("publisher", publisher)
        object.add("section", section)
        object.add("source", source)
        object.add("sourceVersion", sourceVersion)
        object.add("summary", summary)
        object.add("version", version)
        return object.value
    }
}
