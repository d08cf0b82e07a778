import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics
import NIOCore
import NIOSSL
import ParcDomain
import ParcProtocol

/// The GLPI Agent protocol at `/glpi/` and every path under it (the agents' aliases
/// `front/inventory.php`, `Inventory`, `marketplace/glpiinventory/`), as GLPI itself answers it:
/// PROLOG, CONTACT and inventory, each answered in the request's compression. Every agent is bound to
/// one client by the credential it presents (HTTP Basic after a 401 challenge, an OAuth token from
/// `…/api.php/token`, or a client certificate Parc issued for the client), never by the `tag` it sends.
struct GLPIIntakeController {
    let store: Store
    /// Seconds between an agent's runs: the `expiration` every answer carries.
    let reportInterval: Int
    /// Inventories being stored; past its limit a CONTACT is deferred.
    let admission: IntakeAdmission

    static let inventories = Counter(label: "parc_intake_inventories_total")
    static let deferredContacts = Counter(label: "parc_intake_contacts_deferred_total")
    static let realm = "Parc inventory"

    func addRoutes(to router: Router<AppRequestContext>) {
        // `/ocsinventory`: where OCS agents post by default (`--server https://host/ocsinventory`).
        for path: RouterPath in ["glpi", "glpi/**", "ocsinventory"] {
            router.post(path) { request, context in try await handle(request, context: context) }
            // GLPI answers a GET with 405 and no body; so does Parc (no task is ever left pending).
            router.get(path) { _, _ in Response(status: .methodNotAllowed, headers: [.allow: "POST"]) }
        }
    }

