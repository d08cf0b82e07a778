import CompressNIO
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOTLS
import ParcAgentReporting
import ParcProtocol
import SwiftASN1
import Synchronization
import X509

/// One simulated agent: its own key and certificate, and the requests it sends, encoded once.
struct SimulatedAgent: Sendable {
    let id: String
    let identity: (certificatePEM: String, keyPEM: String)
    let transport: AgentTransport
    let tls: NIOSSLContext
    let unchangedCheckIn: [UInt8]
    let fullReport: [UInt8]
    let inventory: Inventory
    let sectionHashes: [String: String]
    let software: CurrentSoftware

    static func enroll(server: String, caPEM: String, token: String, index: Int, inventory: Inventory) async throws -> SimulatedAgent {
        let key = P256.Signing.PrivateKey()
        let csr = try CertificateSigningRequest(
            version: .v1, subject: try DistinguishedName { CommonName("loadgen-\(index)") }, privateKey: .init(key),
            attributes: CertificateSigningRequest.Attributes(), signatureAlgorithm: .ecdsaWithSHA256)
        let request = EnrollmentRequest(token: token, csrPEM: try csr.serializeAsPEM().pemString, hostname: "loadgen-\(index)", agentVersion: "loadgen")
        let anonymous = try AgentTransport(caPEM: caPEM, identity: nil)
        let response = try await anonymous.request(
            .POST, server + "/agent/v1/enroll", headers: [("Content-Type", "application/json")], body: Array(try CanonicalJSON.encode(request)))
        guard response.status == 201 else { throw LoadError("enrollment failed: HTTP \(response.status) \(String(decoding: response.body, as: UTF8.self))") }
        let enrolled = try CanonicalJSON.decode(EnrollmentResponse.self, from: Data(response.body))
        let identity = (enrolled.certificatePEM, key.pemRepresentation)
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(caPEM.utf8)))
        tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(identity.0.utf8)).map { .certificate($0) }
        tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(identity.1.utf8), format: .pem))
        var mine = inventory
        mine.os?.hostname = "loadgen-\(index)"
        let hashes = try mine.sectionHashes()
        let checkIn = CheckIn(agentVersion: "loadgen", hostname: "loadgen-\(index)", sectionHashes: hashes)
        var full = ByteBuffer(bytes: try CanonicalJSON.encodeBytes(mine))
        let unchanged = try CanonicalJSON.encodeBytes(checkIn)
        return SimulatedAgent(
            id: enrolled.agentID, identity: identity, transport: try AgentTransport(caPEM: caPEM, identity: identity),
            tls: try NIOSSLContext(configuration: tls), unchangedCheckIn: unchanged,
            fullReport: Array(try full.compress(with: .gzip).readableBytesView), inventory: mine, sectionHashes: hashes,
            software: CurrentSoftware(checkIn: unchanged))
    }

    /// The check-in of this agent once its software is `variant`: its own hashes, the variant's for software.
    func changedCheckIn(_ variant: ChangedSoftware) throws -> [UInt8] {
        var hashes = sectionHashes
        hashes[InventorySection.software.rawValue] = variant.softwareHash
        return try CanonicalJSON.encodeBytes(CheckIn(agentVersion: "loadgen", hostname: inventory.os?.hostname ?? "", sectionHashes: hashes))
    }

    func fullReport(server: String) async throws -> Int {
        let response = try await transport.request(
            .POST, server + "/agent/v1/report", headers: [("Content-Type", "application/json"), ("Content-Encoding", "gzip")], body: fullReport)
        guard response.status == 201 else { throw LoadError("full report failed: HTTP \(response.status)") }
        return response.status
    }
}

/// A software section with one package upgraded, as a changed check-in announces it and its report
/// sends it. The software section is the same on every simulated agent, so the variants are made once
/// at start, as the full inventory is: encoding and compressing 1,500 packages for every changed
/// check-in cost the load generator 9 ms of the CPU it shares with the server, which real agents spend
/// on their own machines.
struct ChangedSoftware: Sendable {
    let softwareHash: String
    let report: [UInt8]

