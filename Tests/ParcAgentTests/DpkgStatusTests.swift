import Foundation
import ParcAgent
import ParcTestSupport
import Testing

@testable import ParcProtocol

/// dpkg-query's reading (`expected.tsv`): package, architecture, version, status abbreviation, source, installed size.
struct DpkgQueryLine: Equatable {
    var name: String
    var architecture: String
    var version: String
    var status: String
    var source: String
    var installedSize: String

    static func parse(_ text: String) -> [DpkgQueryLine] {
        text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 6 else { return nil }
            return DpkgQueryLine(name: fields[0], architecture: fields[1], version: fields[2], status: fields[3], source: fields[4], installedSize: fields[5])
        }
    }

    /// The current state (second letter of the abbreviation) is installed: `ii`, `ri`, `pi`...
    var isInstalled: Bool { status.count >= 2 && Array(status)[1] == "i" }
}

@Suite struct DpkgStatusTests {
    @Test(arguments: FixtureFiles.dpkgSystems)
    func matchesDpkgQuery(_ system: String) throws {
        let result = DpkgStatusParser.parse(try FixtureFiles.bytes("dpkg/\(system)/status"))
        let expected = DpkgQueryLine.parse(try FixtureFiles.text("dpkg/\(system)/expected.tsv")).filter(\.isInstalled)
        let key = { (name: String, arch: String?) in "\(name):\(arch ?? "")" }
        let parsed = Dictionary(result.packages.map { (key($0.name, $0.architecture), $0) }, uniquingKeysWith: { a, _ in a })
        #expect(result.packages.count == expected.count, "\(system)")
        #expect(parsed.count == result.packages.count, "\(system): the same name and architecture twice")
        for line in expected {
            guard let package = parsed[key(line.name, line.architecture)] else {
                Issue.record("\(system): \(line.name):\(line.architecture) missing")
                continue
            }
            #expect(package.version == line.version)
            #expect((package.source ?? package.name) == line.source, "\(line.name)")
            #expect(package.installedSizeKiB.map(String.init) == (line.installedSize.isEmpty ? nil : String(line.installedSize.prefix { $0.isNumber })))
        }
    }

    /// Real package lists as the server reads them: `JSONReader` alone (no fall-back) gives what
    /// `JSONDecoder` gives, summaries, maintainers' names and all.
    @Test(arguments: FixtureFiles.dpkgSystems)
    func serverReadsTheListAsJSONDecoderDoes(_ system: String) throws {
        let software = SoftwareSection(packages: DpkgStatusParser.parse(try FixtureFiles.bytes("dpkg/\(system)/status")).packages)
        let bytes = try CanonicalJSON.encodeBytes(software)
        var reader = JSONReader(bytes)
        let read = try SoftwareSection(reading: &reader)
        try reader.end()
        #expect(read == (try CanonicalJSON.decode(SoftwareSection.self, from: Data(bytes))))
        #expect(read == software)
    }

