import ParcProtocol

/// A status change the workflow does not allow, with a message saying what to do instead.
public struct WorkflowError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// Where an asset used as material may come from: the ticket's own client, or the provider's
/// stock. Never another client's asset: deploying it would move it, and bill it, to this client.
public func mayDeploy(assetOf owner: String, toTicketOf client: String, providerStock: String?) -> Bool {
    owner == client || (providerStock != nil && owner == providerStock)
}

/// The ticket workflow and what staff may type about tickets.
///
///     new ──assign──▶ assigned ──▶ in-progress ⇄ waiting-for-client
///      └───────────────┴──────────────┴──────────────┴──▶ resolved ──▶ closed
///                                   in-progress ◀──reopen──┘
///
/// Assigning moves a new ticket to assigned, unassigning an assigned or in-progress one back to
/// new; work (in-progress) needs a technician; resolving needs a resolution summary; only resolved
/// tickets close or reopen; closed tickets never change.
public enum TicketRules {
    /// Checks a change asked through `POST /tickets/{id}/status`.
    public static func checkTransition(number: String, from: TicketStatus, to: TicketStatus, hasTechnician: Bool) throws(WorkflowError) {
        if from == .closed { throw WorkflowError("\(number) is closed and can no longer change; open a new ticket") }
        if from == to { throw WorkflowError("\(number) is already \(to.rawValue)") }
        switch to {
        case .new, .assigned:
            // Reopening goes back to the queue it left: its technician's, or nobody's yet.
            guard from == .resolved, to == reopened(hasTechnician: hasTechnician) else {
                throw WorkflowError("a ticket becomes \(to.rawValue) by (un)assigning a technician: use the assign action")
            }
        case .inProgress:
            guard hasTechnician else { throw WorkflowError("assign a technician to \(number) before work starts") }
        case .waitingForClient:
            guard from != .resolved else { throw WorkflowError("\(number) is resolved; reopen it first") }
        case .resolved:
            break
        case .closed:
            guard from == .resolved else { throw WorkflowError("only resolved tickets can be closed; \(number) is \(from.rawValue): resolve it first") }
        }
    }

    /// The status a resolved ticket reopens to when its client says it is not solved.
    public static func reopened(hasTechnician: Bool) -> TicketStatus { hasTechnician ? .assigned : .new }

    /// The status after an assignment change, or an error when the ticket is done.
    public static func statusAfterAssignment(number: String, _ status: TicketStatus, assigned: Bool) throws(WorkflowError) -> TicketStatus {
        guard status.isOpen else { throw WorkflowError("\(number) is \(status.rawValue); reopen it before changing its technician") }
        switch (status, assigned) {
        case (.new, true): return .assigned
        case (.assigned, false), (.inProgress, false): return .new
        default: return status
        }
    }

    /// Whether moving to `status` counts as the first response the client sees.
    public static func isResponse(_ status: TicketStatus) -> Bool {
        status == .inProgress || status == .waitingForClient || status == .resolved
    }

    public static func validated(_ new: NewTicket) throws(ValidationError) -> NewTicket {
        var ticket = new
        ticket.title = new.title.trimmingWhitespace()
        ticket.description = new.description?.trimmingWhitespace().nilIfEmpty
        var validator = Validator()
        validator.check(!ticket.title.isEmpty, "title", "must not be empty")
        validator.check(ticket.title.count <= 200, "title", "must be at most 200 characters")
        validator.check((ticket.description?.count ?? 0) <= 20_000, "description", "must be at most 20000 characters")
        validator.check(!new.client.isEmpty, "client", "must name a client code")
        try validator.throwIfInvalid()
        return ticket
    }

    public static func validated(_ entry: NewTimeEntry) throws(ValidationError) -> NewTimeEntry {
        var validator = Validator()
        validator.check((1...1440).contains(entry.minutes), "minutes", "must be from 1 to 1440 (one day) (got \(entry.minutes))")
        if let day = entry.workedOn { validator.check(AssetRules.isCalendarDate(day), "workedOn", "must be a date written YYYY-MM-DD (got \(day))") }
        try validator.throwIfInvalid()
        var result = entry
        result.note = entry.note?.trimmingWhitespace().nilIfEmpty
        return result
    }

    public static func validated(_ material: NewMaterial) throws(ValidationError) -> NewMaterial {
        var result = material
        result.description = material.description?.trimmingWhitespace().nilIfEmpty
        var validator = Validator()
        validator.check(material.quantity, "quantity", in: 1...Bounds.count)
        validator.check(material.unitPriceCents, "unitPriceCents", in: 0...Bounds.amountCents, "cents")
        validator.check(result.description != nil || material.assetID != nil, "description", "describe the material or give the stock asset's id")
        if material.assetID != nil { validator.check(material.quantity == 1, "quantity", "an asset is one item: quantity must be 1") }
        try validator.throwIfInvalid()
        return result
    }

    /// Technicians do not see prices of what is billed.
    public static func visible(_ detail: TicketDetail, to role: StaffRole) -> TicketDetail {
        guard role == .technician else { return detail }
        var result = detail
        for index in result.materials.indices { result.materials[index].unitPriceCents = nil }
        return result
    }
}