    static func variants(of inventory: Inventory, count: Int) throws -> [ChangedSoftware] {
        try (0..<count).map { serial in
            var changed = inventory
            if var packages = changed.software?.packages, !packages.isEmpty {
                packages[serial % packages.count].version = "1.0.\(serial)"
                changed.software = SoftwareSection(packages: packages)
            }
            let software = changed.keeping([.software])
            let hash = try software.sectionHashes()[InventorySection.software.rawValue] ?? ""
            var report = ByteBuffer(bytes: try CanonicalJSON.encodeBytes(software))
            return ChangedSoftware(softwareHash: hash, report: Array(try report.compress(with: .gzip).readableBytesView))
        }
    }
}

/// An agent's software as its check-ins announce it: its first inventory's, or the variant its last
/// changed report sent. Workers take the agents in turn, so they share it. (Without it, every
/// unchanged check-in after a changed one announced the old software, and the server asked for it.)
final class CurrentSoftware: Sendable {
    private let state: Mutex<(variant: Int?, checkIn: [UInt8])>

    init(checkIn: [UInt8]) { state = Mutex((nil, checkIn)) }

    var checkIn: [UInt8] { state.withLock { $0.checkIn } }
    var variant: Int? { state.withLock { $0.variant } }

    /// After a report was stored: `variant` nil for the first inventory's software.
    func reported(_ variant: Int?, checkIn: [UInt8]) { state.withLock { $0 = (variant, checkIn) } }
}

struct LoadError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs the timed load and collects latencies per kind of request.
struct Workload: Sendable {
    let server: String
    let agents: [SimulatedAgent]
    let mode: ParcLoadGen.Mode
    let changedFraction: Double
    let fullFraction: Double
    let caPEM: String
    let changedSoftware: [ChangedSoftware]

    enum Kind: String, CaseIterable, Sendable { case unchanged, changed, full, handshake }

    struct Results: Sendable {
        var latencies: [Kind: [Double]] = [:]
        var errors = 0
        var firstError: String?
        var seconds: Double = 0
        var serverCPUSeconds: Double?
        var loadgenCPUSeconds: Double?
        var serverPeakRSSMB: Double?
        /// With `--rounds`: the handshake rate of the rounds between, and the median of the rounds'
        /// ratios of unchanged check-ins to it.
        var pairedHandshakesPerSecond: Double?
        var ratioToHandshake: Double?
        /// CPU milliseconds per handshake in those rounds: where a check-in's extra cost goes.
        var pairedHandshakeCPUMs: (server: Double?, loadgen: Double?)?

        var requests: Int { latencies.values.reduce(0) { $0 + $1.count } }

        /// CPU milliseconds per request (handshake, check-in or report).
        func cpuMsPerRequest(_ seconds: Double?) -> Double? {
            guard let seconds, requests > 0 else { return nil }
            return seconds * 1000 / Double(requests)
        }

        mutating func merge(_ other: Results) {
            for (kind, values) in other.latencies { latencies[kind, default: []] += values }
            errors += other.errors
            firstError = firstError ?? other.firstError
        }

        func rate(_ kind: Kind) -> Double { Double(latencies[kind]?.count ?? 0) / max(seconds, 0.001) }

