import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParcProtocol
import ParcServer
import ParcTestSupport
import Testing

@Suite struct StaffAPITests {
    @Test(arguments: TestBackend.available)
    func managerCreatesAndListsAClient(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            try await server.application.test(.router) { client in
                let created = try await client.call(
                    .post, "/api/v1/clients", token: server.managerToken, json: #"{"code":"acme","name":"ACME SA","siren":"552032534"}"#)
                #expect(created.status == .created)
                #expect(try created.decode(Client.self).code == "ACME")
                let list = try await client.call(.get, "/api/v1/clients?q=acme", token: server.managerToken)
                #expect(list.status == .ok)
                let page = try list.decode(Page<Client>.self)
                #expect(page.items.map(\.code) == ["ACME"])
                #expect(page.total == 1)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func badInputGetsANamedError(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            try await server.application.test(.router) { client in
                let token = server.managerToken
                func expectError(
                    _ response: TestResponse, _ status: HTTPResponse.Status, _ code: String, field: String? = nil,
                    sourceLocation: SourceLocation = #_sourceLocation
                ) {
                    #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
                    #expect(response.error?.error == code, "\(response.text)", sourceLocation: sourceLocation)
                    if let field { #expect(response.error?.field == field, "\(response.text)", sourceLocation: sourceLocation) }
                }
                expectError(try await client.call(.post, "/api/v1/clients", token: token, json: #"{"code":"#), .badRequest, "malformed_json")
                expectError(try await client.call(.post, "/api/v1/clients", token: token, json: #"[1,2]"#), .badRequest, "wrong_type")
                expectError(
                    try await client.call(.post, "/api/v1/clients", token: token, json: #"{"code":"ACME"}"#), .badRequest, "missing_field", field: "name")
                expectError(
                    try await client.call(.post, "/api/v1/clients", token: token, json: #"{"code":42,"name":"x"}"#), .badRequest, "wrong_type", field: "code")
                expectError(
                    try await client.call(.post, "/api/v1/clients", token: token, json: #"{"code":"AB","name":"x","billingAddress":{"line1":"x"}}"#),
                    .badRequest, "missing_field", field: "billingAddress.postalCode")
                expectError(
                    try await client.call(.post, "/api/v1/clients", token: token, json: #"{"code":"AB","name":"x","siren":"123"}"#), .unprocessableContent,
                    "validation_failed", field: "siren")
                expectError(try await client.call(.post, "/api/v1/clients", token: token, json: ""), .badRequest, "malformed_json")
                expectError(
                    try await client.call(.post, "/api/v1/clients", token: token, json: #"{"code":"AB","name":"x"}"#, contentType: "text/plain"),
                    .unsupportedMediaType, "unsupported_media_type")
                let huge = #"{"code":"AB","name":"x","notes":""# + String(repeating: "a", count: 1_100_000) + #""}"#
                expectError(try await client.call(.post, "/api/v1/clients", token: token, json: huge), .contentTooLarge, "body_too_large")

                #expect(try await client.call(.post, "/api/v1/clients", token: token, json: #"{"code":"AB","name":"x"}"#).status == .created)
                expectError(
                    try await client.call(.post, "/api/v1/clients", token: token, json: #"{"code":"ab","name":"y"}"#), .conflict, "conflict", field: "code")
                expectError(try await client.call(.get, "/api/v1/clients/NOPE", token: token), .notFound, "not_found")
                expectError(try await client.call(.get, "/api/v1/employees/999", token: token), .notFound, "not_found")
                expectError(try await client.call(.get, "/api/v1/employees/abc", token: token), .badRequest, "invalid_parameter", field: "id")
                expectError(try await client.call(.get, "/api/v1/clients?limit=1000", token: token), .badRequest, "invalid_parameter", field: "limit")
                expectError(try await client.call(.get, "/api/v1/clients?active=maybe", token: token), .badRequest, "invalid_parameter", field: "active")
                expectError(try await client.call(.get, "/api/v1/nothing-here", token: token), .notFound, "not_found")
                expectError(
                    try await client.call(.post, "/api/v1/clients/AB/employees", token: token, json: #"{"name":"J","siteID":77}"#), .unprocessableContent,
                    "invalid_reference", field: "siteID")
                expectError(
                    try await client.call(.post, "/api/v1/staff", token: token, json: #"{"email":"x@y.fr","name":"X","role":"boss"}"#), .badRequest,
                    "invalid_value", field: "role")

                // None of the refused requests wrote anything.
                let page = try await client.call(.get, "/api/v1/clients", token: token).decode(Page<Client>.self)
                #expect(page.items.map(\.code) == ["AB"])
                #expect(try await client.call(.get, "/api/v1/clients/AB/employees", token: token).decode(Page<Employee>.self).total == 0)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func tokensAreShownOnceAndStopWorkingWhenRevoked(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            try await server.application.test(.router) { client in
                #expect(try await client.call(.get, "/api/v1/me", token: nil).status == .unauthorized)
                #expect(try await client.call(.get, "/api/v1/me", token: "parc_nope").status == .unauthorized)
                let unauthorized = try await client.call(.get, "/api/v1/clients", token: "parc_" + String(repeating: "x", count: 43))
                #expect(unauthorized.status == .unauthorized)
                #expect(unauthorized.headers[.wwwAuthenticate] != nil)

                let created = try await client.call(.post, "/api/v1/tokens", token: server.managerToken, json: #"{"label":"ci"}"#)
                #expect(created.status == .created)
                let token = try created.decode(CreatedAPIToken.self)
                let me = try await client.call(.get, "/api/v1/me", token: token.secret).decode(Identity.self)
                #expect(me.tokenID == token.token.id)
                #expect(me.staff.role == .manager)

                let listed = try await client.call(.get, "/api/v1/tokens", token: server.managerToken)
                #expect(!listed.text.contains(token.secret))
                #expect(try listed.decode(Page<APIToken>.self).total == 2)

                #expect(try await client.call(.delete, "/api/v1/tokens/\(token.token.id)", token: server.managerToken).status == .ok)
                #expect(try await client.call(.get, "/api/v1/me", token: token.secret).status == .unauthorized)
            }
        }
    }

    @Test(arguments: TestBackend.available)
    func staffCanOnlyTouchTheirOwnTokensUnlessManager(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            try await server.application.test(.router) { client in
                let tech = try await client.call(
                    .post, "/api/v1/staff", token: server.managerToken, json: #"{"email":"t@p.example","name":"T","role":"technician"}"#
                ).decode(StaffUser.self)
                let techToken = try await client.call(.post, "/api/v1/tokens", token: server.managerToken, json: #"{"label":"t","staffID":\#(tech.id)}"#)
                    .decode(CreatedAPIToken.self)
                #expect(techToken.token.staffID == tech.id)

                // A technician sees only their own tokens, cannot mint for others, cannot revoke others'.
                let own = try await client.call(.get, "/api/v1/tokens", token: techToken.secret).decode(Page<APIToken>.self).items
                #expect(own.map(\.staffID) == [tech.id])
                #expect(try await client.call(.post, "/api/v1/tokens", token: techToken.secret, json: #"{"label":"x","staffID":1}"#).status == .forbidden)
                let managerTokens = try await client.call(.get, "/api/v1/tokens", token: server.managerToken).decode(Page<APIToken>.self).items
                let managersOwn = try #require(managerTokens.first { $0.staffID != tech.id })
                #expect(try await client.call(.delete, "/api/v1/tokens/\(managersOwn.id)", token: techToken.secret).status == .notFound)
                #expect(try await client.call(.get, "/api/v1/me", token: server.managerToken).status == .ok)

                // Deactivating the technician stops their token at once.
                #expect(try await client.call(.patch, "/api/v1/staff/\(tech.id)", token: server.managerToken, json: #"{"active":false}"#).status == .ok)
                #expect(try await client.call(.get, "/api/v1/me", token: techToken.secret).status == .unauthorized)
            }
        }
    }

    @Test func healthAndMetricsArePublic() async throws {
        try await TestServer.with(.sqlite) { server in
            try await server.application.test(.router) { client in
                let health = try await client.call(.get, "/healthz", token: nil)
                #expect(health.status == .ok)
                #expect(try health.decode(Health.self) == Health(status: "ok", version: ParcVersion.current, database: "sqlite"))
                #expect(try await client.call(.get, "/metrics", token: nil).status == .ok)
                let ca = try await client.call(.get, "/ca.pem", token: nil)
                #expect(ca.text.hasPrefix("-----BEGIN CERTIFICATE-----"))
            }
        }
    }
}
