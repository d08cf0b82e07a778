import CompressNIO
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
        return try await report(inventory, server: identity.server, client: client)
    }

    func report(_ inventory: Inventory, server: String, client: AgentTransport) async throws -> Outcome {
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

