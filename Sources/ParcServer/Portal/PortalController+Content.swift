import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ParcDomain
import ParcProtocol

/// The portal's content pages: home, equipment, tickets, licences, invoices, contracts. Each asks
/// a `ClientStore` for the session's client, with the viewer's reach; what is out of reach answers
/// the same 404 page as what does not exist.
extension PortalController {
    /// A signed-in page: the session, its client's store and the page's language.
    struct Visit {
        var session: PortalSession
        var client: ClientStore
        var text: PortalText
        var zone: TimeZone
        var viewer: PortalViewer { session.viewer }
        var user: PortalUser { session.user }
    }

    typealias PageHandler = @Sendable (Request, AppRequestContext, Visit) async throws -> Response

    /// Runs `handler` for a signed-in visitor (others go to sign-in), and answers its errors as pages.
    func signedIn(_ handler: @escaping PageHandler) -> @Sendable (Request, AppRequestContext) async throws -> Response {
        { [store] request, context in
            let text = Self.text(request)
            guard let id = request.cookies[Self.sessionCookie]?.value, id.count <= 100, let session = try await store.portalSession(id: id) else {
                return Self.redirect("/portal/login")
            }
            // The provider requires a second factor this user has not set up: that page first.
            if session.mustSetUpSecondFactor, !request.uri.path.hasPrefix("/portal/security") { return Self.redirect("/portal/security") }
            let zone = TimeZone(identifier: try await store.slaSettings().calendar.timeZone) ?? TimeZone(identifier: "Europe/Paris")!
            let visit = Visit(session: session, client: store.scoped(to: session.scope), text: text, zone: zone)
            do {
                return try await handler(request, context, visit)
            } catch {
                return try Self.errorPage(error, request: request, visit: visit)
            }
        }
    }

    /// A signed-in form: its CSRF token must be the session's, or nothing is done.
    func signedInForm<Form: Decodable & Sendable>(
        _ type: Form.Type, _ handler: @escaping @Sendable (Request, AppRequestContext, Visit, Form) async throws -> Response
    ) -> @Sendable (Request, AppRequestContext) async throws -> Response {
        signedIn { request, context, visit in
            let decoded: Form?
            do {
                decoded = try await Self.form(Form.self, request, context: context)
            } catch let error as APIError where error.status == .contentTooLarge {
                return try Self.errorPage(error, request: request, visit: visit)
            } catch {
                decoded = nil
            }
            guard let form = decoded,
                let csrf = Mirror(reflecting: form).children.first(where: { $0.label == "csrf" })?.value as? String,
                Self.same(csrf, visit.session.csrfToken)
            else { return Self.formExpired(request, session: visit.session, text: visit.text) }
            return try await handler(request, context, visit, form)
        }
    }

    static func errorPage(_ error: any Error, request: Request, visit: Visit) throws -> Response {
        guard let apiError = APIError.from(error), apiError.status.code < 500 else { throw error }
        let text = visit.text
        let notFound = apiError.status == .notFound || apiError.status == .badRequest && apiError.body.field == "id"
        let title = notFound ? text.notFoundTitle : apiError.status == .conflict ? text.conflictTitle : text.badRequestTitle
        let message = notFound ? text.notFound : apiError.body.message
        return page(
            "notice", visit, title: title, current: nil, status: notFound ? .notFound : apiError.status, message: message,
            content: Notice(link: "/portal", linkText: text.backHome), request: request)
    }

    static func page<Content>(
        _ template: String, _ visit: Visit, title: String, current: PortalAccess.Area?, home: Bool = false, status: HTTPResponse.Status = .ok,
        message: String? = nil, problems: [String] = [], content: Content, request: Request
    ) -> Response {
        var page = PortalPage(title: title, text: visit.text, session: SessionBar(visit.session), message: message, content: content)
        page.nav = navigation(visit.viewer, text: visit.text, current: current, home: home)
        page.problems = problems
        return html(PortalPages.render(template, page), status: status, request: request)
    }

