import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ParcDomain
import ParcProtocol
import ServiceLifecycle

/// How webhooks are delivered (`parc-server serve --webhook-…`).
public struct WebhookSettings: Sendable, Equatable {
    public var schedule: RetrySchedule = .standard
    /// One attempt's limit, from resolving the name to the last byte of the answer.
    public var timeout: Duration = .seconds(10)
    /// Non-public ranges that may still be called (a receiver on the provider's own network).
    public var allowed: [AddressRange] = []
    /// Attempts in flight at once on this server.
    public var workers = 16

    public init() {}

    /// The allow-list (`10.0.0.0/8,127.0.0.1`) and the retry schedule (`5s,5m,2h`) as typed.
    public mutating func read(allow: String?, retries: String?) throws(ValidationError) {
        var ranges: [AddressRange] = []
        for part in (allow ?? "").split(separator: ",") { ranges.append(try AddressRange(parsing: String(part.filter { $0 != " " }))) }
        allowed = ranges
        if let retries { schedule = try RetrySchedule(parsing: retries) }
    }

    /// How long a claim holds: past any attempt's end, so a live server's work is never taken
    /// over; a dead server's is taken over when it runs out.
    var lease: Duration { timeout * 2 + .seconds(10) }
}

/// Delivers the outbox: runs on every server instance; each delivery is claimed by one of them
/// (`Store.claimDeliveries`), sent (a webhook signed, an e-mail through the provider's relay), and
/// recorded as delivered, due again or failed.
public struct OutboxDeliveryService: Service {
    let store: Store
    let settings: WebhookSettings
    let logger: Logger
    /// Tells claims from this process apart from another's.
    let claimant = "\(getpid())/\(UInt64.random(in: 0...UInt64.max))"

    public init(store: Store, settings: WebhookSettings, logger: Logger) {
        self.store = store
        self.settings = settings
        self.logger = logger
    }

    public func run() async throws {
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: HTTPClient.Configuration(
                redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5)),
                connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: settings.workers)))
        // Shut down on every path: a client dropped running is a leak, and a trap in debug builds.
        let ended: Result<Void, any Error>
        do {
            try await cancelWhenGracefulShutdown {
                try await Migrator(store.database, logger: logger).waitForLatest()
                logger.debug("outbox delivery: \(settings.workers) workers")
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<settings.workers {
                        group.addTask { try await work(client) }
                    }
                    try await group.waitForAll()
                }
            }
            ended = .success(())
        } catch is CancellationError {
            ended = .success(())
        } catch {
            ended = .failure(error)
        }
        try? await client.shutdown()
        try ended.get()
    }

    /// One worker: claims a delivery, attempts it, records how it went; rests when none is due.
    private func work(_ client: HTTPClient) async throws {
        let guardian = WebhookAddressGuard(allowed: settings.allowed)
        let lease = settings.lease.components.seconds * 1_000
        while true {
            try Task.checkCancellation()
            let claimed: [ClaimedDelivery]
            do {
                claimed = try await store.claimDeliveries(limit: 1, claimant: claimant, now: Self.nowMilliseconds(), lease: lease)
            } catch {
                logger.error("outbox delivery: cannot claim", metadata: ["error": "\(error)"])
                try await Task.sleep(for: .seconds(1))
                continue
            }
            guard let delivery = claimed.first else {
                try await Task.sleep(for: .milliseconds(Int.random(in: 200...400)))
                continue
            }
            let outcome =
                delivery.channel == "email" ? await mail(delivery) : await attempt(delivery, client: client, guardian: guardian)
            if case .delivered = outcome {
            } else {
                logger.warning(
                    "\(delivery.channel) delivery failed",
                    metadata: ["parc.delivery_id": "\(delivery.id)", "parc.target": "\(delivery.target)", "outcome": "\(outcome)"])
            }
            do {
                try await store.recordDelivery(delivery, outcome, claimant: claimant, now: Self.nowMilliseconds(), schedule: settings.schedule)
            } catch {
                // The claim runs out and the delivery is attempted again: at least once.
                logger.error("outbox delivery: cannot record", metadata: ["parc.delivery_id": "\(delivery.id)", "error": "\(error)"])
            }
        }
    }

    /// Writes the e-mail (at the time of sending, so a digest holds what its day gathered) and
    /// hands it to the provider's relay; msmtp's reason when the relay refuses it.
    func mail(_ delivery: ClaimedDelivery) async -> DeliveryOutcome {
        do {
            guard let setup = try await store.mailSetup() else {
                return .failed(status: nil, error: "no mail relay is set: parcctl mail set")
            }
            let message = try await MailComposer(store: store).message(for: delivery, fromAddress: setup.relay.fromAddress, fromName: setup.fromName)
            try await setup.relay.send(message.rendered(), to: delivery.target)
            return .delivered(status: nil)
        } catch let failure as MailRelay.Failure {
            return .failed(status: nil, error: failure.description)
        } catch {
            return .failed(status: nil, error: "\(error)")
        }
    }

    func attempt(_ delivery: ClaimedDelivery, client: HTTPClient, guardian: WebhookAddressGuard) async -> DeliveryOutcome {
        let host: String
        do {
            host = try WebhookTargets.parse(delivery.target).host
        } catch {
            return .failed(status: nil, error: "invalid URL: \(error)")
        }
        if let refusal = await guardian.refusal(host: host) { return .failed(status: nil, error: "refused: \(refusal)") }
        let timestamp = Self.nowMilliseconds() / 1_000
        let body = Array(delivery.payload.utf8)
        var request = HTTPClientRequest(url: delivery.target)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "user-agent", value: "Parc/\(ParcVersion.current)")
        request.headers.add(name: "webhook-id", value: delivery.eventID)
        request.headers.add(name: "webhook-timestamp", value: String(timestamp))
        request.headers.add(
            name: "webhook-signature", value: WebhookSignature.header(id: delivery.eventID, timestamp: timestamp, body: body, secrets: delivery.secrets))
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await client.execute(request, timeout: .init(settings.timeout))
            _ = try? await response.body.collect(upTo: 64 * 1_024)
            let status = Int(response.status.code)
            if (200..<300).contains(status) { return .delivered(status: status) }
            if status == 410 { return .gone }
            return .failed(status: status, error: "the receiver answered \(status) \(response.status.reasonPhrase)")
        } catch {
            return .failed(status: nil, error: "\(error)")
        }
    }

    static func nowMilliseconds() -> Int64 { Int64(Date().timeIntervalSince1970 * 1_000) }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
