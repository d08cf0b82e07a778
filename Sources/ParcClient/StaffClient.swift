import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOSSL
import ParcProtocol

/// A typed client of the staff API over HTTPS, verifying the server against the Parc CA.
public final class StaffClient: Sendable {
    public let server: String
    /// The pinned CA's fingerprint (`sha256:HEX`), what agents and other clients are given.
    public let caFingerprint: String
    let token: String?
    let http: HTTPClient

    /// Connects trust first: with a fingerprint, the CA is fetched and checked before any token is sent.
    public static func connect(server: String, token: String?, trust: ServerTrust) async throws -> StaffClient {
        let pem: String
        switch trust {
        case .caPEM(let text):
            pem = text
        case .caFile(let path):
            do { pem = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw ParcClientError.configuration("cannot read the CA file \(path)")
            }
        case .fingerprint(let fingerprint):
            pem = try await CAPinning.fetchPinnedCA(server: server, fingerprint: fingerprint)
        }
        return try StaffClient(server: server, token: token, caPEM: pem)
    }

    public init(server: String, token: String?, caPEM: String) throws {
        let server = try ServerAddress.normalized(server)
        // Exactly one trusted CA, as the agent: a bundle is refused (see `CAFingerprint`).
        let certificate: NIOSSLCertificate
        do {
            certificate = try NIOSSLCertificate(bytes: try CAFingerprint.singleCertificateDER(inPEM: caPEM), format: .der)
        } catch CAFingerprint.Refusal.bundle(let count) {
            throw ParcClientError.configuration("the CA file holds \(count) certificates; it must hold exactly one, the Parc CA")
        } catch {
            throw ParcClientError.configuration("the CA certificate is not valid PEM")
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates([certificate])
        tls.certificateVerification = .fullVerification
        self.server = server.trimmingTrailingSlash
        self.caFingerprint = CAFingerprint.of(der: try certificate.toDERBytes())
        self.token = token
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: ServerAddress.clientConfiguration(tls, read: .seconds(60)))
    }

    public func shutdown() async {
        try? await http.shutdown()
    }

    /// A client dropped without `shutdown()` (an error thrown on the way) is shut down here:
    /// AsyncHTTPClient traps, in debug builds, on a client deinitialised while running.
    deinit {
        http.shutdown { _ in }
    }

    // MARK: - Requests

    public func get<Response: Decodable>(_ path: String, query: [String: String?] = [:], as type: Response.Type = Response.self) async throws -> Response {
        try await send(.GET, path, query: query, body: Optional<Empty>.none)
    }

    /// The `limit` and `offset` query parameters every list route takes.
    func paging(_ limit: Int?, _ offset: Int?) -> [String: String?] {
        ["limit": limit.map(String.init), "offset": offset.map(String.init)]
    }

    public func post<Body: Encodable, Response: Decodable>(_ path: String, _ body: Body, as type: Response.Type = Response.self) async throws -> Response {
        try await send(.POST, path, body: body)
    }

    public func patch<Body: Encodable, Response: Decodable>(_ path: String, _ body: Body, as type: Response.Type = Response.self) async throws -> Response {
        try await send(.PATCH, path, body: body)
    }

    public func delete<Response: Decodable>(_ path: String, as type: Response.Type = Response.self) async throws -> Response {
        try await send(.DELETE, path, body: Optional<Empty>.none)
    }

    struct Empty: Codable {}

    func send<Body: Encodable, Response: Decodable>(
        _ method: HTTPMethod, _ path: String, query: [String: String?] = [:], body: Body?
    ) async throws -> Response {
        let encoded = try body.map { Array(try CanonicalJSON.encode($0)) }
        let (status, data) = try await exchange(method, path, query: query, contentType: encoded == nil ? nil : "application/json", body: encoded)
        return try Self.decode(status: status, data: data)
    }

