import Foundation
import Hummingbird
import Logging
import ParcDomain
import ParcProtocol

/// Interventions (`/api/v1/tickets`): everyone on staff reads them; technicians and managers open
/// and work them. `{id}` is the ticket's id or its number (`T-2026-00042`).
struct TicketController {
    let store: Store

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("tickets") { request, context in
            let staff = try context.requireStaff(.readTickets)
            return try JSONResponse.make(try await store.listTickets(try Self.filter(request, caller: staff), try request.listQuery()))
        }
        group.post("tickets") { request, context in
            let staff = try context.requireStaff(.workTickets)
            let new = try TicketRules.validated(try await request.decodeJSON(NewTicket.self, context: context))
            let ticket = try await store.createTicket(new, by: .staff(staff.user))
            context.logger.info("ticket opened", metadata: ["parc.ticket": "\(ticket.number)", "parc.client_code": "\(ticket.clientCode)"])
            return try JSONResponse.make(ticket, status: .created)
        }
        group.get("tickets/{id}") { _, context in
            let staff = try context.requireStaff(.readTickets)
            let detail = try await store.ticketDetail(id: try await ticketID(context))
            return try JSONResponse.make(TicketRules.visible(detail, to: staff.user.role))
        }
        group.patch("tickets/{id}") { request, context in
            let staff = try context.requireStaff(.workTickets)
            let update = try await request.decodeJSON(TicketUpdate.self, context: context)
            return try JSONResponse.make(try await store.updateTicket(id: try await ticketID(context), update, by: .staff(staff.user)))
        }
        group.post("tickets/{id}/assign") { request, context in
            let staff = try context.requireStaff(.workTickets)
            let assignment = try await request.decodeJSON(TicketAssignment.self, context: context)
            return try JSONResponse.make(
                try await store.assignTicket(id: try await ticketID(context), technicianID: assignment.technicianID, by: .staff(staff.user)))
        }
        group.post("tickets/{id}/status") { request, context in
            let staff = try context.requireStaff(.workTickets)
            let change = try await request.decodeJSON(TicketStatusChange.self, context: context)
            let ticket = try await store.changeTicketStatus(id: try await ticketID(context), change, by: .staff(staff.user))
            context.logger.info("ticket status changed", metadata: ["parc.ticket": "\(ticket.number)", "parc.status": "\(ticket.status.rawValue)"])
            return try JSONResponse.make(ticket)
        }
        group.post("tickets/{id}/comments") { request, context in
            let staff = try context.requireStaff(.workTickets)
            let comment = try await request.decodeJSON(NewTicketComment.self, context: context)
            return try JSONResponse.make(try await store.addTicketComment(id: try await ticketID(context), comment, by: .staff(staff.user)), status: .created)
        }
        group.post("tickets/{id}/time") { request, context in
            let staff = try context.requireStaff(.workTickets)
            let entry = try TicketRules.validated(try await request.decodeJSON(NewTimeEntry.self, context: context))
            let technician = entry.technicianID ?? staff.user.id
            guard technician == staff.user.id || staff.user.role == .manager else {
                throw APIError(
                    .forbidden, code: "forbidden", message: "technicians log their own time; a manager can log it for someone else", field: "technicianID")
            }
            let logged = try await store.logTime(ticketID: try await ticketID(context), entry, technicianID: technician, by: .staff(staff.user))
            return try JSONResponse.make(logged, status: .created)
        }
        group.post("tickets/{id}/materials") { request, context in
            let staff = try context.requireStaff(.workTickets)
            let material = try TicketRules.validated(try await request.decodeJSON(NewMaterial.self, context: context))
            var added = try await store.addMaterial(ticketID: try await ticketID(context), material, by: .staff(staff.user))
            if staff.user.role == .technician { added.unitPriceCents = nil }
            return try JSONResponse.make(added, status: .created)
        }
    }

    func ticketID(_ context: AppRequestContext) async throws -> Int64 {
        try await store.ticketID(try context.parameters.string("id"))
    }

    /// `client`, `status` (a status, `open` by default, or `all`), `technician` (an id or `me`),
    /// `priority`, `type`, `sla` (`breached`, `due-soon`), `from`/`to` (creation days), `asset`.
    static func filter(_ request: Request, caller: AuthenticatedStaff) throws -> TicketFilter {
        let parameters = request.uri.queryParameters
        var filter = TicketFilter(clientCode: parameters.get("client"))
        func invalid(_ field: String, _ message: String) -> APIError { APIError(.badRequest, code: "invalid_parameter", message: message, field: field) }
        switch parameters.get("status") {
        case nil, "open"?: break
        case "all"?: filter.includeDone = true
        case let raw?:
            guard let status = TicketStatus(rawValue: raw) else {
                throw invalid("status", "status must be open, all or one of \(TicketStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.status = status
        }
        if let raw = parameters.get("technician") {
            guard let id = raw == "me" ? caller.user.id : Int64(raw) else { throw invalid("technician", "technician must be a staff id or me") }
            filter.technicianID = id
        }
        if let raw = parameters.get("priority") {
            guard let priority = TicketPriority(rawValue: raw.uppercased()) else { throw invalid("priority", "priority must be P1, P2, P3 or P4") }
            filter.priority = priority
        }
        if let raw = parameters.get("type") {
            guard let type = TicketType(rawValue: raw) else {
                throw invalid("type", "type must be one of \(TicketType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.type = type
        }
        if let raw = parameters.get("sla") {
            guard let state = SLAState(rawValue: raw), state == .breached || state == .dueSoon else { throw invalid("sla", "sla must be breached or due-soon") }
            filter.sla = state
        }
        for (name, keyPath) in [("from", \TicketFilter.createdFrom), ("to", \TicketFilter.createdTo)] {
            guard let raw = parameters.get(name) else { continue }
            guard AssetRules.isCalendarDate(raw) else { throw invalid(name, "\(name) must be a date written YYYY-MM-DD") }
            filter[keyPath: keyPath] = raw
        }
        if let raw = parameters.get("asset") {
            guard let id = Int64(raw) else { throw invalid("asset", "asset must be an asset id") }
            filter.assetID = id
        }
        return filter
    }
}
