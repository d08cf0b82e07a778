import Foundation

/// The SMTP server, with a certificate of its own for 127.0.0.1 and one account.
public final class SMTPSink: Sendable {
    public static let user = "parc"
    public static let password = "s3cret pass"
    static let python = "/usr/bin/python3"
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/smtp_sink.py").path
    /// msmtp, openssl and aiosmtpd are all here.
    public static let available: Bool = {
        guard ["/usr/bin/msmtp", "/usr/local/bin/msmtp"].contains(where: FileManager.default.isExecutableFile),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"),
            let probe = try? runProgramBlocking(python, ["-c", "import aiosmtpd"], timeout: 30)
        else { return false }
        return probe.status == 0
    }()
    public static let why = "needs msmtp, openssl and python3-aiosmtpd (make test installs them)"

    public let program: BackgroundProgram
    public let directory: String
    public let port: Int
    public let certificate: String

    public init() async throws {
        directory = try TemporaryDirectory.make()
        certificate = directory + "/cert.pem"
        let made = try await runProgram(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", directory + "/key.pem", "-out", certificate, "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            ])
        guard made.status == 0 else { throw TestSupportError("openssl could not make the sink's certificate: \(made.stderr)") }
        try FileManager.default.createDirectory(atPath: directory + "/mail", withIntermediateDirectories: true)
        let portFile = directory + "/port"
        program = try BackgroundProgram(
            SMTPSink.python,
            [
                SMTPSink.script, portFile, directory + "/mail", "--user", SMTPSink.user, "--password", SMTPSink.password, "--cert", certificate, "--key",
                directory + "/key.pem",
            ], logPath: directory + "/sink.log")
        port = try await withDeadline(seconds: 30, waitingFor: "the SMTP server to listen") {
            while true {
                if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let port = Int(text) { return port }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// Each message received, as Python's email library read it.
    public var received: [[String: Any]] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory + "/mail")) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return names.compactMap { name in
            (try? Data(contentsOf: URL(fileURLWithPath: directory + "/mail/" + name))).flatMap {
                try? JSONSerialization.jsonObject(with: $0) as? [String: Any]
            }
        }
    }

    public func stop() async {
        // Nothing to flush: each message is renamed into place whole.
        _ = try? await program.stop(signal: SIGKILL)
        TemporaryDirectory.remove(directory)
    }
}
