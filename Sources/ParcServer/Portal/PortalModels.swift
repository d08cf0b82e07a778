import Foundation
import ParcDomain
import ParcProtocol

// What the templates read: every value already a string in the page's language (Mustache reads
// stored properties only, and formats nothing itself).

/// One page of the portal: the layout's parts and the page's own `content`.
struct PortalPage<Content> {
    var title: String
    var t: [String: String]
    var session: PortalController.SessionBar?
    var nav: [NavItem] = []
    var message: String?
    // Mustache reads stored properties only: `hasProblems` is kept in step with `problems`.
    var problems: [String] = [] { didSet { hasProblems = !problems.isEmpty } }
    var hasProblems = false
    var content: Content

    init(title: String, text: PortalText, session: PortalController.SessionBar?, message: String? = nil, content: Content) {
        (self.title, self.t, self.session, self.message, self.content) = (title, text.forTemplate, session, message, content)
    }
}

struct NavItem {
    var href: String
    var label: String
    /// `aria-current="page"` on the entry of the page shown.
    var current: Bool
}

/// Previous and next links of a list, with "26–50 of 120".
struct Pager {
    var summary: String
    var previous: String?
    var next: String?
    var hasLinks: Bool

    static let pageSize = 25
    /// Deep pages are refused rather than computed: nobody reads page 4,000.
    static let maxPage = 4_000

    init<Item>(_ page: Page<Item>, text: PortalText, link: (Int) -> String) {
        let number = page.offset / Self.pageSize + 1
        let first = page.items.isEmpty ? 0 : page.offset + 1
        summary = text.format(text.shown, String(first), String(page.offset + page.items.count), String(page.total))
        previous = number > 1 ? link(number - 1) : nil
        next = page.offset + page.items.count < page.total && number < Self.maxPage ? link(number + 1) : nil
        hasLinks = previous != nil || next != nil
    }
}

struct TicketRow {
    var link: String
    var number: String
    var title: String
    var status: String
    var statusKey: String
    var priority: String
    var updated: String
    var reporter: String

    init(_ ticket: PortalTicket, text: PortalText, zone: TimeZone) {
        link = "/portal/tickets/\(ticket.id)"
        (number, title, priority, reporter) = (ticket.number, ticket.title, ticket.priority.rawValue, ticket.reporterName)
        statusKey = ticket.status.rawValue
        status = text["status." + ticket.status.rawValue]
        updated = text.moment(ticket.updatedAt, zone: zone)
    }
}

struct AssetRow {
    var link: String
    var name: String
    var kind: String
    var model: String
    var serial: String
    var holder: String
    var site: String
    var warranty: String

    init(_ asset: PortalAsset, text: PortalText) {
        link = "/portal/assets/\(asset.id)"
        (name, kind, serial, holder, site) = (asset.name, asset.kind.rawValue, asset.serial ?? "", asset.holderName ?? "", asset.siteName ?? "")
        model = [asset.manufacturer, asset.model].compactMap { $0 }.joined(separator: " ")
        warranty = text.day(asset.warrantyEnd)
    }
}

struct InvoiceRow {
    var link: String
    var number: String
    var kind: String
    var issued: String
    var due: String
    var total: String
    var outstanding: String
    var status: String
    var statusKey: String

    init(_ invoice: Invoice, text: PortalText) {
        link = "/portal/invoices/\(invoice.id)"
        number = invoice.number ?? ""
        kind = text["kind." + invoice.kind.rawValue]
        (issued, due) = (text.day(invoice.issueDate), text.day(invoice.dueDate))
        total = text.money(invoice.grossCents, invoice.currency)
        let left = invoice.kind == .invoice ? max(0, invoice.grossCents &- invoice.paidCents &- invoice.creditedCents) : 0
        outstanding = text.money(left, invoice.currency)
        statusKey = invoice.status.rawValue
        status = text["invoiceStatus." + invoice.status.rawValue]
    }
}

struct ContractRow {
    var link: String
    var reference: String
    var title: String
    var status: String
    var starts: String
    var ends: String

    init(_ contract: Contract, text: PortalText) {
        link = "/portal/contracts/\(contract.id)"
        (reference, title) = (contract.reference, contract.title)
        status = text["contractStatus." + contract.status.rawValue]
        starts = text.day(contract.startsOn)
        ends = contract.endsOn.map { text.day($0) } ?? text["contract.open"]
    }
}

/// A label and its value, for the detail pages' description lists.
struct Field {
    var label: String
    var value: String
    var link: String?

    init(_ label: String, _ value: String?, link: String? = nil) {
        (self.label, self.value, self.link) = (label, value ?? "", link)
    }

    /// Only the fields that have something to say.
    static func shown(_ fields: [Field]) -> [Field] { fields.filter { !$0.value.isEmpty } }
}

/// A choice of a `<select>`.
struct Choice {
    var value: String
    var label: String
    var selected: Bool
}
