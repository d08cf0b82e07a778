import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import Metrics
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import Synchronization

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
    ///
    /// `limits` bounds what connections may hold: at most `maximum` open at once (more are closed
    /// as they arrive, so descriptors never run out), a TLS handshake finished within
    /// `handshakeTimeout`, and no more than `idleTimeout` without a request.
    static func tlsOnEventLoops(_ tlsConfiguration: TLSConfiguration, limits: ConnectionLimits) -> HTTPServerBuilder {
        let gate = ConnectionGate(maximum: limits.maximum)
        let http = HTTP1Channel.Configuration(idleTimeout: TimeAmount(limits.idleTimeout))
        return HTTPServerBuilder { responder in
            EventLoopBoundChannel(
                base: try TLSChannel(HTTP1Channel(responder: responder, configuration: http), tlsConfiguration: tlsConfiguration),
                gate: gate, handshakeTimeout: TimeAmount(limits.handshakeTimeout))
        }
    }
}

/// What bounds the server's connections.
public struct ConnectionLimits: Sendable, Equatable {
    /// Connections open at once; one more is closed as soon as it is accepted.
    public var maximum: Int
    /// From accepting a connection to the end of its TLS handshake.
    public var handshakeTimeout: Duration
    /// Without a request in flight (the timer starts with the connection, so it bounds a handshake too).
    public var idleTimeout: Duration

    public init(maximum: Int = 10_000, handshakeTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(60)) {
        self.maximum = maximum
        self.handshakeTimeout = handshakeTimeout
        self.idleTimeout = idleTimeout
    }

    /// Descriptors kept for what is not a connection: the database, data files, WeasyPrint's pipes.
    public static let reservedDescriptors = 128

    /// `maximum`, lowered to fit under `descriptorLimit` with the reserve kept free.
    public func fitting(descriptorLimit: Int) -> ConnectionLimits {
        var fitted = self
        fitted.maximum = max(1, min(maximum, descriptorLimit - Self.reservedDescriptors))
        return fitted
    }
}

/// Counts open connections so that a flood is refused at the cap, not at the descriptor limit
/// (where the process dies trying to open a file).
final class ConnectionGate: Sendable {
    let maximum: Int
    private let open = Atomic<Int>(0)
    static let refused = Counter(label: "parc_connections_refused_total")

    init(maximum: Int) {
        self.maximum = maximum
    }

    /// Takes a place for a new connection; false when all are taken.
    func admit() -> Bool {
        if open.wrappingAdd(1, ordering: .relaxed).newValue <= maximum { return true }
        open.wrappingSubtract(1, ordering: .relaxed)
        Self.refused.increment()
        return false
    }

    func release() {
        open.wrappingSubtract(1, ordering: .relaxed)
    }
}

/// A child channel whose handling task prefers the channel's event loop as its executor, admitted
/// through the connection gate and held to a handshake deadline.
struct EventLoopBoundChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value
    let base: Base
    var gate: ConnectionGate?
    var handshakeTimeout: TimeAmount?

    struct Refused: Error {}

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        if let gate {
            guard gate.admit() else {
                logger.debug("connection refused: the server holds its maximum of \(gate.maximum)")
                channel.close(promise: nil)
                return channel.eventLoop.makeFailedFuture(Refused())
            }
            channel.closeFuture.whenComplete { _ in gate.release() }
        }
        return base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            if let handshakeTimeout, let tls = try? channel.pipeline.syncOperations.handler(type: NIOSSLServerHandler.self) {
                try channel.pipeline.syncOperations.addHandler(HandshakeDeadline(timeout: handshakeTimeout), position: .after(tls))
            }
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await withTaskExecutorPreference(EventLoopTaskExecutor(value.channel.eventLoop)) {
            await base.handle(value: value, logger: logger)
        }
    }
}

/// Closes a connection whose TLS handshake is not done in time; goes away once it is.
final class HandshakeDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    let timeout: TimeAmount
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent {
            deadline?.cancel()
            deadline = nil
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
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
