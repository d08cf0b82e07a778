import Foundation
import ParcTestSupport

/// The built executables, run as a user would: `PARC_BIN_DIR` (set by `make test`) or `.build/debug`.
enum Programs {
    static var binDirectory: String {
        if let dir = ProcessInfo.processInfo.environment["PARC_BIN_DIR"], !dir.isEmpty { return dir }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug").path
    }

    /// One of Parc's executables by name, or any program by absolute path.
    static func path(_ name: String) throws -> String {
        let path = name.hasPrefix("/") ? name : binDirectory + "/" + name
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TestSupportError("\(path) is missing: build the executables first ('swift build' or 'make test')")
        }
        return path
    }
}

/// One of Parc's executables by name (or any program by absolute path), run as `runProgram` runs it.
func run(_ program: String, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60) async throws -> ProgramResult {
    try await runProgram(try Programs.path(program), arguments, environment: environment, timeout: timeout)
}

/// A `parc-server serve` process on a free port of 127.0.0.1.
final class ServerProcess {
    private let program: BackgroundProgram
    var process: ChildProcess { program.process }
    var logPath: String { program.logPath }
    private(set) var port = 0

    /// `listen` is `127.0.0.1:0` (a free port) unless a restart must keep the port agents know.
    /// `launcher` runs the server through another program, e.g. `prlimit --nofile=300:300 --`.
    init(arguments: [String], listen: String = "127.0.0.1:0", launcher: [String] = []) async throws {
        let logPath = try TemporaryDirectory.make() + "/server.log"
        let server = try Programs.path("parc-server")
        let command = launcher + [server, "serve", "--listen", listen] + arguments
        program = try BackgroundProgram(command[0], Array(command.dropFirst()), logPath: logPath)
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let port = Self.listeningPort(in: self.log) {
                self.port = port
                return
            }
            guard process.isRunning else { throw TestSupportError("parc-server exited early:\n\(self.log)") }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.terminate()
        throw TestSupportError("parc-server did not start listening within 60 s:\n\(self.log)")
    }

    var url: String { "https://127.0.0.1:\(port)" }
    var log: String { program.log }

    /// Reads the port from the line `parc-server ... listening on https://HOST:PORT ...`.
    static func listeningPort(in log: String) -> Int? {
        guard let range = log.range(of: "listening on https://") else { return nil }
        let rest = log[range.upperBound...]
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        return Int(rest[rest.index(after: colon)...].prefix { $0.isNumber })
    }

    /// Ends the server the hard way, as a crash or power cut would.
    func kill9() async throws {
        try await program.stop(signal: SIGKILL)
    }

    /// Sends SIGTERM and waits (bounded) for the exit status.
    func stop(timeout: Duration = .seconds(30)) async throws -> Int32 {
        try await program.stop(signal: SIGTERM, timeout: timeout)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        TemporaryDirectory.remove((logPath as NSString).deletingLastPathComponent)
    }
}

/// The venv `make test` fills with the API checkers from PyPI (`make python-tools`).
enum PythonTools {
    static var binDirectory: String? {
        ProcessInfo.processInfo.environment["PARC_PYTHON_TOOLS"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func has(_ tool: String) -> Bool {
        binDirectory.map { FileManager.default.isExecutableFile(atPath: $0 + "/" + tool) } ?? false
    }
}

/// The Python that drives Chromium for the portal's browser tests (`make browser-tools`).
enum BrowserTools {
    static var python: String? {
        ProcessInfo.processInfo.environment["PARC_BROWSER_PYTHON"].flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
    }
    static var available: Bool { python != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") }
}
