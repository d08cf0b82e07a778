import Foundation
import ParcClient
import ParcProtocol
import ParcServer
import ParcTestSupport
import Testing

/// Webhooks from the real server to a real receiver (Python's http.server, `Tests/Scripts/
/// webhook_receiver.py`), every request checked with the Standard Webhooks verifier from PyPI.
/// Events come from the server's own alert scans: assets whose warranty ends in three days.
@Suite(.serialized) struct WebhookDeliveryTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
        "Scripts/webhook_receiver.py"
    ).path
    static let why = "the Python tools with standardwebhooks are not installed: run 'make test', which installs them (make python-tools)"

    /// A receiver answering each webhook-id's requests with `answers` in turn (the last repeats).
    final class Receiver: Sendable {
        let program: BackgroundProgram
        let logPath: String
        let port: Int
        var url: String { "http://127.0.0.1:\(port)/hook" }

        init(answers: [Int] = [200], delayMilliseconds: Int = 0) async throws {
            let directory = try TemporaryDirectory.make()
            logPath = directory + "/requests.jsonl"
            FileManager.default.createFile(atPath: logPath, contents: nil)
            let portFile = directory + "/port"
            program = try BackgroundProgram(
                PythonTools.binDirectory! + "/python",
                [
                    WebhookDeliveryTests.script, "serve", portFile, logPath, "--answers", answers.map(String.init).joined(separator: ","), "--delay-ms",
                    String(delayMilliseconds),
                ], logPath: directory + "/receiver.log")
            port = try await withDeadline(seconds: 30, waitingFor: "the webhook receiver to listen") {
                while true {
                    if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let port = Int(text) { return port }
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
        }

        /// One line per request received.
        var requests: [[String: Any]] {
            ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }

        /// The webhook-ids answered with a 2xx, with how many times each was.
        var delivered: [String: Int] {
            var counts: [String: Int] = [:]
            for request in requests where ((request["status"] as? Int) ?? 0) / 100 == 2 {
                counts[((request["headers"] as? [String: String])?["webhook-id"]) ?? "", default: 0] += 1
            }
            return counts
        }

        func waitFor(_ what: String, seconds: Double = 60, _ condition: @escaping @Sendable (Receiver) -> Bool) async throws {
            try await withDeadline(seconds: seconds, waitingFor: what) {
                while !condition(self) { try await Task.sleep(for: .milliseconds(100)) }
            }
        }

        /// The verifier's reading of every request, with any of `secrets`.
        func verify(secrets: [String]) async throws -> Verification {
            let result = try await runProgram(PythonTools.binDirectory! + "/python", [WebhookDeliveryTests.script, "verify", logPath] + secrets, timeout: 60)
            #expect(result.status == 0, "\(result.output)")
            return try JSONDecoder().decode(Verification.self, from: Data(result.stdout.utf8))
        }

        func stop() async {
            _ = try? await program.stop(signal: SIGKILL)
            TemporaryDirectory.remove((logPath as NSString).deletingLastPathComponent)
        }
    }

    struct Verification: Decodable {
        struct Attempt: Decodable {
            var received: Double
            var status: Int
            var signatures: Int
        }
        var requests: Int
        var verified: Int
        var attempts: [String: [Attempt]]
    }

    static func ctl(_ setup: AgentReportingTests.Setup, _ arguments: [String]) async throws -> ProgramResult {
        try await run("parcctl", arguments + ["--server", setup.server.url, "--token", setup.managerToken, "--ca", setup.fingerprint])
    }

    static func ctlOK(_ setup: AgentReportingTests.Setup, _ arguments: [String]) async throws -> String {
        let result = try await ctl(setup, arguments)
        #expect(result.status == 0, "parcctl \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    /// `count` assets of ACME whose warranty ends in three days: one alert (and event) each at the next scan.
    static func expiringAssets(_ staff: StaffClient, count: Int, prefix: String) async throws {
        // New devices with no contract raise alerts of their own: not the ones these tests count.
        _ = try await staff.setAlertRule(AlertRuleUpdate(kind: .uncoveredDevice, enabled: false))
        let day = String(Date().addingTimeInterval(3 * 86_400).formatted(.iso8601).prefix(10))
        for index in 0..<count {
            var asset = NewAsset(client: "ACME", kind: .computer, name: "\(prefix)-\(index)")
            asset.warrantyEnd = day
            _ = try await staff.createAsset(asset)
        }
    }

    static func serverArguments(timeout: String = "2s") -> [String] {
        ["--alerts-every", "0", "--webhook-allow", "127.0.0.0/8", "--webhook-timeout", timeout]
    }

    @Test(.enabled(if: PythonTools.has("python"), Comment(rawValue: why)), arguments: TestBackend.available)
    func failedAttemptsAreRetriedOnScheduleWithOneIdAndSignaturesVerify(_ backend: TestBackend) async throws {
        let receiver = try await Receiver(answers: [500, 500, 500, 200])
        defer { Task { await receiver.stop() } }
        try await AgentReportingTests.withSetup(backend, serverArguments: Self.serverArguments() + ["--webhook-retries", "1s,3s,6s,60s"]) { setup in
            let added = try CanonicalJSON.decode(
                WebhookEndpointSecret.self,
                from: Data(try await Self.ctlOK(setup, ["webhook", "add", "--url", receiver.url, "--event", "alert.raised", "--json"]).utf8))
            #expect(added.secret.hasPrefix("whsec_") && added.endpoint.events == [.alertRaised] && added.endpoint.clientCode == nil)

            try await Self.expiringAssets(setup.staff, count: 1, prefix: "pc")
            #expect(try await setup.staff.scanAlerts().raised == 1)
            try await receiver.waitFor("four attempts", seconds: 40) { $0.requests.count >= 4 }
            // The fifth would come 60 s after the first; after a success none comes at all.
            try await Task.sleep(for: .seconds(3))
            let verification = try await receiver.verify(secrets: [added.secret])
            #expect(verification.requests == 4 && verification.verified == 4, "\(verification)")
            #expect(verification.attempts.count == 1, "one webhook-id for every attempt")
            let attempts = try #require(verification.attempts.values.first)
            #expect(attempts.map(\.status) == [500, 500, 500, 200])
            // Spaced as the schedule says: 1 s, 3 s and 6 s after the first attempt, never early
            // (the service polls every 150-300 ms; a loaded machine adds more).
            for (attempt, offset) in zip(attempts.dropFirst(), [1.0, 3.0, 6.0]) {
                let after = attempt.received - attempts[0].received
                #expect(after >= offset - 0.05 && after < offset + 2.5, "an attempt \(after) s after the first, due at \(offset) s")
            }
            let delivered = try CanonicalJSON.decode(
                Page<OutboxEntry>.self, from: Data(try await Self.ctlOK(setup, ["outbox", "list", "--status", "delivered", "--json"]).utf8))
            #expect(delivered.items.count == 1 && delivered.items.first?.attempts == 4 && delivered.items.first?.lastStatus == 200)
            #expect(delivered.items.first?.eventID == verification.attempts.keys.first)

            // A rotation: for a while each message carries two signatures, and either secret verifies it.
            let rotated = try CanonicalJSON.decode(
                WebhookEndpointSecret.self, from: Data(try await Self.ctlOK(setup, ["webhook", "rotate", String(added.endpoint.id), "--json"]).utf8))
            #expect(rotated.secret != added.secret && rotated.endpoint.previousSecretUntil != nil)
            try await Self.expiringAssets(setup.staff, count: 1, prefix: "laptop")
            _ = try await setup.staff.scanAlerts()
            try await receiver.waitFor("the message after the rotation", seconds: 40) { $0.delivered.count == 2 }
            let withOld = try await receiver.verify(secrets: [added.secret])
            let withNew = try await receiver.verify(secrets: [rotated.secret])
            #expect(withOld.verified == withOld.requests, "the old secret still verifies everything")
            #expect(withNew.verified == withNew.requests - 4, "the new secret verifies what was sent after the rotation")
            #expect(withNew.attempts.values.flatMap { $0 }.filter { $0.signatures == 2 }.count == withNew.requests - 4)
        }
    }

    @Test(.enabled(if: PythonTools.has("python"), Comment(rawValue: why)))
    func a410DisablesTheEndpointAndStaffReplayWhatFailed() async throws {
        let receiver = try await Receiver(answers: [410, 200])
        defer { Task { await receiver.stop() } }
        try await AgentReportingTests.withSetup(.sqlite, serverArguments: Self.serverArguments()) { setup in
            // Refused at `add` time, with the reason.
            let refusals: [([String], String)] = [
                (["webhook", "add", "--url", "http://10.20.30.40/hook"], "10.20.30.40, a private address"),
                (["webhook", "add", "--url", "http://169.254.169.254/latest"], "link-local"),
                (["webhook", "add", "--url", "ftp://example.com/"], "not http or https"),
                (["webhook", "add", "--url", "http://nothing.invalid/hook"], "does not resolve"),
                (["webhook", "add", "--url", "https://user:secret@example.com/"], "credentials"),
                (["webhook", "add", "--url", receiver.url, "--client", "NOPE"], "NOPE"),
                (["webhook", "add", "--url", receiver.url, "--event", "alert.exploded"], "alert.raised"),
                (["webhook", "rotate", "999"], "999"),
                (["outbox", "retry"], "--all-failed"),
                (["outbox", "retry", "12345"], "12345"),
                (["outbox", "list", "--status", "lost"], "pending"),
            ]
            for (arguments, message) in refusals {
                let result = try await Self.ctl(setup, arguments)
                #expect(result.status != 0 && result.stderr.contains(message), "parcctl \(arguments.joined(separator: " ")): \(result.stderr)")
            }

            let added = try await setup.staff.addWebhook(NewWebhookEndpoint(url: receiver.url, client: "ACME"))
            // One message: the receiver answers each webhook-id's first request with 410 (what else
            // waits for a disabled endpoint is cancelled: OutboxStoreTests).
            try await Self.expiringAssets(setup.staff, count: 1, prefix: "pc")
            #expect(try await setup.staff.scanAlerts().raised == 1)
            try await receiver.waitFor("the 410") { $0.requests.count >= 1 }
            let staff = setup.staff
            let disabled = try await withDeadline(seconds: 30, waitingFor: "the endpoint to be disabled") {
                while true {
                    let endpoint = try await staff.webhook(id: added.endpoint.id)
                    if !endpoint.enabled { return endpoint }
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            #expect(disabled.disabledReason?.contains("410 Gone") == true)
            let failed = try await setup.staff.outbox(status: .failed)
            let cancelled = try await setup.staff.outbox(status: .cancelled)
            #expect(failed.items.count == 1 && cancelled.items.isEmpty)
            #expect(failed.items.contains { $0.lastError?.contains("410 Gone") == true })
            let listed = try await Self.ctlOK(setup, ["outbox", "list", "--status", "failed"])
            #expect(listed.contains("410 Gone") && listed.contains("alert.raised"))
            let shown = try await Self.ctlOK(setup, ["webhook", "show", String(added.endpoint.id)])
            #expect(shown.contains("disabled: answered 410 Gone"))

            // Replaying needs the endpoint enabled; then every failed or cancelled one goes again.
            let early = try await Self.ctl(setup, ["outbox", "retry", "--all-failed"])
            #expect(early.status == 0 && early.stdout.contains("0 deliveries queued again"), "\(early.stdout) \(early.stderr)")
            let one = try #require(failed.items.first)
            let refused = try await Self.ctl(setup, ["outbox", "retry", String(one.id)])
            #expect(refused.status != 0 && refused.stderr.contains("enable it first"), "\(refused.stderr)")
            _ = try await Self.ctlOK(setup, ["webhook", "enable", String(added.endpoint.id)])
            let ids = (failed.items + cancelled.items).map { String($0.id) }
            #expect(try await Self.ctlOK(setup, ["outbox", "retry"] + ids).contains("1 delivery queued again"))
            try await receiver.waitFor("the alert delivered") { $0.delivered.count == 1 }
            let verification = try await receiver.verify(secrets: [added.secret])
            #expect(verification.verified == verification.requests)
        }
    }

    @Test(.enabled(if: PythonTools.has("python"), Comment(rawValue: why)))
    func killingTheServerMidDeliveryLosesNothing() async throws {
        let receiver = try await Receiver(delayMilliseconds: 300)
        defer { Task { await receiver.stop() } }
        try await AgentReportingTests.withSetup(.sqlite, serverArguments: Self.serverArguments(timeout: "1s")) { setup in
            var setup = setup
            _ = try await setup.staff.addWebhook(NewWebhookEndpoint(url: receiver.url))
            try await Self.expiringAssets(setup.staff, count: 150, prefix: "pc")
            #expect(try await setup.staff.scanAlerts().raised == 150)
            try await receiver.waitFor("some deliveries") { $0.requests.count >= 20 }
            try await setup.server.kill9()
            let before = receiver.delivered.count
            #expect(before < 150, "the kill came mid-delivery")

            // The same server again: what the dead one had claimed is taken over when its lease
            // (2 × 1 s + 10 s) runs out; the rest at once.
            setup.server = try await ServerProcess(
                arguments: ["--data-dir", setup.root + "/data", "--database", Self.databaseArgument(setup)] + Self.serverArguments(timeout: "1s"))
            try await receiver.waitFor("every message after the restart", seconds: 90) { $0.delivered.count == 150 }
            let duplicates = receiver.delivered.values.filter { $0 > 1 }.count
            #expect(duplicates <= 16, "at most the claims in flight at the kill are sent twice (\(duplicates))")
            let staff = try StaffClient(server: setup.server.url, token: setup.managerToken, caPEM: setup.caPEM)
            try await withDeadline(seconds: 30, waitingFor: "the outbox to record every delivery") {
                while try await staff.outbox(status: .delivered, limit: 1).total < 150 { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(try await staff.outbox(status: .pending, limit: 1).total == 0)
            await staff.shutdown()
        }
    }

    @Test(
        .enabled(if: PythonTools.has("python"), Comment(rawValue: why)),
        .enabled(if: TestBackend.postgresURL != nil, "two servers share one PostgreSQL: set PARC_TEST_POSTGRES_URL (make test starts one)"))
    func twoServersOnOnePostgreSQLDeliverEachMessageOnce() async throws {
        let receiver = try await Receiver(delayMilliseconds: 20)
        defer { Task { await receiver.stop() } }
        try await AgentReportingTests.withSetup(.postgres, serverArguments: Self.serverArguments()) { setup in
            let second = try await ServerProcess(
                arguments: ["--data-dir", setup.root + "/data", "--database", Self.databaseArgument(setup)] + Self.serverArguments())
            do {
                _ = try await setup.staff.addWebhook(NewWebhookEndpoint(url: receiver.url))
                try await Self.expiringAssets(setup.staff, count: 300, prefix: "pc")
                #expect(try await setup.staff.scanAlerts().raised == 300)
                try await receiver.waitFor("every message") { $0.delivered.count == 300 }
                try await Task.sleep(for: .seconds(1))
                #expect(receiver.requests.count == 300, "each message delivered exactly once: \(receiver.requests.count) requests")
                #expect(receiver.delivered.values.allSatisfy { $0 == 1 })
                _ = try? await second.stop()
            } catch {
                _ = try? await second.stop()
                throw error
            }
        }
    }

    static func databaseArgument(_ setup: AgentReportingTests.Setup) -> String {
        switch setup.scratch.url {
        case .sqlite: return "sqlite:\(setup.root)/parc.sqlite"
        case .postgres(let url): return url
        }
    }
}
