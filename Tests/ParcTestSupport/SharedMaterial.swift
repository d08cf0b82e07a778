import Foundation

/// Third-party artefacts kept in `../shared` beside the repository (the UBL and FEC validators,
/// vendored agents), which a clone alone does not have. Tests that need one are enabled only when
/// it is there, and say why they were skipped otherwise: CI has `../shared` and runs them all.
public enum SharedMaterial {
    /// `../shared`, next to the repository's root.
    public static let root: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared").standardized.path

    /// The absolute path of `relative` inside `../shared`.
    public static func path(_ relative: String) -> String { root + "/" + relative }

    /// True when `relative` exists there as an executable program.
    public static func hasTool(_ relative: String) -> Bool {
        FileManager.default.isExecutableFile(atPath: path(relative))
    }

    /// The EN 16931 UBL validator, `../shared/tools/validate-ubl`.
    public static let validateUBL = path("tools/validate-ubl")
    /// The French FEC checker, `../shared/tools/check-fec`.
    public static let checkFEC = path("tools/check-fec")
    public static var hasUBLValidator: Bool { hasTool("tools/validate-ubl") }
    public static var hasFECChecker: Bool { hasTool("tools/check-fec") }
    /// The GLPI inventory format's examples (`../shared/fixtures/glpi-inventory-format/examples`).
    public static let glpiExamples = path("fixtures/glpi-inventory-format/examples")
    public static var hasGLPIExamples: Bool { FileManager.default.fileExists(atPath: glpiExamples + "/computer_1.json") }
    /// GLPI Agent's source, `../shared/vendor/glpi-agent-*.tar.xz`.
    public static var glpiAgentArchive: String? {
        let vendor = path("vendor")
        return (try? FileManager.default.contentsOfDirectory(atPath: vendor))?.sorted().last { $0.hasPrefix("glpi-agent-") && $0.hasSuffix(".tar.xz") }
            .map { vendor + "/" + $0 }
    }
}
