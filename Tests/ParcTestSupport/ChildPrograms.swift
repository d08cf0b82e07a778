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
/// (nothing blocks when it writes a lot), its input `/dev/null` (nothing waits for a keyboard);
/// killed, and an error naming it, past `timeout` (two minutes by default: at CI's load of ~45 on two
/// cores a short program was seen to take over one), so that a hang fails the test instead of
/// blocking CI. The output files are opened close-on-exec and closed here: no other test's child
/// inherits them, and none outlives the run.
public func runProgram(
    _ path: String, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 120
) async throws -> ProgramResult {
    try await onOwnThread { try runProgramBlocking(path, arguments, environment: environment, timeout: timeout) }
}

/// `runProgram` on the calling thread, for the few places that cannot wait asynchronously (a test
/// trait's condition): still bounded by `timeout`.
public func runProgramBlocking(
    _ path: String, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 120
) throws -> ProgramResult {
    let directory = try TemporaryDirectory.make()
    defer { TemporaryDirectory.remove(directory) }
    let out = directory + "/out"
    let err = directory + "/err"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let outHandle = try ChildOutput.open(out)
    let errHandle = try ChildOutput.open(err)
    process.standardOutput = outHandle
    process.standardError = errHandle
    process.standardInput = FileHandle.nullDevice
    do {
        try process.run()
    } catch {
        try? outHandle.close()
        try? errHandle.close()
        throw TestSupportError("cannot start \(path): \(error)")
    }
    // The child has its own copies now.
    try? outHandle.close()
    try? errHandle.close()
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

/// A program left running while a test works with it (a server, an agent's loop), its output in a
/// log file, stopped with a deadline by `stop`, and killed if the test forgets to.
public final class BackgroundProgram: @unchecked Sendable {
    public let process = Process()
    public let logPath: String

    public init(_ path: String, _ arguments: [String], logPath: String, environment: [String: String] = [:], directory: String? = nil) throws {
        self.logPath = logPath
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let log = try ChildOutput.open(logPath)
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        defer { try? log.close() }
        try process.run()
    }

    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
    public var isRunning: Bool { process.isRunning }

    /// Sends `signal`, then waits (polling with `Task.sleep`, off the cooperative threads' time) up to
    /// `timeout` for the exit; SIGKILL and an error past it. Answers the exit status.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, timeout: Duration = .seconds(30)) async throws -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                kill(process.processIdentifier, SIGKILL)
                throw TestSupportError("\(process.executableURL?.lastPathComponent ?? "program") did not stop within \(timeout) of signal \(signal)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// A file a child writes its output to: created or appended to, opened close-on-exec so that only
/// the child it is handed to gets it.
enum ChildOutput {
    static func open(_ path: String) throws -> FileHandle {
        let descriptor = Foundation.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw TestSupportError("cannot open \(path) for a child's output: errno \(errno)") }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}

/// Runs `body` and gives up on it after `seconds`, failing with what it was waiting for. The body
/// runs as a task of its own, so even one stuck where cancellation cannot reach does not hold the
/// test (or the suite) past its deadline.
public func withDeadline<R: Sendable>(
    seconds: Double, waitingFor what: String, _ body: @escaping @Sendable () async throws -> R
) async throws -> R {
    let outcome = FirstOutcome<R>()
    return try await withCheckedThrowingContinuation { continuation in
        outcome.waiting(continuation)
        let work = Task {
            do { outcome.finish(.success(try await body())) } catch { outcome.finish(.failure(error)) }
        }
        Task {
            try? await Task.sleep(for: .seconds(seconds))
            work.cancel()
            outcome.finish(.failure(TestSupportError("gave up after \(Int(seconds)) s waiting for \(what)")))
        }
    }
}

/// The first of two racing outcomes resumes the continuation; the second is dropped.
private final class FirstOutcome<R: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<R, any Error>?
    private var early: Result<R, any Error>?

    func waiting(_ continuation: CheckedContinuation<R, any Error>) {
        lock.lock()
        if let early {
            lock.unlock()
            continuation.resume(with: early)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    func finish(_ result: Result<R, any Error>) {
        lock.lock()
        guard let continuation else {
            if early == nil { early = result }
            lock.unlock()
            return
        }
        self.continuation = nil
        early = result
        lock.unlock()
        continuation.resume(with: result)
    }
}
