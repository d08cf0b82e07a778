import Foundation
import NIOHTTP1
import ParcProtocol
import ParcServer
import ParcTestSupport
import Testing

/// Every portal route, for the three roles of two clients, asked for the other client's objects
/// and (for members) a colleague's: objects answer 404, lists show none of them, and nothing of
/// them changes. A portal route with no case here fails the test (the sign-in pages are
/// `ClientScopeTests`' cases).
@Suite(.serialized) struct PortalScopeTests {
    /// The portal routes `ClientScopeTests` walks: those that show no client data.
    static let signInRoutes: Set<String> = [
        "GET /", "GET /portal/style.css", "GET /portal/login", "POST /portal/login", "GET /portal/forgot", "POST /portal/forgot", "POST /portal/logout",
        "GET /portal/invite/{token}",
        "POST /portal/invite/{token}", "GET /portal/reset/{token}", "POST /portal/reset/{token}", "GET /portal/login/code", "POST /portal/login/code",
    ]

    /// Whether this suite, not `ClientScopeTests`, has the route's case.
    static func covers(_ route: String) -> Bool {
        let path = route.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        return (path == "/portal" || path.hasPrefix("/portal/")) && !signInRoutes.contains(route)
    }

    /// One client's objects, and the words that would betray them on a page.
    struct Objects: Sendable {
        var assets: [Int64] = []
        var tickets: [Int64] = []
        var invoice: Int64 = 0
        var contract: Int64 = 0
        var employeeEmails: [String] = []
        var portalUsers: [Int64] = []
        var tokens: [Int64] = []
        var secrets: [String] = []
    }

    struct Visitor: Sendable {
        var label: String
        var cookie: String
        var csrf: String
        /// A personal access token of the same user (made while they were a client admin).
        var token: String
        /// What this visitor must never reach.
        var forbidden: Objects
    }