        func percentile(_ kind: Kind, _ fraction: Double) -> Double {
            let sorted = (latencies[kind] ?? []).sorted()
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))] * 1000
        }

        func json(mode: ParcLoadGen.Mode) -> String {
            var object: [String: Any] = [
                "mode": mode.rawValue, "errors": errors, "seconds": round(seconds * 100) / 100,
                "unchangedPerSecond": round(rate(.unchanged) * 10) / 10, "unchangedP50Ms": round(percentile(.unchanged, 0.5) * 100) / 100,
                "unchangedP99Ms": round(percentile(.unchanged, 0.99) * 100) / 100,
                "changedPerSecond": round(rate(.changed) * 10) / 10, "changedP99Ms": round(percentile(.changed, 0.99) * 100) / 100,
                "fullPerSecond": round(rate(.full) * 10) / 10, "fullP99Ms": round(percentile(.full, 0.99) * 100) / 100,
            ]
            if mode == .handshake {
                object["handshakesPerSecond"] = round(rate(.handshake) * 10) / 10
                object["handshakeP99Ms"] = round(percentile(.handshake, 0.99) * 100) / 100
            }
            if let pairedHandshakesPerSecond, let ratioToHandshake {
                object["handshakesPerSecond"] = round(pairedHandshakesPerSecond * 10) / 10
                object["ratioToHandshake"] = round(ratioToHandshake * 1000) / 1000
            }
            if let server = pairedHandshakeCPUMs?.server { object["handshakeServerCPUMsPerRequest"] = round(server * 1000) / 1000 }
            if let loadgen = pairedHandshakeCPUMs?.loadgen { object["handshakeLoadgenCPUMsPerRequest"] = round(loadgen * 1000) / 1000 }
            if let serverPeakRSSMB { object["serverPeakRSSMB"] = round(serverPeakRSSMB * 10) / 10 }
            if let server = cpuMsPerRequest(serverCPUSeconds) { object["serverCPUMsPerRequest"] = round(server * 1000) / 1000 }
            if let loadgen = cpuMsPerRequest(loadgenCPUSeconds) { object["loadgenCPUMsPerRequest"] = round(loadgen * 1000) / 1000 }
            if let firstError { object["firstError"] = firstError }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }

        func table(mode: ParcLoadGen.Mode) -> String {
            var lines = ["mode \(mode.rawValue), \(String(format: "%.1f", seconds)) s, \(errors) error(s)" + (firstError.map { " (first: \($0))" } ?? "")]
            lines.append("KIND        PER SECOND    P50 MS    P99 MS    COUNT")
            for kind in Kind.allCases where (latencies[kind]?.count ?? 0) > 0 {
                lines.append(
                    String(
                        format: "%-10@ %11.1f %9.2f %9.2f %8d", kind.rawValue as NSString, rate(kind), percentile(kind, 0.5), percentile(kind, 0.99),
                        latencies[kind]?.count ?? 0))
            }
            if let pairedHandshakesPerSecond, let ratioToHandshake {
                lines.append(
                    String(
                        format: "handshakes between rounds %.1f per second; unchanged/handshake %.0f%% (median of rounds)", pairedHandshakesPerSecond,
                        ratioToHandshake * 100))
            }
            if let serverPeakRSSMB { lines.append(String(format: "server peak RSS %.1f MB", serverPeakRSSMB)) }
            if let server = cpuMsPerRequest(serverCPUSeconds) { lines.append(String(format: "server CPU %.3f ms per request", server)) }
            if let loadgen = cpuMsPerRequest(loadgenCPUSeconds) { lines.append(String(format: "parc-loadgen CPU %.3f ms per request", loadgen)) }
            if let server = pairedHandshakeCPUMs?.server { lines.append(String(format: "server CPU %.3f ms per handshake between rounds", server)) }
            if let loadgen = pairedHandshakeCPUMs?.loadgen { lines.append(String(format: "parc-loadgen CPU %.3f ms per handshake between rounds", loadgen)) }
            return lines.joined(separator: "\n")
        }
    }

    func run(seconds: Int, concurrency: Int) async throws -> Results {
        let start = ContinuousClock.now
        let deadline = start + .seconds(seconds)
        var total = await withTaskGroup(of: Results.self) { group in
            for worker in 0..<concurrency {
                group.addTask { await self.worker(worker, of: concurrency, deadline: deadline) }
            }
            var merged = Results()
            for await result in group { merged.merge(result) }
            return merged
        }
        let elapsed = ContinuousClock.now - start
        total.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return total
    }

    /// Worker `index` of `workers`: with a new connection per request, the workers take the agents in
    /// turn, so that every agent reports (its rows, its pages); a kept connection stays one agent's.
    func worker(_ index: Int, of workers: Int, deadline: ContinuousClock.Instant) async -> Results {
        var results = Results()
        var connection: KeepAliveConnection?
        var turn = 0
        while ContinuousClock.now < deadline {
            let agent = agents[(index + (mode == .reuse ? 0 : turn * workers)) % agents.count]
            turn += 1
            let roll = Double.random(in: 0..<1)
            let kind: Kind = mode == .handshake ? .handshake : (roll < fullFraction ? .full : (roll < fullFraction + changedFraction ? .changed : .unchanged))
            // One key per collected inventory, on its check-in and its report, as `Reporter` sends them.
            let key = kind == .handshake ? "" : Reporter.newReportKey()
            let started = ContinuousClock.now
            do {
                switch (mode, kind) {
                case (.handshake, _):
                    try await Handshake.run(server: server, context: agent.tls)
                case (_, .unchanged):
                    try await send(agent, "/agent/v1/checkin", agent.software.checkIn, key: key, gzip: false, expect: 200, connection: &connection)
                case (_, .changed):
                    // Another variant than the one the server has: it asks for the software, and gets it.
                    let next = ((agent.software.variant ?? -1) + 1) % changedSoftware.count
                    let checkIn = try agent.changedCheckIn(changedSoftware[next])
                    try await send(agent, "/agent/v1/checkin", checkIn, key: key, gzip: false, expect: 200, connection: &connection)
                    try await send(agent, "/agent/v1/report", changedSoftware[next].report, key: key, gzip: true, expect: 201, connection: &connection)
                    agent.software.reported(next, checkIn: checkIn)
                case (_, .full):
                    try await send(agent, "/agent/v1/report", agent.fullReport, key: key, gzip: true, expect: 201, connection: &connection)
                    agent.software.reported(nil, checkIn: agent.unchangedCheckIn)
                default:
                    break
                }
                let elapsed = ContinuousClock.now - started
                results.latencies[kind, default: []].append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            } catch {
                results.errors += 1
                results.firstError = results.firstError ?? "\(error)"
                connection = nil
            }
        }
        await connection?.close()
        return results
    }

    func send(_ agent: SimulatedAgent, _ path: String, _ body: [UInt8], key: String, gzip: Bool, expect: Int, connection: inout KeepAliveConnection?)
        async throws
    {
        var headers = [("Content-Type", "application/json"), ("Parc-Report-Key", key)]
        if gzip { headers.append(("Content-Encoding", "gzip")) }
        let status: Int
        if mode == .reuse {
            if connection == nil { connection = try await KeepAliveConnection.open(server: server, context: agent.tls) }
            guard let open = connection else { return }
            status = try await open.request(path: path, headers: headers, body: body)
        } else {
            status = try await agent.transport.request(.POST, server + path, headers: headers, body: body).status
        }
        guard status == expect else { throw LoadError("\(path) answered HTTP \(status)") }
    }
}

