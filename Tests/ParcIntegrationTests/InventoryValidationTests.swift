import Foundation
import NIOHTTP1
import ParcAgentReporting
import ParcProtocol
import ParcServer
import ParcTestSupport
import Testing

/// What the inventory schema refuses, the report route refuses (400 naming the field), and what it
/// allows is stored: every example in `protocol/examples`, and the cases an attacker found.
@Suite(.serialized) struct InventoryValidationTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("protocol/examples").path

    @Test func theRealRouteRefusesWhatTheSchemaRefuses() async throws {
        try await LiveServer.with(.sqlite) { live in
            let boss = try await live.store.createStaff(NewStaffUser(email: "boss@p.example", name: "Boss", role: .manager))
            _ = try await live.store.createClient(NewClient(code: "ACME", name: "ACME"))
            let agent = try await live.enroll("ACME", hostname: "pc-1", createdBy: boss.id)
            let transport = try agent.transport()
            func post(_ body: [UInt8]) async throws -> AgentTransport.Response {
                try await transport.request(.POST, live.url + "/agent/v1/report", headers: [("Content-Type", "application/json")], body: body)
            }

            let invalid = try FileManager.default.contentsOfDirectory(atPath: Self.examples + "/invalid/inventory").filter { $0.hasSuffix(".json") }.sorted()
            #expect(invalid.count == 6)
            for name in invalid {
                let answer = try await post(Array(try Data(contentsOf: URL(fileURLWithPath: Self.examples + "/invalid/inventory/" + name))))
                #expect(answer.status == 400, "\(name) was accepted: \(answer.status) \(String(decoding: answer.body, as: UTF8.self))")
            }

            // Cases found by hand, each with the field the answer must name.
            let valid = try String(contentsOfFile: Self.examples + "/inventory/laptop-thinkpad-t480.json", encoding: .utf8)
            let cases: [(String, String, String)] = [
                ("\"manager\": \"dpkg\"", "\"manager\": \"rpm\"", "software.packages.manager"),
                ("\"uuid\": \"161674cc-2a1e-11b2-a85c-e121881d01b9\"", "\"uuid\": \"ABC\"", "system.uuid"),
                ("\"collectedAt\": \"2026-11-25T12:00:00Z\"", "\"collectedAt\": \"9999-12-31T23:59:59Z\"", "collectedAt"),
                ("\"name\": \"adduser\"", "\"name\": \"pkg\\u0000x\"", "name"),
                ("\"prettyName\": \"", "\"prettyName\": \"\\u001b]0;owned\\u0007\\n", "prettyName"),
                ("\"sizeBytes\": 8589934592", "\"sizeBytes\": -1", "sizeBytes"),
                ("\"agentVersion\": \"0.1.0\",", "\"agentVersion\": \"0.1.0\", \"gpu\": {},", "gpu"),
            ]
            for (original, replacement, field) in cases {
                #expect(valid.contains(original), "the example no longer has \(original)")
                let answer = try await post(Array(valid.replacingOccurrences(of: original, with: replacement).utf8))
                let error = try? CanonicalJSON.decode(APIErrorBody.self, from: Data(answer.body))
                #expect(answer.status == 400 && error?.field == field, "\(replacement): \(answer.status) \(String(decoding: answer.body, as: UTF8.self))")
            }

            // Nothing half written, and the agent is not blocked: every valid example is stored next.
            #expect(try await live.store.agentReports(agentID: agent.agentID).isEmpty)
            for name in try FileManager.default.contentsOfDirectory(atPath: Self.examples + "/inventory").filter({ $0.hasSuffix(".json") }).sorted() {
                let answer = try await post(Array(try Data(contentsOf: URL(fileURLWithPath: Self.examples + "/inventory/" + name))))
                #expect(answer.status == 201, "\(name): \(answer.status) \(String(decoding: answer.body, as: UTF8.self))")
            }
            #expect(try await live.store.agentReports(agentID: agent.agentID).count == 2)
        }
    }
}
