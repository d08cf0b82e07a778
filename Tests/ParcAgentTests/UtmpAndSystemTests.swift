import Testing

@testable import ParcAgent

@Suite struct FullyQualifiedNameTests {
    /// Debian's installer writes `127.0.1.1 host.domain host`; `hostname -f` then answers host.domain.
    @Test func readsTheHostsFileAsHostnameDashFDoes() {
        let hosts = """
            127.0.0.1\tlocalhost
            127.0.1.1\tpc-042.acme.example\tpc-042
            # The following lines are desirable for IPv6 capable hosts
            ::1     localhost ip6-localhost ip6-loopback
            10.0.0.9 files files.acme.example  # alias order reversed
            """
        #expect(OperatingSystemCollector.fullyQualifiedName(of: "pc-042", hosts: hosts) == "pc-042.acme.example")
        #expect(OperatingSystemCollector.fullyQualifiedName(of: "files", hosts: hosts) == "files.acme.example")
        #expect(OperatingSystemCollector.fullyQualifiedName(of: "localhost", hosts: hosts) == nil)
        #expect(OperatingSystemCollector.fullyQualifiedName(of: "other", hosts: hosts) == nil)
        #expect(OperatingSystemCollector.fullyQualifiedName(of: "a.b", hosts: "") == "a.b")
    }
}

@Suite struct EscapeTests {
    @Test func mountsAndUdevEscapes() {
        // /proc/mounts writes a space as \040; udev's _ENC values write bytes as \xHH.
        #expect(StorageCollector.unescapeMount("/media/usb\\040key") == "/media/usb key")
        #expect(StorageCollector.unescapeMount("/plain") == "/plain")
        #expect(StorageCollector.unescapeMount("/bad\\04") == "/bad\\04")
        #expect(StorageCollector.udevDecoded("TOSHIBA\\x20KSDB4U86\\x20\\x20") == "TOSHIBA KSDB4U86")
        #expect(StorageCollector.udevDecoded("x\\xZZ") == "x\\xZZ")
    }
}
