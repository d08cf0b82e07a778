import Crypto
import Foundation
import NIOHTTP1
import ParcAgentReporting
import ParcProtocol
import ParcServer
import ParcTestSupport
import SwiftASN1
import Testing
import X509

/// Client data is kept apart by type: client-facing routes reach only a `ClientStore` for the
/// caller's client. This walks every route the router registered that is not a staff route and
/// calls it as client A's agent with client B's identifiers: nothing of B comes back and nothing of
/// B changes. A route with no case here fails the test, so a new client-facing route needs one.
@Suite(.serialized) struct ClientScopeTests {
    @Test(arguments: TestBackend.available)
    func everyClientFacingRouteKeepsToItsOwnClient(_ backend: TestBackend) async throws {
        try await LiveServer.with(backend) { live in
            let store = live.store
            let boss = try await store.createStaff(NewStaffUser(email: "boss@scope.example", name: "Boss", role: .manager))
            for code in ["ALPHA", "BETA"] { _ = try await store.createClient(NewClient(code: code, name: code)) }
            let alpha = try await live.enroll("ALPHA", hostname: "alpha-pc", createdBy: boss.id)
            let beta = try await live.enroll("BETA", hostname: "beta-pc", createdBy: boss.id)

            // B's machine, reported by B's agent under a known key.
            let betaMachine = Self.machine(uuid: "4c4c4544-0042-3510-8048-b7c04f4b4d32", serial: "BETA-SERIAL-1", mac: "3c:52:82:11:22:33", hostname: "beta-pc")
            _ = try await Reporter(state: beta.state).report(betaMachine, reportKey: "beta-report-1")
            // B's machine seen by a GLPI Agent too, under B's intake credential.
            let betaIntake = try await store.createIntakeCredential(clientCode: "BETA", kind: .oauth, label: nil, createdBy: boss.id)
            let alphaIntake = try await store.createIntakeCredential(clientCode: "ALPHA", kind: .basic, label: nil, createdBy: boss.id)
            let betaGLPIAgent = "5e1f7a2b-0c3d-4e5f-8a9b-0c1d2e3f4a5b"
            let betaAgent = try await store.scoped(
                to: try #require(try await store.verifyIntakeCredential(kind: .oauth, login: betaIntake.credential.login, secret: betaIntake.secret)).scope
            )
            .intakeAgent(kind: "glpi", deviceKey: betaGLPIAgent, hostname: "beta-pc", version: "GLPI-Agent_v1.12", credentialID: betaIntake.credential.id)
            let betaAssets = try await store.listAssets(AssetFilter(clientCode: "BETA"), ListQuery(limit: 100)).items
            #expect(betaAssets.count == 1)
            // Portal users of both: A's signed in, B's invited (its link is B's secret too).
            let alphaEmployee = try await store.addEmployee(clientCode: "ALPHA", NewEmployee(name: "Ann Alpha", email: "ann@alpha.example"))
            let alphaLink = try await store.invitePortalUser(clientCode: "ALPHA", NewPortalUser(employeeID: alphaEmployee.id, role: .clientAdmin))
            let alphaSession = try await store.usePortalLink(
                token: String(alphaLink.path.split(separator: "/").last ?? ""), password: "correct horse battery staple")
            let betaEmployee = try await store.addEmployee(clientCode: "BETA", NewEmployee(name: "Bob Beta", email: "bob@beta.example"))
            let betaLink = try await store.invitePortalUser(clientCode: "BETA", NewPortalUser(employeeID: betaEmployee.id, role: .clientAdmin))
            let betaToken = String(betaLink.path.split(separator: "/").last ?? "")
            // (B's e-mail and link token are what some requests send: their echo in a form is the caller's own input.)
            let betaSecrets = ["BETA", beta.agentID, betaAgent.id, "BETA-SERIAL-1", "beta-pc", "3c:52:82:11:22:33", "Bob Beta"]

            /// What of B a scope may never change: its agents, its assets with their details, its portal users.
            func betaSnapshot() async throws -> String {
                let agents = try await store.listAgents(clientCode: "BETA", ListQuery(limit: 100)).items
                var assets: [AssetDetail] = []
                for asset in try await store.listAssets(AssetFilter(clientCode: "BETA"), ListQuery(limit: 100)).items {
                    assets.append(try await store.assetDetail(id: asset.id))
                }
                let portalUsers = try await store.listPortalUsers(clientCode: "BETA").items
                return String(decoding: try CanonicalJSON.encode(agents), as: UTF8.self) + String(decoding: try CanonicalJSON.encode(assets), as: UTF8.self)
                    + String(decoding: try CanonicalJSON.encode(portalUsers), as: UTF8.self)
            }
            func expectNothingOfBeta(in response: AgentTransport.Response, _ route: String) {
                let text = String(decoding: response.body, as: UTF8.self)
                for secret in betaSecrets { #expect(!text.contains(secret), "\(route) answered B's '\(secret)': \(text.prefix(300))") }
            }

            let alphaTransport = try alpha.transport()
            let anonymous = try AgentTransport(caPEM: live.caPEM, identity: nil)
            let signedIn = [("Cookie", "__Host-parc-session=\(alphaSession.id)")]
            let form = [("Content-Type", "application/x-www-form-urlencoded")]
            let url = live.url
            let portal: @Sendable (HTTPMethod, String, [(String, String)], String) async throws -> AgentTransport.Response = { method, path, headers, body in
                try await anonymous.request(method, url + path, headers: headers, body: Array(body.utf8))
            }
            let cases: [String: @Sendable () async throws -> AgentTransport.Response] = [
                "GET /": { try await portal(.GET, "/", [], "") },
                "GET /portal/style.css": { try await portal(.GET, "/portal/style.css", [], "") },
                "GET /portal/login": { try await portal(.GET, "/portal/login", [], "") },
                "POST /portal/logout": {
                    let response = try await portal(.POST, "/portal/logout", signedIn + form, "csrf=not-the-session-token")
                    #expect(response.status == 403)
                    return response
                },
                // B's e-mail without its password: refused like any wrong password.
                "POST /portal/login": {
                    let response = try await portal(
                        .POST, "/portal/login", signedIn + form + [("Cookie", "__Host-parc-form=t")], "csrf=t&email=bob%40beta.example&password=guess")
                    #expect(response.status == 401 || response.status == 403, "login as B: \(response.status)")
                    return response
                },
                "GET /portal/forgot": { try await portal(.GET, "/portal/forgot", signedIn, "") },
                // B's e-mail: the same answer as for any address, and nothing of B's shown.
                "POST /portal/forgot": {
                    let response = try await portal(
                        .POST, "/portal/forgot", signedIn + form + [("Cookie", "__Host-parc-form=t")], "csrf=t&email=bob%40beta.example")
                    #expect(response.status == 200 || response.status == 503, "forgot for B: \(response.status)")
                    return response
                },
                // B's link, from A's session: the form shows nothing of B; a post without the form's token changes nothing.
                // A session cookie that awaits no code: sent back to sign in.
                "GET /portal/login/code": {
                    let response = try await portal(.GET, "/portal/login/code", signedIn, "")
                    #expect(response.status == 303)
                    return response
                },
                "POST /portal/login/code": {
                    let response = try await portal(.POST, "/portal/login/code", signedIn + form, "csrf=x&code=123456")
                    #expect(response.status == 401)
                    return response
                },
                "GET /portal/invite/{token}": { try await portal(.GET, "/portal/invite/\(betaToken)", signedIn, "") },
                "POST /portal/invite/{token}": {
                    let response = try await portal(
                        .POST, "/portal/invite/\(betaToken)", signedIn + form, "csrf=x&password=abcdefghijklmnop&confirmation=abcdefghijklmnop")
                    #expect(response.status == 403)
                    return response
                },
                "GET /portal/reset/{token}": { try await portal(.GET, "/portal/reset/\(betaToken)", signedIn, "") },
                "POST /portal/reset/{token}": {
                    let response = try await portal(
                        .POST, "/portal/reset/\(betaToken)", signedIn + form, "csrf=x&password=abcdefghijklmnop&confirmation=abcdefghijklmnop")
                    #expect(response.status == 403)
                    return response
                },
                // A's intake credential with B's agent id and B's tag: filed into A, B untouched.
                "POST /glpi": {
                    let inventory =
                        #"{"action":"inventory","deviceid":"x","itemtype":"Computer","tag":"BETA","content":{"versionclient":"GLPI-Agent_v1.12","hardware":{"name":"intruder"}}}"#
                    let response = try await anonymous.request(
                        .POST, url + "/glpi",
                        headers: [
                            ("Content-Type", "application/json"), ("GLPI-Agent-ID", betaGLPIAgent),
                            ("Authorization", "Basic " + Data("\(alphaIntake.credential.login):\(alphaIntake.secret)".utf8).base64EncodedString()),
                        ], body: Array(inventory.utf8))
                    #expect(response.status == 200, "glpi inventory: \(response.status)")
                    #expect(try await store.listAssets(AssetFilter(clientCode: "ALPHA"), ListQuery(limit: 100)).items.contains { $0.name == "intruder" })
                    return response
                },
                // B's OAuth login with a guessed secret gets no token; B's agent id under A's credential is A's own agent.
                "POST /glpi/**": {
                    let token = try await anonymous.request(
                        .POST, url + "/glpi/api.php/token", headers: [("Content-Type", "application/json")],
                        body: Array(
                            #"{"grant_type":"client_credentials","client_id":"\#(betaIntake.credential.login)","client_secret":"guess","scope":"inventory"}"#
                                .utf8))
                    #expect(token.status == 401)
                    let response = try await anonymous.request(
                        .POST, url + "/glpi/front/inventory.php",
                        headers: [
                            ("Content-Type", "application/json"), ("GLPI-Agent-ID", betaGLPIAgent),
                            ("Authorization", "Basic " + Data("\(alphaIntake.credential.login):\(alphaIntake.secret)".utf8).base64EncodedString()),
                        ], body: Array(#"{"action":"contact","deviceid":"beta-pc-2026-01-01-00-00-00","name":"GLPI-Agent","version":"1.12"}"#.utf8))
                    #expect(response.status == 200)
                    return response
                },
                // An OCS agent with A's credential and the device id B's agent uses: A's own agent, filed into A.
                "POST /ocsinventory": {
                    let prolog = "<REQUEST><DEVICEID>beta-pc-2026-01-01-00-00-00</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>"
                    let response = try await anonymous.request(
                        .POST, url + "/ocsinventory",
                        headers: [
                            ("Content-Type", "application/xml"), ("User-Agent", "OCS-NG_unified_unix_agent_v2.10.0"),
                            ("Authorization", "Basic " + Data("\(alphaIntake.credential.login):\(alphaIntake.secret)".utf8).base64EncodedString()),
                        ], body: Array(prolog.utf8))
                    #expect(response.status == 200)
                    let xmlAgent = { (agent: AgentRecord) in agent.kind != "parc" && agent.kind != "glpi" }
                    #expect(try await store.listAgents(clientCode: "ALPHA", ListQuery(limit: 100)).items.contains { xmlAgent($0) && $0.hostname == "beta-pc" })
                    #expect(try await store.listAgents(clientCode: "BETA", ListQuery(limit: 100)).items.allSatisfy { !xmlAgent($0) })
                    return response
                },
                "GET /ocsinventory": { try await anonymous.request(.GET, url + "/ocsinventory") },
                "GET /glpi": { try await anonymous.request(.GET, url + "/glpi") },
                "GET /glpi/**": { try await anonymous.request(.GET, url + "/glpi/front/inventory.php") },
                "GET /healthz": { try await anonymous.request(.GET, live.url + "/healthz") },
                "GET /metrics": { try await anonymous.request(.GET, live.url + "/metrics") },
                "GET /ca.pem": { try await anonymous.request(.GET, live.url + "/ca.pem") },
                // B's used token, by its secret: refused, and no agent joins B.
                "POST /agent/v1/enroll": {
                    let request = EnrollmentRequest(token: beta.tokenSecret, csrPEM: "x", hostname: "alpha-intruder", agentVersion: "0.1.0")
                    let response = try await anonymous.request(
                        .POST, live.url + "/agent/v1/enroll", headers: [("Content-Type", "application/json")], body: Array(try CanonicalJSON.encode(request)))
                    #expect(response.status == 403 || response.status == 400, "enroll with B's token: \(response.status)")
                    return response
                },
                // B's report key and B's section hashes: A is answered about A's own sections only.
                "POST /agent/v1/checkin": {
                    let hashes = try betaMachine.sectionPayloads().reduce(into: [String: String]()) { $0[$1.key.rawValue] = Inventory.sectionHash($1.value) }
                    let checkIn = CheckIn(agentVersion: "0.1.0", hostname: "alpha-pc", sectionHashes: hashes)
                    let response = try await alphaTransport.request(
                        .POST, live.url + "/agent/v1/checkin", headers: [("Content-Type", "application/json"), ("Parc-Report-Key", "beta-report-1")],
                        body: Array(try CanonicalJSON.encode(checkIn)))
                    #expect(response.status == 200, "check-in: \(response.status)")
                    let answer = try CanonicalJSON.decode(CheckInResponse.self, from: Data(response.body))
                    #expect(Set(answer.needed) == Set(hashes.keys.compactMap(InventorySection.init(rawValue:))), "A must send its own sections")
                    return response
                },
                // B's machine identity (UUID, serial, MAC) in A's report: a new asset of A, B's untouched.
                "POST /agent/v1/report": {
                    let response = try await alphaTransport.request(
                        .POST, live.url + "/agent/v1/report", headers: [("Content-Type", "application/json"), ("Parc-Report-Key", "beta-report-1")],
                        body: Array(try CanonicalJSON.encode(betaMachine)))
                    #expect(response.status == 201, "report: \(response.status) \(String(decoding: response.body, as: UTF8.self))")
                    let alphaAssets = try await store.listAssets(AssetFilter(clientCode: "ALPHA"), ListQuery(limit: 100)).items
                    #expect(alphaAssets.count == 1 && alphaAssets.allSatisfy { !betaAssets.map(\.id).contains($0.id) })
                    return response
                },
                // A CSR naming B's agent: the certificate still names A's agent.
                "POST /agent/v1/renew": {
                    let csr = try Self.csr(commonName: beta.agentID)
                    let response = try await alphaTransport.request(
                        .POST, live.url + "/agent/v1/renew", headers: [("Content-Type", "application/json")],
                        body: Array(try CanonicalJSON.encode(RenewalRequest(csrPEM: csr))))
                    #expect(response.status == 200, "renew: \(response.status)")
                    let renewed = try CanonicalJSON.decode(EnrollmentResponse.self, from: Data(response.body))
                    #expect(renewed.agentID == alpha.agentID && renewed.clientCode == "ALPHA")
                    let certificate = try Certificate(pemEncoded: renewed.certificatePEM)
                    #expect(certificate.subject.description.contains(alpha.agentID) && !certificate.subject.description.contains(beta.agentID))
                    return response
                },
            ]

            // Renewal retires A's certificate: it goes last.
            let routes = try live.routes()
            // The portal's pages that show client data have their own walk, by role (`PortalScopeTests`).
            let clientFacing = routes.filter { !$0.isStaff && !PortalScopeTests.covers($0.route) }.map(\.route).sorted {
                !$0.hasSuffix("/renew") && $1.hasSuffix("/renew")
            }
            #expect(!clientFacing.isEmpty && routes.contains { $0.isStaff })
            for route in clientFacing {
                guard let call = cases[route] else {
                    Issue.record("\(route) is a client-facing route with no case in the scope test: add one")
                    continue
                }
                let before = try await betaSnapshot()
                let response = try await call()
                expectNothingOfBeta(in: response, route)
                #expect(try await betaSnapshot() == before, "\(route) changed client B's rows")
            }
            #expect(Set(cases.keys) == Set(clientFacing), "cases for routes that no longer exist")
        }
    }

    /// Scopes are made where a credential was verified, and nowhere else.
    @Test func scopesAreMadeOnlyByCredentialChecks() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources").path
        let makers = try FileManager.default.subpathsOfDirectory(atPath: sources).filter { $0.hasSuffix(".swift") }.filter { path in
            (try? String(contentsOfFile: sources + "/" + path, encoding: .utf8))?.contains("ClientScope(verifiedClientID") == true
        }
        #expect(
            Set(makers) == ["ParcServer/Store/Store+Reports.swift", "ParcServer/Store/Store+PortalSessions.swift", "ParcServer/Store/Store+Intake.swift"],
            "\(makers)")
    }

    static func machine(uuid: String, serial: String, mac: String, hostname: String) -> Inventory {
        var inventory = Inventory(agentVersion: "0.1.0", collectedAt: Date())
        var system = SystemSection(source: "smbios")
        (system.manufacturer, system.product, system.uuid, system.serial) = ("DELL", "Latitude 5490", uuid, serial)
        inventory.system = system
        var network = NetworkSection()
        var interface = NetworkInterface(name: "eth0")
        (interface.permanentMAC, interface.physical) = (mac, true)
        network.interfaces = [interface]
        inventory.network = network
        var os = OperatingSystemSection()
        os.hostname = hostname
        inventory.os = os
        return inventory
    }

    static func csr(commonName: String) throws -> String {
        let key = P256.Signing.PrivateKey()
        return try CertificateSigningRequest(
            version: .v1, subject: try DistinguishedName { CommonName(commonName) }, privateKey: .init(key),
            attributes: CertificateSigningRequest.Attributes(), signatureAlgorithm: .ecdsaWithSHA256
        ).serializeAsPEM().pemString
    }
}
