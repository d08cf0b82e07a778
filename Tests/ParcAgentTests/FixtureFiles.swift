import Foundation
import ParcAgent
import ParcTestSupport

/// Paths to the copied real-world fixtures (see Fixtures/README.md).
enum FixtureFiles {
    static func removeNodeExporterRoot() {
        try? FileManager.default.removeItem(atPath: nodeExporterRoot)
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static func path(_ relative: String) -> String { directory + "/" + relative }

    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: path(relative), encoding: .utf8)
    }

    static func bytes(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path(relative))))
    }

    static func list(_ relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(relative))) ?? []).sorted()
    }

    static let smbiosMachines = list("smbios").filter { !$0.contains(".") && !$0.hasPrefix("LICENSE") }
    static let dpkgSystems = list("dpkg").filter { !$0.contains(".") }
    static let edids = list("edid").filter { $0.hasSuffix(".bin") }.map { String($0.dropLast(4)) }

    /// node_exporter's sysfs and udev trees unpacked (with their symlinks) plus its procfs files, under
    /// `.build/test-fixtures`, removed when the test process exits.
    static let nodeExporterRoot: String = {
        let root = URL(fileURLWithPath: directory).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/test-fixtures/node_exporter-\(ProcessInfo.processInfo.processIdentifier)").path
        do {
            try? FileManager.default.removeItem(atPath: root)
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try TTAR.extract(archive: path("node_exporter/sys.ttar"), into: root)
            try FileManager.default.createDirectory(atPath: root + "/run", withIntermediateDirectories: true)
            try TTAR.extract(archive: path("node_exporter/udev.ttar"), into: root + "/run")
            try FileManager.default.createDirectory(atPath: root + "/proc", withIntermediateDirectories: true)
            for file in list("node_exporter/proc") {
                try FileManager.default.copyItem(atPath: path("node_exporter/proc/" + file), toPath: root + "/proc/" + file)
            }
            atexit { FixtureFiles.removeNodeExporterRoot() }
            return root
        } catch {
            return "/nonexistent-node-exporter-root: \(error)"
        }
    }()
}
