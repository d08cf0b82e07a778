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

/// Runs a program to completion on a thread of its own; its standard output and error together.
public func runTool(_ path: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
    try await onOwnThread {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        (process.standardOutput, process.standardError) = (pipe, pipe)
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
