import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import ParcAgent
import ParcProtocol

/// The agent's HTTPS client: one request per connection, HTTP/1.1 over TLS 1.2+, trusting only
/// the Parc CA, presenting the agent's certificate once enrolled.
///
/// Plain SwiftNIO rather than AsyncHTTPClient: AsyncHTTPClient brings all of Foundation (and ICU)
/// into the agent's static binary, which would double the memory a mere `inventory` needs.
public struct AgentTransport: Sendable {
    let context: NIOSSLContext

    public struct Response: Sendable {
        public var status: Int
        public var body: [UInt8]
    }

    /// `caPEM` nil means: do not verify the server at all (only to fetch a CA that is then checked against a pin).
    public init(caPEM: String?, identity: (certificatePEM: String, keyPEM: String)?) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        if let caPEM {
            // Exactly one trusted CA: the pinned one (a bundle is refused, see `CAFingerprint`).
            tls.trustRoots = .certificates([try NIOSSLCertificate(bytes: try CAFingerprint.singleCertificateDER(inPEM: caPEM), format: .der)])
            tls.certificateVerification = .fullVerification
        } else {
            tls.certificateVerification = .none
        }
        if let identity {
            tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(identity.certificatePEM.utf8)).map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(identity.keyPEM.utf8), format: .pem))
        }
        context = try NIOSSLContext(configuration: tls)
    }

    public func request(_ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: [UInt8] = []) async throws -> Response {
        let target = try ServerURL(url)
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: target.path)
        head.headers.add(name: "Host", value: target.hostHeader)
        head.headers.add(name: "User-Agent", value: "parc-agent/\(AgentInfo.version)")
        head.headers.add(name: "Connection", value: "close")
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        if method != .GET { head.headers.add(name: "Content-Length", value: String(body.count)) }
        let context = self.context
        let channel: any Channel
        let collector = ResponseCollector()
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        // Certificates name IP addresses in SANs; SNI only carries DNS names.
                        let handler = try NIOSSLClientHandler(context: context, serverHostname: target.isIPAddress ? nil : target.host)
                        try channel.pipeline.syncOperations.addHandler(handler)
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(collector.attach(to: channel.eventLoop))
                    }
                }
                .connect(host: target.host, port: target.port).get()
        } catch {
            let text = "\(error)"
            let reason =
                text.contains("Connection refused")
                ? "connection refused; is parc-server running there?"
                : (text.contains("imeout") ? "timed out" : text)
            throw AgentError.unreachable("cannot connect to \(target.host):\(target.port): \(reason)")
        }
        do {
            channel.write(HTTPClientRequestPart.head(head), promise: nil)
            if !body.isEmpty { channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil) }
            channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
            let response = try await collector.response.get()
            try? await channel.close()
            return response
        } catch let error as NIOSSLError {
            try? await channel.close()
            throw AgentError.untrustedServer("TLS with \(target.host):\(target.port) failed: \(error)")
        } catch let error as AgentError {
            try? await channel.close()
            throw error
        } catch {
            try? await channel.close()
            throw AgentError.unreachable("request to \(url) failed: \(error)")
        }
    }
}

/// Gathers one response on the channel's event loop and completes a promise with it: no async
/// sequence between the socket and the caller, who waits once.
private final class ResponseCollector: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart
    // Set once in `attach`, then touched only on the channel's event loop.
    private var promise: EventLoopPromise<AgentTransport.Response>?
    private var status = 0
    private var received: [UInt8] = []
    private var responseFuture: EventLoopFuture<AgentTransport.Response>?

    var response: EventLoopFuture<AgentTransport.Response> { responseFuture! }

    func attach(to eventLoop: any EventLoop) -> ResponseCollector {
        let promise = eventLoop.makePromise(of: AgentTransport.Response.self)
        self.promise = promise
        responseFuture = promise.futureResult
        return self
    }

    private func finish(_ result: Result<AgentTransport.Response, any Error>) {
        guard let promise else { return }
        self.promise = nil
        promise.completeWith(result)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
        case .body(let buffer):
            guard received.count + buffer.readableBytes <= 64 << 20 else {
                finish(.failure(AgentError.unreachable("the server's answer is too large")))
                context.close(promise: nil)
                return
            }
            received.append(contentsOf: buffer.readableBytesView)
        case .end:
            finish(
                status == 0
                    ? .failure(AgentError.unreachable("the server closed the connection without answering"))
                    : .success(AgentTransport.Response(status: status, body: received)))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(.failure(error))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.failure(AgentError.unreachable("the server closed the connection without answering")))
        context.fireChannelInactive()
    }

    /// Also when the connection never came up: the pipeline is torn down all the same.
    func handlerRemoved(context: ChannelHandlerContext) {
        finish(.failure(AgentError.unreachable("the connection closed before an answer")))
    }
}

/// `https://host[:port][/path]`, with IPv6 hosts in brackets.
struct ServerURL {
    var host: String
    var port: Int
    var path: String
    var isIPAddress: Bool

    init(_ text: String) throws {
        guard text.hasPrefix("https://") else { throw AgentError.unreachable("the server URL must start with https:// (got \(text))") }
        var rest = Substring(text.dropFirst("https://".count))
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        path = slash == rest.endIndex ? "/" : String(rest[slash...])
        rest = rest[..<slash]
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            port = after.hasPrefix(":") ? Int(after.dropFirst()) ?? -1 : 443
            isIPAddress = true
        } else {
            let parts = rest.split(separator: ":", maxSplits: 1)
            host = parts.first.map(String.init) ?? ""
            port = parts.count == 2 ? Int(parts[1]) ?? -1 : 443
            isIPAddress = host.allSatisfy { $0.isNumber || $0 == "." }
        }
        guard !host.isEmpty, (1...65535).contains(port) else { throw AgentError.unreachable("cannot read host and port in \(text)") }
    }

    var hostHeader: String { (host.contains(":") ? "[\(host)]" : host) + (port == 443 ? "" : ":\(port)") }
}