/// Host and port of `https://host:port`.
func hostAndPort(_ server: String) -> (String, Int) {
    let rest = server.dropFirst("https://".count).split(separator: "/").first ?? ""
    let parts = rest.split(separator: ":")
    return (String(parts.first ?? "127.0.0.1"), parts.count > 1 ? Int(parts[1]) ?? 443 : 443)
}

/// A TLS connection kept open for many requests (HTTP/1.1 keep-alive).
final class KeepAliveConnection: @unchecked Sendable {
    // Used by one worker task at a time.
    let channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>
    var inbound: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>
    let host: String

    init(channel: NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>, host: String) throws {
        self.channel = channel
        self.host = host
        // Hand-rolled rather than executeThenClose: the connection outlives any one call.
        self.inbound = channel.inbound.makeAsyncIterator()
        self.outbound = channel.outbound
    }

    static func open(server: String, context: NIOSSLContext) async throws -> KeepAliveConnection {
        let (host, port) = hostAndPort(server)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: nil))
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return try KeepAliveConnection(channel: channel, host: host)
    }

    func request(path: String, headers: [(String, String)], body: [UInt8]) async throws -> Int {
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path)
        head.headers.add(name: "Host", value: host)
        head.headers.add(name: "Content-Length", value: String(body.count))
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        try await outbound.write(.head(head))
        try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: body))))
        try await outbound.write(.end(nil))
        var status = 0
        while let part = try await inbound.next() {
            switch part {
            case .head(let response): status = Int(response.status.code)
            case .body: break
            case .end: return status
            }
        }
        throw LoadError("the server closed the connection")
    }

    func close() async {
        outbound.finish()
        try? await channel.channel.close()
    }
}

