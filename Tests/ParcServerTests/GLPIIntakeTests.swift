import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParcDomain
import ParcProtocol
import ParcServer
import ParcTestSupport
import SQLKit
import SwiftASN1
import Testing
import X509

/// The GLPI Agent protocol at `/glpi/`, byte by byte as glpi-agent speaks it (research §4a), and the
/// binding of every such agent to the client of its credential.
@Suite struct GLPIIntakeTests {
    enum Wire: String, CaseIterable, Sendable {
        case zlib = "application/x-compress-zlib"
        case gzip = "application/x-compress-gzip"
        case deflate = "application/x-compress-deflate"
        case plain = "application/json"

        var algorithm: CompressionAlgorithm? {
            switch self {
            case .zlib: .zlib()
            case .gzip: .gzip()
            case .deflate: .deflate()
            case .plain: nil
            }
        }

        func pack(_ bytes: [UInt8]) throws -> ByteBuffer { try Self.pack(bytes, algorithm) }
        func unpack(_ buffer: ByteBuffer) throws -> [UInt8] { try Self.unpack(buffer, algorithm) }

        /// A body as an agent compresses it (nil: plain), and an answer read back: the XML protocol's tests too.
        static func pack(_ bytes: [UInt8], _ algorithm: CompressionAlgorithm?) throws -> ByteBuffer {
            var buffer = ByteBuffer(bytes: bytes)
            guard let algorithm else { return buffer }
            return try buffer.compress(with: algorithm)
        }

        static func unpack(_ buffer: ByteBuffer, _ algorithm: CompressionAlgorithm?) throws -> [UInt8] {
            var buffer = buffer
            guard let algorithm else { return Array(buffer.readableBytesView) }
            return Array(try buffer.decompress(with: algorithm, maxSize: 1 << 24).readableBytesView)
        }
    }

    static let agentID = "3f2b8e4c-1d5a-4c6e-9b7f-2a1c3d4e5f60"
    static let prolog = Array(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<REQUEST>\n  <DEVICEID>pc-2026-12-06-10-00-00</DEVICEID>\n  <QUERY>PROLOG</QUERY>\n  <TOKEN>12345678</TOKEN>\n</REQUEST>\n"
            .utf8)
    static let contact = Array(
        #"{"action":"contact","deviceid":"pc-2026-12-06-10-00-00","enabled-tasks":["collect","deploy","esx","inventory","netdiscovery","netinventory","remoteinventory","wakeonlan"],"httpd-plugins":{},"httpd-port":62354,"installed-tasks":["collect","deploy","esx","inventory","netdiscovery","netinventory","remoteinventory","wakeonlan"],"name":"GLPI-Agent","tag":"OTHER","version":"1.12"}"#
            .utf8)

    static func inventory(hostname: String, uuid: String, partial: Bool = false, tag: String = "OTHER", software: [String] = ["firefox"]) -> [UInt8] {
        let programs = software.map { #"{"name":"\#($0)","version":"1.0","publisher":"Vendor","from":"deb","arch":"amd64"}"# }.joined(separator: ",")
        return Array(
            """
            {"action":"inventory","deviceid":"\(hostname)-2026-12-06-10-00-00","itemtype":"Computer","partial":\(partial),"tag":"\(tag)",
             "content":{"versionclient":"GLPI-Agent_v1.12","hardware":{"name":"\(hostname)","uuid":"\(uuid)","memory":16000},
             "bios":{"ssn":"SN-\(hostname)","smanufacturer":"Dell Inc.","smodel":"Latitude 5440"},
             "softwares":[\(programs)]}}
            """.utf8)
    }

    struct Exchange {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let json: [String: Any]
    }

    static func send(
        _ client: some TestClientProtocol, _ body: [UInt8], wire: Wire = .zlib, path: String = "/glpi/", authorization: String?,
        agentID: String? = GLPIIntakeTests.agentID
    ) async throws -> Exchange {
        var headers: HTTPFields = [.contentType: wire.rawValue]
        if let authorization { headers[.authorization] = authorization }
        if let agentID { headers[HTTPField.Name("GLPI-Agent-ID")!] = agentID }
        headers[HTTPField.Name("GLPI-Request-ID")!] = "0A1B2C3D"
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: try wire.pack(body))
        // Answers come in the request's compression, except refusals made before the body is read.
        let bytes = response.headers[.contentType] == wire.rawValue ? try wire.unpack(response.body) : Array(response.body.readableBytesView)
        let json = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
        return Exchange(status: response.status, headers: response.headers, json: json)
    }

