import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ParcProtocol
import Prometheus
import ServiceLifecycle

/// Builds the Parc server: HTTPS on one port, the staff API, health and metrics, the database pool
/// as a service. The data directory must be initialised (`ServerSetup.initialise`).
///
/// `metrics` is the registry `/metrics` exposes; the executable bootstraps swift-metrics with it.
/// `onServerRunning` receives the bound port (useful with port 0).
public func buildApplication(
    configuration: ServerConfiguration,
    logger: Logger,
    metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let pki = try ServerPKI(directory: DataDirectory(configuration.dataDirectory))
    let database = try Database(configuration.database, logger: logger)
    let store = Store(database)
    let router = buildRouter(store: store, pki: pki, metrics: metrics, webhooks: configuration.webhooks)

    var app = Application(
        router: router,
        server: .tlsOnEventLoops(try tlsConfiguration(pki), limits: configuration.connections),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "parc-server"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
    app.addServices(database)
    if let interval = configuration.maintenanceInterval {
        app.addServices(ScheduledJob.maintenance(store: store, interval: interval, logger: logger))
    }
    if let interval = configuration.billingInterval {
        app.addServices(ScheduledJob.billing(store: store, interval: interval, logger: logger))
    }
    if let interval = configuration.alertInterval {
        app.addServices(ScheduledJob.alerts(store: store, kinds: Set(AlertKind.allCases), name: "alert scan", interval: interval, logger: logger))
        app.addServices(
            ScheduledJob.alerts(
                store: store, kinds: [.slaDueSoon, .slaBreached], name: "SLA alert scan", interval: configuration.slaAlertInterval, logger: logger))
    }
    if configuration.deliversOutbox {
        app.addServices(OutboxDeliveryService(store: store, settings: configuration.webhooks, logger: logger))
        app.addServices(ScheduledJob.digests(store: store, interval: .seconds(60), logger: logger))
    }
    app.beforeServerStarts {
        try await Migrator(database, logger: logger).migrate()
    }
    return app
}

/// The only routes handled on the connection's event loop (see `tlsOnEventLoops`): short, hot, and
/// never blocking. Every other route runs off the loops (`EventLoopPlacementMiddleware`).
let fastRoutes: Set<String> = ["/healthz", "/ca.pem", "/agent/v1/checkin"]

/// The routes, without the network: tests drive this directly with `app.test(.router)`.
/// `reportInterval` is the check-in interval the server asks agents to keep, in seconds.
public func buildRouter(
    store: Store, pki: ServerPKI, metrics: PrometheusCollectorRegistry, reportInterval: Int = 3600, webhooks: WebhookSettings = WebhookSettings()
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: LogRequestsMiddleware(.debug, redactHeaders: [.authorization, .cookie]))
    router.add(middleware: RequestMetricsMiddleware())
    router.add(middleware: EventLoopPlacementMiddleware(onLoop: fastRoutes))

    router.get("healthz") { _, _ in
        do {
            try await store.database.ping()
            return try JSONResponse.make(Health(status: "ok", version: ParcVersion.current, database: store.database.flavor.rawValue))
        } catch {
            return try JSONResponse.make(
                Health(status: "database unavailable", version: ParcVersion.current, database: store.database.flavor.rawValue),
                status: .serviceUnavailable)
        }
    }
    router.get("metrics") { _, _ in
        let text = MetricsExposition.text(registry: metrics.emitToBuffer(), gauges: try await store.operationalGauges())
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
    // Public on purpose: clients fetch it, then check it against the fingerprint they were given.
    router.get("ca.pem") { _, _ in
        Response(
            status: .ok, headers: [.contentType: "application/x-pem-file"],
            body: .init(byteBuffer: ByteBuffer(string: pki.caCertificatePEM)))
    }

    EnrollmentController(store: store, pki: pki).addRoutes(to: router.group())
    let agentRoutes = router.group("agent/v1").add(middleware: AgentAuthenticator(store: store))
    ReportController(pki: pki, reportInterval: reportInterval).addRoutes(to: agentRoutes)
    GLPIIntakeController(store: store, reportInterval: reportInterval, admission: IntakeAdmission()).addRoutes(to: router)

    let api = router.group("api/v1").add(middleware: StaffAuthenticator(store: store))
    StaffController(store: store).addRoutes(to: api)
    DirectoryController(store: store).addRoutes(to: api)
    AgentAdminController(store: store, authority: pki.authority).addRoutes(to: api)
    AssetController(store: store).addRoutes(to: api)
    LicenceController(store: store).addRoutes(to: api)
    TicketController(store: store).addRoutes(to: api)
    ServiceLevelController(store: store).addRoutes(to: api)
    ContractController(store: store).addRoutes(to: api)
    BillingController(store: store).addRoutes(to: api)
    PortalUserController(store: store).addRoutes(to: api)
    AlertController(store: store).addRoutes(to: api)
    NotificationController(store: store, guardian: WebhookAddressGuard(allowed: webhooks.allowed)).addRoutes(to: api)
    PortalController(store: store).addRoutes(to: router)
    PortalAPIController(store: store).addRoutes(to: router)
    return router
}

/// TLS with the server's certificate. Client certificates are optional at the TLS layer: staff use
/// tokens, agents present certificates signed by the Parc CA, and a certificate from another CA
/// fails the handshake.
func tlsConfiguration(_ pki: ServerPKI) throws -> TLSConfiguration {
    let serverCertificate = try NIOSSLCertificate(bytes: Array(pki.serverCertificatePEM.utf8), format: .pem)
    let caCertificate = try NIOSSLCertificate(bytes: Array(pki.caCertificatePEM.utf8), format: .pem)
    let key = try NIOSSLPrivateKey(bytes: Array(pki.serverKeyPEM.utf8), format: .pem)
    var tls = TLSConfiguration.makeServerConfiguration(certificateChain: [.certificate(serverCertificate)], privateKey: .privateKey(key))
    tls.minimumTLSVersion = .tlsv12
    // TLS 1.2 with forward secrecy and AEAD only (the server key is P-256): no CBC-SHA1 suites.
    // TLS 1.3 suites are always AEAD and not affected by this list.
    tls.cipherSuites = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305"
    tls.certificateVerification = .optionalVerification
    tls.trustRoots = .certificates([caCertificate])
    return tls
}
