/// Human names for PCI and USB ids. Production reads the udev hwdb (through libudev) or the
/// pci.ids/usb.ids files; tests can pass a dictionary.
public protocol HardwareNames: Sendable {
    func pciVendor(_ vendor: String) -> String?
    func pciDevice(vendor: String, device: String) -> String?
    func pciClass(_ classCode: String) -> String?
    func usbVendor(_ vendor: String) -> String?
    func usbProduct(vendor: String, product: String) -> String?
}

/// Names from `pci.ids` and `usb.ids` (the pciutils/usbutils databases), loaded only when asked.
///
/// Format: a vendor line `8086  Intel Corporation`, its devices indented by one tab, subsystems by two;
/// in pci.ids, classes follow as `C 02  Network controller` with subclasses indented.
public final class IDsFileNames: HardwareNames, @unchecked Sendable {
    // Filled once in init, read-only afterwards.
    private var pciVendors: [String: String] = [:]
    private var pciDevices: [String: String] = [:]
    private var pciClasses: [String: String] = [:]
    private var usbVendors: [String: String] = [:]
    private var usbProducts: [String: String] = [:]

    /// Reads the databases under `root` at their usual Debian paths; nil when neither exists.
    public init?(root: SystemRoot) {
        let pci = ["usr/share/misc/pci.ids", "usr/share/hwdata/pci.ids"].lazy.compactMap { root.bytes($0) }.first
        let usb = ["var/lib/usbutils/usb.ids", "usr/share/misc/usb.ids", "usr/share/hwdata/usb.ids"].lazy.compactMap { root.bytes($0) }.first
        guard pci != nil || usb != nil else { return nil }
        if let pci { Self.load(pci, vendors: &pciVendors, products: &pciDevices, classes: &pciClasses) }
        var unusedClasses: [String: String] = [:]
        if let usb { Self.load(usb, vendors: &usbVendors, products: &usbProducts, classes: &unusedClasses) }
    }

    static func load(_ bytes: [UInt8], vendors: inout [String: String], products: inout [String: String], classes: inout [String: String]) {
        var vendor: String?
        var inClasses = false
        var baseClass: String?
        for rawLine in bytes.split(separator: 0x0A) {
            guard let first = rawLine.first, first != 0x23 else { continue }  // '#'
            let line = String(decoding: rawLine, as: UTF8.self)
            if first == 0x43 && line.hasPrefix("C ") {  // 'C xx  name'
                inClasses = true
                let parts = line.dropFirst(2).split(separator: " ", maxSplits: 1)
                if parts.count == 2 {
                    baseClass = String(parts[0])
                    classes[String(parts[0])] = parts[1].trimmingCharacters()
                }
                continue
            }
            if first != 0x09 {
                // A top-level line that is not a hex id ends the vendor list (usb.ids has other sections).
                let parts = line.split(separator: " ", maxSplits: 1)
                guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isHexDigit) else {
                    vendor = nil
                    inClasses = inClasses || false
                    continue
                }
                inClasses = false
                vendor = parts[0].lowercased()
                vendors[vendor!] = parts[1].trimmingCharacters()
            } else if rawLine.count > 1, rawLine[rawLine.startIndex + 1] != 0x09 {
                let parts = line.dropFirst().split(separator: " ", maxSplits: 1)
                guard parts.count == 2 else { continue }
                if inClasses, let baseClass {
                    classes[baseClass + parts[0].lowercased()] = parts[1].trimmingCharacters()
                } else if let vendor {
                    products[vendor + ":" + parts[0].lowercased()] = parts[1].trimmingCharacters()
                }
            }
        }
    }

    public func pciVendor(_ vendor: String) -> String? { pciVendors[vendor] }
    public func pciDevice(vendor: String, device: String) -> String? { pciDevices[vendor + ":" + device] }
    public func pciClass(_ classCode: String) -> String? { pciClasses[String(classCode.prefix(4))] ?? pciClasses[String(classCode.prefix(2))] }
    public func usbVendor(_ vendor: String) -> String? { usbVendors[vendor] }
    public func usbProduct(vendor: String, product: String) -> String? { usbProducts[vendor + ":" + product] }
}
