import Foundation
import Hummingbird
import Logging
import ParcProtocol

/// `POST /agent/v1/enroll`: the one agent route that needs no client certificate. The token
/// proves the agent may join its client; the answer is a certificate naming the agent's new id.
struct EnrollmentController {
    let store: Store
    let pki: ServerPKI

    /// An enrollment body is a token, a CSR and two short strings.
    static let maximumBodyBytes = 16 << 10

    func addRoutes(to router: RouterGroup<AppRequestContext>) {
        router.post("agent/v1/enroll") { request, context in
            let enrollment = try await request.decodeJSON(EnrollmentRequest.self, context: context, limit: Self.maximumBodyBytes)
            let hostname = enrollment.hostname.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !hostname.unicodeScalars.contains(where: DisplayText.isControl),
                !enrollment.agentVersion.unicodeScalars.contains(where: DisplayText.isControl)
            else {
                throw APIError(
                    .badRequest, code: "control_character", message: "hostname and agentVersion may not contain control characters", field: "hostname")
            }
            guard !hostname.isEmpty, hostname.count <= 255, enrollment.agentVersion.count <= 64 else {
                throw APIError(
                    .badRequest, code: "invalid_value", message: "hostname must be 1 to 255 characters and agentVersion at most 64", field: "hostname")
            }
            let authority = pki.authority
            let csrPEM = enrollment.csrPEM
            do {
                let (agent, certificate) = try await store.enroll(secret: enrollment.token, hostname: hostname, agentVersion: enrollment.agentVersion) {
                    agentID, clientCode in
                    try authority.issueAgentCertificate(csrPEM: csrPEM, agentID: agentID, clientCode: clientCode)
                }
                context.logger.info(
                    "agent enrolled", metadata: ["parc.agent_id": "\(agent.id)", "parc.client_code": "\(agent.clientCode)", "parc.hostname": "\(hostname)"])
                return try JSONResponse.make(
                    EnrollmentResponse(agentID: agent.id, clientCode: agent.clientCode, certificatePEM: certificate, caPEM: pki.caCertificatePEM),
                    status: .created)
            } catch let refusal as Store.EnrollmentRefusal {
                // The agent learns only that the token does not work; the log says why.
                context.logger.notice("enrollment refused", metadata: ["parc.reason": "\(refusal)"])
                throw APIError(.forbidden, code: "enrollment_refused", message: "the enrollment token is unknown, expired, revoked or used up")
            } catch let problem as CertificateAuthority.CSRProblem {
                throw APIError(
                    .badRequest, code: "invalid_csr",
                    message: "the certificate request is \(problem == .unsupportedKey ? "not for a P-256 key" : "unreadable or badly signed")", field: "csrPEM")
            }
        }
    }
}
