import ParcProtocol

/// An invoice or credit note as a printable HTML page (A4, CSS paged media), with the mentions
/// French law requires: both parties' identities (SIREN, VAT numbers), number, dates, the due date,
/// VAT per rate or the exemption's mention, the late-payment penalty and the fixed recovery
/// indemnity. The PDF is this page printed by WeasyPrint.
public enum InvoiceHTML {
    public static func page(_ invoice: Invoice, _ parties: UBLInvoice.Parties) -> String {
        let esc = XMLText.escape
        let seller = parties.seller
        let buyer = parties.buyer
        let text = BillingText(invoice.language)
        let fr = invoice.language == .fr
        let isCredit = invoice.kind == .creditNote
        let title = (isCredit ? (fr ? "Avoir" : "Credit note") : (fr ? "Facture" : "Invoice")) + " " + (invoice.number ?? (fr ? "brouillon" : "draft"))
        func money(_ cents: Int64) -> String { text.money(cents, invoice.currency) }
        func address(_ address: PostalAddress?) -> String {
            guard let address else { return "" }
            return [address.line1, address.line2, "\(address.postalCode) \(address.city)", address.country == "FR" ? nil : text.country(address.country)]
                .compactMap { $0 }.map(esc).joined(separator: "<br>")
        }
        func identity(siren: String?, vat: String?) -> String {
            [siren.map { "SIREN \(esc($0))" }, vat.map { "\(fr ? "TVA" : "VAT") \(esc($0))" }].compactMap { $0 }.joined(separator: " · ")
        }
        var rows = ""
        for line in invoice.lines {
            let unit = text.unit(line.unit, milli: line.quantityMilli)
            let perBase = line.baseQuantity == 1 ? "" : " / \(line.baseQuantity) \(text.unit(line.unit, milli: line.baseQuantity * 1000))"
            rows +=
                "<tr><td>\(esc(line.description))</td><td class=n>\(text.quantity(line.quantityMilli))\(unit.isEmpty ? "" : " " + unit)</td>"
                + "<td class=n>\(money(line.unitPriceCents))\(perBase)</td><td class=n>\(text.percent(line.vatBasisPoints))</td>"
                + "<td class=n>\(money(line.amountCents))</td></tr>\n"
        }
        var totals = "<tr><th>\(fr ? "Total HT" : "Total excl. VAT")</th><td class=n>\(money(invoice.netCents))</td></tr>\n"
        for rate in invoice.vat {
            let label =
                rate.exemption.map { "\(fr ? "TVA" : "VAT") \(text.percent(0)) (\(esc(text.mention($0))))" }
                ?? "\(fr ? "TVA" : "VAT") \(text.percent(rate.basisPoints)) \(fr ? "sur" : "on") \(money(rate.subtotalCents))"
            totals += "<tr><th>\(label)</th><td class=n>\(money(rate.vatCents))</td></tr>\n"
        }
        totals += "<tr><th>\(fr ? "Total TVA" : "Total VAT")</th><td class=n>\(money(invoice.vatCents))</td></tr>\n"
        totals += "<tr class=total><th>\(fr ? "Total TTC" : "Total incl. VAT")</th><td class=n>\(money(invoice.grossCents))</td></tr>\n"
        var mentions: [String] = []
        if let credited = parties.creditedNumber {
            let dated = parties.creditedIssueDate.map { (fr ? " du " : " of ") + text.date($0) } ?? ""
            mentions.append((fr ? "Avoir sur la facture " : "Credit note for invoice ") + esc(credited) + dated + ".")
        }
        if let reason = invoice.creditReason { mentions.append((fr ? "Motif : " : "Reason: ") + esc(reason)) }
        if !isCredit {
            mentions.append(esc(text.paymentTerms(dueDate: invoice.dueDate, latePenalty: seller.latePenalty, currency: invoice.currency)))
            if let iban = seller.iban {
                mentions.append(
                    (fr ? "Règlement par virement : IBAN " : "Payment by bank transfer: IBAN ") + esc(iban) + (seller.bic.map { ", BIC \(esc($0))" } ?? "")
                        + (fr ? ", référence " : ", reference ") + esc(invoice.number ?? "") + ".")
            }
        }
        for exemption in Set(invoice.lines.compactMap(\.vatExemption)).sorted(by: { $0.rawValue < $1.rawValue }) {
            mentions.append(esc(text.mention(exemption)) + ".")
        }
        let period =
            invoice.periodFirst.flatMap(CalendarDay.init).map { first in
                let last = invoice.periodLast.flatMap(CalendarDay.init) ?? first
                return "<p>\(fr ? "Période : du" : "Period:") \(text.date(first)) \(fr ? "au" : "to") \(text.date(last))</p>"
            } ?? ""
        let dates =
            (fr ? "Date : " : "Date: ") + text.date(invoice.issueDate)
            + (isCredit ? "" : (fr ? " · Échéance : " : " · Due: ") + text.date(invoice.dueDate))
            + (invoice.contractReference.map { (fr ? " · Contrat " : " · Contract ") + esc($0) } ?? "")
        let headers =
            (fr ? ["Désignation", "Qté", "Prix unitaire HT", "TVA", "Montant HT"] : ["Description", "Qty", "Unit price excl. VAT", "VAT", "Amount excl. VAT"])
            .enumerated().map { $0.offset == 0 ? "<th>\($0.element)</th>" : "<th class=n>\($0.element)</th>" }.joined()
        return """
            <!DOCTYPE html>
            <html lang="\(invoice.language.rawValue)"><head><meta charset="utf-8"><title>\(esc(title))</title>
            <style>
            @page { size: A4; margin: 18mm 16mm; @bottom-center { content: "\(esc(seller.name)) · \(esc(title)) · page " counter(page) "/" counter(pages); font-size: 8pt; color: #555; } }
            body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; color: #111; }
            header { display: flex; justify-content: space-between; }
            .party { width: 45%; } h1 { font-size: 16pt; margin: 12mm 0 2mm; }
            table { width: 100%; border-collapse: collapse; margin-top: 6mm; } th, td { padding: 2mm; text-align: left; border-bottom: 0.3pt solid #bbb; }
            .n { text-align: right; white-space: nowrap; } table.totals { width: 55%; margin-left: 45%; } tr.total th, tr.total td { font-weight: bold; border-top: 1pt solid #111; }
            footer { margin-top: 10mm; font-size: 8pt; color: #333; }
            </style></head>
            <body>
            <header>
            <div class="party"><strong>\(esc(seller.name))</strong><br>\(address(seller.address))<br>\(identity(siren: seller.siren, vat: seller.vatNumber))\(seller.legalForm.map { "<br>" + esc($0) } ?? "")\(seller.registration.map { "<br>" + esc($0) } ?? "")</div>
            <div class="party"><strong>\(esc(buyer.name))</strong><br>\(address(buyer.billingAddress))<br>\(identity(siren: buyer.siren, vat: buyer.vatNumber))</div>
            </header>
            <h1>\(esc(title))</h1>
            <p>\(dates)</p>
            \(period)
            <table class="lines"><thead><tr>\(headers)</tr></thead>
            <tbody>
            \(rows)</tbody></table>
            <table class="totals">
            \(totals)</table>
            <footer>\(mentions.map { "<p>\($0)</p>" }.joined())</footer>
            </body></html>

            """
    }
}
