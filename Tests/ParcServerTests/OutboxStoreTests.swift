import Foundation
import ParcDomain
import ParcProtocol
import ParcTestSupport
import Testing

@testable import ParcServer

/// The outbox against the real database, on both backends: events reach the endpoints of their
/// client and the provider's only; claims never overlap and are taken over when their lease ends;
/// outcomes follow the retry schedule; a 410 disables the endpoint and cancels what waited for it.
@Suite struct OutboxStoreTests {
    /// Today at the current time: what the scan queues is due at once (a fixed hour of the day
    /// would queue it in the future when the tests run before that hour).
    static func clock(_ day: CalendarDay) -> AlertClock { AlertClock(today: day, now: Int64(Date().timeIntervalSince1970)) }

    @Test(arguments: TestBackend.available)
    func eventsReachTheirClientsEndpointsAndClaimsNeverOverlap(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let estate = try await ReconciliationStoreTests.Estate.make(database)
            let store = estate.store
            let provider = try await store.addWebhook(NewWebhookEndpoint(url: "http://127.0.0.1:9/all"))
            let acme = try await store.addWebhook(NewWebhookEndpoint(url: "http://127.0.0.1:9/acme", client: "ACME"))
            let other = try await store.addWebhook(NewWebhookEndpoint(url: "http://127.0.0.1:9/other", client: "OTHER", events: [.alertResolved]))
            #expect(provider.secret != acme.secret && provider.secret.hasPrefix("whsec_"))

            let today = CalendarDay(todayUTC()) ?? CalendarDay(number: 0)
            for (client, count) in [("ACME", 30), ("OTHER", 20)] {
                for index in 0..<count {
                    var new = NewAsset(client: client, kind: .computer, name: "\(client)-\(index)")
                    new.warrantyEnd = today.adding(days: 3).description
                    _ = try await store.createAsset(new, by: "test")
                }
            }
            #expect(try await store.scanAlerts(at: Self.clock(today), kinds: [.warrantyEnd]).raised == 50)
            let pending = try await store.outbox(status: .pending, ListQuery(limit: 500)).items
            // The provider's endpoint gets all 50; ACME's its 30; OTHER's wants only resolutions.
            #expect(pending.filter { $0.target.hasSuffix("/all") }.count == 50)
            #expect(pending.filter { $0.target.hasSuffix("/acme") }.count == 30)
            #expect(pending.filter { $0.target.hasSuffix("/acme") }.allSatisfy { $0.clientCode == "ACME" })
            #expect(!pending.contains { $0.target.hasSuffix("/other") })
            #expect(Set(pending.map(\.eventID)).count == 50 && pending.allSatisfy { $0.eventID.hasPrefix("evt_") })

            // Eight claimers at once: every delivery claimed exactly once.
            let now = Int64(Date().timeIntervalSince1970 * 1_000)
            let claims = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for claimer in 0..<8 {
                    group.addTask {
                        var mine: [Int64] = []
                        while true {
                            let batch = try await store.claimDeliveries(limit: 3, claimant: "c\(claimer)", now: now, lease: 60_000)
                            if batch.isEmpty { return mine }
                            mine += batch.map(\.id)
                        }
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0 += $1 }
            }
            #expect(claims.count == 80 && Set(claims).count == 80, "\(claims.count)")
            // Nothing is due again until the lease ends; then all of it is.
            #expect(try await store.claimDeliveries(limit: 100, claimant: "late", now: now + 59_000, lease: 60_000).isEmpty)
            let takenOver = try await store.claimDeliveries(limit: 100, claimant: "late", now: now + 60_000, lease: 60_000)
            #expect(takenOver.count == 80)

            // Outcomes: a success; failures due again by the schedule, then failed for good; a 410.
            let schedule = try RetrySchedule(parsing: "1s,5s")
            let at = now + 60_000
            try await store.recordDelivery(takenOver[0], .delivered(status: 204), claimant: "late", now: at, schedule: schedule)
            // A claimant that lost its claim records nothing.
            try await store.recordDelivery(takenOver[1], .delivered(status: 200), claimant: "c0", now: at, schedule: schedule)
            var failing = takenOver[1]
            try await store.recordDelivery(failing, .failed(status: 503, error: "the receiver answered 503"), claimant: "late", now: at, schedule: schedule)
            #expect(try await store.claimDeliveries(limit: 100, claimant: "late", now: at + 999, lease: 60_000).isEmpty)
            failing = try #require(try await store.claimDeliveries(limit: 100, claimant: "late", now: at + 1_000, lease: 60_000).first)
            #expect(failing.id == takenOver[1].id && failing.attempts == 1 && failing.firstAttemptAt == at)
            try await store.recordDelivery(failing, .failed(status: nil, error: "connection refused"), claimant: "late", now: at + 1_000, schedule: schedule)
            failing = try #require(try await store.claimDeliveries(limit: 100, claimant: "late", now: at + 5_000, lease: 60_000).first)
            try await store.recordDelivery(
                failing, .failed(status: 500, error: "the receiver answered 500"), claimant: "late", now: at + 5_000, schedule: schedule)
            let failed = try await store.outbox(status: .failed).items
            #expect(failed.count == 1 && failed[0].attempts == 3 && failed[0].lastError == "the receiver answered 500 (retries spent)")
            let delivered = try await store.outbox(status: .delivered).items
            #expect(delivered.count == 1 && delivered[0].lastStatus == 204 && delivered[0].attempts == 1)

            let gone = try #require(takenOver.first { $0.endpointID == provider.endpoint.id && $0.id != takenOver[0].id && $0.id != takenOver[1].id })
            try await store.recordDelivery(gone, .gone, claimant: "late", now: at, schedule: schedule)
            let disabled = try await store.webhook(id: provider.endpoint.id)
            #expect(!disabled.enabled && disabled.disabledReason?.hasPrefix("answered 410 Gone") == true)
            let cancelled = try await store.outbox(status: .cancelled, ListQuery(limit: 500)).items
            #expect(!cancelled.isEmpty && cancelled.allSatisfy { $0.target.hasSuffix("/all") })
            #expect(try await store.outbox(status: .pending, ListQuery(limit: 500)).items.allSatisfy { $0.target.hasSuffix("/acme") })

            // Replays: refused while the endpoint is disabled; fresh schedule once enabled.
            await #expect(throws: StoreError.self) { try await store.retryDeliveries(OutboxRetryRequest(ids: [cancelled[0].id])) }
            await #expect(throws: StoreError.self) { try await store.retryDeliveries(OutboxRetryRequest(ids: [delivered[0].id])) }
            await #expect(throws: StoreError.self) { try await store.retryDeliveries(OutboxRetryRequest(ids: [1], allFailed: true)) }
            _ = try await store.setWebhookEnabled(id: provider.endpoint.id, true)
            #expect(try await store.retryDeliveries(OutboxRetryRequest(ids: cancelled.map(\.id))).requeued == cancelled.count)
            let requeued = try await store.outbox(status: .pending, ListQuery(limit: 500)).items.filter { $0.target.hasSuffix("/all") }
            #expect(requeued.count == cancelled.count && requeued.allSatisfy { $0.attempts == 0 && $0.lastError == nil })

            // Removing an endpoint cancels what waited for it and keeps the history.
            try await store.removeWebhook(id: acme.endpoint.id)
            let acmeHistory = try await store.outbox(status: nil, ListQuery(limit: 500)).items.filter { $0.target.hasSuffix("/acme") }
            #expect(acmeHistory.count == 30 && !acmeHistory.contains { $0.status == .pending })
            #expect(acmeHistory.filter { $0.status == .cancelled }.allSatisfy { $0.lastError == "endpoint removed" })
            _ = other
        }
    }
}
