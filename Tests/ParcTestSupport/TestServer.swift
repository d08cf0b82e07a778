import Foundation
import Hummingbird
import Logging
import ParcServer
import Prometheus

/// A server as `parc-server serve` builds it, minus the network: an initialised data directory,
/// a migrated database on the chosen backend, the router, and the first manager's token.
/// `@unchecked`: the router is built once and only read afterwards.
public struct TestServer: @unchecked Sendable {
    public let store: Store
    public let router: Router<AppRequestContext>
    public let managerToken: String
    public let dataDirectory: String
    public let caFingerprint: String

    /// An application over the router, for `app.test(.router)`.
    public var application: some ApplicationProtocol { Application(router: router) }

    public static func with<R: Sendable>(_ backend: TestBackend, _ body: (TestServer) async throws -> R) async throws -> R {
        let scratch = try await ScratchDatabase.make(backend)
        let parent = try TemporaryDirectory.make()
        let directory = parent + "/data"
        let logger = TestLogger.make()
        let configuration = ServerConfiguration(dataDirectory: directory, database: scratch.url)
        var database: Database?
        do {
            let report = try await ServerSetup.initialise(configuration, logger: logger)
            guard let token = report.managerToken else { throw TestSupportError("initialise created no manager token") }
            let opened = try Database(scratch.url, logger: logger)
            database = opened
            let store = Store(opened)
            let router = buildRouter(store: store, pki: try ServerPKI(directory: DataDirectory(directory)), metrics: PrometheusCollectorRegistry())
            let server = TestServer(store: store, router: router, managerToken: token, dataDirectory: directory, caFingerprint: report.caFingerprint)
            let result = try await body(server)
            try await opened.shutdown()
            await scratch.remove()
            TemporaryDirectory.remove(parent)
            return result
        } catch {
            try? await database?.shutdown()
            await scratch.remove()
            TemporaryDirectory.remove(parent)
            throw error
        }
    }
}
