import Foundation
import ParcDomain
import ParcProtocol
import ParcTestSupport
import Testing

/// Which asset a report belongs to: each matching rule and each trap a real estate has.
@Suite struct AssetMatchingTests {
    let laptop = AssetCandidate(
        id: 1, agentID: "agent-a", identity: MachineIdentity(uuid: "4c4c4544-0042-3510-8052-b4c04f4e4d32", serial: "PC131TBF", macs: ["e4:70:b8:01:02:03"]))

    @Test func theBoundAssetComesFirst() {
        let other = AssetCandidate(id: 2, agentID: nil, identity: laptop.identity)
        #expect(AssetMatching.match(agentID: "agent-a", identity: MachineIdentity(), candidates: [other, laptop]) == .bound(1))
    }

    @Test func uuidThenSerialThenMAC() {
        let byUUID = MachineIdentity(uuid: laptop.identity.uuid, serial: nil, macs: [])
        #expect(AssetMatching.match(agentID: "new", identity: byUUID, candidates: [laptop]) == .matched(1, by: .uuid))
        let bySerial = MachineIdentity(uuid: nil, serial: "PC131TBF", macs: [])
        #expect(AssetMatching.match(agentID: "new", identity: bySerial, candidates: [laptop]) == .matched(1, by: .serial))
        let byMAC = MachineIdentity(uuid: nil, serial: nil, macs: ["e4:70:b8:01:02:03", "00:11:22:33:44:55"])
        #expect(AssetMatching.match(agentID: "new", identity: byMAC, candidates: [laptop]) == .matched(1, by: .mac))
        #expect(AssetMatching.match(agentID: "new", identity: MachineIdentity(serial: "OTHER"), candidates: [laptop]) == .none)
    }

    /// A machine reinstalled from scratch gets a new agent id but keeps its hardware; its old agent
    /// went silent. Two agents that both still report never take one asset in turns.
    @Test func aReinstalledMachineFindsItsAssetButTwoLiveAgentsDoNotShareOne() {
        #expect(AssetMatching.match(agentID: "agent-b", identity: laptop.identity, candidates: [laptop]) == .matched(1, by: .uuid))
        var live = laptop
        live.agentIsActive = true
        guard case .ambiguous(let candidates, let reason) = AssetMatching.match(agentID: "agent-b", identity: laptop.identity, candidates: [live]) else {
            Issue.record("a live agent's asset must not be taken over")
            return
        }
        #expect(candidates == [1] && reason.contains("agent-a still reports"))
    }

    /// A bought machine registered by hand (serial typed in) is found by its serial.
    @Test func aManuallyRegisteredAssetIsFoundBySerial() {
        let bought = AssetCandidate(id: 7, agentID: nil, identity: MachineIdentity(serial: "PC131TBF"))
        #expect(AssetMatching.match(agentID: "agent-a", identity: laptop.identity, candidates: [bought]) == .matched(7, by: .serial))
    }

    /// Cloned virtual machines share the template's UUID but not their MAC addresses.
    @Test func clonedVirtualMachinesAreNotMerged() {
        let template = AssetCandidate(
            id: 3, agentID: "vm-1", identity: MachineIdentity(uuid: "564d2a4e-aaaa-bbbb-cccc-0123456789ab", macs: ["00:50:56:01:01:01"]))
        let clone = MachineIdentity(uuid: "564d2a4e-aaaa-bbbb-cccc-0123456789ab", macs: ["00:50:56:02:02:02"])
        guard case .ambiguous(let candidates, let reason) = AssetMatching.match(agentID: "vm-2", identity: clone, candidates: [template]) else {
            Issue.record("a clone must not be merged into its template")
            return
        }
        #expect(candidates == [3])
        #expect(reason.contains("MAC"))
    }

    @Test func twoAssetsWithTheSameSerialAreAmbiguous() {
        let a = AssetCandidate(id: 4, agentID: nil, identity: MachineIdentity(serial: "PC131TBF"))
        let b = AssetCandidate(id: 5, agentID: nil, identity: MachineIdentity(serial: "PC131TBF"))
        #expect(
            AssetMatching.match(agentID: "x", identity: MachineIdentity(serial: "PC131TBF"), candidates: [a, b])
                == .ambiguous(candidates: [4, 5], reason: "2 assets share this machine's serial"))
    }

    /// Placeholder serials, shared sample UUIDs and virtual MACs identify nothing.
    @Test func placeholdersIdentifyNothing() {
        var system = SystemSection(source: "smbios")
        system.serial = "To Be Filled By O.E.M."
        system.uuid = "03000200-0400-0500-0006-000700080009"
        var network = NetworkSection()
        var docker = NetworkInterface(name: "docker0")
        docker.mac = "02:42:ac:11:00:02"
        docker.physical = true
        var zero = NetworkInterface(name: "eth1")
        zero.mac = "00:00:00:00:00:00"
        zero.physical = true
        var real = NetworkInterface(name: "eth0")
        real.permanentMAC = "3C:52:82:AA:BB:CC"
        real.physical = true
        var bridge = NetworkInterface(name: "br0")
        bridge.mac = "3c:52:82:00:00:01"
        network.interfaces = [docker, zero, real, bridge]
        let identity = MachineIdentity(system: system, network: network)
        #expect(identity.uuid == nil)
        #expect(identity.serial == nil)
        #expect(identity.macs == ["3c:52:82:aa:bb:cc"])
    }
}

