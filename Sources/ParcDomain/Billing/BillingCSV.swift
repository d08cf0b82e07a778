import ParcProtocol

/// Invoices and payments as CSV for spreadsheets and accounting tools (a dot for decimals).
public enum BillingCSV {
    public static func invoices(_ invoices: [Invoice]) -> String {
        var output = CSV.line([
            "number", "kind", "client", "status", "issue_date", "due_date", "period_first", "period_last", "currency", "net", "vat", "total", "paid",
            "credited",
        ])
        for invoice in invoices {
            output += CSV.line([
                invoice.number ?? "", invoice.kind.rawValue, invoice.clientCode, invoice.status.rawValue, invoice.issueDate, invoice.dueDate,
                invoice.periodFirst ?? "",
                invoice.periodLast ?? "", invoice.currency, Money.decimal(invoice.netCents), Money.decimal(invoice.vatCents), Money.decimal(invoice.grossCents),
                Money.decimal(invoice.paidCents), Money.decimal(invoice.creditedCents),
            ])
        }
        return output
    }

    public static func payments(_ payments: [Payment]) -> String {
        var output = CSV.line(["id", "paid_on", "client", "invoice", "amount", "method", "reference"])
        for payment in payments {
            output += CSV.line([
                String(payment.id), payment.paidOn, payment.clientCode, payment.invoiceNumber, Money.decimal(payment.amountCents), payment.method.rawValue,
                payment.reference ?? "",
            ])
        }
        return output
    }
}
