import Foundation
import ParcAgent
import ParcProtocol
import ParcTestSupport
import Testing

/// Random and mutated inputs for every binary parser: they must return (values or errors), never
/// crash or hang. A seeded generator makes each run the same and any failure reproducible.
@Suite struct RobustnessTests {
    /// Flips, overwrites, inserts and deletes bytes, and truncates.
    static func mutations(of input: [UInt8], count: Int, seed: UInt64) -> [[UInt8]] {
        var generator = SeededGenerator(state: seed)
        var result: [[UInt8]] = []
        for _ in 0..<count {
            var bytes = input
            for _ in 0..<Int.random(in: 1...8, using: &generator) where !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<5, using: &generator) {
                case 0: bytes[index] ^= UInt8(1 << Int.random(in: 0..<8, using: &generator))
                case 1: bytes[index] = [0x00, 0xFF, 0x7F, 0x80, 0x0A, 0x3A][Int.random(in: 0..<6, using: &generator)]
                case 2: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: index)
                case 3: bytes.remove(at: index)
                default: bytes = Array(bytes[..<index])
                }
            }
            result.append(bytes)
        }
        for _ in 0..<count / 4 {
            result.append((0..<Int.random(in: 0..<2048, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
        return result
    }

    @Test(arguments: FixtureFiles.smbiosMachines)
    func smbiosSurvivesMutation(_ machine: String) throws {
        let entry = try FixtureFiles.bytes("smbios/\(machine)/smbios_entry_point")
        let table = try FixtureFiles.bytes("smbios/\(machine)/DMI")
        for (index, mutated) in Self.mutations(of: table, count: 300, seed: UInt64(machine.utf8.count)).enumerated() {
            let parsed = SMBIOSTable(entryPoint: index % 2 == 0 ? entry : Array(entry.prefix(index % entry.count)), table: mutated)
            _ = SMBIOSDecoder.system(parsed)
            _ = SMBIOSDecoder.memoryModules(parsed)
            _ = SMBIOSDecoder.processors(parsed)
        }
        // Every prefix of the real table parses as far as it is valid.
        for cut in stride(from: 0, through: table.count, by: 7) {
            let parsed = SMBIOSTable(entryPoint: entry, table: Array(table[..<cut]))
            #expect(parsed.structures.count <= SMBIOSTable(entryPoint: entry, table: table).structures.count)
        }
    }

    @Test(arguments: FixtureFiles.edids)
    func edidSurvivesMutation(_ name: String) throws {
        let bytes = try FixtureFiles.bytes("edid/\(name).bin")
        for mutated in Self.mutations(of: bytes, count: 500, seed: 42) {
            _ = try? EDIDParser.parse(mutated)
        }
    }

    @Test func dpkgSurvivesMutation() throws {
        let status = try FixtureFiles.bytes("dpkg/debian-bookworm-minbase/status")
        // Mutate a slice to keep the run short; the parser walks the whole buffer each time.
        let slice = Array(status.prefix(20_000))
        for mutated in Self.mutations(of: slice, count: 400, seed: 7) {
            let result = DpkgStatusParser.parse(mutated)
            #expect(result.packages.allSatisfy { !$0.name.isEmpty && !$0.version.isEmpty })
        }
    }

    @Test func utmpSurvivesMutation() {
        let record = UtmpTests.record(type: 7, user: "jane", line: "pts/0", host: "10.0.0.5", seconds: 1_780_000_000)
        for mutated in Self.mutations(of: record + record, count: 500, seed: 3) {
            _ = UtmpParser.sessions(mutated)
        }
    }

    @Test func textParsersSurviveGarbage() {
        var generator = SeededGenerator(state: 11)
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0..<512, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = String(decoding: bytes, as: UTF8.self)
            _ = KeyValueParsers.cpuinfo(text)
            _ = KeyValueParsers.meminfo(text)
            _ = KeyValueParsers.osRelease(text)
            _ = KeyValueParsers.passwd(text)
            _ = KeyValueParsers.udevProperties(text)
        }
    }
}

@Suite struct UtmpTests {
    /// A glibc utmp record laid out by hand from `<bits/utmp.h>` (x86_64).
    static func record(type: Int32, user: String, line: String, host: String, seconds: Int32) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 384)
        func put(_ value: Int32, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { for (index, byte) in $0.enumerated() { bytes[offset + index] = byte } }
        }
        func put(_ text: String, at offset: Int, max: Int) {
            for (index, byte) in text.utf8.prefix(max).enumerated() { bytes[offset + index] = byte }
        }
        put(type, at: 0)
        put(4242, at: 4)
        put(line, at: 8, max: 32)
        put(user, at: 44, max: 32)
        put(host, at: 76, max: 256)
        put(seconds, at: 340)
        return bytes
    }

    @Test func readsUserSessionsOnly() {
        let bytes =
            Self.record(type: 2, user: "reboot", line: "~", host: "6.1.0", seconds: 1_779_999_000)
            + Self.record(type: 7, user: "jane", line: "pts/0", host: "10.0.0.5", seconds: 1_780_000_000)
            + Self.record(type: 8, user: "", line: "pts/0", host: "", seconds: 1_780_000_100)
            + Array(Self.record(type: 7, user: "truncated", line: "tty1", host: "", seconds: 1).prefix(100))
        let sessions = UtmpParser.sessions(bytes)
        #expect(sessions == [LoginSession(user: "jane", terminal: "pts/0", host: "10.0.0.5", time: Date(timeIntervalSince1970: 1_780_000_000))])
    }

    @Test func collectorReadsAccountsAndLogins() throws {
        let root = try ParcTestSupportRoot.make()
        defer { TemporaryDirectory.remove(root) }
        try FileManager.default.createDirectory(atPath: root + "/etc", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/var/log", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/run", withIntermediateDirectories: true)
        try """
        root:x:0:0:root:/root:/bin/bash
        jane:x:1000:1000:Jane Doe,,,:/home/jane:/bin/bash
        nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
        bob:x:1001:1001::/home/bob:/bin/zsh
        """.write(toFile: root + "/etc/passwd", atomically: true, encoding: .utf8)
        let wtmp =
            Self.record(type: 7, user: "bob", line: "tty1", host: "", seconds: 1_780_000_000)
            + Self.record(type: 7, user: "jane", line: "pts/1", host: "laptop", seconds: 1_780_000_500)
        try Data(wtmp).write(to: URL(fileURLWithPath: root + "/var/log/wtmp"))
        try Data(Self.record(type: 7, user: "jane", line: "pts/1", host: "laptop", seconds: 1_780_000_500)).write(to: URL(fileURLWithPath: root + "/run/utmp"))
        let users = try #require(UsersCollector().collect(SystemRoot(root), warnings: CollectionWarnings()))
        #expect(users.localAccounts.map(\.name) == ["jane", "bob"])
        #expect(users.localAccounts.first?.fullName == "Jane Doe")
        #expect(users.loggedIn.map(\.user) == ["jane"])
        #expect(users.recentLogins.map(\.user) == ["jane", "bob"])
    }
}
