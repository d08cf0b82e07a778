import Hummingbird
import HummingbirdCore
import HummingbirdTesting
import NIOCore
import NIOPosix
@testable import ParcServer
import Testing

/// A connection's requests run on its event loop; routes behind `LongWorkMiddleware` run on its own threads.
@Suite struct EventLoopExecutionTests {
    @Test func requestsRunOnTheirLoopAndLongWorkOffIt() async throws {
        let router = Router()
        router.get("check-in") { _, _ in Self.where_() }
        router.group("long").add(middleware: LongWorkMiddleware()).get("work") { _, _ in Self.where_() }
        let app = Application(
            router: router,
            server: HTTPServerBuilder { responder in EventLoopBoundChannel(base: HTTP1Channel(responder: responder)) },
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            for _ in 0..<3 {
                let checkIn = try await client.execute(uri: "/check-in", method: .get)
                #expect(String(buffer: checkIn.body) == "event loop")
                let longWork = try await client.execute(uri: "/long/work", method: .get)
                #expect(String(buffer: longWork.body) == "elsewhere")
            }
        }
    }

    static func where_() -> String {
        MultiThreadedEventLoopGroup.currentEventLoop == nil ? "elsewhere" : "event loop"
    }
}
