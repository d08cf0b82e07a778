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
/// blocking CI. The child gets no descriptor of this process beyond its three standard ones.
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
    let process = try ChildProcess(path, arguments, environment: environment, standardOutput: out, standardError: err)
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning {
        process.kill(SIGKILL)
        while process.isRunning { usleep(20_000) }
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
    public let process: ChildProcess
    public let logPath: String

    public init(_ path: String, _ arguments: [String], logPath: String, environment: [String: String] = [:], directory: String? = nil) throws {
        self.logPath = logPath
        process = try ChildProcess(path, arguments, environment: environment, standardOutput: logPath, standardError: logPath, directory: directory)
    }

    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
    public var isRunning: Bool { process.isRunning }

    /// Sends `signal`, then waits (polling with `Task.sleep`, off the cooperative threads' time) up to
    /// `timeout` for the exit; SIGKILL and an error past it. Answers the exit status.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, timeout: Duration = .seconds(30)) async throws -> Int32 {
        if process.isRunning { process.kill(signal) }
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.kill(SIGKILL)
                throw TestSupportError("\(process.name) did not stop within \(timeout) of signal \(signal)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { process.kill(SIGKILL) }
    }
}

/// A child process started with `posix_spawn` and watched with `waitpid`.
///
/// Not Foundation's `Process`: on Linux it learns of an exit when a socket it hands the child closes,
/// and that socket is created without close-on-exec. A program another thread starts at that moment
/// inherits it, and the first child then looks alive for as long as the second runs: CI saw
/// `parc-agent --help` "still running" after 60 s while a server started beside it. Here the child
/// keeps only its three standard descriptors (`addclosefrom_np`), and its exit is read from the kernel.
public final class ChildProcess: @unchecked Sendable {
    public let processIdentifier: pid_t
    public let arguments: [String]
    public let name: String
    private let lock = NSLock()
    private var status: Int32?

    /// Output paths are created or appended to (both may be the same file); input is `/dev/null`.
    public init(
        _ path: String, _ arguments: [String], environment: [String: String] = [:], standardOutput: String, standardError: String,
        directory: String? = nil
    ) throws {
        self.arguments = arguments
        name = URL(fileURLWithPath: path).lastPathComponent
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let flags = O_WRONLY | O_CREAT | O_APPEND
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, flags, 0o644)
        if standardError == standardOutput {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, standardError, flags, 0o644)
        }
        guard GNUSpawnActions.closeFrom(&actions, 3) == 0 else { throw TestSupportError("posix_spawn_file_actions_addclosefrom_np failed") }
        if let directory, GNUSpawnActions.changeDirectory(&actions, directory) != 0 {
            throw TestSupportError("posix_spawn_file_actions_addchdir_np failed for \(directory)")
        }
        // Default signal handling and an empty mask: nothing this process ignores or blocks passes on.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        sigfillset(&all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        // Its own process group, as Foundation's Process does: a terminal's ^C reaches the test runner only.
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0)=\($1)" }
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid = pid_t()
        let failure = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard failure == 0 else { throw TestSupportError("cannot start \(path): \(String(cString: strerror(failure)))") }
        processIdentifier = pid
    }

    /// Whether the child still runs; reaps it (once) when it has ended.
    public var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        guard status == nil else { return false }
        var raw: Int32 = 0
        let answer = waitpid(processIdentifier, &raw, WNOHANG)
        if answer == processIdentifier {
            status = raw
            return false
        }
        return answer == 0 || (answer == -1 && errno == EINTR)
    }

    /// The exit status, or the signal that ended it (as Foundation's `Process` answers); the child must have ended.
    public var terminationStatus: Int32 {
        lock.lock()
        defer { lock.unlock() }
        guard let status else { return -1 }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : signal
    }

    public func kill(_ signal: Int32) {
        lock.lock()
        defer { lock.unlock() }
        if status == nil { Foundation.kill(processIdentifier, signal) }
    }

    public func terminate() { kill(SIGTERM) }
}

/// glibc's (2.34 and later) spawn actions Swift's Glibc module leaves out: they are declared only
/// under `_GNU_SOURCE`.
private enum GNUSpawnActions {
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    static let closeFrom: CloseFrom = symbol("posix_spawn_file_actions_addclosefrom_np")
    static let changeDirectory: ChangeDirectory = symbol("posix_spawn_file_actions_addchdir_np")

    private static func symbol<F>(_ name: String) -> F {
        guard let address = dlsym(nil, name) else { fatalError("\(name) is missing: glibc 2.34 or later is needed") }
        return unsafeBitCast(address, to: F.self)
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
