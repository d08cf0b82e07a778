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
    let process = Process()
    let logPath: String
    private(set) var port = 0

    /// `listen` is `127.0.0.1:0` (a free port) unless a restart must keep the port agents know.
    init(arguments: [String], listen: String = "127.0.0.1:0") async throws {
        let logPath = try TemporaryDirectory.make() + "/server.log"
        self.logPath = logPath
        FileManager.default.createFile(atPath: logPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: try Programs.path("parc-server"))
        process.arguments = ["serve", "--listen", listen] + arguments
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
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
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Reads the port from the line `parc-server ... listening on https://HOST:PORT ...`.
    static func listeningPort(in log: String) -> Int? {
        guard let range = log.range(of: "listening on https://") else { return nil }
        let rest = log[range.upperBound...]
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        return Int(rest[rest.index(after: colon)...].prefix { $0.isNumber })
    }

    /// Ends the server the hard way, as a crash or power cut would.
    func kill9() async throws {
        kill(process.processIdentifier, SIGKILL)
        try await exited(within: .seconds(30))
    }

    /// Sends SIGTERM and waits (bounded) for the exit status.
    func stop(timeout: Duration = .seconds(30)) async throws -> Int32 {
        kill(process.processIdentifier, SIGTERM)
        do {
            try await exited(within: timeout)
        } catch {
            kill(process.processIdentifier, SIGKILL)
            throw TestSupportError("parc-server did not stop within \(timeout) of SIGTERM")
        }
        return process.terminationStatus
    }

    /// Polls with `Task.sleep`: the wait holds none of Swift's cooperative threads.
    private func exited(within timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { throw TestSupportError("parc-server is still running after \(timeout)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        TemporaryDirectory.remove((logPath as NSString).deletingLastPathComponent)
    }
}