    /// One request with any body; the status and body of the answer, whatever the status.
    func exchange(_ method: HTTPMethod, _ path: String, query: [String: String?], contentType: String?, body: [UInt8]?) async throws -> (
        status: Int, data: Data
    ) {
        var components = URLComponents()
        components.path = path
        let items = query.compactMap { key, value in value.map { URLQueryItem(name: key, value: $0) } }.sorted { $0.name < $1.name }
        if !items.isEmpty { components.queryItems = items }
        var request = HTTPClientRequest(url: server + (components.string ?? path))
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "parcctl/\(ParcVersion.current)")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body, let contentType {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await http.execute(request, timeout: .seconds(60))
            return (Int(response.status.code), Data(buffer: try await response.body.collect(upTo: 64 * 1024 * 1024)))
        } catch let error as NIOSSLError {
            throw ParcClientError.untrustedServer("TLS with \(server) failed (\(error)); is the CA right for this server?")
        } catch {
            throw ParcClientError.transport("cannot reach \(server): \(Self.describe(error))")
        }
    }

    /// The decoded answer of a 2xx, or the error the server named.
    static func decode<Response: Decodable>(status: Int, data: Data) throws -> Response {
        guard (200..<300).contains(status) else { throw error(status: status, data: data) }
        do {
            return try CanonicalJSON.decode(Response.self, from: data)
        } catch {
            throw ParcClientError.unexpectedResponse(status: status, text: String(decoding: data, as: UTF8.self))
        }
    }

    static func error(status: Int, data: Data) -> ParcClientError {
        if let body = try? CanonicalJSON.decode(APIErrorBody.self, from: data) { return .api(status: status, body: body) }
        return .unexpectedResponse(status: status, text: String(decoding: data, as: UTF8.self))
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectTimeout") || text.contains("connectionRefused") || text.contains("Connection refused") {
            return "connection refused or timed out; is parc-server running there?"
        }
        if text.contains("handshake") || text.contains("certificate") { return "TLS failed: \(text)" }
        return text
    }
}

extension StaffClient {
    public func me() async throws -> Identity { try await get("/api/v1/me") }

    public func createClient(_ new: NewClient) async throws -> Client { try await post("/api/v1/clients", new) }
    public func listClients(search: String? = nil, active: Bool? = nil, limit: Int? = nil, offset: Int? = nil) async throws -> Page<Client> {
        try await get(
            "/api/v1/clients", query: ["q": search, "active": active.map(String.init), "limit": limit.map(String.init), "offset": offset.map(String.init)])
    }
    public func client(code: String) async throws -> Client { try await get("/api/v1/clients/\(code.pathEscaped)") }
    public func updateClient(code: String, _ update: ClientUpdate) async throws -> Client { try await patch("/api/v1/clients/\(code.pathEscaped)", update) }

    public func addEmployee(client: String, _ new: NewEmployee) async throws -> Employee {
        try await post("/api/v1/clients/\(client.pathEscaped)/employees", new)
    }
    public func listEmployees(client: String, search: String? = nil, active: Bool? = nil, limit: Int? = nil, offset: Int? = nil) async throws -> Page<Employee>
    {
        try await get(
            "/api/v1/clients/\(client.pathEscaped)/employees",
            query: ["q": search, "active": active.map(String.init), "limit": limit.map(String.init), "offset": offset.map(String.init)])
    }
    public func updateEmployee(id: Int64, _ update: EmployeeUpdate) async throws -> Employee { try await patch("/api/v1/employees/\(id)", update) }

    public func addSite(client: String, _ new: NewSite) async throws -> Site { try await post("/api/v1/clients/\(client.pathEscaped)/sites", new) }
    public func listSites(client: String, limit: Int? = nil, offset: Int? = nil) async throws -> Page<Site> {
        try await get("/api/v1/clients/\(client.pathEscaped)/sites", query: paging(limit, offset))
    }

    public func createStaff(_ new: NewStaffUser) async throws -> StaffUser { try await post("/api/v1/staff", new) }
    public func listStaff(search: String? = nil, limit: Int? = nil, offset: Int? = nil) async throws -> Page<StaffUser> {
        try await get("/api/v1/staff", query: ["q": search, "limit": limit.map(String.init), "offset": offset.map(String.init)])
    }
    public func updateStaff(id: Int64, _ update: StaffUpdate) async throws -> StaffUser { try await patch("/api/v1/staff/\(id)", update) }