    private func handle(_ request: Request, context: AppRequestContext) async throws -> Response {
        if request.uri.path.hasSuffix("api.php/token") { return try await token(request, context: context) }
        var headers = GLPIExchange.echoedHeaders(request)
        let compression: GLPIExchange.Compression
        do {
            compression = try GLPIExchange.Compression(contentType: request.headers[.contentType])
        } catch {
            return GLPIExchange.plainError(
                .unsupportedMediaType, "send the inventory as application/json or zlib, gzip or deflate (x-compress-zlib...)", headers)
        }
        let agentID = request.headers[GLPIExchange.agentIDHeader].flatMap { GLPIExchange.isUUID($0) ? $0.lowercased() : nil }
        var presented = Self.presentedCredential(request)
        if presented == nil { presented = await Self.presentedCertificate(context) }
        guard let presented,
            let authentication = try await store.authenticateIntake(presented, agentKind: "glpi", deviceKey: agentID)
        else {
            headers[.wwwAuthenticate] = "Basic realm=\"\(Self.realm)\""
            return GLPIExchange.plainError(
                .unauthorized, "authentication required: this server files inventories by the credential the agent presents", headers)
        }
        if authentication.agentRevoked {
            return GLPIExchange.plainError(.forbidden, "this agent was revoked by the provider", headers)
        }
        let identity = authentication.identity
        var buffer = try await request.collectBody(limit: AgentLimits.compressedReportBytes, context: context)
        let wireBytes = buffer.readableBytes
        let body: [UInt8]
        do {
            body = try compression.inflate(&buffer, limit: AgentLimits.reportBytes)
        } catch GLPIExchange.BodyProblem.tooLarge {
            return GLPIExchange.plainError(.contentTooLarge, "the body inflates beyond \(AgentLimits.reportBytes) bytes", headers)
        } catch {
            return GLPIExchange.plainError(.badRequest, "the body is not valid \(compression)", headers)
        }
        let clientStore = store.scoped(to: identity.scope)

        if body.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) == UInt8(ascii: "<") {
            guard agentID != nil else {
                return try await xmlExchange(
                    body, request: request, identity: identity, clientStore: clientStore, wireBytes: wireBytes, compression: compression, headers: headers,
                    context: context)
            }
            // The first message of a GLPI Agent that does not know yet whether the server speaks JSON.
            guard String(decoding: body.prefix(4096), as: UTF8.self).contains("<QUERY>PROLOG</QUERY>") else {
                return try GLPIExchange.answer(
                    ["status": "error", "message": "GLPI Agent sends its inventory as JSON once it knows the server; XML is read only without GLPI-Agent-ID"],
                    status: .unprocessableContent, compression: compression, headers: headers)
            }
            // `pending` without `expiration`: the agent (HTTP/Client/OCS.pm, Agent.pm) marks the server as
            // GLPI and starts its run again at once with CONTACT, whose answer turns off the tasks Parc
            // does not serve, so even its first run asks nothing else.
            return try GLPIExchange.answer(["status": "pending"], compression: compression, headers: headers)
        }
        guard let agentID else {
            return try GLPIExchange.answer(
                ["status": "error", "message": "the GLPI-Agent-ID header (the agent's UUID) is required"], status: .badRequest, compression: compression,
                headers: headers)
        }
        let message: JSONValue
        do {
            message = try JSONValue.parse(body, maximumDepth: AgentLimits.jsonDepth)
            guard case .object = message else { throw GLPIExchange.BodyProblem.notJSON }
        } catch {
            return try GLPIExchange.answer(
                ["status": "error", "message": "the body is not a JSON object (or nests deeper than \(AgentLimits.jsonDepth) levels)"], status: .badRequest,
                compression: compression, headers: headers)
        }
        let action = message["action"]?.string?.lowercased() ?? ""
        let version = message["version"]?.string.map { "GLPI-Agent_v\($0)" }
        do {
            switch action {
            case "contact":
                // A contact is a check-in: recorded as parc-agent's are, in the batched write turn.
                let hostname = GLPIExchange.hostname(deviceID: message["deviceid"]?.string ?? "")
                let agentVersion = String((version ?? authentication.agent?.agentVersion ?? "").prefix(64))
                var agent = authentication.agent
                if agent == nil {
                    agent = try await clientStore.intakeAgent(
                        kind: "glpi", deviceKey: agentID, hostname: hostname, version: agentVersion, credentialID: identity.credentialID)
                }
                guard let agent else { throw StoreError.notFound(entity: "agent", key: agentID) }
                if admission.overloaded {
                    // Seen, but asked to come back later, each agent at its own moment.
                    Self.deferredContacts.increment()
                    return try GLPIExchange.answer(
                        ["status": "pending", "expiration": IntakeAdmission.spreadExpiration()], compression: compression, headers: headers)
                }
                _ = try await clientStore.checkIn(
                    agent: agent, CheckIn(agentVersion: agentVersion, hostname: hostname.isEmpty ? agent.hostname : hostname, sectionHashes: [:]),
                    reportKey: nil, wireBytes: wireBytes)
                return try GLPIExchange.answer(contactAnswer(message), compression: compression, headers: headers)
            case "inventory":
                return try await inventory(
                    body, agentID: agentID, authentication: authentication, clientStore: clientStore, wireBytes: wireBytes, compression: compression,
                    headers: headers,
                    context: context)
            default:
                return try GLPIExchange.answer(
                    ["status": "error", "message": "Query '\(action.prefix(40))' is not supported"], status: .notImplemented, compression: compression,
                    headers: headers)
            }
        } catch ClientStore.IntakeRefusal.agentRevoked {
            return try GLPIExchange.answer(
                ["status": "error", "message": "this agent was revoked by the provider"], status: .forbidden, compression: compression, headers: headers)
        }
    }

    private func inventory(
        _ body: [UInt8], agentID: String, authentication: IntakeAuthentication, clientStore: ClientStore, wireBytes: Int,
        compression: GLPIExchange.Compression,
        headers: HTTPFields, context: AppRequestContext
    ) async throws -> Response {
        let glpi: GLPIInventory
        do {
            glpi = try GLPIInventory.read(body)
        } catch {
            return try GLPIExchange.answer(
                ["status": "error", "message": error.description, "expiration": expiration], status: .badRequest, compression: compression, headers: headers)
        }
        guard glpi.isComputer else {
            return try GLPIExchange.answer(
                [
                    "status": "error", "expiration": expiration,
                    "message":
                        "Parc files computers from agents; a \(glpi.itemType.prefix(40)) is added by staff (parcctl asset add), so this inventory is not kept",
                ], status: .unprocessableContent, compression: compression, headers: headers)
        }
        var agent = authentication.agent
        if agent == nil {
            agent = try await clientStore.intakeAgent(
                kind: "glpi", deviceKey: agentID, hostname: glpi.hostname ?? "", version: String(glpi.versionClient.prefix(64)),
                credentialID: authentication.identity.credentialID)
        }
        guard let agent else { throw StoreError.notFound(entity: "agent", key: agentID) }
        let receipt = try await admission.storing {
            try await clientStore.storeIntakeInventory(agent: agent, kind: "glpi", glpi, bodyBytes: body.count, wireBytes: wireBytes)
        }
        Self.inventories.increment()
        context.logger.debug(
            "intake inventory stored",
            metadata: [
                "parc.agent_id": "\(agent.id)", "parc.partial": "\(glpi.partial)", "parc.sections": "\(receipt.sections.count)",
                "parc.warnings": "\(glpi.warnings.count)",
            ])
        return try GLPIExchange.answer(["status": "ok", "expiration": expiration], compression: compression, headers: headers)
    }

    /// FusionInventory and OCS agents: an XML PROLOG, answered with the run interval in hours and
    /// `SEND` (the one task Parc serves), then the XML inventory. Such an agent is known by the
    /// DEVICEID it keeps (`host-YYYY-MM-DD-HH-MM-SS`, made once), within its credential's client.
    private func xmlExchange(
        _ body: [UInt8], request: Request, identity: IntakeIdentity, clientStore: ClientStore, wireBytes: Int, compression: GLPIExchange.Compression,
        headers: HTTPFields, context: AppRequestContext
    ) async throws -> Response {
        func refuse(_ status: HTTPResponse.Status, _ message: String) throws -> Response {
            try GLPIExchange.xmlAnswer(["ERROR": message], status: status, compression: compression, headers: headers)
        }
        let parsed: (root: String, value: JSONValue)
        do {
            parsed = try InventoryXML.parse(body, maximumDepth: AgentLimits.jsonDepth)
        } catch {
            return try refuse(.badRequest, "the body is not XML this server reads: \(error.description)")
        }
        guard parsed.root == "REQUEST", let query = parsed.value["query"]?.string?.uppercased() else {
            return try refuse(.badRequest, "expected <REQUEST> with a <QUERY>")
        }
        guard let deviceID = parsed.value["deviceid"]?.string?.trimmingCharacters(in: .whitespacesAndNewlines), !deviceID.isEmpty,
            deviceID.utf8.count <= 255
        else { return try refuse(.badRequest, "the request needs a <DEVICEID> of at most 255 bytes") }
        let userAgent = String((request.headers[.userAgent] ?? "").prefix(64))
        // The agent's family keeps two agents of one machine apart; reconciliation makes them one asset.
        let kind = userAgent.hasPrefix("OCS") ? "ocs" : "fusioninventory"
        do {
            switch query {
            case "PROLOG":
                _ = try await clientStore.intakeAgent(
                    kind: kind, deviceKey: deviceID, hostname: GLPIExchange.hostname(deviceID: deviceID), version: userAgent,
                    credentialID: identity.credentialID)
                return try GLPIExchange.xmlAnswer(
                    ["PROLOG_FREQ": String(max(1, (reportInterval + 3599) / 3600)), "RESPONSE": "SEND"], compression: compression, headers: headers)
            case "INVENTORY":
                let glpi: GLPIInventory
                do {
                    glpi = try GLPIInventory.read(xmlRequest: parsed.value, userAgent: userAgent)
                } catch {
                    return try refuse(.badRequest, error.description)
                }
                let agent = try await clientStore.intakeAgent(
                    kind: kind, deviceKey: deviceID, hostname: glpi.hostname ?? GLPIExchange.hostname(deviceID: deviceID),
                    version: String(glpi.versionClient.prefix(64)), credentialID: identity.credentialID)
                let receipt = try await admission.storing {
                    try await clientStore.storeIntakeInventory(agent: agent, kind: kind, glpi, bodyBytes: body.count, wireBytes: wireBytes)
                }
                Self.inventories.increment()
                context.logger.debug(
                    "intake inventory stored",
                    metadata: ["parc.agent_id": "\(agent.id)", "parc.sections": "\(receipt.sections.count)", "parc.warnings": "\(glpi.warnings.count)"])
                return try GLPIExchange.xmlAnswer(["RESPONSE": "SEND"], compression: compression, headers: headers)
            default:
                return try refuse(.notImplemented, "Query '\(query.prefix(40))' is not supported")
            }
        } catch ClientStore.IntakeRefusal.agentRevoked {
            return try refuse(.forbidden, "this agent was revoked by the provider")
        }
    }

    /// GLPI's answer to CONTACT: inventory is the only task, categories Parc does not keep are not
    /// collected, and the run interval is the server's.
    private func contactAnswer(_ message: JSONValue) -> [String: Any] {
        var enabled: [String] = []
        if case .array(let tasks) = message["enabled-tasks"] { enabled = tasks.compactMap(\.string).map { $0.lowercased() } }
        let disabled = enabled.filter { $0 != "inventory" }.prefix(32)
        var answer: [String: Any] = [
            "status": "ok", "expiration": expiration,
            "tasks": ["inventory": ["server": "glpi", "version": ParcVersion.current, "no-category": "environment,process"]],
        ]
        if !disabled.isEmpty { answer["disabled"] = Array(disabled) }
        return answer
    }

    /// The interval in GLPI's notation: whole hours as a number, anything else in seconds.
    private var expiration: Any { reportInterval % 3600 == 0 ? reportInterval / 3600 as Any : "\(reportInterval)s" }

    /// `POST …/api.php/token`: OAuth 2 client credentials, scope `inventory`, as GLPI Agent asks.
    private func token(_ request: Request, context: AppRequestContext) async throws -> Response {
        let buffer = try await request.collectBody(limit: 16 << 10, context: context)
        let object = try? JSONValue.parse(Array(buffer.readableBytesView), maximumDepth: 4)
        guard let object, object["grant_type"]?.string == "client_credentials" else {
            return try GLPIExchange.oauthError(.badRequest, "unsupported_grant_type", "send grant_type client_credentials")
        }
        guard (object["scope"]?.string ?? "inventory").split(separator: " ").allSatisfy({ $0 == "inventory" }) else {
            return try GLPIExchange.oauthError(.badRequest, "invalid_scope", "the only scope is inventory")
        }
        guard let id = object["client_id"]?.string, let secret = object["client_secret"]?.string,
            let identity = try await store.verifyIntakeCredential(kind: .oauth, login: id, secret: secret)
        else {
            context.logger.notice("intake token refused")
            return try GLPIExchange.oauthError(.unauthorized, "invalid_client", "unknown client or wrong secret")
        }
        let issued = try await store.issueIntakeToken(for: identity)
        return try GLPIExchange.json(["token_type": "Bearer", "access_token": issued.token, "expires_in": issued.expiresIn], status: .ok)
    }

    /// The client certificate of the connection, which the TLS layer verified against Parc's CA.
    static func presentedCertificate(_ context: AppRequestContext) async -> PresentedIntakeCredential? {
        guard let peer = try? await context.channel.nioSSL_peerCertificate().get() else { return nil }
        return .certificate(serial: CertificateAuthority.serialText(peer.serialNumber))
    }

    /// The credential the request carries: a bearer token, or Basic user and password.
    static func presentedCredential(_ request: Request) -> PresentedIntakeCredential? {
        guard let header = request.headers[.authorization] else { return nil }
        if header.lowercased().hasPrefix("bearer ") { return .bearer(token: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)) }
        guard header.lowercased().hasPrefix("basic "), let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else { return nil }
        return .basic(login: String(text[..<colon]), secret: String(text[text.index(after: colon)...]))
    }
}
