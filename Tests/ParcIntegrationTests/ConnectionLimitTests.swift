import Foundation
import NIOHTTP1
import ParcAgentReporting
import ParcTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Idle sockets cannot take the server down: with 300 descriptors (as a default soft limit of
/// 1,024 once was), 400 plain TCP connections that never shake hands are refused past the cap or
/// closed at the handshake deadline, the server stays up, and an agent then checks in normally.
@Suite struct ConnectionLimitTests {
    @Test(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit"), "needs prlimit (Debian: util-linux) to lower the server's descriptor limit"))
    func moreIdleSocketsThanTheCapThenACheckIn() async throws {
        try await AgentReportingTests.withSetup(
            .sqlite, serverArguments: ["--handshake-timeout", "5s", "--idle-timeout", "8s"], launcher: ["/usr/bin/prlimit", "--nofile=300:300", "--"]
        ) { setup in
            #expect(setup.server.log.contains("at most 172 connections"), "\(setup.server.log)")
            let state = setup.root + "/agent"
            let token = try await setup.enrollmentToken()
            let enrolled = try await run(
                "parc-agent", ["enroll", "--server", setup.server.url, "--token", token, "--ca-fingerprint", setup.fingerprint, "--state-dir", state])
            #expect(enrolled.status == 0, "\(enrolled.stderr)")

            // 400 connections that send nothing, held open by this test.
            var sockets: [Int32] = []
            defer { for socket in sockets { close(socket) } }
            for _ in 0..<400 {
                let socket = try Self.connect(port: setup.server.port)
                sockets.append(socket)
            }
            // Those past the cap are refused as they are accepted, well before the 5 s handshake
            // deadline (polled: a loaded machine accepts slowly).
            let connected = ContinuousClock.now
            var closedAtOnce = 0
            while ContinuousClock.now - connected < .seconds(4) {
                closedAtOnce = sockets.filter(Self.closedByPeer).count
                if closedAtOnce >= 400 - 172 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(setup.server.process.isRunning, "the server died under 400 idle sockets:\n\(setup.server.log)")
            #expect(closedAtOnce >= 400 - 172, "\(closedAtOnce) of 400 refused before the handshake deadline")

            // The handshake deadline frees the rest; then an agent reports as usual.
            try await Task.sleep(until: connected + .seconds(6))
            #expect(sockets.allSatisfy(Self.closedByPeer), "idle sockets still open past the handshake deadline")
            let machine = try AgentReportingTests.laptopRoot(in: setup.root)
            let report = try await run("parc-agent", ["report", "--state-dir", state, "--root", machine])
            #expect(report.status == 0, "\(report.stderr)")
            #expect(setup.server.process.isRunning)
            let metrics = String(decoding: try await AgentTransport(caPEM: nil, identity: nil).request(.GET, setup.server.url + "/metrics").body, as: UTF8.self)
            let refused = metrics.split(separator: "\n").first { $0.hasPrefix("parc_connections_refused_total") }?.split(separator: " ").last.flatMap {
                Double($0)
            }
            #expect((refused ?? 0) >= Double(400 - 172), "\(refused ?? -1) refused in /metrics")
        }
    }

    static func connect(port: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw TestSupportError("socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw TestSupportError("connect to 127.0.0.1:\(port): errno \(errno)")
        }
        return descriptor
    }

    /// The server closed its end: a read that does not block answers end of file (or a reset).
    static func closedByPeer(_ descriptor: Int32) -> Bool {
        var byte: UInt8 = 0
        let count = recv(descriptor, &byte, 1, Int32(MSG_DONTWAIT))
        return count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
    }
}
