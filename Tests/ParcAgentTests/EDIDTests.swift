import Foundation
import ParcAgent
import ParcProtocol
import ParcTestSupport
import Testing

/// Debian's edid-decode reading of each EDID (`NAME.edid-decode-debian.txt`), first values only.
struct EdidDecodeReading {
    var values: [String: String] = [:]

    init(_ text: String) {
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard let colon = trimmed.range(of: ": ") else { continue }
            let key = String(trimmed[..<colon.lowerBound])
            if values[key] == nil { values[key] = String(trimmed[colon.upperBound...]) }
        }
    }

    subscript(_ key: String) -> String? { values[key] }

    static func unquoted(_ value: String?) -> String? {
        guard let value, value.hasPrefix("'"), value.hasSuffix("'") else { return value }
        return String(value.dropFirst().dropLast())
    }
}

@Suite struct EDIDTests {
    @Test func allEightMonitorsAreThere() { #expect(FixtureFiles.edids.count == 8) }

    @Test(arguments: FixtureFiles.edids)
    func matchesEdidDecode(_ name: String) throws {
        let bytes = try FixtureFiles.bytes("edid/\(name).bin")
        let reading = EdidDecodeReading(try FixtureFiles.text("edid/\(name).edid-decode-debian.txt"))
        let monitor = try EDIDParser.parse(bytes)
        #expect(monitor.manufacturerID == reading["Manufacturer"])
        #expect(String(monitor.productCode) == reading["Model"])
        #expect(monitor.edidVersion == reading["EDID Structure Version & Revision"])
        #expect(monitor.serialNumber.map(String.init) == reading["Serial Number"])
        #expect(monitor.serial == EdidDecodeReading.unquoted(reading["Display Product Serial Number"]))
        #expect(monitor.name == EdidDecodeReading.unquoted(reading["Display Product Name"]))
        #expect(String(monitor.extensionBlocks) == reading["Extension blocks"] ?? "0")
        if let made = reading["Made in"] {
            if made.hasPrefix("week ") {
                #expect(made == "week \(monitor.manufactureWeek ?? 0) of \(monitor.manufactureYear ?? 0)")
            } else {
                #expect(made == String(monitor.manufactureYear ?? 0))
            }
        }
        if let size = reading["Maximum image size"] {
            #expect(size == "\(monitor.widthCm ?? 0) cm x \(monitor.heightCm ?? 0) cm")
        }
    }

    @Test func refusesWhatIsNotAnEDID() {
        #expect(throws: EDIDParser.Failure.tooShort(0)) { try EDIDParser.parse([]) }
        #expect(throws: EDIDParser.Failure.badHeader) { try EDIDParser.parse([UInt8](repeating: 0xAB, count: 128)) }
    }

    @Test func monitorCollectorReadsDRMConnectors() throws {
        let root = try ParcTestSupportRoot.make()
        defer { TemporaryDirectory.remove(root) }
        try FileManager.default.createDirectory(atPath: root + "/sys/class/drm/card0-DP-1", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/sys/class/drm/card0-HDMI-A-1", withIntermediateDirectories: true)
        try Data(try FixtureFiles.bytes("edid/dell-p2419h.bin")).write(to: URL(fileURLWithPath: root + "/sys/class/drm/card0-DP-1/edid"))
        try Data().write(to: URL(fileURLWithPath: root + "/sys/class/drm/card0-HDMI-A-1/edid"))
        let warnings = CollectionWarnings()
        let monitors = MonitorCollector().collect(SystemRoot(root), warnings: warnings)
        #expect(monitors.map(\.connector) == ["card0-DP-1"])
        #expect(monitors.first?.name == "DELL P2419H")
        #expect(warnings.messages.isEmpty)
    }
}

enum ParcTestSupportRoot {
    static func make() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parc-root-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
