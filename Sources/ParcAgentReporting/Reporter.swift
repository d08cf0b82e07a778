import AsyncHTTPClient
import CompressNIO
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import ParcAgent
import ParcProtocol

/// One report: check in with section hashes, then send (gzip) only the sections the server asks for.
public struct Reporter: Sendable {
    public struct Outcome: Sendable, Equatable {
        /// Sections sent; empty when nothing had changed.
        public var sent: [InventorySection]
        /// Bytes on the wire for the check-in and the report bodies.
        public var checkInBytes: Int
        public var reportBytes: Int
        public var intervalSeconds: Int
    }

    public let state: AgentState

    public init(state: AgentState) {
        self.state = state
    }

    public func report(_ inventory: Inventory) async throws -> Outcome {
        let identity = try state.identity()
        let client = try AgentHTTP.client(
            caPEM: try state.read(state.caPath), identity: (try state.read(state.certificatePath), try state.read(state.keyPath)))
        do {
            let outcome = try await report(inventory, server: identity.server, client: client)
            try await client.shutdown()
            return outcome
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    func report(_ inventory: Inventory, server: String, client: HTTPClient) async throws -> Outcome {
        let checkIn = CheckIn(agentVersion: AgentInfo.version, hostname: inventory.os?.hostname ?? "unknown", sectionHashes: try inventory.sectionHashes())
        let checkInBody = try CanonicalJSON.encode(checkIn)
        let response = try await AgentHTTP.post(client, url: server + "/agent/v1/checkin", body: Array(checkInBody), gzip: false, as: CheckInResponse.self)
        guard !response.needed.isEmpty else {
            return Outcome(sent: [], checkInBytes: checkInBody.count, reportBytes: 0, intervalSeconds: response.intervalSeconds)
        }
        var partial = inventory.keeping(Set(response.needed))
        partial.warnings = inventory.warnings
        let json = try CanonicalJSON.encode(partial)
        var buffer = ByteBuffer(bytes: json)
        let compressed = try buffer.compress(with: .gzip)
        let receipt = try await AgentHTTP.post(
            client, url: server + "/agent/v1/report", body: Array(compressed.readableBytesView), gzip: true, as: ReportReceipt.self)
        return Outcome(sent: receipt.sections, checkInBytes: checkInBody.count, reportBytes: compressed.readableBytes, intervalSeconds: response.intervalSeconds)
    }
}

extension AgentHTTP {
    static func post<Response: Decodable>(_ client: HTTPClient, url: String, body: [UInt8], gzip: Bool, as type: Response.Type) async throws -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "parc-agent/\(AgentInfo.version)")
        if gzip { request.headers.add(name: "Content-Encoding", value: "gzip") }
        request.body = .bytes(ByteBuffer(bytes: body))
        let (status, data) = try await send(client, request)
        guard (200..<300).contains(status) else { throw refusal(status, data) }
        return try CanonicalJSON.decode(Response.self, from: data)
    }
}
