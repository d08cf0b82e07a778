import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOPosix
import NIOSSL

extension HTTPServerBuilder {
    /// HTTP/1.1 over TLS, each connection's requests handled on the event loop that reads its socket.
    ///
    /// Hummingbird runs a connection's handler as a task on Swift's global executor: every request
    /// then crosses threads between the loop that reads and writes the socket and the task that
    /// answers, a wake and a context switch each time. An agent checks in over a new connection, so
    /// that is paid per check-in; with the task preferring its channel's event loop (SE-0417) the
    /// crossings are gone, and default actors it calls run there too. Blocking database calls still
    /// run on the database's own threads; every route but the few fast ones moves off the loops
    /// (`EventLoopPlacementMiddleware`).
    static func tlsOnEventLoops(_ tlsConfiguration: TLSConfiguration) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            EventLoopBoundChannel(base: try TLSChannel(HTTP1Channel(responder: responder), tlsConfiguration: tlsConfiguration))
        }
    }
}

/// A child channel whose handling task prefers the channel's event loop as its executor.
struct EventLoopBoundChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value
    let base: Base

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await withTaskExecutorPreference(EventLoopTaskExecutor(value.channel.eventLoop)) {
            await base.handle(value: value, logger: logger)
        }
    }
}

/// One NIO event loop as a task executor: jobs run on the loop's thread, in order.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// Where each request runs: the routes named in `onLoop` (the fast, hot ones: check-in, health,
/// metrics) on the connection's event loop, every other route on threads of its own, off the loops,
/// so that the loops' other connections (handshakes, check-ins) are never held up behind long work
/// (a full report to decode and reconcile, password hashing, a billing run, a PDF, an export).
///
/// Off the loop is the default: a route added without thought lands there, and staying on the loop
/// is a choice written in one list. Not Swift's global executor for the rest: `parc-server` runs that
/// on the event loops too (`ParcServerCommand.main`).
struct EventLoopPlacementMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Exact request paths (`/agent/v1/checkin`) whose handlers stay on the event loop.
    let onLoop: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if onLoop.contains(request.uri.path) { return try await next(request, context) }
        return try await withTaskExecutorPreference(LongWorkExecutor.shared) { try await next(request, context) }
    }
}

/// A thread per core for long work; the kernel shares the cores between them and the event loops.
final class LongWorkExecutor: TaskExecutor {
    static let shared = LongWorkExecutor(threads: System.coreCount)
    private let threads: NIOThreadPool

    private init(threads count: Int) {
        threads = NIOThreadPool(numberOfThreads: count)
        threads.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        threads.submit { _ in job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
