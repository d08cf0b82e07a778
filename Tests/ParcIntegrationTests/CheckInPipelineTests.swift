import CompressNIO
import Foundation
import NIOCore
import NIOHTTP1
import ParcAgentReporting
import ParcClient
import ParcProtocol
import ParcTestSupport
import Testing

/// Check-ins and other requests written all at once on one kept-alive connection, as a client that
/// pipelines would: answers come in the order of the requests, each the answer it would get alone,
/// and the request metrics count them.
@Suite struct CheckInPipelineTests {
    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let state = AgentState(directory: setup.root + "/agent-state")
            let token = try await setup.enrollmentToken()
            #expect(
                try await run(
                    "parc-agent",
                    ["enroll", "--server", setup.server.url, "--token", token, "--ca-fingerprint", setup.fingerprint, "--state-dir", state.directory]
                ).status == 0)

            let checkIn = Array(try CanonicalJSON.encode(CheckIn(agentVersion: "1.0", hostname: "pc-1", sectionHashes: [:])))
            var plain = ByteBuffer(bytes: checkIn)
            let gzipped = Array(try plain.compress(with: .gzip).readableBytesView)
            func request(_ method: String, _ path: String, _ body: [UInt8] = [], headers: [String] = []) -> [UInt8] {
                let head = (["\(method) \(path) HTTP/1.1", "Host: 127.0.0.1", "Content-Length: \(body.count)"] + headers).joined(separator: "\r\n")
                return Array((head + "\r\n\r\n").utf8) + body
            }
            // Written all at once: the server reads them together, router and check-ins interleaved.
            var requests = request("GET", "/healthz")
            requests += request("POST", "/agent/v1/checkin", checkIn, headers: ["Parc-Report-Key: first"])
            requests += request("POST", "/agent/v1/checkin?from=test", gzipped, headers: ["Content-Encoding: gzip", "Parc-Report-Key: second"])
            requests += request("POST", "/agent/v1/checkin", Array("{not json".utf8))
            requests += request("GET", "/ca.pem")
            requests += request("POST", "/agent/v1/checkin", checkIn, headers: ["Parc-Report-Key: bad key"])
            requests += request("POST", "/agent/v1/checkin", Array(repeating: 0x20, count: 20_000), headers: ["Connection: close"])
            let file = setup.root + "/requests"
            try Data(requests).write(to: URL(fileURLWithPath: file))

            let port = setup.server.port
            let client =
                "exec openssl s_client -connect 127.0.0.1:\(port) -CAfile \(setup.root)/data/pki/ca.pem -cert \(state.certificatePath) -key \(state.keyPath)"
                + " -quiet -ign_eof < \(file) 2>/dev/null"
            let answered = try await runProgram("/bin/sh", ["-c", client])
            let responses = try Self.responses(Array(answered.output.utf8))
            #expect(responses.map(\.status) == [200, 200, 200, 400, 200, 400, 413], "\(answered.output)")
            guard responses.count == 7 else { return }
            #expect(responses[0].body.contains(#""status":"ok""#))
            #expect(try CanonicalJSON.decode(CheckInResponse.self, from: Data(responses[1].body.utf8)) == CheckInResponse(needed: [], intervalSeconds: 3600))
            #expect(responses[2].body.contains("intervalSeconds"))
            #expect(responses[3].body.contains(#""error":"malformed_json""#), "\(responses[3].body)")
            #expect(responses[4].body.hasPrefix("-----BEGIN CERTIFICATE-----"))
            #expect(responses[5].body.contains("Parc-Report-Key"))
            #expect(responses[6].body.contains(#""error":"body_too_large""#))
            #expect(responses.allSatisfy { $0.headers.contains("date: ") })

            // Recorded once each, under the agent's own identity.
            let agentID = try state.identity().agentID
            #expect(try await setup.staff.agentReports(id: agentID).count == 2)

            // Counted as the router counts its routes: by route, method and the status the caller got.
            let metrics = try await AgentTransport(caPEM: nil, identity: nil).request(.GET, setup.server.url + "/metrics")
            let lines = String(decoding: metrics.body, as: UTF8.self).split(separator: "\n").filter {
                $0.hasPrefix("http_server_requests_total") && $0.contains(#"http_route="/agent/v1/checkin""#)
            }
            #expect(lines.contains { $0.contains(#"http_response_status_code="200""#) && $0.hasSuffix(" 2") }, "\(lines)")
            #expect(lines.contains { $0.contains(#"http_response_status_code="400""#) && $0.hasSuffix(" 2") }, "\(lines)")
            #expect(lines.contains { $0.contains(#"http_response_status_code="413""#) && $0.hasSuffix(" 1") }, "\(lines)")
        }
    }

    struct Response {
        var status: Int
        var headers: String
        var body: String
    }

    /// HTTP/1.1 responses one after the other, each with a Content-Length.
    static func responses(_ bytes: [UInt8]) throws -> [Response] {
        var responses: [Response] = []
        var rest = bytes[...]
        let separator = Array("\r\n\r\n".utf8)
        while !rest.isEmpty {
            guard let end = rest.indices.first(where: { rest[$0...].starts(with: separator) }) else {
                throw TestSupportError("a response head without its end: \(String(decoding: rest, as: UTF8.self))")
            }
            let head = String(decoding: rest[..<end], as: UTF8.self)
            let lines = head.split(separator: "\r\n")
            guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/1.1 "), let status = Int(statusLine.dropFirst(9).prefix(3)) else {
                throw TestSupportError("not a status line: \(head)")
            }
            let headers = lines.dropFirst().map { $0.lowercased() }.joined(separator: "\n")
            guard
                let length = lines.dropFirst().first(where: { $0.lowercased().hasPrefix("content-length:") }).flatMap({
                    Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces))
                })
            else {
                throw TestSupportError("no Content-Length: \(head)")
            }
            let bodyStart = end + separator.count
            guard rest.endIndex - bodyStart >= length else { throw TestSupportError("a body cut short: \(head)") }
            responses.append(Response(status: status, headers: headers, body: String(decoding: rest[bodyStart..<bodyStart + length], as: UTF8.self)))
            rest = rest[(bodyStart + length)...]
        }
        return responses
    }
}