    @Test(arguments: FixtureFiles.dpkgSystems)
    func sourceVersionsAndMaintainersMatch(_ system: String) throws {
        let packages = DpkgStatusParser.parse(try FixtureFiles.bytes("dpkg/\(system)/status")).packages
        let lines = try FixtureFiles.text("dpkg/\(system)/expected-extra.tsv").split(separator: "\n")
        let byKey = Dictionary(packages.map { ("\($0.name):\($0.architecture ?? "")", $0) }, uniquingKeysWith: { a, _ in a })
        var checked = 0
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 4, let package = byKey["\(fields[0]):\(fields[1])"] else { continue }
            #expect((package.sourceVersion ?? package.version) == fields[2], "\(fields[0])")
            #expect((package.maintainer ?? "") == fields[3], "\(fields[0])")
            checked += 1
        }
        #expect(checked == packages.count)
    }

    @Test func keepsMultiArchPackagesApart() throws {
        let text = """
            Package: libc6
            Status: install ok installed
            Architecture: amd64
            Multi-Arch: same
            Version: 2.36-9+deb12u4

            Package: libc6
            Status: install ok installed
            Architecture: i386
            Multi-Arch: same
            Version: 2.36-9+deb12u4

            """
        let packages = DpkgStatusParser.parse(Array(text.utf8)).packages
        #expect(packages.map(\.architecture) == ["amd64", "i386"])
    }

    @Test func readsSourceWithVersionEpochsAndContinuations() throws {
        let text = """
            Package: coreutils
            Status: install ok installed
            Priority: required
            Installed-Size: 18062
            Maintainer: Michael Stone <mstone@debian.org>
            Architecture: arm64
            Source: coreutils (9.1-1)
            Version: 9.1-1+b6
            Description: GNU core utilities
             This package contains the basic file, shell and text manipulation
             utilities which are expected to exist on every operating system.
            Conffiles:
             /etc/a 0123

            Package: docker-ce
            Status: deinstall ok config-files
            Version: 5:20.10.7~3-0~debian-buster

            """
        let result = DpkgStatusParser.parse(Array(text.utf8))
        #expect(result.packages.count == 1)
        let coreutils = try #require(result.packages.first)
        #expect(coreutils.source == nil)
        #expect(coreutils.sourceVersion == "9.1-1")
        #expect(coreutils.summary == "GNU core utilities")
        #expect(coreutils.installedSizeKiB == 18062)
        #expect(result.problems.isEmpty)
    }

    @Test func edgeCasesKeepTheGoodStanzas() throws {
        func names(_ file: String) throws -> [String] {
            DpkgStatusParser.parse(try FixtureFiles.bytes("dpkg-edge-cases/\(file).status")).packages.map { "\($0.name) \($0.version)" }
        }
        // osv-scalibr's expectations: keyed on the current state, and stanzas without Version/Package skipped.
        #expect(try names("scalibr-statusfield").count == 3)
        #expect(try names("scalibr-noversion") == ["foo 1.0", "bar 2.0"])
        #expect(try names("scalibr-nopackage") == ["foo 1.0", "bar 2.0"])
        #expect(try names("scalibr-invalid").isEmpty)
        // syft's expectations.
        #expect(try names("syft-multiple") == ["tzdata 2020a-0+deb10u1", "util-linux 2.33.1-0.1"])
        #expect(try names("syft-leading-empty-stanza") == ["libpam-runtime 1.1.8-3.6"])
        #expect(try names("syft-empty-package-field").isEmpty)
        #expect(!DpkgStatusParser.parse(try FixtureFiles.bytes("dpkg-edge-cases/scalibr-noversion.status")).problems.isEmpty)
    }

    @Test func truncatedInputIsReadAsFarAsItIsValid() throws {
        let full = try FixtureFiles.bytes("dpkg/debian-bookworm-minbase/status")
        let complete = DpkgStatusParser.parse(full).packages.count
        var previous = 0
        for cut in stride(from: 0, through: full.count, by: max(1, full.count / 40)) {
            let count = DpkgStatusParser.parse(Array(full[..<cut])).packages.count
            #expect(count >= previous - 1 && count <= complete)
            previous = count
        }
    }

    /// The live machine, against `dpkg-query -W` run now.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/var/lib/dpkg/status") && FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg-query")))
    func matchesDpkgQueryOnThisMachine() async throws {
        let output = try await runProgram(
            "/usr/bin/dpkg-query", ["-W", "-f", "${Package}\t${Architecture}\t${Version}\t${db:Status-Abbrev}\t${source:Package}\t${Installed-Size}\n"]
        ).stdout
        let expected = DpkgQueryLine.parse(output).filter(\.isInstalled)
        let packages = DpkgStatusParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: "/var/lib/dpkg/status")))).packages
        #expect(
            Set(packages.map { "\($0.name):\($0.architecture ?? "") \($0.version)" }) == Set(expected.map { "\($0.name):\($0.architecture) \($0.version)" }))
    }
}
