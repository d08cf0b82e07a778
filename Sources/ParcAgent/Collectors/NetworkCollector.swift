import ParcProtocol

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Network interfaces from `/sys/class/net`; IP addresses from the kernel on the live machine.
public struct NetworkCollector: Sendable {
    public init() {}

    public func collect(_ root: SystemRoot, warnings: CollectionWarnings) -> NetworkSection? {
        let names = root.list("sys/class/net").filter { root.exists("sys/class/net/\($0)/address") }
        if names.isEmpty {
            warnings.add("network: sys/class/net is empty or unreadable")
            return nil
        }
        let addresses = root.isLive ? Self.liveAddresses() : [:]
        var section = NetworkSection()
        for name in names where name != "lo" {
            let base = "sys/class/net/\(name)/"
            var interface = NetworkInterface(name: name)
            interface.mac = root.value(base + "address").flatMap { $0 == "00:00:00:00:00:00" ? nil : $0 }
            // A bond slave's factory address; otherwise the address itself when the kernel says it is
            // the permanent one (addr_assign_type 0), not random, stolen or set by userspace.
            if let permanent = root.value(base + "bonding_slave/perm_hwaddr") {
                interface.permanentMAC = permanent
            } else if root.isLive, let permanent = Self.permanentAddress(name) {
                interface.permanentMAC = permanent
            } else if root.value(base + "addr_assign_type") == "0" {
                interface.permanentMAC = interface.mac
            }
            interface.physical = root.exists(base + "device")
            interface.wireless = root.exists(base + "wireless") || root.exists(base + "phy80211")
            interface.driver = root.linkName(base + "device/driver")
            // speed is -1 or unreadable (EINVAL) when the link is down.
            interface.speedMbps = root.value(base + "speed").flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
            interface.duplex = root.value(base + "duplex").flatMap { $0 == "unknown" ? nil : $0 }
            interface.state = root.value(base + "operstate")
            interface.ipv4 = addresses[name]?.v4 ?? []
            interface.ipv6 = addresses[name]?.v6 ?? []
            section.interfaces.append(interface)
        }
        return section
    }

    /// The factory address the driver reports through ethtool (ETHTOOL_GPERMADDR), as `ethtool -P` shows it.
    /// Nil for interfaces without one (virtual devices answer all zeros or refuse).
    static func permanentAddress(_ name: String) -> String? {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard socketDescriptor >= 0 else { return nil }
        defer { close(socketDescriptor) }
        // struct ethtool_perm_addr { u32 cmd; u32 size; u8 data[]; } with room for 32 bytes.
        var request = [UInt32](repeating: 0, count: 2 + 8)
        request[0] = 0x20  // ETHTOOL_GPERMADDR
        request[1] = 32
        var interfaceRequest = ifreq()
        let nameBytes = Array(name.utf8.prefix(Int(IFNAMSIZ) - 1))
        withUnsafeMutableBytes(of: &interfaceRequest.ifr_ifrn.ifrn_name) { buffer in
            for (index, byte) in nameBytes.enumerated() { buffer[index] = byte }
        }
        let result = request.withUnsafeMutableBytes { buffer -> Int32 in
            interfaceRequest.ifr_ifru.ifru_data = buffer.baseAddress?.assumingMemoryBound(to: CChar.self)
            return ioctl(socketDescriptor, 0x8946, &interfaceRequest)  // SIOCETHTOOL
        }
        guard result == 0 else { return nil }
        let size = Int(request[1])
        guard size == 6 else { return nil }
        let bytes = request.withUnsafeBytes { Array($0[8..<(8 + size)]) }
        guard bytes.contains(where: { $0 != 0 }) else { return nil }
        return Hex.encode(bytes, separator: ":")
    }

    /// Addresses per interface, from getifaddrs (the live machine only).
    static func liveAddresses() -> [String: (v4: [String], v6: [String])] {
        var result: [String: (v4: [String], v6: [String])] = [:]
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [:] }
        defer { freeifaddrs(list) }
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            guard let address = entry.pointee.ifa_addr else { continue }
            let name = String(cString: entry.pointee.ifa_name)
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            switch Int32(address.pointee.sa_family) {
            case AF_INET:
                var value = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
                if inet_ntop(AF_INET, &value, &buffer, socklen_t(buffer.count)) != nil {
                    result[name, default: ([], [])].v4.append(String(nulTerminated: buffer))
                }
            case AF_INET6:
                var value = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
                if inet_ntop(AF_INET6, &value, &buffer, socklen_t(buffer.count)) != nil {
                    result[name, default: ([], [])].v6.append(String(nulTerminated: buffer))
                }
            default:
                break
            }
        }
        return result
    }
}
