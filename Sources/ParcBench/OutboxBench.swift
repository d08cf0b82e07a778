import ArgumentParser
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import ParcDomain
import ParcProtocol
import ParcServer
import SQLKit
import Synchronization

/// Outbox delivery as the server runs it: `count` warranties moved to three days away, so a scan
/// resolves their alerts and raises new ones (one alert.resolved or alert.raised event each, all
/// for one provider-wide endpoint), then the delivery service sends them to a receiver on
/// loopback (Hummingbird, answering 204). The reference, in the same run, is the same number of
/// signed-size POSTs sent straight to that receiver by one HTTP client with as many in flight.
enum OutboxBench {
    struct Figures {
        var deliveries: Int
        var seconds: Double
        var referenceSeconds: Double
    }

    static func measure(_ store: Store, assets count: Int, today: CalendarDay, now: Int64) async throws -> Figures {
        let received = Counter()
        let router = Router()
        router.post("hook") { _, _ -> HTTPResponse.Status in
            received.value.add(1, ordering: .relaxed)
            return .noContent
        }
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var quiet = Logger(label: "parc-bench.receiver")
        quiet.logLevel = .critical  // its shutdown by cancellation logs an error
        let receiver = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { portContinuation.yield($0.localAddress?.port ?? 0) }, logger: quiet)
        let receiving = Task { try await receiver.runService(gracefulShutdownSignals: []) }
        defer { receiving.cancel() }
        var ports = portStream.makeAsyncIterator()
        guard let port = await ports.next(), port > 0 else { throw ValidationError("the receiver did not start") }
        let url = "http://127.0.0.1:\(port)/hook"

        _ = try await store.addWebhook(NewWebhookEndpoint(url: url))
        try await store.database.withConnection { db in
            try await db.raw(
                "UPDATE assets SET warranty_end = \(bind: today.adding(days: 3).description) WHERE id IN (SELECT id FROM assets ORDER BY id LIMIT \(bind: count))"
            ).run()
        }
        _ = try await store.scanAlerts(at: AlertClock(now: now), kinds: [.warrantyEnd])
        let deliveries = try await pending(store)
        guard deliveries > 0 else { throw ValidationError("the scan queued no webhook") }

        FileHandle.standardError.write(Data("outbox: \(deliveries) webhooks queued for the receiver on port \(port)\n".utf8))
        var settings = WebhookSettings()
        settings.allowed = [try AddressRange(parsing: "127.0.0.1")]
        var logger = Logger(label: "parc-bench.outbox")
        logger.logLevel = .error
        let service = OutboxDeliveryService(store: store, settings: settings, logger: logger)
        let start = ContinuousClock.now
        let delivering = Task { try await service.run() }
        while try await pending(store) > 0 {
            guard ContinuousClock.now - start < .seconds(600) else { throw ValidationError("deliveries still pending after 10 minutes") }
            if let stuck = try await store.outbox(status: .pending, ListQuery(limit: 1)).items.first, let error = stuck.lastError {
                throw ValidationError("a webhook failed: \(error)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        let seconds = (ContinuousClock.now - start).seconds
        delivering.cancel()
        _ = try? await delivering.value
        guard received.value.load(ordering: .relaxed) >= deliveries else {
            throw ValidationError("the receiver saw \(received.value.load(ordering: .relaxed)) of \(deliveries) webhooks")
        }
        let failed = try await store.outbox(status: .failed, ListQuery(limit: 1)).total
        guard failed == 0 else { throw ValidationError("\(failed) deliveries failed") }

        // The reference: the same POSTs straight from one client, as many at once as the service's workers.
        let body = try await store.database.withConnection { db in
            try await db.raw("SELECT payload FROM outbox_events ORDER BY id DESC LIMIT 1").first()?.decode(column: "payload", as: String.self) ?? "{}"
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let referenceStart = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            let next = Counter()
            for _ in 0..<settings.workers {
                group.addTask {
                    while next.value.add(1, ordering: .relaxed).oldValue < deliveries {
                        var request = HTTPClientRequest(url: url)
                        request.method = .POST
                        request.headers.add(name: "content-type", value: "application/json")
                        request.headers.add(name: "webhook-id", value: "evt_reference")
                        request.headers.add(name: "webhook-timestamp", value: String(now))
                        request.headers.add(name: "webhook-signature", value: "v1," + String(repeating: "A", count: 44))
                        request.body = .bytes(ByteBuffer(string: body))
                        let response = try await client.execute(request, timeout: .seconds(10))
                        _ = try await response.body.collect(upTo: 1 << 16)
                    }
                }
            }
            try await group.waitForAll()
        }
        let referenceSeconds = (ContinuousClock.now - referenceStart).seconds
        try await client.shutdown()
        return Figures(deliveries: deliveries, seconds: seconds, referenceSeconds: referenceSeconds)
    }

    static func pending(_ store: Store) async throws -> Int {
        try await store.outbox(status: .pending, ListQuery(limit: 1)).total
    }
}

final class Counter: Sendable {
    let value = Atomic<Int>(0)
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
