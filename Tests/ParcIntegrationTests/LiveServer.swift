import Foundation
import Hummingbird
import ParcAgentReporting
import ParcProtocol
import ParcServer
import ParcTestSupport
import Prometheus
import ServiceLifecycle

/// `parc-server serve` as its command builds it (HTTPS with client certificates, every route), run
/// in the test process on a free port, so that a test also sees the routes the router registers.
struct LiveServer: Sendable {
    let store: Store
    let url: String
    let caPEM: String
    let caFingerprint: String
    let root: String

    /// Every route the server registers, as `METHOD /path` (the router as `parc-server` builds it).
    func routes() throws -> [(route: String, isStaff: Bool)] {
        let router = buildRouter(store: store, pki: try ServerPKI(directory: DataDirectory(root + "/data")), metrics: PrometheusCollectorRegistry())
        return router.routes.map { ("\($0.method) \($0.path)", "\($0.path)".hasPrefix("/api/v1/")) }
    }

    /// An agent enrolled with the real enrollment code, and the single-use token it spent.
    struct EnrolledAgent: Sendable {
        let state: AgentState
        let agentID: String
        let tokenSecret: String
        let caPEM: String

        func transport() throws -> AgentTransport {
            try AgentTransport(caPEM: caPEM, identity: (try state.read(state.certificatePath), try state.read(state.keyPath)))
        }
    }

    func enroll(_ client: String, hostname: String, createdBy: Int64) async throws -> EnrolledAgent {
        let token = try await store.createEnrollmentToken(clientCode: client, maxUses: 1, expiresInHours: 1, label: nil, createdBy: createdBy)
        let state = AgentState(directory: root + "/agent-" + hostname)
        let identity = try await Enroller(server: url, token: token.secret, trust: .fingerprint(caFingerprint), state: state, hostname: hostname)
            .enroll(force: false)
        return EnrolledAgent(state: state, agentID: identity.agentID, tokenSecret: token.secret, caPEM: caPEM)
    }

    static func with(_ backend: TestBackend, _ body: @Sendable (LiveServer) async throws -> Void) async throws {
        let scratch = try await ScratchDatabase.make(backend)
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        var configuration = ServerConfiguration(dataDirectory: root + "/data", port: 0, database: scratch.url)
        configuration.maintenanceInterval = nil
        let logger = TestLogger.make()
        let report = try await ServerSetup.initialise(configuration, logger: logger)
        let (ports, listening) = AsyncStream<Int>.makeStream()
        let app = try await buildApplication(configuration: configuration, logger: logger) { port in
            listening.yield(port)
        }
        let services = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let running = Task { try await services.run() }
        let database = try Database(scratch.url, logger: logger)
        do {
            let port = try await withDeadline(seconds: 60, waitingFor: "the in-process server to listen") {
                for await port in ports { return port }
                throw TestSupportError("the in-process server stopped before it listened")
            }
            let live = LiveServer(
                store: Store(database), url: "https://127.0.0.1:\(port)", caPEM: try String(contentsOfFile: report.caCertificatePath, encoding: .utf8),
                caFingerprint: report.caFingerprint, root: root)
            try await body(live)
        } catch {
            await stop(services, running, database, scratch)
            throw error
        }
        await stop(services, running, database, scratch)
    }

    private static func stop(_ services: ServiceGroup, _ running: Task<Void, any Error>, _ database: Database, _ scratch: ScratchDatabase) async {
        await services.triggerGracefulShutdown()
        _ = try? await withDeadline(seconds: 30, waitingFor: "the in-process server to stop") { _ = await running.result }
        try? await database.shutdown()
        await scratch.remove()
    }
}