    @Test(arguments: TestBackend.available)
    func everyPortalRouteKeepsToTheClientAndTheMember(_ backend: TestBackend) async throws {
        try await LiveServer.with(backend) { live in
            let store = live.store
            let today = String(Date().formatted(.iso8601).prefix(10))
            var visitors: [Visitor] = []
            var everything: [String: (own: Objects, colleague: Objects)] = [:]
            for code in ["ALPHA", "BETA"] {
                _ = try await store.createClient(NewClient(code: code, name: code))
                var own = Objects()
                var colleague = Objects()
                var people: [PortalRole: Employee] = [:]
                for (role, name) in [(PortalRole.clientAdmin, "admin"), (.member, "member"), (.billing, "billing")] {
                    people[role] = try await store.addEmployee(
                        clientCode: code, NewEmployee(name: "\(code) \(name)", email: "\(name)@\(code.lowercased()).example"))
                }
                let peer = try await store.addEmployee(clientCode: code, NewEmployee(name: "\(code) peer", email: "peer@\(code.lowercased()).example"))
                for (holder, label) in [(people[.member]!, "mine"), (peer, "peer")] {
                    let asset = try await store.createAsset(NewAsset(client: code, kind: .computer, name: "\(code)-\(label)-laptop"), by: "test")
                    _ = try await store.assignAsset(id: asset.id, employeeID: holder.id, by: "test")
                    var new = NewTicket(client: code, title: "\(code) \(label) ticket")
                    new.reporterEmployeeID = holder.id
                    new.assetIDs = [asset.id]
                    let ticket = try await store.createTicket(new, by: .system)
                    // Resolved: close and reopen would act on it if they could reach it.
                    _ = try await store.changeTicketStatus(id: ticket.id, TicketStatusChange(status: .resolved, resolution: "done"), by: .system)
                    if label == "peer" {
                        (colleague.assets, colleague.tickets, colleague.secrets) = ([asset.id], [ticket.id], [asset.name, ticket.title, ticket.number])
                    }
                    own.assets.append(asset.id)
                    own.tickets.append(ticket.id)
                    own.secrets += [asset.name, ticket.title, ticket.number]
                }
                var care = NewContract(client: code, reference: "\(code)-CARE", title: "\(code) care", startsOn: today, status: .active)
                care.billing = BillingTerms(frequency: .monthly, timing: .advance, billingDay: 1)
                let contract = try await store.createContract(care)
                _ = try await store.addContractLine(contractID: contract.id, NewContractLine(kind: .flat, description: "Care", unitPriceCents: 10_000))
                let draft = try #require(try await store.runBilling(asOf: today, clientCode: code, dryRun: false).invoices.first)
                let invoice = try await store.issueInvoice(id: draft.id)
                _ = try await store.createLicence(NewLicence(client: code, product: "\(code)-Office", packagePatterns: ["office*"], seats: 3))
                (own.invoice, own.contract) = (invoice.id, contract.id)
                own.secrets += [try #require(invoice.number), contract.reference, "\(code)-Office", "\(code) peer", "\(code) member"]
                own.employeeEmails = [try #require(peer.email)]
                for (role, employee) in people {
                    let link = try await store.invitePortalUser(clientCode: code, NewPortalUser(employeeID: employee.id, role: .clientAdmin))
                    let session = try await store.usePortalLink(
                        token: String(link.path.split(separator: "/").last ?? ""), password: "correct horse battery staple")
                    // Its token is made while a client admin, then the role it keeps.
                    let made = try await store.scoped(to: session.scope).createPortalToken(session.viewer, name: "probe", days: 30)
                    _ = try await store.updatePortalUser(id: link.user.id, PortalUserUpdate(role: role))
                    own.portalUsers.append(link.user.id)
                    own.tokens.append(made.token.id)
                    visitors.append(
                        Visitor(label: "\(code) \(role.rawValue)", cookie: session.id, csrf: session.csrfToken, token: made.secret, forbidden: Objects()))
                }
                everything[code] = (own, colleague)
            }
            // Each visitor's forbidden objects: the other client's, and for members a colleague's too.
            for index in visitors.indices {
                let code = String(visitors[index].label.split(separator: " ")[0])
                var forbidden = everything[code == "ALPHA" ? "BETA" : "ALPHA"]!.own
                if visitors[index].label.hasSuffix("member") {
                    let peer = everything[code]!.colleague
                    (forbidden.assets, forbidden.tickets, forbidden.secrets) = (
                        forbidden.assets + peer.assets, forbidden.tickets + peer.tickets, forbidden.secrets + peer.secrets
                    )
                }
                visitors[index].forbidden = forbidden
            }

            func snapshot() async throws -> String {
                var parts: [String] = []
                for (own, _) in everything.values.sorted(by: { $0.own.invoice < $1.own.invoice }) {
                    for id in own.tickets {
                        parts.append(String(decoding: try CanonicalJSON.encode(try await store.ticketDetail(id: id).comments), as: UTF8.self))
                    }
                    for id in own.tickets { parts.append(try await store.ticketDetail(id: id).ticket.status.rawValue) }
                }
                for code in ["ALPHA", "BETA"] {
                    parts.append(String(decoding: try CanonicalJSON.encode(try await store.listPortalUsers(clientCode: code).items), as: UTF8.self))
                }
                var all = TicketFilter()
                all.includeDone = true
                parts.append(String(try await store.listTickets(all, ListQuery(limit: 1000)).total))
                return parts.joined(separator: "|")
            }

            typealias Check = @Sendable (Visitor, PortalPagesTests.Browser) async throws -> Void
            func notFound(
                _ paths: @escaping @Sendable (Objects) -> [String], method: HTTPMethod = .GET,
                form: @escaping @Sendable (Visitor) -> [String: String] = { _ in [:] }
            ) -> Check {
                { visitor, browser in
                    for path in paths(visitor.forbidden) {
                        let page = try await browser.send(method, path, form: method == .POST ? form(visitor) : nil)
                        #expect(page.status == 404, "\(visitor.label) \(method) \(path): \(page.status)")
                        for secret in visitor.forbidden.secrets { #expect(!page.body.contains(secret), "\(visitor.label) \(path) shows '\(secret)'") }
                    }
                }
            }
            func showsNothingForbidden(_ path: String) -> Check {
                { visitor, browser in
                    let page = try await browser.send(.GET, path)
                    #expect(page.status == 200 || page.status == 404, "\(visitor.label) \(path): \(page.status)")
                    for secret in visitor.forbidden.secrets { #expect(!page.body.contains(secret), "\(visitor.label) \(path) shows '\(secret)'") }
                }
            }
            func apiNotFound(_ paths: @escaping @Sendable (Objects) -> [String], json: String? = nil) -> Check {
                { visitor, browser in
                    for path in paths(visitor.forbidden) {
                        let page = try await browser.send(
                            json == nil ? .GET : .POST, path, headers: [("Authorization", "Bearer \(visitor.token)")], json: json?.isEmpty == true ? nil : json)
                        #expect(page.status == 404, "\(visitor.label) API \(path): \(page.status) \(page.body.prefix(200))")
                        for secret in visitor.forbidden.secrets { #expect(!page.body.contains(secret), "\(visitor.label) \(path) shows '\(secret)'") }
                    }
                }
            }
            func apiShowsNothingForbidden(_ path: String) -> Check {
                { visitor, browser in
                    let page = try await browser.send(.GET, path, headers: [("Authorization", "Bearer \(visitor.token)")])
                    #expect(page.status == 200 || page.status == 404, "\(visitor.label) API \(path): \(page.status) \(page.body.prefix(200))")
                    for secret in visitor.forbidden.secrets { #expect(!page.body.contains(secret), "\(visitor.label) \(path) shows '\(secret)'") }
                }
            }
            let cases: [String: Check] = [
                "GET /portal": showsNothingForbidden("/portal"),
                "GET /portal/assets": showsNothingForbidden("/portal/assets?q=laptop"),
                "GET /portal/assets/{id}": notFound { $0.assets.map { "/portal/assets/\($0)" } },
                "GET /portal/assets/{id}/software": notFound { $0.assets.map { "/portal/assets/\($0)/software" } },
                "GET /portal/tickets": showsNothingForbidden("/portal/tickets?all=1"),
                "GET /portal/tickets/new": showsNothingForbidden("/portal/tickets/new"),
                // Another's asset on a new incident: refused by field, and no ticket is made.
                "POST /portal/tickets": { visitor, browser in
                    for asset in visitor.forbidden.assets {
                        let page = try await browser.send(.POST, "/portal/tickets", form: ["csrf": visitor.csrf, "title": "Probe", "asset": String(asset)])
                        #expect(page.status == 422 || page.status == 404, "\(visitor.label) new ticket on asset \(asset): \(page.status)")
                    }
                },
                "GET /portal/tickets/{id}": notFound { $0.tickets.map { "/portal/tickets/\($0)" } },
                "POST /portal/tickets/{id}/comments": notFound({ $0.tickets.map { "/portal/tickets/\($0)/comments" } }, method: .POST) {
                    ["csrf": $0.csrf, "body": "probe"]
                },
                "POST /portal/tickets/{id}/close": notFound({ $0.tickets.map { "/portal/tickets/\($0)/close" } }, method: .POST) { ["csrf": $0.csrf] },
                "POST /portal/tickets/{id}/reopen": notFound({ $0.tickets.map { "/portal/tickets/\($0)/reopen" } }, method: .POST) { ["csrf": $0.csrf] },
                "GET /portal/licences": showsNothingForbidden("/portal/licences"),
                "GET /portal/invoices": showsNothingForbidden("/portal/invoices"),
                "GET /portal/invoices/{id}": notFound { ["/portal/invoices/\($0.invoice)"] },
                "GET /portal/invoices/{id}/pdf": notFound { ["/portal/invoices/\($0.invoice)/pdf"] },
                "GET /portal/invoices/{id}/ubl": notFound { ["/portal/invoices/\($0.invoice)/ubl"] },
                "GET /portal/contracts": showsNothingForbidden("/portal/contracts"),
                "GET /portal/contracts/{id}": notFound { ["/portal/contracts/\($0.contract)"] },
                // A client admin's pages: another client's employees, accounts and tokens are not there.
                "GET /portal/users": showsNothingForbidden("/portal/users"),
                "POST /portal/users": { visitor, browser in
                    for employee in visitor.forbidden.employeeEmails {
                        let page = try await browser.send(.POST, "/portal/users", form: ["csrf": visitor.csrf, "email": employee, "role": "member"])
                        #expect([404, 422].contains(page.status), "\(visitor.label) invites employee \(employee): \(page.status)")
                    }
                },
                "POST /portal/users/{id}/role": notFound({ $0.portalUsers.map { "/portal/users/\($0)/role" } }, method: .POST) {
                    ["csrf": $0.csrf, "role": "client-admin"]
                },
                "POST /portal/users/{id}/disable": notFound({ $0.portalUsers.map { "/portal/users/\($0)/disable" } }, method: .POST) { ["csrf": $0.csrf] },
                "POST /portal/users/{id}/enable": notFound({ $0.portalUsers.map { "/portal/users/\($0)/enable" } }, method: .POST) { ["csrf": $0.csrf] },
                "POST /portal/users/{id}/link": notFound({ $0.portalUsers.map { "/portal/users/\($0)/link" } }, method: .POST) { ["csrf": $0.csrf] },
                "GET /portal/tokens": showsNothingForbidden("/portal/tokens"),
                // One's own second factor: nothing of anyone else is shown or touched.
                "GET /portal/security": showsNothingForbidden("/portal/security"),
                "POST /portal/security/setup": { visitor, browser in
                    let page = try await browser.send(.POST, "/portal/security/setup", form: ["csrf": visitor.csrf])
                    #expect(page.status == 200, "\(visitor.label) starts a second factor: \(page.status)")
                    for secret in visitor.forbidden.secrets { #expect(!page.body.contains(secret), "\(visitor.label) sees '\(secret)'") }
                },
                "POST /portal/security/confirm": { visitor, browser in
                    let page = try await browser.send(.POST, "/portal/security/confirm", form: ["csrf": visitor.csrf, "code": "000000"])
                    #expect([409, 422].contains(page.status), "\(visitor.label) confirms a wrong code: \(page.status)")
                },
                "POST /portal/security/remove": { visitor, browser in
                    let page = try await browser.send(.POST, "/portal/security/remove", form: ["csrf": visitor.csrf, "code": "000000"])
                    #expect([303, 409, 422].contains(page.status), "\(visitor.label) removes a second factor it has not: \(page.status)")
                },
                "POST /portal/tokens": { visitor, browser in
                    let page = try await browser.send(.POST, "/portal/tokens", form: ["csrf": visitor.csrf, "name": "scope probe", "days": "1"])
                    #expect([200, 404].contains(page.status), "\(visitor.label) makes a token: \(page.status)")
                    for secret in visitor.forbidden.secrets { #expect(!page.body.contains(secret), "\(visitor.label) sees '\(secret)'") }
                },
                "POST /portal/tokens/{id}/revoke": notFound({ $0.tokens.map { "/portal/tokens/\($0)/revoke" } }, method: .POST) { ["csrf": $0.csrf] },
                // The JSON API, with each user's token.
                "GET /portal/api/v1/home": apiShowsNothingForbidden("/portal/api/v1/home"),
                "GET /portal/api/v1/assets": apiShowsNothingForbidden("/portal/api/v1/assets?limit=500"),
                "GET /portal/api/v1/assets/{id}": apiNotFound { $0.assets.map { "/portal/api/v1/assets/\($0)" } },
                "GET /portal/api/v1/assets/{id}/software": apiNotFound { $0.assets.map { "/portal/api/v1/assets/\($0)/software" } },
                "GET /portal/api/v1/tickets": apiShowsNothingForbidden("/portal/api/v1/tickets?all=true&limit=500"),
                "POST /portal/api/v1/tickets": { visitor, browser in
                    for asset in visitor.forbidden.assets {
                        let page = try await browser.send(
                            .POST, "/portal/api/v1/tickets", headers: [("Authorization", "Bearer \(visitor.token)")],
                            json: #"{"title":"Probe","assetID":\#(asset)}"#)
                        #expect([404, 422].contains(page.status), "\(visitor.label) API ticket on asset \(asset): \(page.status)")
                    }
                },
                "GET /portal/api/v1/tickets/{id}": apiNotFound { $0.tickets.map { "/portal/api/v1/tickets/\($0)" } },
                "POST /portal/api/v1/tickets/{id}/comments": apiNotFound(
                    { $0.tickets.map { "/portal/api/v1/tickets/\($0)/comments" } }, json: #"{"body":"probe"}"#),
                "POST /portal/api/v1/tickets/{id}/close": apiNotFound({ $0.tickets.map { "/portal/api/v1/tickets/\($0)/close" } }, json: ""),
                "POST /portal/api/v1/tickets/{id}/reopen": apiNotFound({ $0.tickets.map { "/portal/api/v1/tickets/\($0)/reopen" } }, json: ""),
                "GET /portal/api/v1/licences": apiShowsNothingForbidden("/portal/api/v1/licences"),
                "GET /portal/api/v1/invoices": apiShowsNothingForbidden("/portal/api/v1/invoices"),
                "GET /portal/api/v1/invoices/{id}": apiNotFound { ["/portal/api/v1/invoices/\($0.invoice)"] },
                "GET /portal/api/v1/invoices/{id}/pdf": apiNotFound { ["/portal/api/v1/invoices/\($0.invoice)/pdf"] },
                "GET /portal/api/v1/invoices/{id}/ubl": apiNotFound { ["/portal/api/v1/invoices/\($0.invoice)/ubl"] },
                "GET /portal/api/v1/contracts": apiShowsNothingForbidden("/portal/api/v1/contracts"),
                "GET /portal/api/v1/contracts/{id}": apiNotFound { ["/portal/api/v1/contracts/\($0.contract)"] },
            ]

            let portalRoutes = try live.routes().map(\.route).filter(Self.covers)
            for route in portalRoutes where cases[route] == nil {
                Issue.record("\(route) is a portal route with no case in the portal scope test: add one")
            }
            #expect(Set(cases.keys) == Set(portalRoutes), "cases for routes that no longer exist")
            let before = try await snapshot()
            for visitor in visitors {
                let browser = try PortalPagesTests.Browser(base: live.url, caPEM: live.caPEM)
                browser.cookies["__Host-parc-session"] = visitor.cookie
                for route in portalRoutes.sorted() {
                    try await cases[route]?(visitor, browser)
                }
                await browser.close()
            }
            #expect(try await snapshot() == before, "a visitor changed another's tickets")
        }
    }
}
