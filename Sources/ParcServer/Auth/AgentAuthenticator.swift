import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOSSL
import SwiftASN1
import X509

/// Agent routes need a client certificate the TLS layer validated against the Parc CA. The agent's
/// identity is the certificate's common name; its client comes from the server's records, never
/// from the request body. Revocation is checked here, on every request.
struct AgentAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: Store

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let peer = try? await context.channel.nioSSL_peerCertificate().get() else {
            throw APIError(.unauthorized, code: "certificate_required", message: "agent routes need the agent's client certificate (run 'parc-agent enroll')")
        }
        guard let certificate = try? Certificate(derEncoded: try peer.toDERBytes()), let agentID = Self.commonName(certificate.subject) else {
            throw APIError(.unauthorized, code: "certificate_required", message: "the client certificate does not name an agent")
        }
        let serial = Array(certificate.serialNumber.bytes).map { String(format: "%02x", $0) }.joined()
        let agent: AuthenticatedAgent
        do {
            agent = try await store.authenticateAgent(id: agentID, certificateSerial: serial)
        } catch Store.AgentRefusal.revoked {
            context.logger.notice("revoked agent refused", metadata: ["parc.agent_id": "\(agentID)"])
            throw APIError(.forbidden, code: "agent_revoked", message: "this agent has been revoked; ask the provider to enroll it again")
        } catch Store.AgentRefusal.unknown {
            context.logger.notice("unknown agent certificate refused", metadata: ["parc.agent_id": "\(agentID)"])
            throw APIError(.unauthorized, code: "unknown_agent", message: "this certificate is not the one issued to a known agent")
        }
        var context = context
        context.agent = agent
        context.logger[metadataKey: "parc.agent_id"] = "\(agent.id)"
        return try await next(request, context)
    }

    static func commonName(_ name: DistinguishedName) -> String? {
        for relativeName in name {
            for attribute in relativeName where attribute.type == .RDNAttributeType.commonName {
                return String(describing: attribute.value)
            }
        }
        return nil
    }
}
