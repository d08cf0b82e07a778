import ParcAgent
import ParcProtocol

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `parc-agent run`: report, wait, repeat, until cancelled (SIGTERM).
///
/// After a success the next report waits the interval the server asked for, ± 10% jitter so that
/// machines started together do not report together. After a failure it backs off exponentially
/// (30 s, 1 min, 2 min... capped at the interval), with full jitter; reports meanwhile wait in the spool.
public struct AgentLoop: Sendable {
    public var reporter: Reporter
    public var collect: @Sendable () -> Inventory
    /// Used until the server says otherwise.
    public var defaultInterval: Int
    public var log: @Sendable (String) -> Void

    public init(reporter: Reporter, defaultInterval: Int, collect: @escaping @Sendable () -> Inventory, log: @escaping @Sendable (String) -> Void) {
        self.reporter = reporter
        self.defaultInterval = defaultInterval
        self.collect = collect
        self.log = log
    }

    /// Runs until the task is cancelled; returns normally then. Throws only when the agent cannot go on (revoked, not enrolled).
    public func run() async throws {
        var interval = defaultInterval
        var failures = 0
        while !Task.isCancelled {
            let delay: Double
            do {
                let outcome = try await reporter.report(collect())
                failures = 0
                interval = max(60, outcome.intervalSeconds)
                log(outcome.sent.isEmpty ? "check-in: nothing changed" : "report sent: \(outcome.sent.map(\.rawValue).joined(separator: ", "))")
                delay = Self.jittered(interval)
            } catch let spooled as Reporter.Spooled {
                for warning in spooled.warnings { log("warning: \(warning)") }
                failures += 1
                delay = Self.backoff(failures: failures, cap: interval)
                log("\(spooled); retrying in \(Int(delay)) s")
            } catch AgentError.refused(let status, let message) where status == 401 || status == 403 {
                log("the server refuses this agent (HTTP \(status)): \(message)")
                throw AgentError.refused(status: status, message: message)
            }
            do {
                try await Task.sleep(for: .seconds(delay))
            } catch {
                break
            }
        }
        log("stopping")
    }

    /// The interval ± 10%.
    public static func jittered(_ interval: Int) -> Double {
        Double(interval) * Double.random(in: 0.9...1.1)
    }

    /// 30 s × 2^(failures-1), capped, with full jitter (anywhere between half and all of it).
    public static func backoff(failures: Int, cap: Int) -> Double {
        let base = min(Double(cap), 30 * Double(1 << min(failures - 1, 20)))
        return base * Double.random(in: 0.5...1.0)
    }
}
