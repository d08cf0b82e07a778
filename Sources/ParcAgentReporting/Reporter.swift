import CompressNIO
import NIOCore
import NIOHTTP1
import ParcAgent
import ParcProtocol

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reporting: check in with section hashes, then send (gzip) only the sections the server asks for.
/// Reports that cannot be delivered go to the spool and are delivered, oldest first, next time.
/// Each collection carries a report key, so a report whose acknowledgement was lost is not recorded twice.
public struct Reporter: Sendable {
    public struct Outcome: Sendable, Equatable {
        /// Sections sent for the current report; empty when nothing had changed.
        public var sent: [InventorySection]
        public var checkInBytes: Int
        public var reportBytes: Int
        public var intervalSeconds: Int
        /// Spooled reports delivered first.
        public var deliveredFromSpool: Int
    }

    /// The current report could not be delivered and waits in the spool.
    public struct Spooled: Error, CustomStringConvertible, Sendable {
        public var reason: String
        public var spoolCount: Int
        public var warnings: [String]
        public var description: String { "server unreachable (\(reason)); the report is spooled (\(spoolCount) waiting)" }
    }

    public let state: AgentState
    public let spool: Spool

    public init(state: AgentState, spool: Spool? = nil) {
        self.state = state
        self.spool = spool ?? Spool(directory: state.directory + "/spool")
    }

    public func report(_ inventory: Inventory, reportKey: String = Self.newReportKey()) async throws -> Outcome {
        let identity = try state.identity()
        try state.recoverRenewal()
        var client = try currentClient()
        var delivered = 0
        do {
            let renewal = Renewal(state: state)
            if try renewal.isDue() {
                _ = try await renewal.renew(client: client, server: identity.server)
                client = try currentClient()
            }
            for entry in spool.entries() {
                do {
                    _ = try await deliver(try spool.load(entry), reportKey: entry.reportKey, server: identity.server, client: client)
                    delivered += 1
                } catch AgentError.refused(let status, let message) where status >= 500 {
                    // Retried at the next run, until the server has failed on it too often.
                    guard spool.recordServerFailure(entry) else { throw AgentError.refused(status: status, message: message) }
                    continue
                } catch AgentError.refused(let status, _) where (400..<500).contains(status) && ![401, 403, 429].contains(status) {
                    // The server will never take this one (it cannot be read); keeping it would block the others.
                } catch is DecodingError {
                    // A spool file that cannot be read back is dropped for the same reason.
                }
                spool.remove(entry)
            }
            var outcome = try await deliver(inventory, reportKey: reportKey, server: identity.server, client: client)
            outcome.deliveredFromSpool = delivered
            try? state.recordSuccess(Date(), sent: outcome.sent)
            return outcome
        } catch let error where Self.isTransient(error) {
            let warnings = try spool.add(inventory, reportKey: reportKey)
            throw Spooled(reason: "\(error)", spoolCount: spool.entries().count, warnings: warnings)
        }
    }

    func currentClient() throws -> AgentTransport {
        try AgentHTTP.client(caPEM: try state.read(state.caPath), identity: (try state.read(state.certificatePath), try state.read(state.keyPath)))
    }

    /// Worth retrying later: the server could not be reached or failed on its side.
    static func isTransient(_ error: any Error) -> Bool {
        switch error as? AgentError {
        case .unreachable: return true
        case .refused(let status, _): return status >= 500 || status == 429
        default: return false
        }
    }

    public static func newReportKey() -> String { UUID().uuidString.lowercased() }

    func deliver(_ inventory: Inventory, reportKey: String, server: String, client: AgentTransport) async throws -> Outcome {
        let checkIn = CheckIn(agentVersion: AgentInfo.version, hostname: inventory.os?.hostname ?? "unknown", sectionHashes: try inventory.sectionHashes())
        let checkInBody = Array(try CanonicalJSON.encode(checkIn))
        let response = try await AgentHTTP.post(
            client, url: server + "/agent/v1/checkin", body: checkInBody, headers: [("Parc-Report-Key", reportKey)], as: CheckInResponse.self)
        guard !response.needed.isEmpty else {
            return Outcome(sent: [], checkInBytes: checkInBody.count, reportBytes: 0, intervalSeconds: response.intervalSeconds, deliveredFromSpool: 0)
        }
        var partial = inventory.keeping(Set(response.needed))
        partial.warnings = inventory.warnings
        var buffer = ByteBuffer(bytes: try CanonicalJSON.encodeBytes(partial))
        let compressed = try buffer.compress(with: .gzip)
        let receipt = try await AgentHTTP.post(
            client, url: server + "/agent/v1/report", body: Array(compressed.readableBytesView),
            headers: [("Content-Encoding", "gzip"), ("Parc-Report-Key", reportKey)], as: ReportReceipt.self)
        return Outcome(
            sent: receipt.sections, checkInBytes: checkInBody.count, reportBytes: compressed.readableBytes, intervalSeconds: response.intervalSeconds,
            deliveredFromSpool: 0)
    }
}
