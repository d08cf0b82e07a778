import Foundation
import ParcTestSupport
import Testing

/// TLS 1.2 with AEAD suites only: openssl's client cannot agree on a CBC-SHA1 suite with the server.
@Suite struct TLSSuiteTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "needs openssl (Debian: openssl)"))
    func noCBCSHA1SuitesOverTLS12() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            func handshake(_ cipher: String) async throws -> ProgramResult {
                try await runProgram(
                    "/usr/bin/openssl", ["s_client", "-connect", "127.0.0.1:\(setup.server.port)", "-tls1_2", "-cipher", cipher, "-brief"], timeout: 30)
            }
            for cipher in ["ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA"] {
                let refused = try await handshake(cipher)
                #expect(refused.status != 0, "\(cipher) was accepted: \(refused.output)")
            }
            let accepted = try await handshake("ECDHE-ECDSA-AES128-GCM-SHA256")
            #expect(accepted.status == 0 && accepted.output.contains("ECDHE-ECDSA-AES128-GCM-SHA256"), "\(accepted.output)")
        }
    }
}
