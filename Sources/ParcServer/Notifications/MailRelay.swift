import Foundation
import ParcDomain

/// The provider's SMTP relay, reached through Debian's `msmtp` run as a subprocess: a maintained
/// SMTP client (STARTTLS, TLS, AUTH, certificate checks) instead of one written here.
struct MailRelay: Sendable, Equatable {
    var host: String
    var port: Int
    var security: MailSecurity
    var username: String?
    var password: String?
    var fromAddress: String
    /// A CA file to check the relay's certificate against instead of the system's (a relay
    /// with a private CA; the tests' own).
    var caFile: String?

    /// Why the relay is not usable, said so a person can fix it; `detail` is msmtp's own words.
    struct Failure: Error, CustomStringConvertible, Equatable {
        var description: String
    }

    static let msmtpPaths = ["/usr/bin/msmtp", "/usr/local/bin/msmtp"]

    /// Checks the relay answers and speaks the security asked for (`msmtp --serverinfo`): what
    /// `parcctl mail set` can know before any mail is sent. Credentials are only tried by sending.
    func check(timeout: Duration = .seconds(30)) async throws(Failure) {
        _ = try await run(arguments: ["--serverinfo"], input: nil, timeout: timeout)
    }

    /// Hands `message` to the relay for `recipient`.
    func send(_ message: Data, to recipient: String, timeout: Duration = .seconds(60)) async throws(Failure) {
        _ = try await run(arguments: ["--", recipient], input: message, timeout: timeout)
    }

    /// msmtp's configuration: written to a private file for one run, since a password must not
    /// appear on a command line other users can read.
    var configuration: String {
        var lines = [
            "account parc", "host \(host)", "port \(port)", "from \(fromAddress)", "timeout 30", "syslog off",
            "tls \(security == .none ? "off" : "on")", "tls_starttls \(security == .starttls ? "on" : "off")",
        ]
        if security != .none { lines.append("tls_trust_file \(caFile ?? "system")") }
        if let username, !username.isEmpty {
            lines += ["auth on", "user \(username)", "password \(password ?? "")"]
        } else {
            lines.append("auth off")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func run(arguments: [String], input: Data?, timeout: Duration) async throws(Failure) -> String {
        guard let msmtp = Self.msmtpPaths.first(where: FileManager.default.isExecutableFile) else {
            throw Failure(description: "sending mail needs msmtp on the server (apt install msmtp)")
        }
        do {
            return try await Self.runMsmtp(msmtp, configuration: configuration, arguments: arguments, input: input, timeout: timeout)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "cannot run msmtp: \(error)")
        }
    }

    private static func runMsmtp(_ path: String, configuration: String, arguments: [String], input: Data?, timeout: Duration) async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parc-mail-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configPath = directory + "/msmtprc"
        // msmtp refuses a configuration holding a password that others may read.
        guard FileManager.default.createFile(atPath: configPath, contents: Data(configuration.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Failure(description: "cannot write msmtp's configuration in \(directory)")
        }
        let inputPath = directory + "/message"
        _ = FileManager.default.createFile(atPath: inputPath, contents: input ?? Data(), attributes: [.posixPermissions: 0o600])
        let outputPath = directory + "/output"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        guard let inputFile = FileHandle(forReadingAtPath: inputPath), let outputFile = FileHandle(forWritingAtPath: outputPath) else {
            throw Failure(description: "cannot open msmtp's files in \(directory)")
        }
        defer {
            try? inputFile.close()
            try? outputFile.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-C", configPath, "-a", "parc"] + arguments
        process.standardInput = inputFile
        // Files, not pipes: nobody reads a pipe until msmtp ends, and a chatty run would stall.
        process.standardOutput = outputFile
        process.standardError = outputFile
        let ended = AsyncStream<Void>.makeStream()
        process.terminationHandler = { _ in ended.continuation.finish() }
        try process.run()
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            process.terminate()
        }
        for await _ in ended.stream {}
        watchdog.cancel()
        let output = ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            if process.terminationReason == .uncaughtSignal { throw Failure(description: "the relay did not answer within \(timeout)") }
            throw Failure(description: Self.reason(output, status: process.terminationStatus))
        }
        return output
    }

    /// msmtp's message, without its program-name prefixes, in one line.
    static func reason(_ output: String, status: Int32) -> String {
        let lines = output.split(separator: "\n").map { line in
            line.hasPrefix("msmtp: ") ? String(line.dropFirst(7)) : String(line)
        }.filter { !$0.isEmpty && !$0.hasPrefix("could not send mail (account") }
        let text = lines.joined(separator: "; ")
        return text.isEmpty ? "msmtp failed (exit status \(status))" : String(text.prefix(500))
    }
}
