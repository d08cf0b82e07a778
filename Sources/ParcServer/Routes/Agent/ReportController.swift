import CompressNIO
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import NIOCore
import ParcProtocol

/// `POST /agent/v1/checkin` (section hashes) and `POST /agent/v1/report` (the sections the server
/// asked for, usually gzip-compressed). Both require an agent certificate (`AgentAuthenticator`),
/// and reach data only through the agent's client-scoped store, from the request context.
struct ReportController {
    let pki: ServerPKI
    let reportInterval: Int

    // Made once: a counter's creation looks its series up in the registry, every request otherwise.
    static let unchangedCheckIns = Counter(label: "parc_checkins_total", dimensions: [("changed", "false")])
    static let changedCheckIns = Counter(label: "parc_checkins_total", dimensions: [("changed", "true")])
    static let reports = Counter(label: "parc_reports_total")

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("checkin") { request, context in
            let agent = try context.requireAgent()
            let body = try await ReportBody.read(request, context: context, compressedLimit: AgentLimits.checkInBytes, inflatedLimit: AgentLimits.checkInBytes)
            try ReportBody.checkShape(body.json, allowedTopLevelKeys: nil)
            let checkIn = try CheckIn.decode(body.json)
            guard checkIn.sectionHashes.count <= 64, checkIn.hostname.count <= 255, checkIn.agentVersion.count <= 64 else {
                throw APIError(.badRequest, code: "invalid_value", message: "a check-in has at most 64 hashes, a hostname of at most 255 characters")
            }
            let needed = try await context.requireClientStore().checkIn(
                agent: agent, checkIn, reportKey: try Self.reportKey(request), wireBytes: body.wireBytes)
            (needed.isEmpty ? Self.unchangedCheckIns : Self.changedCheckIns).increment()
            return try JSONResponse.make(CheckInResponse(needed: needed, intervalSeconds: reportInterval))
        }

        // A new certificate for the same agent, before the current one expires; the old one stops working.
        group.post("renew") { request, context in
            let agent = try context.requireAgent()
            let renewal = try await request.decodeJSON(RenewalRequest.self, context: context, limit: EnrollmentController.maximumBodyBytes)
            let issued: (certificatePEM: String, serial: String, expiresAt: Date)
            do {
                issued = try pki.authority.issueAgentCertificate(csrPEM: renewal.csrPEM, agentID: agent.id, clientCode: agent.clientCode)
            } catch is CertificateAuthority.CSRProblem {
                throw APIError(
                    .badRequest, code: "invalid_csr", message: "the certificate request is unreadable, badly signed or not for a P-256 key", field: "csrPEM")
            }
            try await context.requireClientStore().recordRenewal(agent: agent, serial: issued.serial, expiresAt: issued.expiresAt)
            context.logger.info("agent certificate renewed", metadata: ["parc.expires": "\(issued.expiresAt)"])
            return try JSONResponse.make(
                EnrollmentResponse(agentID: agent.id, clientCode: agent.clientCode, certificatePEM: issued.certificatePEM, caPEM: pki.caCertificatePEM))
        }

        group.post("report") { request, context in
            let agent = try context.requireAgent()
            let body = try await ReportBody.read(
                request, context: context, compressedLimit: AgentLimits.compressedReportBytes, inflatedLimit: AgentLimits.reportBytes)
            try ReportBody.checkShape(body.json, allowedTopLevelKeys: ReportShape.reportKeys)
            let inventory = try Inventory.decode(body.json)
            do { try InventoryRules.check(inventory) } catch let problem as InventoryRules.Problem {
                throw APIError(.badRequest, code: "invalid_value", message: problem.description, field: problem.field)
            }
            // The server recomputes each hash from the content it stores: what a later check-in is compared with.
            let sections = try inventory.sectionPayloads().sorted { $0.key.rawValue < $1.key.rawValue }.map { section, bytes in
                (section: section, hash: Inventory.sectionHash(bytes), content: String(decoding: bytes, as: UTF8.self))
            }
            guard !sections.isEmpty else {
                throw APIError(.badRequest, code: "empty_report", message: "a report carries at least one inventory section")
            }
            let receipt = try await context.requireClientStore().storeReport(
                agent: agent, reportKey: try Self.reportKey(request), inventory: inventory, sections: sections, bodyBytes: body.json.count,
                wireBytes: body.wireBytes)
            Self.reports.increment()
            context.logger.debug("report stored", metadata: ["parc.sections": "\(receipt.sections.map(\.rawValue))", "parc.bytes": "\(body.wireBytes)"])
            return try JSONResponse.make(receipt, status: .created)
        }
    }
}

extension ReportController {
    /// `Parc-Report-Key`: the agent's name for one collection (at most 64 letters, digits, `-`).
    static func reportKey(_ request: Request) throws -> String? {
        guard let key = request.headers[values: HTTPField.Name("Parc-Report-Key")!].first else { return nil }
        // Bytes, not Characters: Unicode letter properties cost a table lookup per character, every check-in.
        guard (1...64).contains(key.utf8.count),
            key.utf8.allSatisfy({ byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "-")
            })
        else {
            throw APIError(
                .badRequest, code: "invalid_value", message: "Parc-Report-Key must be 1 to 64 ASCII letters, digits or '-'", field: "Parc-Report-Key")
        }
        return key
    }
}

extension AppRequestContext {
    func requireAgent() throws -> AuthenticatedAgent {
        guard let agent else { throw APIError(.unauthorized, code: "certificate_required", message: "agent routes need the agent's client certificate") }
        return agent
    }
}

/// Reading agent bodies within limits: the compressed size while receiving, the inflated size while
/// inflating (a gzip bomb stops at the limit), then JSON depth and string length before decoding.
enum ReportBody {
    struct Read {
        var json: [UInt8]
        var wireBytes: Int
    }

    static func read(_ request: Request, context: AppRequestContext, compressedLimit: Int, inflatedLimit: Int) async throws -> Read {
        var buffer = try await request.collectBody(limit: compressedLimit, context: context)
        let wireBytes = buffer.readableBytes
        switch request.headers[.contentEncoding]?.lowercased() {
        case nil, "identity":
            break
        case "gzip":
            do {
                buffer = try buffer.decompress(with: .gzip, maxSize: inflatedLimit)
            } catch let error as CompressNIOError where error == .bufferOverflow {
                context.logger.notice("agent body refused", metadata: ["parc.reason": "inflates beyond \(inflatedLimit) bytes"])
                throw APIError(.contentTooLarge, code: "body_too_large", message: "the request body inflates beyond the \(inflatedLimit)-byte limit")
            } catch {
                throw APIError(.badRequest, code: "malformed_body", message: "the request body is not valid gzip")
            }
        default:
            throw APIError(.unsupportedMediaType, code: "unsupported_encoding", message: "send the body as gzip or uncompressed")
        }
        guard buffer.readableBytes <= inflatedLimit else {
            throw APIError(.contentTooLarge, code: "body_too_large", message: "the request body is over the \(inflatedLimit)-byte limit")
        }
        return Read(json: Array(buffer.readableBytesView), wireBytes: wireBytes)
    }

    /// `ReportShape`'s checks on the bytes, answered as 400 naming the field.
    static func checkShape(_ bytes: [UInt8], allowedTopLevelKeys: Set<String>?) throws {
        do {
            try ReportShape.check(bytes, allowedTopLevelKeys: allowedTopLevelKeys)
        } catch {
            throw APIError(.badRequest, code: error.kind.rawValue, message: error.message, field: error.field)
        }
    }
}
