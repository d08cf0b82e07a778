import Synchronization
import Testing

@testable import ParcServer

/// SQLite's one write turn (`AsyncLock`): check-in batches go before writes that queued earlier.
@Suite struct WriteTurnTests {
    @Test func urgentWaitersGoFirstThenTheOthersInOrder() async throws {
        let lock = AsyncLock()
        let order = Order()
        let (release, releasing) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await lock.withLock {
                order.add("holder")
                for await _ in release { break }
            }
        }
        func queue(_ name: String, urgent: Bool) async throws -> Task<Void, any Error> {
            let before = await lock.queued
            let task = Task { try await lock.withLock(urgent: urgent) { order.add(name) } }
            // Each waiter queued before the next is started, so that the order is the one written here.
            while await lock.queued == before { await Task.yield() }
            return task
        }
        while order.names.isEmpty { await Task.yield() }
        let report = try await queue("report", urgent: false)
        let secondReport = try await queue("second report", urgent: false)
        let checkIns = try await queue("check-ins", urgent: true)
        releasing.yield()
        for task in [holder, report, secondReport, checkIns] { try await task.value }
        #expect(order.names == ["holder", "check-ins", "report", "second report"])
    }
}

private final class Order: Sendable {
    private let state = Mutex<[String]>([])
    func add(_ name: String) { state.withLock { $0.append(name) } }
    var names: [String] { state.withLock { $0 } }
}
