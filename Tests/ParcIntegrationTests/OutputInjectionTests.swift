import Foundation
import ParcClient
import ParcProtocol
import ParcTestSupport
import Testing

/// Text from clients and agents reaches staff as data: escaped in parcctl's tables and pages,
/// neutralised in CSV cells a spreadsheet would run as formulas.
@Suite struct OutputInjectionTests {
    static let hostile = "evil\u{1B}]0;owned\u{07}\nFORGED ROW\u{1B}[2J"
    static let formula = "=HYPERLINK(\"http://attacker.example\",\"click\")"

    @Test func tablesPagesAndCSVCarryNoControlAndNoFormula() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let asset = try await setup.staff.createAsset(NewAsset(client: "ACME", kind: .computer, name: Self.hostile))
            _ = try await setup.staff.createAsset(NewAsset(client: "ACME", kind: .computer, name: Self.formula))
            let ctl = ["--server", setup.server.url, "--token", setup.managerToken, "--ca", setup.fingerprint]
            for command in [["asset", "list", "--client", "ACME"], ["asset", "show", String(asset.id)]] {
                let result = try await run("parcctl", command + ctl)
                #expect(result.status == 0, "\(command): \(result.stderr)")
                let bytes = Array(result.stdout.utf8)
                #expect(!bytes.contains(0x1B) && !bytes.contains(0x07), "\(command) printed raw control characters")
                #expect(!result.stdout.split(separator: "\n").contains { $0.hasPrefix("FORGED ROW") }, "\(command) printed a forged line:\n\(result.stdout)")
                #expect(result.stdout.contains("evil\\u{1B}]0;owned\\u{7}\\nFORGED ROW"), "\(result.stdout)")
            }
            let file = setup.root + "/assets.csv"
            let export = try await run("parcctl", ["asset", "export", "--client", "ACME", "--format", "csv", "--output", file] + ctl)
            #expect(export.status == 0, "\(export.stderr)")
            let csv = try String(contentsOfFile: file, encoding: .utf8)
            #expect(csv.contains("\"'=HYPERLINK(\"\"http://attacker.example\"\",\"\"click\"\")\""), "\(csv)")
            #expect(!csv.split(separator: "\r\n").flatMap { $0.split(separator: ",") }.contains { $0.hasPrefix("=") || $0.hasPrefix("\"=") })
        }
    }
}