    static func navigation(_ viewer: PortalViewer, text: PortalText, current: PortalAccess.Area?, home: Bool = false) -> [NavItem] {
        var items = [NavItem(href: "/portal", label: text["nav.home"], current: home)]
        for area in PortalAccess.areas(viewer) {
            items.append(NavItem(href: "/portal/\(area.rawValue)", label: text["nav." + area.rawValue], current: area == current))
            if area == .users { items.append(NavItem(href: "/portal/tokens", label: text["nav.tokens"], current: false)) }
        }
        items.append(NavItem(href: "/portal/security", label: text["nav.security"], current: false))
        return items
    }

    /// The list query of a page: `?q=` (100 characters at most) and `?page=` (1 to `Pager.maxPage`).
    static func listQuery(_ request: Request) -> (query: ListQuery, search: String) {
        let parameters = request.uri.queryParameters
        let search = String((parameters.get("q") ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        let number = min(max(Int(parameters.get("page") ?? "1") ?? 1, 1), Pager.maxPage)
        return (ListQuery(search: search.isEmpty ? nil : search, limit: Pager.pageSize, offset: (number - 1) * Pager.pageSize), search)
    }

    static func link(_ path: String, _ items: [(String, String)], page: Int) -> String {
        var components = URLComponents()
        components.path = path
        components.queryItems = (items.filter { !$0.1.isEmpty } + (page > 1 ? [("page", String(page))] : [])).map { URLQueryItem(name: $0.0, value: $0.1) }
        if components.queryItems?.isEmpty == true { components.queryItems = nil }
        return components.string ?? path
    }

    // MARK: - Routes

    func addContentRoutes(to portal: RouterGroup<AppRequestContext>) {
        portal.get(use: signedIn { request, _, visit in try await Self.home(request, visit) })
        portal.get("assets", use: signedIn { request, _, visit in try await Self.assets(request, visit) })
        portal.get("assets/{id}", use: signedIn { request, context, visit in try await Self.asset(request, visit, id: try context.parameters.id("id")) })
        portal.get(
            "assets/{id}/software", use: signedIn { request, context, visit in try await Self.software(request, visit, id: try context.parameters.id("id")) })
        portal.get("tickets", use: signedIn { request, _, visit in try await Self.tickets(request, visit) })
        portal.get("tickets/new", use: signedIn { request, _, visit in try await Self.newTicket(request, visit, form: nil, problems: []) })
        portal.post("tickets", use: signedInForm(TicketForm.self) { request, _, visit, form in try await Self.createTicket(request, visit, form) })
        portal.get("tickets/{id}", use: signedIn { request, context, visit in try await Self.ticket(request, visit, id: try context.parameters.id("id")) })
        portal.post(
            "tickets/{id}/comments",
            use: signedInForm(CommentForm.self) { request, context, visit, form in
                try await Self.comment(request, visit, id: try context.parameters.id("id"), form)
            })
        for action in PortalAccess.TicketAction.allCases {
            portal.post(
                "tickets/{id}/\(action.rawValue)",
                use: signedInForm(CSRFForm.self) { request, context, visit, _ in
                    let id = try context.parameters.id("id")
                    _ = try await visit.client.actOnPortalTicket(visit.viewer, user: visit.user, id: id, action)
                    return Self.redirect("/portal/tickets/\(id)")
                })
        }
        portal.get("licences", use: signedIn { request, _, visit in try await Self.licences(request, visit) })
        portal.get("invoices", use: signedIn { request, _, visit in try await Self.invoices(request, visit) })
        portal.get("invoices/{id}", use: signedIn { request, context, visit in try await Self.invoice(request, visit, id: try context.parameters.id("id")) })
        for format in InvoiceFormat.allCases {
            portal.get(
                "invoices/{id}/\(format.rawValue)",
                use: signedIn { _, context, visit in
                    try await Self.invoiceDocument(format, client: visit.client, viewer: visit.viewer, id: try context.parameters.id("id"))
                })
        }
        addAdminRoutes(to: portal)
        addSecurityRoutes(to: portal)
        portal.get("contracts", use: signedIn { request, _, visit in try await Self.contracts(request, visit) })
        portal.get("contracts/{id}", use: signedIn { request, context, visit in try await Self.contract(request, visit, id: try context.parameters.id("id")) })
    }

    /// An invoice's documents, as the pages and the JSON API give them.
    enum InvoiceFormat: String, CaseIterable {
        case pdf, ubl
    }

    static func invoiceDocument(_ format: InvoiceFormat, client: ClientStore, viewer: PortalViewer, id: Int64) async throws -> Response {
        let (invoice, parties) = try await client.portalInvoiceDocument(viewer, id: id)
        let name = invoice.number ?? "invoice"
        switch format {
        case .pdf: return download(try await PDFPrinter.print(InvoiceHTML.page(invoice, parties)), type: "application/pdf", name: "\(name).pdf")
        case .ubl: return download(Data(try UBLInvoice.document(invoice, parties).utf8), type: "application/xml", name: "\(name).xml")
        }
    }

    /// A document for this session only: never cached, never a public link.
    static func download(_ data: Data, type: String, name: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: - Home

    struct RowSet<Row> {
        var rows: [Row]
        var hasRows: Bool
        init(_ rows: [Row]) { (self.rows, hasRows) = (rows, !rows.isEmpty) }
    }

    struct HomeContent {
        var greeting: String
        var showTickets: Bool
        var tickets: RowSet<TicketRow>
        var allTickets: String
        var showAssets: Bool
        var warranties: RowSet<AssetRow>
        var showInvoices: Bool
        var unpaid: RowSet<InvoiceRow>
        var hours: [String]
        var hasHours: Bool
    }

    static func home(_ request: Request, _ visit: Visit) async throws -> Response {
        let home = try await visit.client.portalHome(visit.viewer)
        let text = visit.text
        let hours = home.hours.map { line in
            text.format(
                text["home.hoursLine"], text.duration(minutes: line.usedMinutes), text.duration(minutes: line.includedMinutes),
                text.billing.span(
                    CalendarDay(line.periodFirst) ?? CalendarDay(year: 2000, month: 1, day: 1),
                    CalendarDay(line.periodLast) ?? CalendarDay(year: 2000, month: 1, day: 1)))
                + " (\(line.contractReference))"
        }
        let content = HomeContent(
            greeting: text.format(text.greeting, visit.user.employeeName, visit.user.clientCode),
            showTickets: PortalAccess.reaches(visit.viewer, .tickets), tickets: RowSet(home.openTickets.map { TicketRow($0, text: text, zone: visit.zone) }),
            allTickets: text.format(text["home.allTickets"], String(home.openTicketCount)), showAssets: PortalAccess.reaches(visit.viewer, .assets),
            warranties: RowSet(home.warrantiesEnding.map { AssetRow($0, text: text) }), showInvoices: PortalAccess.reaches(visit.viewer, .invoices),
            unpaid: RowSet(home.unpaidInvoices.map { InvoiceRow($0, text: text) }), hours: hours, hasHours: !hours.isEmpty)
        return page("home", visit, title: text.homeTitle, current: nil, home: true, content: content, request: request)
    }

    // MARK: - Assets

    struct ListContent<Row> {
        var rows: [Row]
        var hasRows: Bool
        var search: String
        var pager: Pager
        var all = false
    }

    static func assets(_ request: Request, _ visit: Visit) async throws -> Response {
        let (query, search) = listQuery(request)
        let result = try await visit.client.portalAssets(visit.viewer, query)
        let content = ListContent(
            rows: result.items.map { AssetRow($0, text: visit.text) }, hasRows: !result.items.isEmpty, search: search,
            pager: Pager(result, text: visit.text) { link("/portal/assets", [("q", search)], page: $0) })
        return page("assets", visit, title: visit.text["assets.title"], current: .assets, content: content, request: request)
    }

    struct AssetContent {
        var fields: [Field]
        var softwareLink: String
        var softwareCount: String
        var components: [AssetComponent]
        var hasComponents: Bool
        var tickets: RowSet<TicketRow>
        var history: [HistoryLine]
        var hasHistory: Bool
    }

    struct HistoryLine {
        var when: String
        var summary: String
    }

    static func asset(_ request: Request, _ visit: Visit, id: Int64) async throws -> Response {
        let detail = try await visit.client.portalAsset(visit.viewer, id: id)
        let (asset, text) = (detail.asset, visit.text)
        let fields = Field.shown([
            Field(text["asset.kind"], asset.kind.rawValue),
            Field(text["asset.model"], [asset.manufacturer, asset.model].compactMap { $0 }.joined(separator: " ")),
            Field(text["asset.serial"], asset.serial), Field(text["asset.tag"], asset.assetTag), Field(text["asset.holder"], asset.holderName),
            Field(text["asset.site"], asset.siteName), Field(text["asset.warranty"], text.day(asset.warrantyEnd)),
            Field(text["asset.contract"], asset.coveredByContract ?? text["asset.notCovered"]), Field(text["asset.hostname"], asset.hostname),
            Field(text["asset.os"], asset.operatingSystem), Field(text["asset.lastSeen"], text.moment(asset.lastSeenAt, zone: visit.zone)),
        ])
        let content = AssetContent(
            fields: fields, softwareLink: "/portal/assets/\(id)/software",
            softwareCount: text.format(text["asset.softwareCount"], String(detail.softwareCount)),
            components: detail.components, hasComponents: !detail.components.isEmpty,
            tickets: RowSet(detail.tickets.map { TicketRow($0, text: text, zone: visit.zone) }),
            history: detail.history.map { HistoryLine(when: text.moment($0.at, zone: visit.zone), summary: $0.summary) }, hasHistory: !detail.history.isEmpty)
        return page("asset", visit, title: asset.name, current: .assets, content: content, request: request)
    }

    struct SoftwareContent {
        var back: String
        var backText: String
        var action: String
        var rows: [InstalledSoftware]
        var hasRows: Bool
        var search: String
        var pager: Pager
    }

    static func software(_ request: Request, _ visit: Visit, id: Int64) async throws -> Response {
        let (query, search) = listQuery(request)
        let detail = try await visit.client.portalAsset(visit.viewer, id: id)
        let result = try await visit.client.portalAssetSoftware(visit.viewer, id: id, query)
        let path = "/portal/assets/\(id)/software"
        let content = SoftwareContent(
            back: "/portal/assets/\(id)", backText: detail.asset.name, action: path, rows: result.items, hasRows: !result.items.isEmpty, search: search,
            pager: Pager(result, text: visit.text) { link(path, [("q", search)], page: $0) })
        return page(
            "software", visit, title: visit.text.format(visit.text["asset.softwareTitle"], detail.asset.name), current: .assets, content: content,
            request: request)
    }

    // MARK: - Tickets

    static func tickets(_ request: Request, _ visit: Visit) async throws -> Response {
        let (query, search) = listQuery(request)
        let all = request.uri.queryParameters.get("all") == "1"
        let result = try await visit.client.portalTickets(visit.viewer, includeDone: all, query)
        let content = ListContent(
            rows: result.items.map { TicketRow($0, text: visit.text, zone: visit.zone) }, hasRows: !result.items.isEmpty, search: search,
            pager: Pager(result, text: visit.text) { link("/portal/tickets", [("all", all ? "1" : ""), ("q", search)], page: $0) }, all: all)
        return page("tickets", visit, title: visit.text["tickets.title"], current: .tickets, content: content, request: request)
    }

    struct TicketContent {
        var base: String
        var csrf: String
        var fields: [Field]
        var description: String?
        var resolution: String?
        var hasActions: Bool
        var canClose: Bool
        var canReopen: Bool
        var comments: [CommentLine]
        var hasComments: Bool
        var canComment: Bool
        var interventions: [InterventionLine]
        var hasInterventions: Bool
    }

    struct CommentLine {
        var author: String
        var when: String
        var body: String
    }

    struct InterventionLine {
        var day: String
        var technician: String
        var time: String
    }

    static func ticket(_ request: Request, _ visit: Visit, id: Int64, message: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let detail = try await visit.client.portalTicket(visit.viewer, id: id)
        let (ticket, text) = (detail.ticket, visit.text)
        let fields = Field.shown([
            Field(text["ticket.status"], text["status." + ticket.status.rawValue]), Field(text["ticket.priority"], ticket.priority.rawValue),
            Field(text["ticket.created"], text.moment(ticket.createdAt, zone: visit.zone)), Field(text["ticket.reporter"], ticket.reporterName),
            Field(text["ticket.technician"], ticket.technicianName ?? text["ticket.unassigned"]),
            Field(
                text["ticket.assets"], ticket.assets.map(\.name).joined(separator: ", "),
                link: ticket.assets.count == 1 ? "/portal/assets/\(ticket.assets[0].id)" : nil),
        ])
        let content = TicketContent(
            base: "/portal/tickets/\(id)", csrf: visit.session.csrfToken, fields: fields, description: ticket.description, resolution: ticket.resolution,
            hasActions: !detail.actions.isEmpty, canClose: detail.actions.contains("close"), canReopen: detail.actions.contains("reopen"),
            comments: detail.comments.map { CommentLine(author: $0.author, when: text.moment($0.createdAt, zone: visit.zone), body: $0.body) },
            hasComments: !detail.comments.isEmpty, canComment: PortalAccess.mayComment(ticket.status),
            interventions: detail.interventions.map {
                InterventionLine(day: text.day($0.workedOn), technician: $0.technicianName, time: text.duration(minutes: $0.minutes))
            },
            hasInterventions: !detail.interventions.isEmpty)
        return page(
            "ticket", visit, title: "\(ticket.number) · \(ticket.title)", current: .tickets, status: status, message: message, content: content,
            request: request)
    }

    struct CommentForm: Decodable, Sendable {
        var csrf: String
        var body: String
    }

    static func comment(_ request: Request, _ visit: Visit, id: Int64, _ form: CommentForm) async throws -> Response {
        let problems = PortalInput.commentProblems(form.body)
        guard problems.isEmpty else {
            return try await ticket(request, visit, id: id, message: problems.map(visit.text.problem).joined(separator: " "), status: .unprocessableContent)
        }
        do {
            _ = try await visit.client.commentPortalTicket(visit.viewer, user: visit.user, id: id, body: String(form.body.prefix(20_001)))
        } catch let error as ValidationError {
            return try await ticket(request, visit, id: id, message: visit.text.problems(error).joined(separator: " "), status: .unprocessableContent)
        }
        return redirect("/portal/tickets/\(id)#comments")
    }

    struct TicketForm: Decodable, Sendable {
        var csrf: String
        var title: String
        var description: String?
        var priority: String?
        var asset: String?
        var assetName: String?
    }

    /// Up to this many pieces of equipment, the form offers a choice; beyond, the user types one.
    static let assetChoices = 200

    struct NewTicketContent {
        var csrf: String
        var title: String
        var description: String
        var priorities: [Choice]
        var assets: [Choice]
        var hasAssets: Bool
        var typesAsset: Bool
        var assetName: String
    }

    static func newTicket(_ request: Request, _ visit: Visit, form: TicketForm?, problems: [String]) async throws -> Response {
        try visit.client.require(visit.viewer, .tickets)
        let priorities = try await visit.client.portalPriorities()
        let chosenPriority = form?.priority ?? priorities.last?.rawValue
        // The equipment concerned: a choice among the user's when they are few, else typed (name, serial or tag).
        let page =
            PortalAccess.assets(visit.viewer) == .none
            ? nil : try await visit.client.portalAssets(visit.viewer, ListQuery(limit: Self.assetChoices))
        let assets = page.map { $0.total <= Self.assetChoices ? $0.items : [] } ?? []
        let content = NewTicketContent(
            csrf: visit.session.csrfToken, title: form?.title ?? "", description: form?.description ?? "",
            priorities: priorities.map { Choice(value: $0.rawValue, label: $0.rawValue, selected: $0.rawValue == chosenPriority) },
            assets: assets.map { Choice(value: String($0.id), label: $0.name, selected: String($0.id) == form?.asset) }, hasAssets: !assets.isEmpty,
            typesAsset: (page?.total ?? 0) > Self.assetChoices, assetName: form?.assetName ?? "")
        return Self.page(
            "ticketNew", visit, title: visit.text["ticket.newTitle"], current: .tickets, status: problems.isEmpty ? .ok : .unprocessableContent,
            problems: problems, content: content, request: request)
    }

    static func createTicket(_ request: Request, _ visit: Visit, _ form: TicketForm) async throws -> Response {
        let problems = PortalInput.ticketProblems(title: form.title, description: form.description)
        guard problems.isEmpty else { return try await newTicket(request, visit, form: form, problems: problems.map(visit.text.problem)) }
        var new = PortalNewTicket(title: String(form.title.prefix(201)), description: form.description.map { String($0.prefix(20_001)) })
        if let raw = form.priority, !raw.isEmpty {
            guard let priority = TicketPriority(rawValue: raw) else {
                return try await newTicket(request, visit, form: form, problems: ["priority: \(raw.prefix(20))?"])
            }
            new.priority = priority
        }
        if let raw = form.asset, !raw.isEmpty {
            guard let id = Int64(raw) else { return try await newTicket(request, visit, form: form, problems: ["asset: \(raw.prefix(20))?"]) }
            new.assetID = id
        } else if let typed = form.assetName.map(PortalInput.trimmed), !typed.isEmpty {
            // Exactly one of the user's pieces of equipment by that name, serial or tag.
            let found = try await visit.client.portalAssets(visit.viewer, ListQuery(search: String(typed.prefix(100)), limit: 50)).items.filter {
                [$0.name, $0.serial, $0.assetTag].contains { $0?.lowercased() == typed.lowercased() }
            }
            guard found.count == 1 else {
                return try await newTicket(
                    request, visit, form: form, problems: [visit.text.format(visit.text["ticket.assetUnknown"], String(typed.prefix(100)))])
            }
            new.assetID = found[0].id
        }
        do {
            let detail = try await visit.client.openPortalTicket(visit.viewer, user: visit.user, new)
            return redirect("/portal/tickets/\(detail.ticket.id)")
        } catch let error as ValidationError {
            return try await newTicket(request, visit, form: form, problems: visit.text.problems(error))
        } catch StoreError.invalidReference(_, let message) {
            return try await newTicket(request, visit, form: form, problems: [message])
        }
    }

    // MARK: - Licences

    struct LicenceRow {
        var product: String
        var seats: String
        var used: String
        var expires: String
    }

    static func licences(_ request: Request, _ visit: Visit) async throws -> Response {
        let (query, _) = listQuery(request)
        let result = try await visit.client.portalLicences(visit.viewer, query)
        let rows = result.items.map {
            LicenceRow(product: $0.product, seats: String($0.seats), used: String($0.seatsUsed), expires: visit.text.day($0.expiresOn))
        }
        let content = ListContent(
            rows: rows, hasRows: !rows.isEmpty, search: "", pager: Pager(result, text: visit.text) { link("/portal/licences", [], page: $0) })
        return page("licences", visit, title: visit.text["licences.title"], current: .licences, content: content, request: request)
    }

    // MARK: - Invoices

    static func invoices(_ request: Request, _ visit: Visit) async throws -> Response {
        let (query, _) = listQuery(request)
        let result = try await visit.client.portalInvoices(visit.viewer, query)
        let content = ListContent(
            rows: result.items.map { InvoiceRow($0, text: visit.text) }, hasRows: !result.items.isEmpty, search: "",
            pager: Pager(result, text: visit.text) { link("/portal/invoices", [], page: $0) })
        return page("invoices", visit, title: visit.text["invoices.title"], current: .invoices, content: content, request: request)
    }

    struct FieldList {
        var fields: [Field]
    }

    struct LineRow {
        var description: String
        var amount: String
    }

    struct InvoiceContent {
        var pdf: String
        var ubl: String
        var fields: [Field]
        var lines: [LineRow]
        var totals: FieldList
        var payments: [String]
        var hasPayments: Bool
    }

    static func invoice(_ request: Request, _ visit: Visit, id: Int64) async throws -> Response {
        let detail = try await visit.client.portalInvoice(visit.viewer, id: id)
        let (invoice, text) = (detail.invoice, visit.text)
        let row = InvoiceRow(invoice, text: text)
        var period: String?
        if let first = invoice.periodFirst.flatMap(CalendarDay.init), let last = invoice.periodLast.flatMap(CalendarDay.init) {
            period = text.billing.span(first, last)
        }
        let fields = Field.shown([
            Field(text["invoice.status"], row.status), Field(text["invoice.issued"], row.issued),
            Field(text["invoice.due"], invoice.kind == .invoice ? row.due : nil),
            Field(text["invoice.period"], period), Field(text["invoice.contract"], invoice.contractReference),
            Field(text["invoice.outstanding"], invoice.kind == .invoice ? row.outstanding : nil),
        ])
        var totals = [Field(text["invoice.net"], text.money(invoice.netCents, invoice.currency))]
        for vat in invoice.vat {
            totals.append(Field("\(text["invoice.vat"]) \(text.billing.percent(vat.basisPoints))", text.money(vat.vatCents, invoice.currency)))
        }
        totals.append(Field(text["invoice.gross"], text.money(invoice.grossCents, invoice.currency)))
        let payments = detail.payments.map { "\(text.day($0.paidOn)) · \(text.money($0.amountCents, invoice.currency)) · \($0.method.rawValue)" }
        let content = InvoiceContent(
            pdf: "/portal/invoices/\(id)/pdf", ubl: "/portal/invoices/\(id)/ubl", fields: fields,
            lines: invoice.lines.map { LineRow(description: $0.description, amount: text.money($0.amountCents, invoice.currency)) },
            totals: FieldList(fields: totals), payments: payments, hasPayments: !payments.isEmpty)
        let title = text.format(text[invoice.kind == .invoice ? "invoice.title" : "invoice.creditNoteTitle"], invoice.number ?? "")
        return page("invoice", visit, title: title, current: .invoices, content: content, request: request)
    }

    // MARK: - Contracts

    static func contracts(_ request: Request, _ visit: Visit) async throws -> Response {
        let (query, _) = listQuery(request)
        let result = try await visit.client.portalContracts(visit.viewer, query)
        let content = ListContent(
            rows: result.items.map { ContractRow($0, text: visit.text) }, hasRows: !result.items.isEmpty, search: "",
            pager: Pager(result, text: visit.text) { link("/portal/contracts", [], page: $0) })
        return page("contracts", visit, title: visit.text["contracts.title"], current: .contracts, content: content, request: request)
    }

    struct TargetRow {
        var priority: String
        var response: String
        var resolution: String
    }

    struct ContractContent {
        var fields: [Field]
        var coverage: FieldList
        var hasSLA: Bool
        var slaHours: String
        var targets: [TargetRow]
        var lines: [String]
    }

    static func contract(_ request: Request, _ visit: Visit, id: Int64) async throws -> Response {
        let contract = try await visit.client.portalContract(visit.viewer, id: id)
        let text = visit.text
        let row = ContractRow(contract, text: text)
        let fields = [
            Field(text["contract.status"], row.status), Field(text["contract.starts"], row.starts), Field(text["contract.ends"], row.ends),
            Field(text["contract.frequency"], text["frequency." + contract.billing.frequency.rawValue]),
        ]
        let coverage = Field.shown([
            Field(text["contract.kinds"], contract.coverage.kinds.map(\.rawValue).joined(separator: ", ")),
            Field(text["contract.namedAssets"], contract.coverage.assetIDs.isEmpty ? nil : String(contract.coverage.assetIDs.count)),
        ])
        let targets = (contract.sla?.targets ?? []).map {
            TargetRow(
                priority: $0.priority.rawValue, response: text.duration(minutes: $0.responseMinutes), resolution: text.duration(minutes: $0.resolutionMinutes))
        }
        let lines = contract.lines.map { line -> String in
            guard let price = line.unitPriceCents else { return line.description }
            return "\(line.description) · \(text.money(price, "EUR"))"
        }
        let content = ContractContent(
            fields: fields, coverage: FieldList(fields: coverage), hasSLA: contract.sla != nil,
            slaHours: text["hours." + (contract.sla?.hours.rawValue ?? "business")],
            targets: targets, lines: lines)
        return page("contract", visit, title: "\(contract.reference) · \(contract.title)", current: .contracts, content: content, request: request)
    }
}
