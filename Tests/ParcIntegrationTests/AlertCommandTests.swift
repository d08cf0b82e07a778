import Foundation
import ParcClient
import ParcProtocol
import ParcTestSupport
import Testing

/// Alerts as staff meet them: the running server's own scan raises a warranty alert, `parcctl`
/// lists, shows and acknowledges it and sets the rules; bad input gets a message and a non-zero exit.
@Suite(.serialized) struct AlertCommandTests {
    @Test(arguments: TestBackend.available)
    func theServerRaisesAlertsAndStaffWorkThemWithParcctl(_ backend: TestBackend) async throws {
        try await AgentReportingTests.withSetup(backend, serverArguments: ["--alerts-every", "1s"]) { setup in
            let staff = setup.staff
            var pc = NewAsset(client: "ACME", kind: .computer, name: "pc-compta")
            pc.warrantyEnd = String(Date().addingTimeInterval(10 * 86_400).formatted(.iso8601).prefix(10))
            let asset = try await staff.createAsset(pc)
            let tech = try await staff.createStaff(NewStaffUser(email: "sam@p.example", name: "Sam Tech", role: .technician))
            let techToken = try await staff.createToken(NewAPIToken(label: "laptop", staffID: tech.id)).secret

            let (url, managerToken, fingerprint) = (setup.server.url, setup.managerToken, setup.fingerprint)
            @Sendable func ctl(_ arguments: [String], token: String? = nil) async throws -> ProgramResult {
                try await run("parcctl", arguments + ["--server", url, "--token", token ?? managerToken, "--ca", fingerprint])
            }
            @Sendable func ctlOK(_ arguments: [String], token: String? = nil) async throws -> String {
                let result = try await ctl(arguments, token: token)
                #expect(result.status == 0, "parcctl \(arguments.joined(separator: " ")): \(result.stderr)")
                return result.stdout
            }

            // The server's scheduler (every second here) raises it: nobody asked for a scan.
            let alert = try await withDeadline(seconds: 30, waitingFor: "the server's scan to raise the warranty alert") {
                while true {
                    let page = try CanonicalJSON.decode(
                        Page<Alert>.self, from: Data(try await ctlOK(["alert", "list", "--kind", "warranty-end", "--json"], token: techToken).utf8))
                    if let alert = page.items.first { return alert }
                    try await Task.sleep(for: .milliseconds(200))
                }
            }
            #expect(alert.object == "asset:\(asset.id)" && alert.threshold == 30 && alert.state == .open)
            let listed = try await ctlOK(["alert", "list", "--client", "ACME"], token: techToken)
            #expect(listed.contains("Warranty of pc-compta ends on \(pc.warrantyEnd ?? "")"))
            let shown = try await ctlOK(["alert", "show", String(alert.id)])
            #expect(shown.contains("warranty-end") && shown.contains("30 days") && shown.contains("open"))
            let acked = try await ctlOK(["alert", "ack", String(alert.id)], token: techToken)
            #expect(acked.contains("acknowledged by sam@p.example"))
            #expect(try await staff.alert(id: alert.id).state == .acknowledged)

            // Rules: the provider's, a client's override.
            let set = try await ctlOK(["alert", "rules", "set", "--kind", "warranty-end", "--lead-times", "5,0"])
            #expect(set.contains("warranty-end for the provider: on, 5,0 days"))
            _ = try await ctlOK(["alert", "rules", "set", "--client", "ACME", "--kind", "agent-silent", "--lead-times", "1,7", "--ticket"])
            let rules = try await ctlOK(["alert", "rules", "show", "--client", "ACME"], token: techToken)
            #expect(rules.contains("agent-silent") && rules.contains("1,7 days") && rules.contains("client"))
            // With 5 days as the first lead time, the 10-day-away warranty is no longer due: the live alert is resolved.
            _ = try await ctlOK(["alert", "scan"])
            let after = try await staff.alert(id: alert.id)
            #expect(after.state == .resolved)

            // Bad input: a message naming the problem, a non-zero exit.
            let cases: [([String], String)] = [
                (["alert", "rules", "set", "--kind", "warranty-end", "--lead-times", "7,x"], "whole numbers"),
                (["alert", "rules", "set", "--kind", "warranty-end", "--lead-times", "7,7"], "each lead time once"),
                (["alert", "rules", "set", "--kind", "uncovered-device", "--lead-times", "3"], "takes no lead times"),
                (["alert", "rules", "set", "--kind", "warranty-end"], "nothing to change"),
                (["alert", "rules", "set", "--kind", "warranty-end", "--reset"], "give --client"),
                (["alert", "list", "--kind", "warranty"], "warranty-end"),
                (["alert", "ack", "99999"], "99999"),
                (["alert", "list", "--client", "NOPE"], "NOPE"),
            ]
            for (arguments, message) in cases {
                let result = try await ctl(arguments)
                #expect(result.status != 0 && result.stderr.contains(message), "parcctl \(arguments.joined(separator: " ")): \(result.stderr)")
            }
            let forbidden = try await ctl(["alert", "scan"], token: techToken)
            #expect(forbidden.status != 0 && forbidden.stderr.contains("may not"))
        }
    }
}