    public func createToken(_ new: NewAPIToken) async throws -> CreatedAPIToken { try await post("/api/v1/tokens", new) }
    public func listTokens(limit: Int? = nil, offset: Int? = nil) async throws -> Page<APIToken> {
        try await get("/api/v1/tokens", query: paging(limit, offset))
    }
    public func revokeToken(id: Int64) async throws -> APIToken { try await delete("/api/v1/tokens/\(id)") }
}

extension String {
    var pathEscaped: String {
        addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? self
    }
}

extension StaffClient {
    public func createEnrollmentToken(_ new: NewEnrollmentToken) async throws -> CreatedEnrollmentToken { try await post("/api/v1/enrollment-tokens", new) }
    public func listEnrollmentTokens(client: String? = nil, limit: Int? = nil, offset: Int? = nil) async throws -> Page<EnrollmentToken> {
        try await get("/api/v1/enrollment-tokens", query: paging(limit, offset).merging(["client": client]) { $1 })
    }
    public func revokeEnrollmentToken(id: Int64) async throws -> EnrollmentToken { try await delete("/api/v1/enrollment-tokens/\(id)") }
    public func createIntakeCredential(_ new: IntakeCredentialRequest) async throws -> CreatedIntakeCredential {
        try await post("/api/v1/intake-credentials", new)
    }
    public func listIntakeCredentials(client: String? = nil, all: Bool = false, limit: Int? = nil, offset: Int? = nil) async throws -> Page<IntakeCredential> {
        try await get("/api/v1/intake-credentials", query: paging(limit, offset).merging(["client": client, "active": all ? nil : "true"]) { $1 })
    }
    public func revokeIntakeCredential(id: Int64) async throws -> IntakeCredential { try await delete("/api/v1/intake-credentials/\(id)") }

    public func listAgents(client: String? = nil, search: String? = nil, active: Bool? = nil, limit: Int? = nil, offset: Int? = nil) async throws -> Page<
        AgentRecord
    > {
        try await get(
            "/api/v1/agents",
            query: ["client": client, "q": search, "active": active.map(String.init), "limit": limit.map(String.init), "offset": offset.map(String.init)])
    }
    public func agent(id: String) async throws -> AgentRecord { try await get("/api/v1/agents/\(id.pathEscaped)") }
    public func revokeAgent(id: String) async throws -> AgentRecord { try await post("/api/v1/agents/\(id.pathEscaped)/revoke", Empty()) }
}

extension StaffClient {
    public func agentReports(id: String) async throws -> [AgentReport] { try await get("/api/v1/agents/\(id.pathEscaped)/reports") }
}

extension StaffClient {
    public func site(id: Int64) async throws -> Site { try await get("/api/v1/sites/\(id)") }
    public func updateSite(id: Int64, _ update: SiteUpdate) async throws -> Site { try await patch("/api/v1/sites/\(id)", update) }
}

