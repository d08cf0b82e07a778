import Foundation
import Hummingbird
import Logging
import ParcDomain
import ParcProtocol

/// Staff side of agents: enrollment tokens and the agent list (`/api/v1/enrollment-tokens`, `/api/v1/agents`).
struct AgentAdminController {
    let store: Store
    /// Signs the certificates of certificate intake credentials.
    let authority: CertificateAuthority

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("enrollment-tokens") { request, context in
            let staff = try context.requireStaff(.manageAgents)
            let new = try await request.decodeJSON(NewEnrollmentToken.self, context: context)
            var validator = Validator()
            let uses = new.uses ?? 1
            let hours = new.expiresInHours ?? 168
            validator.check((1...100_000).contains(uses), "uses", "must be between 1 and 100000")
            validator.check((1...24 * 365).contains(hours), "expiresInHours", "must be between 1 and 8760 (one year)")
            validator.check((new.label?.count ?? 0) <= 200, "label", "must be at most 200 characters")
            try validator.throwIfInvalid()
            let created = try await store.createEnrollmentToken(
                clientCode: new.client, maxUses: uses, expiresInHours: hours, label: new.label?.isEmpty == true ? nil : new.label,
                createdBy: staff.user.id)
            context.logger.info(
                "enrollment token created", metadata: ["parc.client_code": "\(created.token.clientCode)", "parc.enrollment_token_id": "\(created.token.id)"])
            return try JSONResponse.make(created, status: .created)
        }
        group.get("enrollment-tokens") { request, context in
            _ = try context.requireStaff(.manageAgents)
            return try JSONResponse.make(try await store.listEnrollmentTokens(clientCode: request.uri.queryParameters.get("client"), try request.listQuery()))
        }
        group.delete("enrollment-tokens/{id}") { _, context in
            _ = try context.requireStaff(.manageAgents)
            let token = try await store.revokeEnrollmentToken(id: try context.parameters.id("id"))
            context.logger.info("enrollment token revoked", metadata: ["parc.enrollment_token_id": "\(token.id)"])
            return try JSONResponse.make(token)
        }
        group.post("intake-credentials") { request, context in
            let staff = try context.requireStaff(.manageAgents)
            let new = try await request.decodeJSON(IntakeCredentialRequest.self, context: context)
            var validator = Validator()
            validator.check((new.label?.count ?? 0) <= 200, "label", "must be at most 200 characters")
            try validator.throwIfInvalid()
            let authority = self.authority
            let created = try await store.createIntakeCredential(
                clientCode: new.clientCode, kind: new.kind, label: new.label?.isEmpty == true ? nil : new.label, createdBy: staff.user.id
            ) { login, clientCode in
                let issued = try authority.issueIntakeCertificate(login: login, clientCode: clientCode)
                return IssuedIntakeCertificate(pem: issued.pem, serial: issued.serial, expiresAt: issued.expiresAt)
            }
            context.logger.info(
                "intake credential created",
                metadata: ["parc.client_code": "\(created.credential.clientCode)", "parc.intake_credential_id": "\(created.credential.id)"])
            return try JSONResponse.make(
                CreatedIntakeCredential(credential: created.credential, secret: created.secret), status: .created)
        }
        group.get("intake-credentials") { request, context in
            _ = try context.requireStaff(.manageAgents)
            return try JSONResponse.make(try await store.listIntakeCredentials(clientCode: request.uri.queryParameters.get("client"), try request.listQuery()))
        }
        group.delete("intake-credentials/{id}") { _, context in
            _ = try context.requireStaff(.manageAgents)
            let credential = try await store.revokeIntakeCredential(id: try context.parameters.id("id"))
            context.logger.info("intake credential revoked", metadata: ["parc.intake_credential_id": "\(credential.id)"])
            return try JSONResponse.make(credential)
        }
        group.get("agents") { request, context in
            _ = try context.requireStaff(.readAgents)
            return try JSONResponse.make(try await store.listAgents(clientCode: request.uri.queryParameters.get("client"), try request.listQuery()))
        }
        group.get("agents/{id}") { _, context in
            _ = try context.requireStaff(.readAgents)
            return try JSONResponse.make(try await store.agent(id: try context.parameters.string("id")))
        }
        group.get("agents/{id}/reports") { _, context in
            _ = try context.requireStaff(.readAgents)
            return try JSONResponse.make(try await store.agentReports(agentID: try context.parameters.string("id")))
        }
        group.post("agents/{id}/revoke") { _, context in
            _ = try context.requireStaff(.manageAgents)
            let agent = try await store.revokeAgent(id: try context.parameters.string("id"))
            context.logger.info("agent revoked", metadata: ["parc.agent_id": "\(agent.id)"])
            return try JSONResponse.make(agent)
        }
    }
}
