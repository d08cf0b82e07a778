import Foundation
import ParcTestSupport
import Testing

/// Every input `make fuzz` kept (and the real-world seeds it started from) goes through its parser
/// again: a parser change that traps on one of them fails here, without running the fuzzer.
@Suite struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus").path

    @Test func theCorpusReplaysWithoutACrash() async throws {
        let targets = ["smbios", "edid", "dpkg", "checkin", "report", "gzip"]
        let result = try await run("parc-fuzz", ["replay"] + targets.map { Self.corpus + "/" + $0 }, timeout: 300)
        #expect(result.status == 0, "\(result.output)")
        for target in targets {
            let count = try FileManager.default.contentsOfDirectory(atPath: Self.corpus + "/" + target).filter { !$0.hasPrefix(".") }.count
            #expect(count > 0 && result.stdout.contains("\(target): \(count) inputs replayed"), "\(result.stdout)")
        }
    }
}