extension StaffClient {
    /// `warranty`: `ending` (within `withinDays`, default 90), `expired` or `unknown`.
    public func listAssets(
        client: String? = nil, kind: AssetKind? = nil, status: AssetStatus? = nil, review: Bool? = nil, warranty: String? = nil, withinDays: Int? = nil,
        site: Int64? = nil, notSeenDays: Int? = nil, uncovered: Bool = false, search: String? = nil, limit: Int? = nil, offset: Int? = nil
    ) async throws -> Page<Asset> {
        try await get(
            "/api/v1/assets",
            query: [
                "client": client, "kind": kind?.rawValue, "status": status?.rawValue, "review": review.map(String.init), "warranty": warranty,
                "withinDays": withinDays.map(String.init), "site": site.map(String.init), "notSeenDays": notSeenDays.map(String.init),
                "uncovered": uncovered ? "true" : nil, "q": search, "limit": limit.map(String.init), "offset": offset.map(String.init),
            ])
    }
    public func asset(id: Int64) async throws -> AssetDetail { try await get("/api/v1/assets/\(id)") }
    public func assetHistory(id: Int64, limit: Int? = nil, offset: Int? = nil) async throws -> Page<AssetEvent> {
        try await get("/api/v1/assets/\(id)/history", query: paging(limit, offset))
    }
    public func assetSoftware(id: Int64, search: String? = nil, limit: Int? = nil, offset: Int? = nil) async throws -> Page<InstalledSoftware> {
        try await get("/api/v1/assets/\(id)/software", query: paging(limit, offset).merging(["q": search]) { $1 })
    }
    public func assetProductKeys(id: Int64) async throws -> [AssetProductKey] { try await get("/api/v1/assets/\(id)/product-keys") }
    public func createAsset(_ new: NewAsset) async throws -> Asset { try await post("/api/v1/assets", new) }
    public func updateAsset(id: Int64, _ update: AssetUpdate) async throws -> Asset { try await patch("/api/v1/assets/\(id)", update) }
    public func assignAsset(id: Int64, employeeID: Int64) async throws -> Asset {
        try await post("/api/v1/assets/\(id)/assign", AssetAssignment(employeeID: employeeID))
    }
    public func transferAsset(id: Int64, client: String) async throws -> Asset {
        try await post("/api/v1/assets/\(id)/transfer", AssetTransfer(client: client))
    }
    public func mergeAssets(keep: Int64, duplicate: Int64) async throws -> Asset {
        try await post("/api/v1/assets/\(keep)/merge", AssetMerge(duplicateID: duplicate))
    }
    public func unassignAsset(id: Int64) async throws -> Asset { try await post("/api/v1/assets/\(id)/unassign", Empty()) }
    public func findSoftware(name: String, client: String? = nil, versionBelow: String? = nil, limit: Int? = nil, offset: Int? = nil)
        async throws -> Page<SoftwareInstall>
    {
        try await get("/api/v1/software", query: paging(limit, offset).merging(["name": name, "client": client, "versionBelow": versionBelow]) { $1 })
    }
    public func locateComponent(serial: String) async throws -> [LocatedComponent] { try await get("/api/v1/components", query: ["serial": serial]) }
}

extension StaffClient {
    public func createLicence(_ new: NewLicence) async throws -> Licence { try await post("/api/v1/licences", new) }
    public func listLicences(client: String? = nil, limit: Int? = nil, offset: Int? = nil) async throws -> Page<Licence> {
        try await get("/api/v1/licences", query: paging(limit, offset).merging(["client": client]) { $1 })
    }
    public func licence(id: Int64) async throws -> Licence { try await get("/api/v1/licences/\(id)") }
    public func updateLicence(id: Int64, _ update: LicenceUpdate) async throws -> Licence { try await patch("/api/v1/licences/\(id)", update) }
    public func nameLicenceSeat(id: Int64, _ seat: NewLicenceSeat) async throws -> Licence { try await post("/api/v1/licences/\(id)/seats", seat) }
    public func releaseLicenceSeat(id: Int64, seat: Int64) async throws -> Licence { try await delete("/api/v1/licences/\(id)/seats/\(seat)") }
    public func licenceCompliance(id: Int64) async throws -> LicenceCompliance { try await get("/api/v1/licences/\(id)/compliance") }

    // MARK: - Alerts

    public func listAlerts(
        client: String? = nil, kind: AlertKind? = nil, state: AlertState? = nil, all: Bool = false, search: String? = nil, limit: Int? = nil,
        offset: Int? = nil
    ) async throws -> Page<Alert> {
        let filters: [String: String?] = [
            "client": client, "kind": kind?.rawValue, "state": state?.rawValue, "all": all ? "true" : nil, "q": search,
        ]
        return try await get("/api/v1/alerts", query: paging(limit, offset).merging(filters) { $1 })
    }
    public func alert(id: Int64) async throws -> Alert { try await get("/api/v1/alerts/\(id)") }
    public func acknowledgeAlert(id: Int64) async throws -> Alert { try await post("/api/v1/alerts/\(id)/acknowledge", Empty()) }
    public func scanAlerts() async throws -> AlertScanResult { try await post("/api/v1/alerts/scan", Empty()) }
    public func alertRules(client: String? = nil) async throws -> [AlertRule] { try await get("/api/v1/alert-rules", query: ["client": client]) }
    public func setAlertRule(_ update: AlertRuleUpdate) async throws -> AlertRule { try await send(.PUT, "/api/v1/alert-rules", body: update) }

    // MARK: - Webhooks and the outbox