    static func example(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: SharedMaterial.glpiExamples + "/\(name).json")))
    }

    static func basic(_ login: String, _ secret: String) -> String { "Basic " + Data("\(login):\(secret)".utf8).base64EncodedString() }

    /// Client ACME and a Basic credential of it: the `Authorization` header its agents send.
    static func acmeWithBasicCredential(_ store: Store) async throws -> String {
        _ = try await store.createClient(NewClient(code: "ACME", name: "ACME"))
        let created = try await store.createIntakeCredential(clientCode: "ACME", kind: .basic, label: nil, createdBy: try await staffID(store))
        return basic(created.credential.login, created.secret)
    }

    static func staffID(_ store: Store) async throws -> Int64 { try #require(try await store.listStaff(ListQuery()).items.first?.id) }

    @Test(arguments: TestBackend.available)
    func everyMessageInEveryCompression(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            let auth = try await Self.acmeWithBasicCredential(server.store)
            try await server.application.test(.router) { client async throws in
                for (index, wire) in Wire.allCases.enumerated() {
                    let agentID = "3f2b8e4c-1d5a-4c6e-9b7f-2a1c3d4e5f6\(index)"
                    // PROLOG with GLPI-Agent-ID: JSON, pending without expiration, so the agent goes on with CONTACT at once.
                    let prolog = try await Self.send(client, Self.prolog, wire: wire, authorization: auth, agentID: agentID)
                    #expect(prolog.status == .ok, "\(wire)")
                    #expect(prolog.headers[.contentType] == wire.rawValue)
                    #expect(prolog.json["status"] as? String == "pending", "\(wire): \(prolog.json)")
                    #expect(prolog.json["expiration"] == nil)
                    #expect(prolog.headers[HTTPField.Name("GLPI-Agent-ID")!] == agentID)
                    #expect(prolog.headers[HTTPField.Name("GLPI-Request-ID")!] == "0A1B2C3D")

                    let contact = try await Self.send(
                        client, Self.contact, wire: wire, path: "/glpi/front/inventory.php", authorization: auth, agentID: agentID)
                    #expect(contact.status == .ok, "\(wire)")
                    #expect(contact.json["status"] as? String == "ok")
                    #expect(contact.json["expiration"] as? Int == 1)
                    let tasks = try #require(contact.json["tasks"] as? [String: Any])
                    let inventory = try #require(tasks["inventory"] as? [String: Any])
                    #expect(inventory["server"] as? String == "glpi")
                    #expect(inventory["version"] as? String == ParcVersion.current)
                    #expect(inventory["no-category"] as? String == "environment,process")
                    #expect(
                        (contact.json["disabled"] as? [String]) == ["collect", "deploy", "esx", "netdiscovery", "netinventory", "remoteinventory", "wakeonlan"])

                    let stored = try await Self.send(
                        client, Self.inventory(hostname: "pc-\(wire)", uuid: "4c4c4544-0000-0000-0000-00000000000\(index)"), wire: wire,
                        path: "/glpi/marketplace/glpiinventory/", authorization: auth, agentID: agentID)
                    #expect(stored.status == .ok, "\(wire): \(stored.json)")
                    #expect(stored.json["status"] as? String == "ok")
                    #expect(stored.json["expiration"] as? Int == 1)
                }
                let get = try await client.execute(uri: "/glpi/Inventory", method: .get)
                #expect(get.status == .methodNotAllowed)
                #expect(get.body.readableBytes == 0)
                let unknown = try await Self.send(client, Array(#"{"action":"register","deviceid":"x"}"#.utf8), authorization: auth)
                #expect(unknown.status == .notImplemented)
                #expect(unknown.json["status"] as? String == "error")
                let brotli = try await client.execute(
                    uri: "/glpi/", method: .post, headers: [.contentType: "application/x-compress-br", .authorization: auth], body: ByteBuffer(bytes: [1]))
                #expect(brotli.status == .unsupportedMediaType)
            }
            let agents = try await server.store.listAgents(clientCode: "ACME", ListQuery()).items
            #expect(agents.count == 4)
            #expect(agents.allSatisfy { $0.kind == "glpi" && $0.lastReportScope == "full" && $0.agentVersion == "GLPI-Agent_v1.12" })
            #expect(try await server.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery()).total == 4)
        }
    }

    @Test(arguments: TestBackend.available)
    func aCredentialFilesIntoItsClientWhateverTheTagSays(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            for code in ["ACME", "OTHER"] { _ = try await server.store.createClient(NewClient(code: code, name: code)) }
            let staff = try await Self.staffID(server.store)
            let acme = try await server.store.createIntakeCredential(clientCode: "ACME", kind: .basic, label: nil, createdBy: staff)
            let oauth = try await server.store.createIntakeCredential(clientCode: "ACME", kind: .oauth, label: nil, createdBy: staff)
            try await server.application.test(.router) { client async throws in
                let body = Self.inventory(hostname: "lyon-01", uuid: "4c4c4544-0000-0000-0000-000000000001", tag: "OTHER")
                // No credential: the challenge GLPI Agent answers with its --user and --password.
                let anonymous = try await Self.send(client, body, authorization: nil)
                #expect(anonymous.status == .unauthorized)
                #expect(anonymous.headers[.wwwAuthenticate] == "Basic realm=\"Parc inventory\"")
                let wrong = try await Self.send(client, body, authorization: Self.basic(acme.credential.login, "not-the-secret"))
                #expect(wrong.status == .unauthorized)
                // An OAuth credential is not a Basic password, nor the reverse.
                #expect(try await Self.send(client, body, authorization: Self.basic(oauth.credential.login, oauth.secret)).status == .unauthorized)

                let filed = try await Self.send(client, body, authorization: Self.basic(acme.credential.login, acme.secret))
                #expect(filed.status == .ok, "\(filed.json)")
                #expect(try await server.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery()).items.map(\.name) == ["lyon-01"])
                #expect(try await server.store.listAssets(AssetFilter(clientCode: "OTHER"), ListQuery()).total == 0)

                // OAuth client credentials, as glpi-agent asks for its token.
                func token(_ id: String, _ secret: String, scope: String = "inventory") async throws -> TestResponse {
                    let request = #"{"client_id":"\#(id)","client_secret":"\#(secret)","grant_type":"client_credentials","scope":"\#(scope)"}"#
                    return try await client.execute(
                        uri: "/glpi/api.php/token", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: request))
                }
                let refused = try await token(acme.credential.login, acme.secret)
                #expect(refused.status == .unauthorized)
                #expect(String(buffer: refused.body).contains("invalid_client"))
                #expect(try await token(oauth.credential.login, oauth.secret, scope: "admin").status == .badRequest)
                let granted = try await token(oauth.credential.login, oauth.secret)
                #expect(granted.status == .ok)
                let answer = try #require(try JSONSerialization.jsonObject(with: Data(granted.body.readableBytesView)) as? [String: Any])
                #expect(answer["token_type"] as? String == "Bearer")
                #expect(answer["expires_in"] as? Int == 3600)
                let bearer = "Bearer " + (try #require(answer["access_token"] as? String))
                let second = Self.inventory(hostname: "lyon-02", uuid: "4c4c4544-0000-0000-0000-000000000002")
                #expect(try await Self.send(client, second, authorization: bearer, agentID: "3f2b8e4c-1d5a-4c6e-9b7f-2a1c3d4e5f99").status == .ok)
                #expect(try await server.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery()).total == 2)

                // Revoked: refused from the next request, tokens made from it included.
                _ = try await server.store.revokeIntakeCredential(id: oauth.credential.id)
                #expect(try await Self.send(client, second, authorization: bearer, agentID: "3f2b8e4c-1d5a-4c6e-9b7f-2a1c3d4e5f99").status == .unauthorized)
                _ = try await server.store.revokeIntakeCredential(id: acme.credential.id)
                #expect(try await Self.send(client, body, authorization: Self.basic(acme.credential.login, acme.secret)).status == .unauthorized)
            }
            // A GLPI agent the provider revoked is refused with its reason, even with a good credential.
            let fresh = try await server.store.createIntakeCredential(clientCode: "ACME", kind: .basic, label: nil, createdBy: staff)
            let revoked = try #require(try await server.store.listAgents(clientCode: "ACME", ListQuery()).items.first { $0.hostname == "lyon-01" })
            _ = try await server.store.revokeAgent(id: revoked.id)
            try await server.application.test(.router) { client async throws in
                let body = Self.inventory(hostname: "lyon-01", uuid: "4c4c4544-0000-0000-0000-000000000001")
                let refused = try await Self.send(client, body, authorization: Self.basic(fresh.credential.login, fresh.secret))
                #expect(refused.status == .forbidden)
                #expect((refused.json["message"] as? String)?.contains("revoked") == true)
            }
            // The same GLPI-Agent-ID under another client's credential is another agent, of that client.
            let other = try await server.store.createIntakeCredential(clientCode: "OTHER", kind: .basic, label: nil, createdBy: staff)
            try await server.application.test(.router) { client async throws in
                let body = Self.inventory(hostname: "lyon-01", uuid: "4c4c4544-0000-0000-0000-000000000001", tag: "ACME")
                #expect(try await Self.send(client, body, authorization: Self.basic(other.credential.login, other.secret)).status == .ok)
            }
            #expect(try await server.store.listAssets(AssetFilter(clientCode: "OTHER"), ListQuery()).items.map(\.name) == ["lyon-01"])
            #expect(try await server.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery()).total == 2)
            #expect(try await server.store.listAgents(clientCode: "OTHER", ListQuery()).total == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func badBodiesAreRefusedNeverAServerError(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            let auth = try await Self.acmeWithBasicCredential(server.store)
            try await server.application.test(.router) { client async throws in
                // Not zlib at all.
                let corrupt = try await client.execute(
                    uri: "/glpi/", method: .post, headers: [.contentType: Wire.zlib.rawValue, .authorization: auth], body: ByteBuffer(string: "plain text"))
                #expect(corrupt.status == .badRequest)
                // A whole zlib stream with bytes after it.
                var trailing = try Wire.zlib.pack(Self.contact)
                trailing.writeString("trailing bytes")
                let tail = try await client.execute(
                    uri: "/glpi/", method: .post,
                    headers: [.contentType: Wire.zlib.rawValue, .authorization: auth, HTTPField.Name("GLPI-Agent-ID")!: Self.agentID],
                    body: trailing)
                #expect(tail.status == .badRequest)
                // A zlib bomb: 80 MiB of spaces inflates past the limit and is refused without inflating further.
                let bomb = try Wire.zlib.pack([UInt8](repeating: 0x20, count: 80 << 20))
                let bombed = try await client.execute(
                    uri: "/glpi/", method: .post, headers: [.contentType: Wire.zlib.rawValue, .authorization: auth], body: bomb)
                #expect(bombed.status == .contentTooLarge)
                let deep = Array(
                    ("{\"action\":\"inventory\",\"content\":" + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}").utf8)
                #expect(try await Self.send(client, deep, authorization: auth).status == .badRequest)
                #expect(try await Self.send(client, Array("not json".utf8), authorization: auth).status == .badRequest)
                #expect(try await Self.send(client, Self.contact, authorization: auth, agentID: nil).status == .badRequest)
                let printer = Array(
                    #"{"action":"inventory","deviceid":"p","itemtype":"Printer","content":{"versionclient":"x"}}"#.utf8)
                let refused = try await Self.send(client, printer, authorization: auth)
                #expect(refused.status == .unprocessableContent)
                #expect((refused.json["message"] as? String)?.contains("parcctl asset add") == true)
                // A field of the wrong type costs that field, with a warning kept with the report.
                let sloppy = Array(
                    #"{"action":"inventory","deviceid":"s","content":{"versionclient":"x","hardware":{"name":"sloppy","memory":"a lot"},"softwares":[{"name":"vim","version":"9"},{"version":"no name"}]}}"#
                        .utf8)
                #expect(try await Self.send(client, sloppy, authorization: auth).status == .ok)
            }
            let agent = try #require(try await server.store.listAgents(clientCode: "ACME", ListQuery()).items.first)
            let report = try #require(try await server.store.agentReports(agentID: agent.id).first)
            #expect(report.warnings?.contains { $0.hasPrefix("content.hardware.memory") } == true, "\(String(describing: report.warnings))")
            #expect(report.warnings?.contains { $0.hasPrefix("content.softwares[1].name") } == true)
        }
    }

    /// The partial examples after computer_1, over HTTP: each replaces its category, the asset keeps the rest.
    @Test(
        .enabled(if: SharedMaterial.hasGLPIExamples, "../shared/fixtures/glpi-inventory-format is absent beside this clone"),
        arguments: TestBackend.available)
    func partialInventoriesOverTheWire(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            let auth = try await Self.acmeWithBasicCredential(server.store)
            try await server.application.test(.router) { client async throws in
                #expect(try await Self.send(client, try Self.example("computer_1"), authorization: auth).status == .ok)
                let asset = try #require(try await server.store.listAssets(AssetFilter(clientCode: "ACME", kind: .computer), ListQuery()).items.first)
                let first = try await server.store.assetDetail(id: asset.id)
                #expect(first.softwareCount == 6)
                #expect(first.asset.serial == "640HP72")
                for name in ["computer_1_partial_batteries", "computer_1_partial_volumes", "computer_1_partial_softs", "computer_1_partial_cpu"] {
                    #expect(try await Self.send(client, try Self.example(name), authorization: auth).status == .ok, "\(name)")
                }
                let after = try await server.store.assetDetail(id: asset.id)
                #expect(after.components.filter { $0.kind == .memory } == first.components.filter { $0.kind == .memory })
                #expect(after.components.filter { $0.kind == .disk } == first.components.filter { $0.kind == .disk })
                #expect(after.softwareCount == 6)
                let software = try await server.store.assetSoftware(id: asset.id, ListQuery(limit: 50)).items
                #expect(software.first { $0.name == "gitg" }?.version == "3.33.0-1.fc31")
                let history = try await server.store.assetHistory(id: asset.id).items.map(\.summary)
                #expect(history.contains { $0.contains("gitg upgraded") }, "\(history)")
                let agent = try #require(try await server.store.listAgents(clientCode: "ACME", ListQuery()).items.first)
                #expect(agent.lastReportScope == "partial")
                let reports = try await server.store.agentReports(agentID: agent.id)
                #expect(reports.first?.sections == [.cpu, .memory, .os, .system])
                // A full inventory without the monitor: it is no longer attached.
                var full = try JSONSerialization.jsonObject(with: Data(try Self.example("computer_1"))) as! [String: Any]
                var content = full["content"] as! [String: Any]
                content["monitors"] = nil
                full["content"] = content
                let monitors = try await server.store.listAssets(AssetFilter(clientCode: "ACME", kind: .monitor), ListQuery()).items
                #expect(monitors.map(\.attachedToAssetID) == [asset.id])
                #expect(try await Self.send(client, Array(try JSONSerialization.data(withJSONObject: full)), authorization: auth).status == .ok)
                let detached = try await server.store.listAssets(AssetFilter(clientCode: "ACME", kind: .monitor), ListQuery()).items
                #expect(detached.map(\.attachedToAssetID) == [nil])
                #expect(try await server.store.listAgents(clientCode: "ACME", ListQuery()).items.first?.lastReportScope == "full")
            }
        }
    }

    /// A machine moving from GLPI Agent to parc-agent, and from parc-agent to a new GLPI Agent, stays one asset.
    @Test(arguments: TestBackend.available)
    func oneAssetWhateverTheAgent(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            _ = try await server.store.createClient(NewClient(code: "ACME", name: "ACME"))
            let staff = try await Self.staffID(server.store)
            let created = try await server.store.createIntakeCredential(clientCode: "ACME", kind: .basic, label: nil, createdBy: staff)
            let auth = Self.basic(created.credential.login, created.secret)
            let uuid = "4c4c4544-0042-3510-8048-b7c04f4b4d32"
            try await server.application.test(.router) { client async throws in
                #expect(try await Self.send(client, Self.inventory(hostname: "moving", uuid: uuid), authorization: auth).status == .ok)
            }
            let asset = try #require(try await server.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery()).items.first)
            try await Task.sleep(for: .milliseconds(1100))

            // parc-agent installed on the same machine: the same SMBIOS UUID, the same dpkg package.
            let token = try await server.store.createEnrollmentToken(clientCode: "ACME", maxUses: 1, expiresInHours: 1, label: nil, createdBy: staff)
            _ = try await server.store.enroll(secret: token.secret, hostname: "moving", agentVersion: "0.1.0") { _, _ in
                ("pem", "abc1", Date().addingTimeInterval(3600))
            }
            let agent = try await server.store.authenticateAgent(certificateSerial: "abc1")
            var inventory = Inventory(agentVersion: "0.1.0", collectedAt: Date())
            var system = SystemSection(source: "smbios")
            (system.uuid, system.serial) = (uuid, "SN-moving")
            inventory.system = system
            var package = SoftwarePackage(name: "firefox", version: "1.0", manager: "dpkg")
            package.architecture = "amd64"
            inventory.software = SoftwareSection(packages: [package])
            let sections = try inventory.sectionPayloads().map { section, bytes in
                (section: section, hash: Inventory.sectionHash(bytes), content: String(decoding: bytes, as: UTF8.self))
            }
            _ = try await server.store.scoped(to: agent.scope).storeReport(
                agent: agent, reportKey: nil, inventory: inventory, sections: sections, bodyBytes: 1, wireBytes: 1)
            let assets = try await server.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery()).items
            #expect(assets.map(\.id) == [asset.id])
            #expect(assets.first?.agentID == agent.id)
            let history = try await server.store.assetHistory(id: asset.id).items
            #expect(history.contains { $0.kind == "asset.agent-bound" })
            // GLPI Agent's "deb" and parc-agent's dpkg are one package: nothing removed, nothing installed.
            #expect(!history.contains { $0.kind == "software.removed" || $0.kind == "software.installed" }, "\(history.map(\.summary))")

            // Back to a newly installed GLPI Agent (a new GLPI-Agent-ID) once parc-agent is gone.
            try await Task.sleep(for: .milliseconds(1100))
            try await server.application.test(.router) { client async throws in
                let back = try await Self.send(
                    client, Self.inventory(hostname: "moving", uuid: uuid), authorization: auth, agentID: "9f2b8e4c-1d5a-4c6e-9b7f-2a1c3d4e5f60")
                #expect(back.status == .ok)
            }
            let final = try await server.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery()).items
            #expect(final.map(\.id) == [asset.id])
            #expect(try await server.store.assetHistory(id: asset.id).items.filter { $0.kind == "asset.agent-bound" }.count == 2)
        }
    }

    /// A certificate credential: the CA signs a client certificate for the login (one PEM, certificate
    /// then key); its serial files into its client until it is revoked; another client's is another.
    @Test(arguments: TestBackend.available)
    func aCertificateFilesIntoItsClientUntilRevoked(_ backend: TestBackend) async throws {
        let authority = try CertificateAuthority.create()
        try await TestServer.with(backend) { server in
            for code in ["ACME", "OTHER"] { _ = try await server.store.createClient(NewClient(code: code, name: code)) }
            let staff = try await Self.staffID(server.store)
            var serials: [String: String] = [:]
            func create(_ client: String) async throws -> (credential: IntakeCredential, secret: String) {
                try await server.store.createIntakeCredential(clientCode: client, kind: .certificate, label: nil, createdBy: staff) { login, code in
                    let issued = try authority.issueIntakeCertificate(login: login, clientCode: code)
                    return IssuedIntakeCertificate(pem: issued.pem, serial: issued.serial, expiresAt: issued.expiresAt)
                }
            }
            for client in ["ACME", "OTHER"] {
                let created = try await create(client)
                #expect(created.secret.contains("-----BEGIN CERTIFICATE-----") && created.secret.contains("-----BEGIN PRIVATE KEY-----"))
                let documents = try PEMDocument.parseMultiple(pemString: created.secret)
                #expect(documents.map(\.discriminator) == ["CERTIFICATE", "PRIVATE KEY"])
                let certificate = try Certificate(pemDocument: try #require(documents.first))
                #expect(certificate.subject.description.contains("CN=\(created.credential.login)"))
                #expect(try certificate.extensions.extendedKeyUsage?.contains(.clientAuth) == true)
                let days = try #require(created.credential.certificateExpiresAt).timeIntervalSinceNow / 86_400
                #expect((729...731).contains(days.rounded()))
                serials[client] = CertificateAuthority.serialText(certificate.serialNumber.bytes)
            }
            let (acmeSerial, otherSerial) = (try #require(serials["ACME"]), try #require(serials["OTHER"]))
            let acme = try #require(try await server.store.authenticateIntake(.certificate(serial: acmeSerial), agentKind: "glpi", deviceKey: nil))
            #expect(acme.identity.scope.clientCode == "ACME")
            let other = try #require(try await server.store.authenticateIntake(.certificate(serial: otherSerial), agentKind: "glpi", deviceKey: nil))
            #expect(other.identity.scope.clientCode == "OTHER")
            #expect(try await server.store.authenticateIntake(.certificate(serial: "1234abcd"), agentKind: "glpi", deviceKey: nil) == nil)
            _ = try await server.store.revokeIntakeCredential(id: acme.identity.credentialID)
            #expect(try await server.store.authenticateIntake(.certificate(serial: acmeSerial), agentKind: "glpi", deviceKey: nil) == nil)
        }
    }

    /// Windows' product key and Office's are kept on the asset for managers; seen again, not doubled.
    @Test(arguments: TestBackend.available)
    func productKeysAreKeptForManagersOnly(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            let auth = try await Self.acmeWithBasicCredential(server.store)
            let windows = Array(
                """
                {"action":"inventory","deviceid":"w-2026-12-06-10-00-00","itemtype":"Computer","content":{"versionclient":"GLPI-Agent_v1.12",
                 "hardware":{"name":"w","uuid":"4c4c4544-0000-0000-0000-0000000000aa","winprodkey":"XXXXX-XXXXX-XXXXX-XXXXX-AAAAA"},
                 "bios":{"ssn":"SN-W"},"operatingsystem":{"full_name":"Microsoft Windows 11 Pro","kernel_name":"MSWin32"},
                 "licenseinfos":[{"name":"Office 16","fullname":"Microsoft Office Professional Plus 2016","key":"BBBBB-XXXXX-XXXXX-XXXXX-CCCCC"}]}}
                """.utf8)
            try await server.application.test(.router) { client async throws in
                for _ in 1...2 { #expect(try await Self.send(client, windows, authorization: auth).status == .ok) }
                let asset = try #require(try await server.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery()).items.first)
                let keys = try await server.store.assetProductKeys(id: asset.id)
                #expect(keys.map(\.key) == ["BBBBB-XXXXX-XXXXX-XXXXX-CCCCC", "XXXXX-XXXXX-XXXXX-XXXXX-AAAAA"])
                #expect(keys.map(\.product) == ["Microsoft Office Professional Plus 2016", "Microsoft Windows 11 Pro"])
                #expect(keys.allSatisfy { $0.source == "glpi" })
                // Managers only: RoleMatrixTests refuses technicians and billing.
                let answer = try await client.execute(
                    uri: "/api/v1/assets/\(asset.id)/product-keys", method: .get, headers: [.authorization: "Bearer \(server.managerToken)"])
                #expect(answer.status == .ok)
                #expect(String(buffer: answer.body).contains("XXXXX-XXXXX-XXXXX-XXXXX-AAAAA"))
                // Nothing else an asset shows carries them.
                let detail = try await server.store.assetDetail(id: asset.id)
                #expect(!String(decoding: try JSONEncoder().encode(detail), as: UTF8.self).contains("AAAAA"))
            }
        }
    }

    /// A burst: while as many inventories as the server stores at once wait for the database, a
    /// CONTACT is answered `pending` with an expiration spread between 1 and 15 minutes; once they
    /// are stored, CONTACTs are answered `ok` again. Every inventory of the burst is stored.
    @Test(arguments: TestBackend.available)
    func contactsArePutOffWhileInventoriesQueue(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            let auth = try await Self.acmeWithBasicCredential(server.store)
            let burst = IntakeAdmission.defaultLimit
            @Sendable func agentID(_ index: Int) -> String { "3f2b8e4c-1d5a-4c6e-9b7f-\(String(format: "%012x", index))" }
            @Sendable func inventory(_ index: Int, _ program: String) -> [UInt8] {
                Self.inventory(hostname: "pc-\(index)", uuid: "4c4c4544-0000-0000-0000-\(String(format: "%012x", index))", software: [program])
            }
            try await server.application.test(.router) { client async throws in
                try await withDeadline(seconds: 120, waitingFor: "the burst") {
                    for index in 0...burst {
                        #expect(try await Self.send(client, inventory(index, "vim"), authorization: auth, agentID: agentID(index)).status == .ok)
                    }
                    // The database held by another writer: the burst's inventories wait for it.
                    let (released, release) = AsyncStream<Void>.makeStream()
                    let holder = Task {
                        try await server.store.database.transaction { db in
                            if backend == .postgres { try await db.raw("LOCK TABLE agent_sections IN ACCESS EXCLUSIVE MODE").run() }
                            for await _ in released { break }
                        }
                    }
                    let inventories = Task {
                        try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                            for index in 0..<burst {
                                group.addTask { try await Self.send(client, inventory(index, "emacs"), authorization: auth, agentID: agentID(index)).status }
                            }
                            return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
                        }
                    }
                    // Each CONTACT in a task of its own: one that came before the burst filled up is let through,
                    // and its check-in then waits for the database too.
                    var expirations: Set<String> = []
                    let deadline = ContinuousClock.now + .seconds(30)
                    while expirations.count < 5 && ContinuousClock.now < deadline {
                        // Status and expiration, as text: what a task may hand over.
                        let contact = Task { () -> [String] in
                            let json = try await Self.send(client, Self.contact, authorization: auth, agentID: agentID(burst)).json
                            return [json["status"] as? String ?? "", json["expiration"] as? String ?? ""]
                        }
                        let answer = try? await withDeadline(seconds: 0.5, waitingFor: "a CONTACT") { try await contact.value }
                        if let answer, answer[0] == "pending" {
                            let expiration = answer[1]
                            let seconds = Int(expiration.dropLast()) ?? 0
                            #expect(expiration.hasSuffix("s") && (60...900).contains(seconds), "\(expiration)")
                            expirations.insert(expiration)
                        }
                    }
                    #expect(expirations.count == 5, "CONTACTs were not put off while \(burst) inventories waited: \(expirations)")
                    release.yield()
                    release.finish()
                    try await holder.value
                    #expect(try await inventories.value == Array(repeating: .ok, count: burst))
                    let after = try await Self.send(client, Self.contact, authorization: auth, agentID: agentID(burst))
                    #expect(after.json["status"] as? String == "ok")
                }
            }
            for asset in try await server.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery(limit: 100)).items where asset.name != "pc-\(burst)" {
                let programs = try await server.store.assetSoftware(id: asset.id).items.map(\.name)
                #expect(programs == ["emacs"], "\(asset.name): \(programs)")
            }
        }
    }

}
