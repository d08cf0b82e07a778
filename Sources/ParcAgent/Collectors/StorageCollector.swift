import ParcProtocol

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Block devices from `/sys/block` (with udev's database for serials and WWNs) and, on the live
/// machine, mounted filesystems with their sizes.
public struct StorageCollector: Sendable {
    /// Devices that are never hardware: loop files, RAM disks, compressed swap.
    public static let skippedPrefixes = ["loop", "ram", "zram"]

    public init() {}

    public func collect(_ root: SystemRoot, warnings: CollectionWarnings) -> StorageSection? {
        var storage = StorageSection()
        let names = root.list("sys/block")
        if names.isEmpty { warnings.add("storage: sys/block is empty or unreadable") }
        for name in names where !Self.skippedPrefixes.contains(where: name.hasPrefix) {
            storage.disks.append(disk(name, root: root))
        }
        storage.filesystems = filesystems(root, warnings: warnings)
        return storage.disks.isEmpty && storage.filesystems.isEmpty ? nil : storage
    }

    func disk(_ name: String, root: SystemRoot) -> Disk {
        let base = "sys/block/\(name)/"
        var disk = Disk(name: name)
        let udev = root.value(base + "dev").flatMap { root.text("run/udev/data/b\($0)") }.map(KeyValueParsers.udevProperties) ?? [:]
        disk.model =
            HardwareIdentity.meaningful(root.value(base + "device/model"))
            ?? HardwareIdentity.meaningful(udev["ID_MODEL_ENC"].map(Self.udevDecoded) ?? udev["ID_MODEL"])
        disk.vendor = HardwareIdentity.meaningful(root.value(base + "device/vendor")) ?? HardwareIdentity.meaningful(udev["ID_VENDOR"])
        if disk.vendor == "ATA" { disk.vendor = nil }  // the SCSI layer's word for "some SATA disk", not a vendor
        disk.serial = HardwareIdentity.meaningful(root.value(base + "device/serial")) ?? HardwareIdentity.meaningful(udev["ID_SERIAL_SHORT"])
        disk.wwn = udev["ID_WWN_WITH_EXTENSION"] ?? udev["ID_WWN"] ?? root.value(base + "wwid") ?? root.value(base + "device/wwid")
        disk.firmware = root.value(base + "device/firmware_rev") ?? root.value(base + "device/rev") ?? udev["ID_REVISION"]
        if let sectors = root.integer(base + "size") { disk.sizeBytes = sectors * 512 }  // always 512-byte units
        disk.rotational = root.value(base + "queue/rotational").map { $0 == "1" }
        disk.removable = root.value(base + "removable").map { $0 == "1" }
        disk.transport = transport(name, root: root, udev: udev)
        return disk
    }

    func transport(_ name: String, root: SystemRoot, udev: [String: String]) -> String? {
        if name.hasPrefix("nvme") { return "nvme" }
        if name.hasPrefix("mmcblk") { return "mmc" }
        if name.hasPrefix("vd") { return "virtio" }
        if name.hasPrefix("md") { return "md" }
        if name.hasPrefix("dm-") { return "dm" }
        if name.hasPrefix("xvd") { return "xen" }
        let path = udev["ID_PATH"] ?? root.linkTarget("sys/block/\(name)") ?? ""
        if path.contains("usb") || udev["ID_BUS"] == "usb" { return "usb" }
        if path.contains("-sas-") || path.contains("/sas_") { return "sas" }
        if path.contains("-ata-") || path.contains("/ata") || udev["ID_BUS"] == "ata" { return "sata" }
        if path.contains("virtio") { return "virtio" }
        if name.hasPrefix("sd") || name.hasPrefix("sr") { return "scsi" }
        return nil
    }

    /// udev's `_ENC` values escape bytes as `\xHH`.
    static func udevDecoded(_ text: String) -> String {
        unescaping(text, marker: Array("x".utf8), digits: 2, radix: 16).trimmingSpaces()
    }

    /// Filesystems backed by storage (or the network), from `/proc/mounts`; sizes on the live machine.
    func filesystems(_ root: SystemRoot, warnings: CollectionWarnings) -> [Filesystem] {
        guard let mounts = root.text("proc/mounts") ?? root.text("proc/self/mounts") else { return [] }
        let virtual: Set<String> = [
            "proc", "sysfs", "devtmpfs", "devpts", "tmpfs", "cgroup", "cgroup2", "securityfs", "pstore", "debugfs", "tracefs",
            "configfs", "fusectl", "mqueue", "hugetlbfs", "bpf", "autofs", "binfmt_misc", "rpc_pipefs", "nsfs", "efivarfs",
            "ramfs", "overlay", "squashfs", "selinuxfs", "fuse.gvfsd-fuse", "fuse.portal", "tmpfs", "devfs",
        ]
        var seen: Set<String> = []
        var result: [Filesystem] = []
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let type = String(fields[2])
            guard !virtual.contains(type) else { continue }
            let mountPoint = Self.unescapeMount(String(fields[1]))
            guard seen.insert(mountPoint).inserted else { continue }
            var filesystem = Filesystem(mountPoint: mountPoint, device: Self.unescapeMount(String(fields[0])), type: type)
            if root.isLive {
                var stats = statvfs()
                if statvfs(mountPoint, &stats) == 0 {
                    filesystem.sizeBytes = Int64(stats.f_blocks) * Int64(stats.f_frsize)
                    filesystem.freeBytes = Self.roundedFree(Int64(stats.f_bavail) * Int64(stats.f_frsize), size: filesystem.sizeBytes ?? 0)
                }
            }
            result.append(filesystem)
        }
        return result
    }

    /// Free space rounded down to a step of max(1 GiB, 1% of the size).
    public static func roundedFree(_ free: Int64, size: Int64) -> Int64 {
        let step = max(Int64(1) << 30, size / 100)
        return free / step * step
    }

    /// `/proc/mounts` escapes spaces and tabs as octal (`\040`).
    static func unescapeMount(_ text: String) -> String {
        unescaping(text, marker: [], digits: 3, radix: 8)
    }

    /// Replaces `\` + `marker` + `digits` digits in `radix` with the byte they stand for; anything else is kept.
    static func unescaping(_ text: String, marker: [UInt8], digits: Int, radix: Int) -> String {
        guard text.contains("\\") else { return text }
        let utf8 = Array(text.utf8)
        let length = 1 + marker.count + digits
        var bytes: [UInt8] = []
        var index = 0
        while index < utf8.count {
            if utf8[index] == 0x5C, index + length <= utf8.count, Array(utf8[(index + 1)..<(index + 1 + marker.count)]) == marker,
                let value = UInt8(String(decoding: utf8[(index + 1 + marker.count)..<(index + length)], as: UTF8.self), radix: radix)
            {
                bytes.append(value)
                index += length
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