    public func webhooks(client: String? = nil) async throws -> [WebhookEndpoint] { try await get("/api/v1/webhooks", query: ["client": client]) }
    public func webhook(id: Int64) async throws -> WebhookEndpoint { try await get("/api/v1/webhooks/\(id)") }
    public func addWebhook(_ new: NewWebhookEndpoint) async throws -> WebhookEndpointSecret { try await post("/api/v1/webhooks", new) }
    public func removeWebhook(id: Int64) async throws {
        let (code, data) = try await exchange(.DELETE, "/api/v1/webhooks/\(id)", query: [:], contentType: nil, body: nil)
        guard (200..<300).contains(code) else { throw Self.error(status: code, data: data) }
    }
    public func mailSettings() async throws -> MailSettings { try await get("/api/v1/mail") }
    public func setMailSettings(_ update: MailSettingsUpdate) async throws -> MailSettings { try await send(.PUT, "/api/v1/mail", body: update) }
    public func mailRules(client: String? = nil) async throws -> [MailRule] { try await get("/api/v1/mail/rules", query: ["client": client]) }
    public func setMailRule(_ update: MailRuleUpdate) async throws -> MailRule { try await send(.PUT, "/api/v1/mail/rules", body: update) }
    public func removeMailRule(event: NotificationEvent, client: String? = nil) async throws {
        let (code, data) = try await exchange(.DELETE, "/api/v1/mail/rules", query: ["event": event.rawValue, "client": client], contentType: nil, body: nil)
        guard (200..<300).contains(code) else { throw Self.error(status: code, data: data) }
    }
    public func testMail(_ test: MailTest) async throws -> MailTestResult { try await post("/api/v1/mail/test", test) }
    public func rotateWebhookSecret(id: Int64) async throws -> WebhookEndpointSecret { try await post("/api/v1/webhooks/\(id)/rotate-secret", Empty()) }
    public func setWebhookEnabled(id: Int64, _ enabled: Bool) async throws -> WebhookEndpoint {
        try await post("/api/v1/webhooks/\(id)/\(enabled ? "enable" : "disable")", Empty())
    }
    public func outbox(status: OutboxStatus? = nil, client: String? = nil, limit: Int? = nil, offset: Int? = nil) async throws -> Page<OutboxEntry> {
        try await get("/api/v1/outbox", query: paging(limit, offset).merging(["status": status?.rawValue, "client": client]) { $1 })
    }
    public func retryDeliveries(_ request: OutboxRetryRequest) async throws -> OutboxRetryResult { try await post("/api/v1/outbox/retry", request) }

    // MARK: - Tickets, SLA, contracts, maintenance

    public func createTicket(_ new: NewTicket) async throws -> Ticket { try await post("/api/v1/tickets", new) }
    public func listTickets(_ query: [String: String?]) async throws -> Page<Ticket> { try await get("/api/v1/tickets", query: query) }
    public func ticket(_ reference: String) async throws -> TicketDetail { try await get("/api/v1/tickets/\(reference.pathEscaped)") }
    public func updateTicket(_ reference: String, _ update: TicketUpdate) async throws -> Ticket {
        try await patch("/api/v1/tickets/\(reference.pathEscaped)", update)
    }
    public func assignTicket(_ reference: String, technicianID: Int64?) async throws -> Ticket {
        try await post("/api/v1/tickets/\(reference.pathEscaped)/assign", TicketAssignment(technicianID: technicianID))
    }
    public func changeTicketStatus(_ reference: String, _ change: TicketStatusChange) async throws -> Ticket {
        try await post("/api/v1/tickets/\(reference.pathEscaped)/status", change)
    }
    public func commentTicket(_ reference: String, _ comment: NewTicketComment) async throws -> TicketComment {
        try await post("/api/v1/tickets/\(reference.pathEscaped)/comments", comment)
    }
    public func logTime(_ reference: String, _ entry: NewTimeEntry) async throws -> TimeEntry {
        try await post("/api/v1/tickets/\(reference.pathEscaped)/time", entry)
    }
    public func addMaterial(_ reference: String, _ material: NewMaterial) async throws -> Material {
        try await post("/api/v1/tickets/\(reference.pathEscaped)/materials", material)
    }

    public func slaSettings() async throws -> SLASettings { try await get("/api/v1/sla") }
    public func updateSLASettings(_ settings: SLASettings) async throws -> SLASettings { try await send(.PUT, "/api/v1/sla", query: [:], body: settings) }

