import Hummingbird
import HummingbirdCore
import HummingbirdTesting
import NIOCore
import NIOPosix
import ParcTestSupport
import Testing

@testable import ParcServer

/// The fast routes run on their connection's event loop; every other route, including one added
/// without a thought for placement, runs on threads of its own.
@Suite struct EventLoopExecutionTests {
    @Test func fastRoutesRunOnTheirLoopAndEveryOtherRouteOffIt() async throws {
        try await withDeadline(seconds: 60, waitingFor: "a live server answering six requests") {
            let router = Router()
            router.add(middleware: EventLoopPlacementMiddleware(onLoop: ["/check-in"]))
            router.get("check-in") { _, _ in Self.placement() }
            router.group("long").get("work") { _, _ in Self.placement() }
            try await Self.live(router) { client in
                for _ in 0..<3 {
                    let checkIn = try await client.execute(uri: "/check-in", method: .get)
                    #expect(String(buffer: checkIn.body) == "event loop")
                    let longWork = try await client.execute(uri: "/long/work", method: .get)
                    #expect(String(buffer: longWork.body) == "elsewhere")
                }
            }
        }
    }

    /// The real router as `parc-server` builds it: a new route group lands off the loops by default.
    @Test func aNewRouteGroupOfTheRealRouterRunsOffTheLoops() async throws {
        try await TestServer.with(.sqlite) { server in
            server.router.group("brand-new").get("route") { _, _ in Self.placement() }
            try await withDeadline(seconds: 60, waitingFor: "a live server answering two requests") {
                try await Self.live(server.router) { client in
                    let added = try await client.execute(uri: "/brand-new/route", method: .get)
                    #expect(String(buffer: added.body) == "elsewhere")
                    #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
                }
            }
        }
        #expect(fastRoutes == ["/healthz", "/ca.pem", "/agent/v1/checkin"])
    }

    static func live<Context: RequestContext>(
        _ router: Router<Context>, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws where Context.Source == ApplicationRequestContextSource {
        let app = Application(
            router: router,
            server: HTTPServerBuilder { responder in EventLoopBoundChannel(base: HTTP1Channel(responder: responder)) },
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live, body)
    }

    static func placement() -> String {
        MultiThreadedEventLoopGroup.currentEventLoop == nil ? "elsewhere" : "event loop"
    }
}
