import CUdev

/// Hardware names from the udev hwdb (`/usr/lib/udev/hwdb.bin`), the database `lsusb` and
/// `udevadm` use, compiled from pci.ids, usb.ids and vendors' additions.
public final class UdevHardwareNames: HardwareNames, @unchecked Sendable {
    // libudev objects are not thread-safe; one collection uses them from one task.
    private let udev: OpaquePointer
    private let hwdb: OpaquePointer

    /// Nil when libudev cannot open a hwdb (no `hwdb.bin` on this machine).
    public init?() {
        guard let udev = udev_new() else { return nil }
        guard let hwdb = udev_hwdb_new(udev) else {
            udev_unref(udev)
            return nil
        }
        self.udev = udev
        self.hwdb = hwdb
        // An empty hwdb opens fine but knows nothing: treat it as absent so the ids files are tried.
        if lookup("pci:v00008086", "ID_VENDOR_FROM_DATABASE") == nil && lookup("usb:v1D6B", "ID_VENDOR_FROM_DATABASE") == nil {
            return nil
        }
    }

    deinit {
        udev_hwdb_unref(hwdb)
        udev_unref(udev)
    }

    func lookup(_ modalias: String, _ key: String) -> String? {
        var entry = udev_hwdb_get_properties_list_entry(hwdb, modalias, 0)
        while let current = entry {
            if let name = udev_list_entry_get_name(current), String(cString: name) == key, let value = udev_list_entry_get_value(current) {
                return String(cString: value)
            }
            entry = udev_list_entry_get_next(current)
        }
        return nil
    }

    public func pciVendor(_ vendor: String) -> String? {
        lookup("pci:v0000\(vendor.uppercased())", "ID_VENDOR_FROM_DATABASE")
    }

    public func pciDevice(vendor: String, device: String) -> String? {
        lookup("pci:v0000\(vendor.uppercased())d0000\(device.uppercased())", "ID_MODEL_FROM_DATABASE")
    }

    public func pciClass(_ classCode: String) -> String? {
        let code = classCode.uppercased()
        guard code.count == 6 else { return nil }
        let base = code.prefix(2)
        let sub = code.dropFirst(2).prefix(2)
        let interface = code.suffix(2)
        let alias = "pci:v00000000d00000000sv00000000sd00000000bc\(base)sc\(sub)i\(interface)"
        return lookup(alias, "ID_PCI_SUBCLASS_FROM_DATABASE") ?? lookup(alias, "ID_PCI_CLASS_FROM_DATABASE")
    }

    public func usbVendor(_ vendor: String) -> String? {
        lookup("usb:v\(vendor.uppercased())", "ID_VENDOR_FROM_DATABASE")
    }

    public func usbProduct(vendor: String, product: String) -> String? {
        lookup("usb:v\(vendor.uppercased())p\(product.uppercased())", "ID_MODEL_FROM_DATABASE")
    }
}
