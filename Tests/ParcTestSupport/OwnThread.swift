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

/// Runs a program to completion on a thread of its own, its standard output and error together
/// (through a file: nothing blocks when it writes a lot); killed, and an error, past `timeout`.
public func runTool(_ path: String, _ arguments: [String], timeout: TimeInterval = 120) async throws -> (status: Int32, output: String) {
    try await onOwnThread {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let output = directory + "/output"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        (process.standardOutput, process.standardError) = (file, file)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw TestSupportError("\(path) \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s")
        }
        return (process.terminationStatus, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }
}
