import Foundation
import ParcProtocol
import ParcTestSupport
import Testing

/// A man in the middle who serves the real Parc CA followed by his own, with a server certificate
/// of his own: `parc-agent enroll` and `parcctl login`, given the real CA's fingerprint, refuse him
/// before they send the enrollment or staff token.
@Suite struct PinningTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "needs openssl (Debian: openssl) to play the man in the middle"))
    func aCABundleBehindThePinnedCertificateIsRefusedByAgentAndCtl() async throws {
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let initialised = try await run("parc-server", ["init", "--data-dir", root + "/data", "--json"])
        let report = try JSONDecoder().decode(ServerAndCtlTests.InitOutput.self, from: Data(initialised.stdout.utf8))

        // The attacker's CA and a server certificate it signed for 127.0.0.1.
        let web = root + "/www"
        try FileManager.default.createDirectory(atPath: web, withIntermediateDirectories: true)
        func openssl(_ arguments: [String]) async throws {
            let result = try await runProgram("/usr/bin/openssl", arguments)
            #expect(result.status == 0, "openssl \(arguments.joined(separator: " ")): \(result.stderr)")
        }
        try await openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", root + "/evil-ca.key",
            "-out", root + "/evil-ca.pem", "-subj", "/CN=Evil CA", "-days", "30",
        ])
        try await openssl([
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", root + "/evil.key",
            "-out", root + "/evil.csr", "-subj", "/CN=127.0.0.1",
        ])
        try "subjectAltName=IP:127.0.0.1\n".write(toFile: root + "/san.ext", atomically: true, encoding: .utf8)
        try await openssl([
            "x509", "-req", "-in", root + "/evil.csr", "-CA", root + "/evil-ca.pem", "-CAkey", root + "/evil-ca.key", "-CAcreateserial",
            "-out", root + "/evil.pem", "-days", "30", "-extfile", root + "/san.ext",
        ])
        let realCA = try String(contentsOfFile: report.caCertificatePath, encoding: .utf8)
        let bundle = realCA + (try String(contentsOfFile: root + "/evil-ca.pem", encoding: .utf8))
        try bundle.write(toFile: web + "/ca.pem", atomically: true, encoding: .utf8)

        // A port below Linux's ephemeral range (32768 and up), where no connection's own port and no
        // other test's listener (all on port 0) can be; another one if s_server cannot bind it.
        var server: BackgroundProgram?
        var url = ""
        var attempt: ProgramResult?
        defer { server.map { kill($0.process.processIdentifier, SIGKILL) } }
        for _ in 0..<150 {
            if server?.isRunning != true {
                let port = Int.random(in: 20_000..<32_000)
                server = try BackgroundProgram(
                    "/usr/bin/openssl",
                    ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", root + "/evil.pem", "-key", root + "/evil.key", "-WWW", "-quiet"],
                    logPath: root + "/s_server.log", directory: web)
                url = "https://127.0.0.1:\(port)"
            }
            // Both refuse with a sentence about the bundle, as soon as the server answers.
            let agent = try await run(
                "parc-agent",
                [
                    "enroll", "--server", url, "--token", "penr_secret", "--ca-fingerprint", report.caFingerprint, "--state-dir", root + "/agent",
                ])
            attempt = agent
            if !agent.stderr.contains("connect") && !agent.stderr.contains("refused") { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let agent = try #require(attempt)
        #expect(agent.status != 0)
        #expect(agent.stderr.contains("2 CA certificates") && agent.stderr.contains("refusing"), "\(agent.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root + "/agent/ca.pem"))

        let ctl = try await run(
            "parcctl", ["login", "--server", url, "--token", "parc_secret", "--ca-fingerprint", report.caFingerprint],
            environment: ["PARC_CONFIG": root + "/ctl.json"])
        #expect(ctl.status != 0)
        #expect(ctl.stderr.contains("2 CA certificates") && ctl.stderr.contains("refusing"), "\(ctl.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root + "/ctl.json"))
        _ = try await server?.stop(signal: SIGKILL)
    }
}
