import Foundation
import ParcTestSupport
import Testing

/// `server/openapi.yaml` checked by tools Parc did not write: openapi-spec-validator reads the
/// document, schemathesis sends a few hundred generated requests to the real server and checks that
/// none answers 5xx and every status is one the document declares.
@Suite struct APIConformanceTests {
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("server/openapi.yaml").path

    @Test(.enabled(if: PythonTools.has("python"), "openapi-spec-validator is not installed: run 'make test', which installs it (make python-tools)"))
    func theDocumentIsValidOpenAPI() async throws {
        let script =
            "from openapi_spec_validator import validate\nfrom openapi_spec_validator.readers import read_from_filename\n"
            + "validate(read_from_filename('\(Self.document)')[0])\nprint('valid')"
        let result = try await runProgram(PythonTools.binDirectory! + "/python", ["-c", script], timeout: 120)
        #expect(result.status == 0 && result.stdout.contains("valid"), "\(result.output)")
    }

    @Test(.enabled(if: PythonTools.has("schemathesis"), "schemathesis is not installed: run 'make test', which installs it (make python-tools)"))
    func generatedRequestsGetNoServerErrorAndOnlyDocumentedStatuses() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            // Token and staff routes are left out: a generated request could revoke the token it runs with.
            let result = try await runProgram(
                PythonTools.binDirectory! + "/schemathesis",
                [
                    "run", Self.document, "--url", setup.server.url, "-H", "Authorization: Bearer \(setup.managerToken)", "--tls-verify", "false",
                    "--checks", "not_a_server_error,status_code_conformance", "-n", "4", "--phases", "examples,fuzzing", "--seed", "20261204",
                    "--exclude-path-regex", "^/api/v1/(tokens|staff)/",
                ], environment: ["SCHEMATHESIS_HOOKS": "", "NO_COLOR": "1"], timeout: 600)
            #expect(result.status == 0, "\(result.output.suffix(4000))")
            // "N generated, N passed": a few hundred requests, every one passing both checks.
            let counts = result.stdout.split(separator: "\n").first { $0.contains(" generated, ") }?.split(separator: " ").compactMap { Int($0) } ?? []
            #expect(counts.count == 2 && counts[0] >= 200 && counts[0] == counts[1], "\(result.stdout.suffix(2000))")
        }
    }
}
