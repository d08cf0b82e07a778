import Foundation
import Hummingbird
import Logging
import ParcDomain
import ParcProtocol

/// Billing runs and invoices (`/api/v1/billing`, `/api/v1/invoices`): managers and billing staff.
struct BillingController {
    let store: Store

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
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
        group.get("invoices") { request, context in
            _ = try context.requireStaff(.billing)
            let parameters = request.uri.queryParameters
            var status: InvoiceStatus?
            if let raw = parameters.get("status") {
                guard let value = InvoiceStatus(rawValue: raw) else {
                    throw APIError(.badRequest, code: "invalid_parameter", message: "status must be one of \(InvoiceStatus.allCases.map(\.rawValue).joined(separator: ", "))", field: "status")
                }
                status = value
            }
            return try JSONResponse.make(try await store.listInvoices(clientCode: parameters.get("client"), status: status, try request.listQuery()))
        }
        group.get("invoices/{id}") { _, context in
            _ = try context.requireStaff(.billing)
            return try JSONResponse.make(try await store.invoice(id: try context.parameters.id("id")))
        }
        group.post("invoices/{id}/issue") { _, context in
            _ = try context.requireStaff(.billing)
            let invoice = try await store.issueInvoice(id: try context.parameters.id("id"))
            context.logger.info("invoice issued", metadata: ["parc.invoice": "\(invoice.number ?? "")", "parc.client_code": "\(invoice.clientCode)"])
            return try JSONResponse.make(invoice)
        }
    }
}
