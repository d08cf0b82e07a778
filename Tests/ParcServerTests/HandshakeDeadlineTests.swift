import NIOCore
import NIOEmbedded
import NIOTLS
import Testing

@testable import ParcServer

/// A connection that has not finished its TLS handshake in time is closed; one that has keeps
/// going past the deadline (its idle timeout is HTTP1Channel's).
@Suite struct HandshakeDeadlineTests {
    @Test func closesAConnectionStuckInItsHandshake() throws {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(handler: HandshakeDeadline(timeout: .seconds(10)), loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        loop.advanceTime(by: .seconds(9))
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
    }

    @Test func leavesAConnectionAloneOnceItsHandshakeIsDone() throws {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(handler: HandshakeDeadline(timeout: .seconds(10)), loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        channel.pipeline.fireUserInboundEventTriggered(TLSUserEvent.handshakeCompleted(negotiatedProtocol: nil))
        loop.advanceTime(by: .seconds(60))
        #expect(channel.isActive)
        #expect(throws: (any Error).self) { try channel.pipeline.syncOperations.handler(type: HandshakeDeadline.self) }
        _ = try channel.finish()
    }
}
