import ParcProtocol

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Operating system: os-release, kernel, host names, time zone, boot time, virtualisation and containers.
public struct OperatingSystemCollector: Sendable {
    public init() {}

    public func collect(_ root: SystemRoot, system: SystemSection?, cpu: CPUSection?, warnings: CollectionWarnings) -> OperatingSystemSection? {
        var os = OperatingSystemSection()
        if let text = root.text("etc/os-release") ?? root.text("usr/lib/os-release") {
            let values = KeyValueParsers.osRelease(text)
            os.id = values["ID"]
            os.name = values["NAME"]
            os.prettyName = values["PRETTY_NAME"]
            os.version = values["VERSION"]
            os.versionID = values["VERSION_ID"]
            os.versionCodename = values["VERSION_CODENAME"]
        } else {
            warnings.add("os: neither etc/os-release nor usr/lib/os-release is readable")
        }
        os.kernelRelease = root.value("proc/sys/kernel/osrelease")
        os.kernelVersion = root.value("proc/sys/kernel/version")
        os.hostname = root.value("proc/sys/kernel/hostname") ?? root.value("etc/hostname")
        if root.isLive {
            var names = utsname()
            if uname(&names) == 0 {
                os.architecture = withUnsafePointer(to: &names.machine) { $0.withMemoryRebound(to: CChar.self, capacity: 65) { String(cString: $0) } }
            }
        }
        if let hostname = os.hostname, let hosts = root.text("etc/hosts") {
            os.fqdn = Self.fullyQualifiedName(of: hostname, hosts: hosts)
        }
        os.timezone =
            root.value("etc/timezone")
            ?? root.linkTarget("etc/localtime").flatMap { target in
                // `../usr/share/zoneinfo/Europe/Paris` -> `Europe/Paris`
                let parts = target.split(separator: "/")
                return parts.firstIndex(of: "zoneinfo").map { parts[($0 + 1)...].joined(separator: "/") }
            }
        if let stat = root.text("proc/stat") {
            for line in stat.split(separator: "\n") where line.hasPrefix("btime ") {
                if let seconds = TimeInterval(line.dropFirst(6)) { os.bootTime = Date(timeIntervalSince1970: seconds) }
            }
        }
        os.virtualization = virtualization(root, system: system, cpu: cpu)
        os.container = container(root)
        return os == OperatingSystemSection() ? nil : os
    }

    /// The FQDN `hostname -f` finds in `/etc/hosts`: on the line naming this host, the canonical (first)
    /// name when it has a dot, else the first dotted alias that starts with the host name.
    /// Read from the file rather than through the resolver: no NSS modules to load, no DNS query per report.
    public static func fullyQualifiedName(of hostname: String, hosts: String) -> String? {
        if hostname.contains(".") { return hostname }
        for line in hosts.split(separator: "\n") {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard fields.count >= 2 else { continue }
            let names = Array(fields.dropFirst())
            guard names.contains(where: { $0 == hostname || $0.hasPrefix(hostname + ".") }) else { continue }
            if names[0].contains(".") && names[0].hasPrefix(hostname + ".") { return names[0] }
            if let dotted = names.first(where: { $0.hasPrefix(hostname + ".") }) { return dotted }
        }
        return nil
    }

    func virtualization(_ root: SystemRoot, system: SystemSection?, cpu: CPUSection?) -> String? {
        let vendor = (system?.manufacturer ?? root.value("sys/class/dmi/id/sys_vendor") ?? "").lowercased()
        let product = (system?.product ?? root.value("sys/class/dmi/id/product_name") ?? "").lowercased()
        let bios = (system?.bios?.vendor ?? root.value("sys/class/dmi/id/bios_vendor") ?? "").lowercased()
        if vendor.contains("vmware") || product.contains("vmware") { return "vmware" }
        if vendor.contains("innotek") || product.contains("virtualbox") { return "virtualbox" }
        if vendor.contains("microsoft") && product.contains("virtual") { return "hyperv" }
        if vendor.contains("qemu") || product.contains("kvm") || bios.contains("seabios") && vendor.contains("qemu") { return "kvm" }
        if product.contains("standard pc") || vendor.contains("red hat") { return "kvm" }
        if vendor.contains("xen") || root.value("sys/hypervisor/type") == "xen" { return "xen" }
        if vendor.contains("amazon ec2") { return "amazon" }
        if vendor.contains("google") && product.contains("compute engine") { return "google" }
        if vendor.contains("parallels") { return "parallels" }
        if let type = root.value("sys/hypervisor/type") { return type }
        if cpu?.hypervisorFlag == true { return "unknown" }
        return nil
    }

    func container(_ root: SystemRoot) -> String? {
        if let value = root.value("run/systemd/container") { return value }
        if root.exists(".dockerenv") { return "docker" }
        if root.exists("run/.containerenv") { return "podman" }
        if let environ = root.bytes("proc/1/environ", limit: 64 << 10) {
            for entry in environ.split(separator: 0) where entry.starts(with: Array("container=".utf8)) {
                return String(decoding: entry.dropFirst(10), as: UTF8.self)
            }
        }
        return nil
    }
}

/// Local accounts (uid ≥ 1000) and logins from utmp/wtmp: the basis for suggesting an assignee.
public struct UsersCollector: Sendable {
    public static let recentLoginLimit = 50

    public init() {}

    public func collect(_ root: SystemRoot, warnings: CollectionWarnings) -> UsersSection? {
        var users = UsersSection()
        if let passwd = root.text("etc/passwd") {
            users.localAccounts = KeyValueParsers.passwd(passwd).filter { $0.uid >= 1000 && $0.uid < 65534 }.map { entry in
                var account = LocalAccount(name: entry.name, uid: entry.uid)
                let fullName = entry.gecos.split(separator: ",", omittingEmptySubsequences: false).first.map(String.init) ?? ""
                account.fullName = fullName.isEmpty ? nil : fullName
                account.home = entry.home
                account.shell = entry.shell
                return account
            }
        } else {
            warnings.add("users: etc/passwd is not readable")
        }
        if let utmp = root.bytes("run/utmp") ?? root.bytes("var/run/utmp") {
            users.loggedIn = UtmpParser.sessions(utmp)
        }
        if let wtmp = root.bytes("var/log/wtmp", limit: 32 << 20) {
            users.recentLogins = Array(UtmpParser.sessions(wtmp).reversed().prefix(Self.recentLoginLimit))
        }
        return users == UsersSection() ? nil : users
    }
}