@Suite struct InventoryDiffTests {
    func disk(_ slot: String, serial: String, size: Int64) -> AssetComponent {
        var component = AssetComponent(kind: .disk, slot: slot, summary: "disk")
        component.serial = serial
        component.sizeBytes = size
        return component
    }

    @Test func aSwappedDiskIsAReplacement() {
        let changes = InventoryDiff.components(
            old: [disk("sda", serial: "S1", size: 500), disk("sdb", serial: "S2", size: 1000)],
            new: [disk("sda", serial: "S9", size: 1000), disk("sdb", serial: "S2", size: 1000), disk("nvme0n1", serial: "N1", size: 512)])
        #expect(changes.map(\.kind) == ["component.replaced", "component.added"])
        #expect(changes.first?.summary.contains("S1") == true && changes.first?.summary.contains("S9") == true)
        #expect(InventoryDiff.components(old: [disk("sda", serial: "S1", size: 500)], new: []).map(\.kind) == ["component.removed"])
    }

    @Test func memoryOfAnotherSizeIsAReplacementEvenWithoutSerials() {
        var small = AssetComponent(kind: .memory, slot: "DIMM0", summary: "8 GiB")
        small.sizeBytes = 8 << 30
        var large = small
        large.sizeBytes = 16 << 30
        #expect(InventoryDiff.components(old: [small], new: [large]).map(\.kind) == ["component.replaced"])
        #expect(InventoryDiff.components(old: [small], new: [small]).isEmpty)
    }

    @Test func softwareChangesAreNamedAndOrderedByDebianVersions() {
        let old = [
            InstalledSoftware(name: "openssl", version: "3.0.11-1~deb12u1", architecture: "amd64", manager: "dpkg"),
            InstalledSoftware(name: "libc6", version: "2.36-9+deb12u4", architecture: "amd64", manager: "dpkg"),
            InstalledSoftware(name: "libc6", version: "2.36-9+deb12u4", architecture: "i386", manager: "dpkg"),
            InstalledSoftware(name: "vim", version: "2:9.0.1378-2", architecture: "amd64", manager: "dpkg"),
            InstalledSoftware(name: "nano", version: "7.2-1", architecture: "amd64", manager: "dpkg"),
        ]
        var new = old
        new[0].version = "3.0.13-1~deb12u1"
        new[3].version = "2:9.0.1378-1"
        new.remove(at: 4)
        new.append(InstalledSoftware(name: "curl", version: "7.88.1-10+deb12u5", architecture: "amd64", manager: "dpkg"))
        let changes = InventoryDiff.software(old: old, new: new)
        #expect(changes.map(\.kind) == ["software.upgraded", "software.downgraded", "software.installed", "software.removed"])
        #expect(changes[0].summary == "openssl upgraded from 3.0.11-1~deb12u1 to 3.0.13-1~deb12u1")
        #expect(InventoryDiff.software(old: old, new: old).isEmpty)
    }
}

/// Our Debian version ordering against dpkg's own (`dpkg --compare-versions`), on the versions
/// installed on this machine and on the tricky cases.
@Suite struct DebianVersionTests {
    static let tricky = [
        ("1.0~rc1", "1.0"), ("1.0", "1.0+deb12u1"), ("1:0.9", "2.0"), ("2.36-9+deb12u4", "2.36-9+deb12u10"), ("1.0a", "1.0+"),
        ("1.0-1", "1.0-1~bpo1"), ("0.0~git20230101", "0.0"), ("10", "9"), ("1.002", "1.2"), ("1.0~~", "1.0~"), ("a", "A"), ("1.0-1", "1.0-1.1"),
    ]

    static func dpkgSays(_ a: String, _ b: String) async throws -> Int {
        func holds(_ relation: String) async throws -> Bool {
            try await runProgram("/usr/bin/dpkg", ["--compare-versions", a, relation, b]).status == 0
        }
        return try await holds("lt") ? -1 : (try await holds("eq") ? 0 : 1)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg"), "dpkg is not installed here: nothing to compare with"))
    func agreesWithDpkg() async throws {
        let installed = try await runProgram("/usr/bin/dpkg-query", ["-W", "-f=${Version}\n"]).stdout.split(separator: "\n").map(String.init)
        var generator = SystemRandomNumberGenerator()
        var pairs = Self.tricky
        for _ in 0..<60 where installed.count > 1 {
            pairs.append((installed.randomElement(using: &generator)!, installed.randomElement(using: &generator)!))
        }
        for (a, b) in pairs {
            let ours = DebianVersion.compare(a, b)
            let dpkg = try await Self.dpkgSays(a, b)
            #expect(ours.signum() == dpkg, "\(a) vs \(b)")
            #expect(DebianVersion.compare(b, a).signum() == -ours.signum(), "\(b) vs \(a)")
        }
    }
}
