import Foundation
import Hummingbird
import Logging
import ParcDomain
import ParcProtocol

/// Billing runs and invoices (`/api/v1/billing`, `/api/v1/invoices`): managers and billing staff.
struct BillingController {
    let store: Store

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        addDocumentRoutes(to: group)
        group.post("billing/runs") { request, context in
            _ = try context.requireStaff(.billing)
            let body = try await request.decodeJSON(BillingRunRequest.self, context: context)
            let dryRun = body.dryRun ?? false
            let run = try await store.runBilling(asOf: body.asOf ?? Timestamp.day(Date()), clientCode: body.client, dryRun: dryRun)
            if !dryRun, !run.invoices.isEmpty {
                context.logger.info("billing run", metadata: ["parc.as_of": "\(run.asOf)", "parc.count": "\(run.invoices.count)"])
            }
            return try JSONResponse.make(run, status: dryRun || run.invoices.isEmpty ? .ok : .created)
        }
        group.get("revenue") { request, context in
            _ = try context.requireStaff(.billing)
            return try JSONResponse.make(try await store.revenue(clientCode: request.uri.queryParameters.get("client")))
        }
        group.get("invoices") { request, context in
            _ = try context.requireStaff(.billing)
            let parameters = request.uri.queryParameters
            var status: InvoiceStatus?
            if let raw = parameters.get("status") {
                guard let value = InvoiceStatus(rawValue: raw) else {
                    throw APIError(
                        .badRequest, code: "invalid_parameter",
                        message: "status must be one of \(InvoiceStatus.allCases.map(\.rawValue).joined(separator: ", "))", field: "status")
                }
                status = value
            }
            return try JSONResponse.make(
                try await store.listInvoices(clientCode: parameters.get("client"), status: status, number: parameters.get("number"), try request.listQuery()))
        }
        group.get("invoices/{id}") { _, context in
            _ = try context.requireStaff(.billing)
            return try JSONResponse.make(try await store.invoice(id: try context.parameters.id("id")))
        }
        // Drafts can be edited or deleted; issued invoices answer 409.
        group.post("invoices/{id}/lines") { request, context in
            _ = try context.requireStaff(.billing)
            let line = try await request.decodeJSON(NewInvoiceLine.self, context: context)
            return try JSONResponse.make(try await store.addInvoiceLine(id: try context.parameters.id("id"), line), status: .created)
        }
        group.delete("invoices/{id}/lines/{position}") { _, context in
            _ = try context.requireStaff(.billing)
            let position = Int(try context.parameters.id("position"))
            return try JSONResponse.make(try await store.removeInvoiceLine(id: try context.parameters.id("id"), position: position))
        }
        group.delete("invoices/{id}") { _, context in
            _ = try context.requireStaff(.billing)
            try await store.deleteDraft(id: try context.parameters.id("id"))
            return Response(status: .noContent)
        }
        group.post("invoices/{id}/issue") { _, context in
            _ = try context.requireStaff(.billing)
            let invoice = try await store.issueInvoice(id: try context.parameters.id("id"))
            context.logger.info("invoice issued", metadata: ["parc.invoice": "\(invoice.number ?? "")", "parc.client_code": "\(invoice.clientCode)"])
            return try JSONResponse.make(invoice)
        }
        group.post("invoices/{id}/credit") { request, context in
            _ = try context.requireStaff(.billing)
            let body = try await request.decodeJSON(NewCreditNote.self, context: context)
            let note = try await store.creditInvoice(id: try context.parameters.id("id"), body)
            context.logger.info("credit note issued", metadata: ["parc.invoice": "\(note.number ?? "")", "parc.client_code": "\(note.clientCode)"])
            return try JSONResponse.make(note, status: .created)
        }
        group.post("invoices/{id}/payments") { request, context in
            _ = try context.requireStaff(.billing)
            let payment = try await store.recordPayment(
                invoiceID: try context.parameters.id("id"), try await request.decodeJSON(NewPayment.self, context: context))
            return try JSONResponse.make(payment, status: .created)
        }
        group.get("payments") { request, context in
            _ = try context.requireStaff(.billing)
            let parameters = request.uri.queryParameters
            let (from, to) = try Self.dateRange(parameters.get("from"), parameters.get("to"), required: false)
            return try JSONResponse.make(try await store.listPayments(clientCode: parameters.get("client"), from: from, to: to, try request.listQuery()))
        }
        // The journal as a FEC file (the French legal accounting export) or CSV, for a date range.
        group.get("accounting/export") { request, context in
            _ = try context.requireStaff(.billing)
            let parameters = request.uri.queryParameters
            let (from, to) = try Self.dateRange(parameters.get("from"), parameters.get("to"), required: true)
            let format = parameters.get("format") ?? "fec"
            guard format == "fec" || format == "csv" else {
                throw APIError(.badRequest, code: "invalid_parameter", message: "format must be fec or csv", field: "format")
            }
            let entries = try await store.journalEntries(from: from ?? "", to: to ?? "")
            let provider = try await store.providerIdentity()
            let name = format == "fec" ? "\(provider.siren ?? "000000000")FEC\((to ?? "").filter { $0 != "-" }).txt" : "journal-\(from ?? "")-\(to ?? "").csv"
            let body = format == "fec" ? Ledger.fec(entries) : Ledger.csv(entries)
            return Response(
                status: .ok,
                headers: [
                    .contentType: format == "fec" ? "text/plain; charset=utf-8" : "text/csv; charset=utf-8",
                    .contentDisposition: "attachment; filename=\"\(name)\"",
                ],
                body: .init(byteBuffer: ByteBuffer(string: body)))
        }
    }

    static func dateRange(_ from: String?, _ to: String?, required: Bool) throws -> (String?, String?) {
        for (name, value) in [("from", from), ("to", to)] {
            if let value {
                guard AssetRules.isCalendarDate(value) else {
                    throw APIError(.badRequest, code: "invalid_parameter", message: "\(name) must be a date written YYYY-MM-DD", field: name)
                }
            } else if required {
                throw APIError(.badRequest, code: "invalid_parameter", message: "give the period: from=YYYY-MM-DD&to=YYYY-MM-DD", field: name)
            }
        }
        if let from, let to, to < from {
            throw APIError(.unprocessableContent, code: "validation_failed", message: "to (\(to)) is before from (\(from))", field: "to")
        }
        return (from, to)
    }
}
