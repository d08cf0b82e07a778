import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOSSL

/// Agent routes need a client certificate the TLS layer validated against the Parc CA. The agent's
/// identity comes from that certificate and its client from the server's records, never from the
/// request body. Revocation is checked here, on every request.
struct AgentAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: Store

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The serial alone identifies the agent: the TLS layer already checked our CA signed the
        // certificate, and the server records the one serial it last issued to each agent. Reading it
        // from BoringSSL avoids parsing the certificate on every request.
        guard let peer = try? await context.channel.nioSSL_peerCertificate().get() else {
            throw APIError(.unauthorized, code: "certificate_required", message: "agent routes need the agent's client certificate (run 'parc-agent enroll')")
        }
        let agent: AuthenticatedAgent
        do {
            agent = try await store.authenticateAgent(certificateSerial: CertificateAuthority.serialText(peer.serialNumber))
        } catch Store.AgentRefusal.revoked(let agentID) {
            context.logger.notice("revoked agent refused", metadata: ["parc.agent_id": "\(agentID)"])
            throw APIError(.forbidden, code: "agent_revoked", message: "this agent has been revoked; ask the provider to enroll it again")
        } catch Store.AgentRefusal.clientInactive(let agentID, let clientCode) {
            context.logger.notice("agent of a deactivated client refused", metadata: ["parc.agent_id": "\(agentID)", "parc.client_code": "\(clientCode)"])
            throw APIError(
                .forbidden, code: "client_inactive",
                message: "this agent's client \(clientCode) is deactivated; the provider must reactivate it before it reports again")
        } catch Store.AgentRefusal.unknown {
            context.logger.notice("unknown agent certificate refused")
            throw APIError(.unauthorized, code: "unknown_agent", message: "this certificate is not the one issued to a known agent")
        }
        var context = context
        context.agent = agent
        context.clientStore = store.scoped(to: agent.scope)
        context.logger[metadataKey: "parc.agent_id"] = "\(agent.id)"
        return try await next(request, context)
    }
}
