import ParcProtocol

/// An invoice or credit note as a printable HTML page (A4, CSS paged media), with the mentions
/// French law requires: both parties' identities (SIREN, VAT numbers), number, dates, the due date,
/// VAT per rate or the exemption's mention, the late-payment penalty and the fixed recovery
/// indemnity. The PDF is this page printed by WeasyPrint.
public enum InvoiceHTML {
    public static func page(_ invoice: Invoice, _ parties: UBLInvoice.Parties) -> String {
        let esc = UBLInvoice.escape
        let seller = parties.seller
        let buyer = parties.buyer
        let isCredit = invoice.kind == .creditNote
        let title = (isCredit ? "Avoir" : "Facture") + " " + (invoice.number ?? "brouillon")
        func euros(_ cents: Int64) -> String {
            Money.decimal(cents).map { $0 == "." ? "," : $0 }.reduce(into: "") { $0.append($1) } + " " + (invoice.currency == "EUR" ? "€" : invoice.currency)
        }
        func address(_ address: PostalAddress?) -> String {
            guard let address else { return "" }
            return [address.line1, address.line2, "\(address.postalCode) \(address.city)", address.country == "FR" ? nil : address.country]
                .compactMap { $0 }.map(esc).joined(separator: "<br>")
        }
        func identity(siren: String?, vat: String?) -> String {
            [siren.map { "SIREN \(esc($0))" }, vat.map { "TVA \(esc($0))" }].compactMap { $0 }.joined(separator: " · ")
        }
        var rows = ""
        for line in invoice.lines {
            let vat = line.vatExemption == nil ? UBLInvoice.percent(line.vatBasisPoints) + " %" : "0 %"
            rows +=
                "<tr><td>\(esc(line.description))</td><td class=n>\(UBLInvoice.quantity(line.quantityMilli))</td><td class=n>\(euros(line.unitPriceCents))</td>"
                + "<td class=n>\(vat)</td><td class=n>\(euros(line.amountCents))</td></tr>\n"
        }
        var totals = "<tr><th>Total HT</th><td class=n>\(euros(invoice.netCents))</td></tr>\n"
        for rate in invoice.vat {
            let label =
                rate.exemption.map { "TVA 0 % (\(esc($0.legalMention)))" } ?? "TVA \(UBLInvoice.percent(rate.basisPoints)) % sur \(euros(rate.subtotalCents))"
            totals += "<tr><th>\(label)</th><td class=n>\(euros(rate.vatCents))</td></tr>\n"
        }
        totals += "<tr class=total><th>Total TTC</th><td class=n>\(euros(invoice.grossCents))</td></tr>\n"
        var mentions: [String] = []
        if let credited = parties.creditedNumber { mentions.append("Avoir sur la facture \(esc(credited)).") }
        if !isCredit {
            mentions.append("Échéance : \(invoice.dueDate). Pas d'escompte pour paiement anticipé.")
            mentions.append(
                "En cas de retard de paiement : pénalités au \(esc(seller.latePenalty)) (art. L441-10 du Code de commerce) "
                    + "et indemnité forfaitaire pour frais de recouvrement de 40 € (art. D441-5).")
            if let iban = seller.iban {
                mentions.append(
                    "Règlement par virement : IBAN \(esc(iban))" + (seller.bic.map { ", BIC \(esc($0))" } ?? "") + ", référence \(esc(invoice.number ?? "")).")
            }
        }
        for exemption in Set(invoice.lines.compactMap(\.vatExemption)).sorted(by: { $0.rawValue < $1.rawValue }) {
            mentions.append(esc(exemption.legalMention) + ".")
        }
        let period = invoice.periodFirst.map { "<p>Période : du \($0) au \(invoice.periodLast ?? "")</p>" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8"><title>\(esc(title))</title>
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
            <p>Date : \(invoice.issueDate)\(isCredit ? "" : " · Échéance : \(invoice.dueDate)")\(invoice.contractReference.map { " · Contrat \(esc($0))" } ?? "")</p>
            \(period)
            <table class="lines"><thead><tr><th>Désignation</th><th class=n>Qté</th><th class=n>Prix unitaire HT</th><th class=n>TVA</th><th class=n>Montant HT</th></tr></thead>
            <tbody>
            \(rows)</tbody></table>
            <table class="totals">
            \(totals)</table>
            <footer>\(mentions.map { "<p>\($0)</p>" }.joined())</footer>
            </body></html>

            """
    }
}
