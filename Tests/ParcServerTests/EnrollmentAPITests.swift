import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParcProtocol
import ParcServer
import ParcTestSupport
import SwiftASN1
import Testing
import X509

@Suite struct EnrollmentAPITests {
    static func enrollBody(token: String, csr: String, hostname: String = "pc-042") throws -> String {
        String(decoding: try CanonicalJSON.encode(EnrollmentRequest(token: token, csrPEM: csr, hostname: hostname, agentVersion: "0.1.0")), as: UTF8.self)
    }

    @Test(arguments: TestBackend.available)
    func agentEnrollsWithATokenAndGetsACertificateNamingIt(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            try await server.application.test(.router) { client in
                let manager = server.managerToken
                _ = try await client.call(.post, "/api/v1/clients", token: manager, json: #"{"code":"ACME","name":"ACME"}"#)
                let created = try await client.call(.post, "/api/v1/enrollment-tokens", token: manager, json: #"{"client":"acme","uses":2,"label":"rollout"}"#)
                #expect(created.status == .created)
                let token = try created.decode(CreatedEnrollmentToken.self)
                #expect(token.secret.hasPrefix("penr_"))
                #expect(token.token.maxUses == 2)

                let (key, csr) = try TestPKI.agentRequest(commonName: "whatever-the-agent-asks")
                let enrolled = try await client.call(.post, "/agent/v1/enroll", token: nil, json: try Self.enrollBody(token: token.secret, csr: csr))
                #expect(enrolled.status == .created, "\(enrolled.text)")
                let response = try enrolled.decode(EnrollmentResponse.self)
                #expect(response.clientCode == "ACME")
                let certificate = try Certificate(pemEncoded: response.certificatePEM)
                let ca = try Certificate(pemEncoded: response.caPEM)
                // The server names the agent, whatever the CSR said, and signs with its CA for client auth only.
                #expect(certificate.subject.description.contains("CN=\(response.agentID)"))
                #expect(certificate.subject.description.contains("OU=ACME"))
                #expect(certificate.publicKey == Certificate.PublicKey(key.publicKey))
                #expect(certificate.issuer == ca.subject)
                #expect(ca.publicKey.isValidSignature(certificate.signature, for: certificate))
                #expect(try certificate.extensions.extendedKeyUsage?.contains(.clientAuth) == true)
                #expect(try certificate.extensions.extendedKeyUsage?.contains(.serverAuth) == false)

                let agents = try await client.call(.get, "/api/v1/agents?client=ACME", token: manager).decode(Page<AgentRecord>.self)
                #expect(agents.items.map(\.id) == [response.agentID])
                #expect(agents.items.first?.hostname == "pc-042")
                let tokens = try await client.call(.get, "/api/v1/enrollment-tokens", token: manager).decode(Page<EnrollmentToken>.self)
                #expect(tokens.items.first?.uses == 1)
                #expect(!(try await client.call(.get, "/api/v1/enrollment-tokens", token: manager)).text.contains(token.secret))
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func expiredRevokedUsedUpAndUnknownTokensAreRefused(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            _ = try await server.store.createClient(NewClient(code: "ACME", name: "ACME"))
            let staffID = try #require(try await server.store.listStaff(ListQuery()).items.first?.id)
            let expired = try await server.store.createEnrollmentToken(
                clientCode: "ACME", maxUses: 5, expiresInHours: 1, label: nil, createdBy: staffID, now: Date().addingTimeInterval(-7200))
            let revoked = try await server.store.createEnrollmentToken(clientCode: "ACME", maxUses: 5, expiresInHours: 24, label: nil, createdBy: staffID)
            _ = try await server.store.revokeEnrollmentToken(id: revoked.token.id)
            let single = try await server.store.createEnrollmentToken(clientCode: "ACME", maxUses: 1, expiresInHours: 24, label: nil, createdBy: staffID)
            try await server.application.test(.router) { client in
                let (_, csr) = try TestPKI.agentRequest()
                for secret in [expired.secret, revoked.secret, "penr_unknown"] {
                    let response = try await client.call(.post, "/agent/v1/enroll", token: nil, json: try Self.enrollBody(token: secret, csr: csr))
                    #expect(response.status == .forbidden)
                    #expect(response.error?.error == "enrollment_refused")
                }
                #expect(
                    try await client.call(.post, "/agent/v1/enroll", token: nil, json: try Self.enrollBody(token: single.secret, csr: csr)).status == .created)
                let usedUp = try await client.call(.post, "/agent/v1/enroll", token: nil, json: try Self.enrollBody(token: single.secret, csr: csr))
                #expect(usedUp.status == .forbidden)

                // Bad requests do not consume a use.
                let fresh = try await server.store.createEnrollmentToken(clientCode: "ACME", maxUses: 1, expiresInHours: 24, label: nil, createdBy: staffID)
                let forged = try await client.call(
                    .post, "/agent/v1/enroll", token: nil, json: try Self.enrollBody(token: fresh.secret, csr: try TestPKI.forgedRequest()))
                #expect(forged.status == .badRequest)
                #expect(forged.error?.field == "csrPEM")
                let garbage = try await client.call(.post, "/agent/v1/enroll", token: nil, json: try Self.enrollBody(token: fresh.secret, csr: "not a csr"))
                #expect(garbage.status == .badRequest)
                #expect(
                    try await client.call(.post, "/agent/v1/enroll", token: nil, json: try Self.enrollBody(token: fresh.secret, csr: csr)).status == .created)
                let huge = try await client.call(
                    .post, "/agent/v1/enroll", token: nil, json: try Self.enrollBody(token: fresh.secret, csr: String(repeating: "A", count: 20_000)))
                #expect(huge.status == .contentTooLarge)
            }
            #expect(try await server.store.listAgents(clientCode: "ACME", ListQuery()).total == 2)
        }
    }

    @Test(arguments: TestBackend.available)
    func concurrentEnrollmentsNeverExceedTheUses(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            _ = try await server.store.createClient(NewClient(code: "ACME", name: "ACME"))
            let staffID = try #require(try await server.store.listStaff(ListQuery()).items.first?.id)
            let token = try await server.store.createEnrollmentToken(clientCode: "ACME", maxUses: 3, expiresInHours: 24, label: nil, createdBy: staffID)
            let (_, csr) = try TestPKI.agentRequest()
            let store = server.store
            let results = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        do {
                            _ = try await store.enroll(secret: token.secret, hostname: "pc-\(index)", agentVersion: "0.1.0") { _, _ in
                                (csr, String(index + 1, radix: 16), Date().addingTimeInterval(3600))
                            }
                            return true
                        } catch {
                            return false
                        }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(results.filter { $0 }.count == 3)
            #expect(try await store.listEnrollmentTokens(clientCode: "ACME").items.first?.uses == 3)
            #expect(try await store.listAgents(clientCode: "ACME", ListQuery()).total == 3)
        }
    }

    @Test(arguments: TestBackend.available)
    func revokingAnAgentIsRecorded(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            _ = try await server.store.createClient(NewClient(code: "ACME", name: "ACME"))
            let staffID = try #require(try await server.store.listStaff(ListQuery()).items.first?.id)
            let token = try await server.store.createEnrollmentToken(clientCode: "ACME", maxUses: 1, expiresInHours: 24, label: nil, createdBy: staffID)
            let (agent, _) = try await server.store.enroll(secret: token.secret, hostname: "pc", agentVersion: "0.1.0") { _, _ in
                ("pem", "01", Date().addingTimeInterval(3600))
            }
            try await server.application.test(.router) { client in
                let revoked = try await client.call(.post, "/api/v1/agents/\(agent.id)/revoke", token: server.managerToken)
                #expect(revoked.status == .ok)
                #expect(try revoked.decode(AgentRecord.self).revokedAt != nil)
                #expect(try await client.call(.get, "/api/v1/agents?active=true", token: server.managerToken).decode(Page<AgentRecord>.self).total == 0)
                #expect(try await client.call(.get, "/api/v1/agents/nope", token: server.managerToken).status == .notFound)
            }
        }
    }
}
