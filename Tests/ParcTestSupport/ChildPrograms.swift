import Foundation

/// Runs blocking work (waiting for a child process, draining its pipe) on a thread of its own.
///
/// Swift's cooperative pool has one thread per core, two on the CI machine. Tests that wait for a
/// program there hold a thread each; two of them stall the async work of every other test, until a
/// test with a time limit fails for want of a thread (the store suite's concurrent check-ins on
/// PostgreSQL, under a minute alone, went past its limit that way).
public func onOwnThread<R: Sendable>(_ work: @escaping @Sendable () throws -> R) async throws -> R {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

public struct ProgramResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// Both, as a terminal would show them (standard output first).
    public var output: String { stdout + stderr }
}

/// Runs the program at `path` to completion on a thread of its own, its output through files
/// (nothing blocks when it writes a lot); killed, and an error, past `timeout`, so that a hang
/// fails the test instead of blocking CI.
public func runProgram(
    _ path: String, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60
) async throws -> ProgramResult {
    try await onOwnThread {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let out = directory + "/out", err = directory + "/err"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw TestSupportError("\(path) \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s")
        }
        return ProgramResult(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }
}