    public func createContract(_ new: NewContract) async throws -> Contract { try await post("/api/v1/contracts", new) }
    public func listContracts(client: String? = nil, status: ContractStatus? = nil, limit: Int? = nil, offset: Int? = nil) async throws -> Page<Contract> {
        try await get("/api/v1/contracts", query: paging(limit, offset).merging(["client": client, "status": status?.rawValue]) { $1 })
    }
    public func contract(id: Int64) async throws -> Contract { try await get("/api/v1/contracts/\(id)") }
    public func updateContract(id: Int64, _ update: ContractUpdate) async throws -> Contract { try await patch("/api/v1/contracts/\(id)", update) }
    public func addContractLine(id: Int64, _ line: NewContractLine) async throws -> Contract { try await post("/api/v1/contracts/\(id)/lines", line) }

    public func runBilling(_ request: BillingRunRequest) async throws -> BillingRun { try await post("/api/v1/billing/runs", request) }
    public func listInvoices(client: String? = nil, status: InvoiceStatus? = nil, number: String? = nil, limit: Int? = nil, offset: Int? = nil)
        async throws -> Page<Invoice>
    {
        try await get(
            "/api/v1/invoices",
            query: ["client": client, "status": status?.rawValue, "number": number, "limit": limit.map(String.init), "offset": offset.map(String.init)])
    }
    public func invoice(id: Int64) async throws -> Invoice { try await get("/api/v1/invoices/\(id)") }
    public func issueInvoice(id: Int64) async throws -> Invoice { try await post("/api/v1/invoices/\(id)/issue", Empty()) }
    public func creditInvoice(id: Int64, _ request: NewCreditNote) async throws -> Invoice { try await post("/api/v1/invoices/\(id)/credit", request) }
    public func recordPayment(invoiceID: Int64, _ payment: NewPayment) async throws -> Payment {
        try await post("/api/v1/invoices/\(invoiceID)/payments", payment)
    }
    public func listPayments(client: String? = nil, from: String? = nil, to: String? = nil, limit: Int? = nil, offset: Int? = nil) async throws -> Page<
        Payment
    > {
        try await get("/api/v1/payments", query: paging(limit, offset).merging(["client": client, "from": from, "to": to]) { $1 })
    }
    /// `/healthz`: the server's version and database.
    public func health() async throws -> Health { try await get("/healthz") }

    public func providerIdentity() async throws -> ProviderIdentity { try await get("/api/v1/settings/provider") }
    public func updateProviderIdentity(_ identity: ProviderIdentity) async throws -> ProviderIdentity {
        try await send(.PUT, "/api/v1/settings/provider", body: identity)
    }
    public func addInvoiceLine(id: Int64, _ line: NewInvoiceLine) async throws -> Invoice { try await post("/api/v1/invoices/\(id)/lines", line) }
    public func removeInvoiceLine(id: Int64, position: Int) async throws -> Invoice { try await delete("/api/v1/invoices/\(id)/lines/\(position)") }
    public func deleteDraft(id: Int64) async throws {
        let (code, data) = try await exchange(.DELETE, "/api/v1/invoices/\(id)", query: [:], contentType: nil, body: nil)
        guard (200..<300).contains(code) else { throw Self.error(status: code, data: data) }
    }
    public func revenue(client: String? = nil) async throws -> RevenueReport { try await get("/api/v1/revenue", query: ["client": client]) }
    /// One invoice as json, html, pdf or ubl; or, with no id, the invoice list as csv.
    public func exportInvoice(id: Int64?, format: String, client: String? = nil) async throws -> Data {
        let path = id.map { "/api/v1/invoices/\($0)/document" } ?? "/api/v1/invoices/export"
        let (code, data) = try await exchange(.GET, path, query: ["format": format, "client": client], contentType: nil, body: nil)
        guard (200..<300).contains(code) else { throw Self.error(status: code, data: data) }
        return data
    }
    public func exportPayments(client: String? = nil, from: String? = nil, to: String? = nil) async throws -> Data {
        let (code, data) = try await exchange(.GET, "/api/v1/payments/export", query: ["client": client, "from": from, "to": to], contentType: nil, body: nil)
        guard (200..<300).contains(code) else { throw Self.error(status: code, data: data) }
        return data
    }
    /// The journal for a period as a FEC or CSV file.
    public func exportAccounting(format: String, from: String, to: String) async throws -> Data {
        let (code, data) = try await exchange(
            .GET, "/api/v1/accounting/export", query: ["format": format, "from": from, "to": to], contentType: nil, body: nil)
        guard (200..<300).contains(code) else { throw Self.error(status: code, data: data) }
        return data
    }

