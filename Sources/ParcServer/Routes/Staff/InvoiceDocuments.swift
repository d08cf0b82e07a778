import Foundation
import Hummingbird
import ParcDomain
import ParcProtocol

/// Prints HTML to PDF with WeasyPrint (Debian `weasyprint`), a real CSS paged-media engine, in a
/// subprocess: Parc writes no PDF by hand.
enum PDFPrinter {
    static func print(_ html: String) async throws -> Data {
        guard let weasyprint = ["/usr/bin/weasyprint", "/usr/local/bin/weasyprint"].first(where: FileManager.default.isExecutableFile) else {
            throw APIError(
                .serviceUnavailable, code: "pdf_unavailable",
                message: "PDF needs WeasyPrint on the server (apt install weasyprint); HTML and UBL work without it")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parc-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("invoice.html")
        let output = directory.appendingPathComponent("invoice.pdf")
        try Data(html.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: weasyprint)
        process.arguments = ["--quiet", input.path, output.path]
        // Its messages go to a file: a pipe nobody reads until it ends would stall a chatty run.
        let errorsPath = directory.appendingPathComponent("errors.txt").path
        guard FileManager.default.createFile(atPath: errorsPath, contents: nil), let errors = FileHandle(forWritingAtPath: errorsPath) else {
            throw APIError(.internalServerError, code: "pdf_failed", message: "cannot create a temporary file for WeasyPrint")
        }
        defer { try? errors.close() }
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        guard process.terminationStatus == 0, let pdf = try? Data(contentsOf: output) else {
            let message = (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? ""
            throw APIError(.internalServerError, code: "pdf_failed", message: "WeasyPrint failed: \(message.prefix(300))")
        }
        return pdf
    }
}

extension BillingController {
    /// `GET /invoices/{id}/document?format=json|html|pdf|ubl` and the CSV lists.
    func addDocumentRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("invoices/{id}/document") { request, context in
            _ = try context.requireStaff(.billing)
            let format = request.uri.queryParameters.get("format") ?? "json"
            let (invoice, parties) = try await store.invoiceDocument(id: try context.parameters.id("id"))
            let name = invoice.number ?? "draft-\(invoice.id)"
            func file(_ data: Data, _ type: String, _ ext: String) -> Response {
                Response(
                    status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name).\(ext)\""],
                    body: .init(byteBuffer: ByteBuffer(bytes: data)))
            }
            switch format {
            case "json": return try JSONResponse.make(invoice)
            case "html": return file(Data(InvoiceHTML.page(invoice, parties).utf8), "text/html; charset=utf-8", "html")
            case "pdf": return file(try await PDFPrinter.print(InvoiceHTML.page(invoice, parties)), "application/pdf", "pdf")
            case "ubl": return file(Data(try UBLInvoice.document(invoice, parties).utf8), "application/xml", "xml")
            default: throw APIError(.badRequest, code: "invalid_parameter", message: "format must be json, html, pdf or ubl", field: "format")
            }
        }
        group.get("invoices/export") { request, context in
            _ = try context.requireStaff(.billing)
            let parameters = request.uri.queryParameters
            var status: InvoiceStatus?
            if let raw = parameters.get("status") {
                guard let value = InvoiceStatus(rawValue: raw) else {
                    throw APIError(.badRequest, code: "invalid_parameter", message: "unknown status \(raw)", field: "status")
                }
                status = value
            }
            let invoices = try await store.listInvoices(clientCode: parameters.get("client"), status: status, ListQuery(limit: 100_000)).items
            return Response(
                status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"invoices.csv\""],
                body: .init(byteBuffer: ByteBuffer(string: BillingCSV.invoices(invoices))))
        }
        group.get("payments/export") { request, context in
            _ = try context.requireStaff(.billing)
            let parameters = request.uri.queryParameters
            let (from, to) = try Self.dateRange(parameters.get("from"), parameters.get("to"), required: false)
            let payments = try await store.listPayments(clientCode: parameters.get("client"), from: from, to: to, ListQuery(limit: 100_000)).items
            return Response(
                status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"payments.csv\""],
                body: .init(byteBuffer: ByteBuffer(string: BillingCSV.payments(payments))))
        }
    }
}
