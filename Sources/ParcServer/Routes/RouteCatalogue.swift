import Foundation
import HTTPTypes
import Hummingbird

/// Every route `buildRouter` registers, as `METHOD /path`: Hummingbird keeps its routes in a private
/// trie, so the router is built through `RecordingRoutes`, which writes each one down here. The scope
/// test walks this list and fails on a client-facing route it has no case for.
public final class RouteCatalogue: @unchecked Sendable {
    public struct Route: Hashable, Sendable, CustomStringConvertible {
        public var method: String
        public var path: String
        /// Staff routes (`/api/v1`) see the whole store; every other route is public or client-facing.
        public var isStaff: Bool { path.hasPrefix("/api/v1/") }
        public var description: String { "\(method) \(path)" }
    }

    private let lock = NSLock()
    private var recorded: [Route] = []

    public init() {}

    public var routes: [Route] {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    func record(_ method: HTTPRequest.Method, _ path: RouterPath) {
        lock.lock()
        recorded.append(Route(method: method.rawValue, path: "/" + path.description.split(separator: "/").joined(separator: "/")))
        lock.unlock()
    }
}

/// The router, with every route written down in a catalogue on its way in. Groups made from it pass
/// their routes up to it (`RouterGroup` forwards to its parent), so nothing added below escapes.
struct RecordingRoutes<Context: RequestContext>: RouterMethods {
    let router: Router<Context>
    let catalogue: RouteCatalogue

    @discardableResult func on<Responder: HTTPResponder>(_ path: RouterPath, method: HTTPRequest.Method, responder: Responder) -> Self
    where Responder.Context == Context {
        catalogue.record(method, path)
        router.on(path, method: method, responder: responder)
        return self
    }

    @discardableResult func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self {
        router.add(middleware: middleware)
        return self
    }
}