    public func createMaintenancePlan(_ new: NewMaintenancePlan) async throws -> MaintenancePlan { try await post("/api/v1/maintenance/plans", new) }
    public func listMaintenancePlans(client: String? = nil, limit: Int? = nil, offset: Int? = nil) async throws -> Page<MaintenancePlan> {
        try await get("/api/v1/maintenance/plans", query: paging(limit, offset).merging(["client": client]) { $1 })
    }
    public func maintenancePlan(id: Int64) async throws -> MaintenancePlan { try await get("/api/v1/maintenance/plans/\(id)") }
    public func setMaintenancePlan(id: Int64, paused: Bool) async throws -> MaintenancePlan {
        try await patch("/api/v1/maintenance/plans/\(id)", MaintenancePlanUpdate(paused: paused))
    }
    public func runMaintenance(asOf: String?) async throws -> MaintenanceRun { try await post("/api/v1/maintenance/run", MaintenanceRunRequest(asOf: asOf)) }
}

extension StaffClient {
    public func importAssets(client: String, csv: [UInt8], dryRun: Bool) async throws -> AssetImportResult {
        try await importCSV("/api/v1/assets/import", query: ["client": client], csv: csv, dryRun: dryRun)
    }

    public func importEmployees(client: String, csv: [UInt8], dryRun: Bool) async throws -> EmployeeImportResult {
        try await importCSV("/api/v1/clients/\(client.pathEscaped)/employees/import", query: [:], csv: csv, dryRun: dryRun)
    }

    /// A CSV import: the result names every problem when the server refused it (422).
    func importCSV<Item>(_ path: String, query: [String: String?], csv: [UInt8], dryRun: Bool) async throws -> ImportResult<Item> {
        var query = query
        query["dryRun"] = dryRun ? "true" : nil
        let (status, data) = try await exchange(.POST, path, query: query, contentType: "text/csv; charset=utf-8", body: csv)
        if status == 422, let result = try? CanonicalJSON.decode(ImportResult<Item>.self, from: data) { return result }
        return try Self.decode(status: status, data: data)
    }

    /// The assets the filters select, as CSV or JSON bytes.
    public func exportAssets(format: String, client: String? = nil, kind: AssetKind? = nil, status: AssetStatus? = nil, warranty: String? = nil) async throws
        -> Data
    {
        let (code, data) = try await exchange(
            .GET, "/api/v1/assets/export",
            query: ["format": format, "client": client, "kind": kind?.rawValue, "status": status?.rawValue, "warranty": warranty],
            contentType: nil, body: nil)
        guard (200..<300).contains(code) else { throw Self.error(status: code, data: data) }
        return data
    }
}

extension StaffClient {
    public func invitePortalUser(client: String, _ new: NewPortalUser) async throws -> PortalLink {
        try await post("/api/v1/clients/\(client.pathEscaped)/portal-users", new)
    }
    public func listPortalUsers(client: String, search: String? = nil, limit: Int? = nil, offset: Int? = nil) async throws -> Page<PortalUser> {
        try await get("/api/v1/clients/\(client.pathEscaped)/portal-users", query: paging(limit, offset).merging(["q": search]) { $1 })
    }
    public func portalUser(id: Int64) async throws -> PortalUser { try await get("/api/v1/portal-users/\(id)") }
    public func updatePortalUser(id: Int64, _ update: PortalUserUpdate) async throws -> PortalUser { try await patch("/api/v1/portal-users/\(id)", update) }
    public func unlockPortalUser(id: Int64) async throws -> PortalUser { try await post("/api/v1/portal-users/\(id)/unlock", Empty()) }
    public func portalLink(userID: Int64) async throws -> PortalLink { try await post("/api/v1/portal-users/\(userID)/link", Empty()) }
}
