import ParcProtocol

/// PCI and USB devices from sysfs, named through a `HardwareNames` source when one is available.
public struct DeviceCollector: Sendable {
    let names: (any HardwareNames)?

    public init(names: (any HardwareNames)?) {
        self.names = names
    }

    public func collect(_ root: SystemRoot, warnings: CollectionWarnings) -> DevicesSection? {
        var section = DevicesSection()
        for address in root.list("sys/bus/pci/devices") {
            let base = "sys/bus/pci/devices/\(address)/"
            var device = PCIDevice(address: address)
            device.classCode = root.value(base + "class").map { Self.hex($0, digits: 6) }
            device.vendorID = root.value(base + "vendor").map { Self.hex($0, digits: 4) }
            device.deviceID = root.value(base + "device").map { Self.hex($0, digits: 4) }
            device.subsystemVendorID = root.value(base + "subsystem_vendor").map { Self.hex($0, digits: 4) }
            device.subsystemDeviceID = root.value(base + "subsystem_device").map { Self.hex($0, digits: 4) }
            device.driver = root.linkName(base + "driver")
            if let names, let vendor = device.vendorID {
                device.vendorName = names.pciVendor(vendor)
                if let product = device.deviceID { device.deviceName = names.pciDevice(vendor: vendor, device: product) }
            }
            if let classCode = device.classCode { device.className = names?.pciClass(classCode) ?? Self.pciClasses[String(classCode.prefix(2))] }
            section.pci.append(device)
        }
        // USB devices are named like `1-1.2`; entries with a colon are interfaces, `usbN` root hubs.
        for bus in root.list("sys/bus/usb/devices") where !bus.contains(":") {
            let base = "sys/bus/usb/devices/\(bus)/"
            guard let vendor = root.value(base + "idVendor") else { continue }
            var device = USBDevice(bus: bus)
            device.vendorID = vendor
            device.productID = root.value(base + "idProduct")
            device.manufacturer = root.value(base + "manufacturer").map(SystemCollector.printable)
            device.product = root.value(base + "product").map(SystemCollector.printable)
            device.serial = root.value(base + "serial").map(SystemCollector.printable)
            if let names {
                device.vendorName = names.usbVendor(vendor)
                if let product = device.productID { device.productName = names.usbProduct(vendor: vendor, product: product) }
            }
            section.usb.append(device)
        }
        if section.pci.isEmpty && section.usb.isEmpty {
            warnings.add("devices: no PCI or USB devices under sys/bus")
            return nil
        }
        return section
    }

    /// sysfs writes ids as `0x8086`; the inventory keeps lowercase hex without the prefix.
    static func hex(_ text: String, digits: Int) -> String {
        var value = text.lowercased()
        if value.hasPrefix("0x") { value.removeFirst(2) }
        while value.count < digits { value = "0" + value }
        return value
    }

    /// PCI base classes (the first byte of the class code), for when no ids database is present.
    static let pciClasses: [String: String] = [
        "00": "Unclassified device", "01": "Mass storage controller", "02": "Network controller", "03": "Display controller",
        "04": "Multimedia controller", "05": "Memory controller", "06": "Bridge", "07": "Communication controller",
        "08": "Generic system peripheral", "09": "Input device controller", "0a": "Docking station", "0b": "Processor",
        "0c": "Serial bus controller", "0d": "Wireless controller", "0e": "Intelligent controller",
        "0f": "Satellite communications controller", "10": "Encryption controller", "11": "Signal processing controller",
        "12": "Processing accelerators", "13": "Non-Essential Instrumentation", "40": "Coprocessor",
    ]
}
