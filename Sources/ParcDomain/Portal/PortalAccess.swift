import ParcProtocol

/// Who is looking at the portal: a client employee's account, with the role the client gave it.
/// Every rule below narrows what the client scope already allows; none widens it.
public struct PortalViewer: Sendable, Equatable {
    public var userID: Int64
    public var employeeID: Int64
    public var role: PortalRole
    /// The client lets every member see all of its tickets.
    public var sharedTickets: Bool

    public init(userID: Int64, employeeID: Int64, role: PortalRole, sharedTickets: Bool) {
        self.userID = userID
        self.employeeID = employeeID
        self.role = role
        self.sharedTickets = sharedTickets
    }
}

/// What each portal role reaches. A page or an object out of reach answers 404, as if it did not
/// exist: a member cannot learn which invoice numbers or tickets of colleagues there are.
public enum PortalAccess {
    /// The parts of the portal, each a menu entry.
    public enum Area: String, Sendable, CaseIterable {
        case assets, tickets, licences, invoices, contracts, users
    }

    /// Which assets a viewer sees.
    public enum AssetReach: Sendable, Equatable {
        case all
        /// Those the employee holds.
        case held(employeeID: Int64)
        case none
    }

    /// Which tickets a viewer sees.
    public enum TicketReach: Sendable, Equatable {
        case all
        /// Those the employee reported or follows.
        case own(employeeID: Int64)
        case none
    }

    public static func areas(_ viewer: PortalViewer) -> [Area] {
        switch viewer.role {
        case .clientAdmin: Area.allCases
        case .member: [.assets, .tickets]
        case .billing: [.tickets, .invoices, .contracts]
        }
    }

    public static func reaches(_ viewer: PortalViewer, _ area: Area) -> Bool { areas(viewer).contains(area) }

    public static func assets(_ viewer: PortalViewer) -> AssetReach {
        switch viewer.role {
        case .clientAdmin: .all
        case .member: .held(employeeID: viewer.employeeID)
        case .billing: .none
        }
    }

    /// Billing contacts follow the tickets they reported themselves (a question on an invoice);
    /// members see the client's tickets when the client shares them.
    public static func tickets(_ viewer: PortalViewer) -> TicketReach {
        switch viewer.role {
        case .clientAdmin: .all
        case .member: viewer.sharedTickets ? .all : .own(employeeID: viewer.employeeID)
        case .billing: .own(employeeID: viewer.employeeID)
        }
    }

    /// What a client may do to one of its tickets: close it once resolved (agreeing it is done), or
    /// reopen it (it is not). Everything else is the technicians' work.
    public enum TicketAction: String, Sendable, CaseIterable {
        case close, reopen
    }

    public static func ticketActions(_ status: TicketStatus) -> [TicketAction] {
        status == .resolved ? [.close, .reopen] : []
    }

    /// Only open tickets take comments; a closed one asks for a new ticket.
    public static func mayComment(_ status: TicketStatus) -> Bool { status != .closed }

    /// The priorities a client may choose when opening an incident: those its service terms give
    /// a target for (the contract's, or the provider's default), so that each has a promised time.
    public static func priorities(_ terms: SLATerms) -> [TicketPriority] {
        let promised = Set(terms.targets.map(\.priority))
        let allowed = TicketPriority.allCases.filter { promised.contains($0) }
        return allowed.isEmpty ? [.p3] : allowed
    }

    /// The days of the period of a contract with included hours that holds `day`.
    public static func hoursPeriod(containing day: CalendarDay, frequency: BillingFrequency) -> (first: CalendarDay, last: CalendarDay) {
        let first = BillingCalendar.periodStart(containing: day, frequency: frequency)
        return (first, first.adding(months: frequency.months).adding(days: -1))
    }

    /// The lines of an asset's history a client reads: what happened to the machine. Edits of the
    /// registry's fields and ticket lines (which may quote internal notes) stay with the staff;
    /// the tickets about the asset are listed on their own.
    public static let publicAssetEventKinds = [
        "asset.created", "asset.deployed", "asset.inventoried", "asset.assigned", "asset.unassigned", "asset.status-changed", "asset.agent-bound",
    ]

    /// Warranties ending within this many days are shown on the home page.
    public static let warrantyHorizonDays = 90
}

/// What a client types on the portal, checked the same way for the pages and the JSON API; the
/// pages word each problem in their language.
public enum PortalInput {
    public static let titleMaximum = 200
    public static let textMaximum = 20_000

    public enum Problem: String, Sendable, Equatable, CustomStringConvertible {
        case titleMissing, titleTooLong, descriptionTooLong, commentMissing, commentTooLong

        public var field: String {
            switch self {
            case .titleMissing, .titleTooLong: "title"
            case .descriptionTooLong: "description"
            case .commentMissing, .commentTooLong: "body"
            }
        }

        public var description: String {
            switch self {
            case .titleMissing: "say in a few words what is wrong"
            case .titleTooLong: "must be at most \(PortalInput.titleMaximum) characters"
            case .descriptionTooLong, .commentTooLong: "must be at most \(PortalInput.textMaximum) characters"
            case .commentMissing: "must not be empty"
            }
        }
    }

    /// Title and description of a new incident, as typed (trimmed here).
    public static func ticketProblems(title: String, description: String?) -> [Problem] {
        let title = trimmed(title)
        var problems: [Problem] = []
        if title.isEmpty { problems.append(.titleMissing) }
        if title.count > titleMaximum { problems.append(.titleTooLong) }
        if trimmed(description ?? "").count > textMaximum { problems.append(.descriptionTooLong) }
        return problems
    }

    public static func commentProblems(_ body: String) -> [Problem] {
        let body = trimmed(body)
        if body.isEmpty { return [.commentMissing] }
        return body.count > textMaximum ? [.commentTooLong] : []
    }

    public static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    public static func validationError(_ problems: [Problem]) -> ValidationError {
        ValidationError(problems.map { ValidationIssue(field: $0.field, reason: $0.description) })
    }
}