/// A mutual-TLS handshake and nothing else.
enum Handshake {
    final class Waiter: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        let promise: EventLoopPromise<Void>
        // Only touched on the channel's event loop; a promise may be completed once.
        var done = false
        init(promise: EventLoopPromise<Void>) { self.promise = promise }

        func finish(_ result: Result<Void, any Error>) {
            guard !done else { return }
            done = true
            promise.completeWith(result)
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if case .handshakeCompleted = event as? TLSUserEvent { finish(.success(())) }
            context.fireUserInboundEventTriggered(event)
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            finish(.failure(error))
            context.close(promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            finish(.failure(LoadError("connection closed during the handshake")))
            context.fireChannelInactive()
        }
    }

    static func run(server: String, context: NIOSSLContext) async throws {
        let (host, port) = hostAndPort(server)
        let group = MultiThreadedEventLoopGroup.singleton
        let loop = group.next()
        let done = loop.makePromise(of: Void.self)
        let channel = try await ClientBootstrap(group: loop)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: nil))
                    try channel.pipeline.syncOperations.addHandler(Waiter(promise: done))
                }
            }
            .connect(host: host, port: port).get()
        do {
            try await done.futureResult.get()
        } catch {
            try? await channel.close()
            throw error
        }
        try? await channel.close()
    }
}

extension Workload {
    /// A full inventory of realistic size: the shape of a desktop with about 1,500 packages.
    static func fullInventory() -> Inventory {
        var inventory = Inventory(agentVersion: "loadgen", collectedAt: Date())
        var system = SystemSection(source: "smbios")
        system.manufacturer = "LENOVO"
        system.product = "20L8S07A14"
        system.serial = "PC131TBF"
        inventory.system = system
        var os = OperatingSystemSection()
        os.prettyName = "Debian GNU/Linux 12 (bookworm)"
        os.kernelRelease = "6.1.0-18-amd64"
        inventory.os = os
        var cpu = CPUSection()
        cpu.model = "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz"
        cpu.threads = 8
        inventory.cpu = cpu
        var memory = MemorySection()
        memory.totalBytes = 16 << 30
        inventory.memory = memory
        inventory.software = SoftwareSection(
            packages: (0..<1500).map { index in
                var package = SoftwarePackage(name: "package-\(index)", version: "1.\(index % 17).\(index % 5)-\(index % 3)+deb12u1", manager: "dpkg")
                package.architecture = index % 9 == 0 ? "all" : "amd64"
                package.maintainer = "Debian Maintainers <maintainers-\(index % 40)@lists.debian.org>"
                package.installedSizeKiB = Int64(100 + index * 7 % 9000)
                package.section = ["libs", "utils", "admin", "net", "python"][index % 5]
                package.summary = "Synthetic package number \(index) standing in for a real one"
                return package
            })
        return inventory
    }
}
