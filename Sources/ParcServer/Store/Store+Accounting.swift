import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

extension Store {
    /// What was paid on an invoice, and what credit notes took back from it.
    static let paidSQL = "(SELECT CAST(COALESCE(SUM(p.amount_cents), 0) AS BIGINT) FROM payments p WHERE p.invoice_id = i.id)"
    static let creditedSQL = "(SELECT CAST(COALESCE(SUM(n.gross_cents), 0) AS BIGINT) FROM invoices n WHERE n.credited_invoice_id = i.id)"

    /// An issued invoice's status from what was paid and credited: cancelled (fully credited), paid,
    /// overdue (something still due after the due date), partially paid, or issued.
    static func invoiceStatus(stored: InvoiceStatus, kind: InvoiceKind, gross: Int64, paid: Int64, credited: Int64, dueDate: String, today: String)
        -> InvoiceStatus
    {
        guard stored != .draft, kind == .invoice else { return stored }
        if credited >= gross { return .cancelled }
        let outstanding = gross - credited - paid
        if outstanding <= 0 { return .paid }
        if dueDate < today { return .overdue }
        return paid > 0 ? .partiallyPaid : .issued
    }

    /// The same rule as SQL, for list filters.
    static func statusCondition(_ status: InvoiceStatus, today: String) -> SQLQueryString {
        let issuedInvoice: SQLQueryString = "i.status = 'issued' AND i.kind = 'invoice'"
        let outstanding: SQLQueryString = "(i.gross_cents - \(unsafeRaw: creditedSQL) - \(unsafeRaw: paidSQL))"
        switch status {
        case .draft: return "i.status = 'draft'"
        case .cancelled: return issuedInvoice + " AND \(unsafeRaw: creditedSQL) >= i.gross_cents"
        case .paid: return issuedInvoice + " AND \(unsafeRaw: creditedSQL) < i.gross_cents AND " + outstanding + " <= 0"
        case .overdue: return issuedInvoice + " AND " + outstanding + " > 0 AND i.due_date < \(bind: today)"
        case .partiallyPaid: return issuedInvoice + " AND " + outstanding + " > 0 AND i.due_date >= \(bind: today) AND \(unsafeRaw: paidSQL) > 0"
        case .issued:
            return "((i.status = 'issued' AND i.kind = 'credit-note') OR (" + issuedInvoice + " AND " + outstanding
                + " > 0 AND i.due_date >= \(bind: today) AND \(unsafeRaw: paidSQL) = 0))"
        }
    }

    /// Writes a journal entry numbered in its journal's gapless yearly sequence, in the caller's
    /// transaction. `date` is the entry's own date (a payment's value date, even backdated);
    /// `recordedOn` the day it was recorded, the FEC's ValidDate.
    static func writeEntry(
        journal: String, date: String, recordedOn: String, pieceRef: String, label: String, invoiceID: Int64?, paymentID: Int64?, lines: [JournalLine],
        db: any SQLDatabase
    ) async throws {
        let year = Int(date.prefix(4)) ?? 2000
        let number = try await db.raw(
            """
            INSERT INTO journal_sequences (journal, year, last_number) VALUES (\(bind: journal), \(bind: year), 1)
            ON CONFLICT (journal, year) DO UPDATE SET last_number = journal_sequences.last_number + 1 RETURNING last_number
            """
        ).first().require().decode(column: "last_number", as: Int64.self)
        let entryID = try await db.raw(
            """
            INSERT INTO journal_entries (journal, number, entry_date, piece_ref, piece_date, label, invoice_id, payment_id, validated_on)
            VALUES (\(bind: journal), \(bind: number), \(bind: date), \(bind: pieceRef), \(bind: date), \(bind: label), \(bind: invoiceID), \(bind: paymentID), \(bind: recordedOn))
            RETURNING id
            """
        ).first().require().decode(column: "id", as: Int64.self)
        for (index, line) in lines.enumerated() {
            try await db.raw(
                """
                INSERT INTO journal_lines (entry_id, position, account, account_label, auxiliary, auxiliary_label, label, debit_cents, credit_cents)
                VALUES (\(bind: entryID), \(bind: index + 1), \(bind: line.account), \(bind: line.accountLabel), \(bind: line.auxiliary), \(bind: line.auxiliaryLabel),
                    \(bind: line.label), \(bind: line.debitCents), \(bind: line.creditCents))
                """
            ).run()
        }
    }

    /// The sales journal entry of an invoice or credit note just numbered.
    static func journalInvoice(id: Int64, today: String, db: any SQLDatabase) async throws {
        let invoice = try await Self.invoice(id: id, today: today, db: db)
        let client = try await Self.client(code: invoice.clientCode, db: db)
        let label = (invoice.kind == .invoice ? "Facture " : "Avoir ") + (invoice.number ?? "") + " " + client.name
        try await writeEntry(
            journal: "VT", date: invoice.issueDate, recordedOn: today, pieceRef: invoice.number ?? "", label: label, invoiceID: id, paymentID: nil,
            lines: Ledger.invoiceEntry(invoice, client: (client.code, client.name), label: label), db: db)
    }

    /// Credits an issued invoice, all of it or the lines named: a credit note numbered in its own
    /// gapless sequence (`AV2026-000001`), issued at once, with the reversed journal entry. A line is
    /// credited once; an invoice credited in full is cancelled.
    public func creditInvoice(id: Int64, _ request: NewCreditNote, now: Date = Date()) async throws -> Invoice {
        let today = Timestamp.day(now)
        return try await database.transaction { db in
            if db.dialect.name == "postgresql" { try await db.raw("SELECT id FROM invoices WHERE id = \(bind: id) FOR UPDATE").run() }
            let invoice = try await Self.invoice(id: id, today: today, db: db)
            guard invoice.kind == .invoice, invoice.status != .draft else {
                throw StoreError.conflict(
                    field: nil,
                    message:
                        "only issued invoices can be credited (\(invoice.number ?? "draft #\(id)") is \(invoice.kind == .invoice ? "a draft" : "a credit note"))"
                )
            }
            let credited = Set(
                try await db.raw(
                    """
                    SELECT l.credited_position FROM invoice_lines l JOIN invoices n ON n.id = l.invoice_id
                    WHERE n.credited_invoice_id = \(bind: id) AND l.credited_position IS NOT NULL
                    """
                ).all().map { try $0.decode(column: "credited_position", as: Int.self) })
            let wanted = request.positions.map(Set.init) ?? Set(invoice.lines.map(\.position)).subtracting(credited)
            if let unknown = wanted.first(where: { position in !invoice.lines.contains { $0.position == position } }) {
                throw StoreError.invalidReference(field: "positions", message: "\(invoice.number ?? "") has no line \(unknown)")
            }
            if let again = wanted.intersection(credited).sorted().first {
                throw StoreError.conflict(field: "positions", message: "line \(again) of \(invoice.number ?? "") was already credited")
            }
            guard !wanted.isEmpty else { throw StoreError.conflict(field: "positions", message: "every line of \(invoice.number ?? "") is already credited") }
            let lines = invoice.lines.filter { wanted.contains($0.position) }
            let computed = lines.map(ComputedLine.init)
            let clientID = try await Self.client(code: invoice.clientCode, db: db).id
            let reason = request.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
            if let reason, reason.count > Bounds.reasonLength {
                throw ValidationError(field: "reason", reason: "must be at most \(Bounds.reasonLength) characters (got \(reason.count))")
            }
            let noteID = try await Self.insertInvoice(
                computed, kind: .creditNote, clientID: clientID, contractID: invoice.contractID, period: nil,
                issueDay: CalendarDay(today) ?? CalendarDay(number: 0), paymentTermsDays: 0, currency: invoice.currency, language: invoice.language,
                creditedInvoiceID: id, creditReason: reason.flatMap { $0.isEmpty ? nil : $0 }, now: now, db: db)
            for (index, line) in lines.enumerated() {
                try await db.raw(
                    "UPDATE invoice_lines SET credited_position = \(bind: line.position) WHERE invoice_id = \(bind: noteID) AND position = \(bind: index + 1)"
                ).run()
            }
            _ = try await Self.number(invoiceID: noteID, kind: .creditNote, today: today, now: now, db: db)
            try await Self.journalInvoice(id: noteID, today: today, db: db)
            return try await Self.invoice(id: noteID, today: today, db: db)
        }
    }

    /// Records a payment on an issued invoice, never more than is still due, with its bank entry.
    public func recordPayment(invoiceID: Int64, _ new: NewPayment, now: Date = Date()) async throws -> Payment {
        let today = Timestamp.day(now)
        let paidOn = new.paidOn ?? today
        guard AssetRules.isCalendarDate(paidOn) else { throw ValidationError(field: "paidOn", reason: "must be a date written YYYY-MM-DD (got \(paidOn))") }
        guard paidOn <= today else { throw ValidationError(field: "paidOn", reason: "cannot be in the future (\(paidOn) is after \(today))") }
        guard new.amountCents > 0 else { throw ValidationError(field: "amountCents", reason: "must be a positive amount (a refund is a credit note)") }
        guard new.amountCents <= Bounds.amountCents else {
            throw ValidationError(field: "amountCents", reason: "must be at most \(Bounds.amountCents) cents (got \(new.amountCents))")
        }
        return try await database.transaction { db in
            let recipients = try await Self.eventRecipients(db: db)
            if db.dialect.name == "postgresql" { try await db.raw("SELECT id FROM invoices WHERE id = \(bind: invoiceID) FOR UPDATE").run() }
            let invoice = try await Self.invoice(id: invoiceID, today: today, db: db)
            guard invoice.kind == .invoice, let number = invoice.number else {
                throw StoreError.conflict(
                    field: nil, message: "payments are recorded on issued invoices; #\(invoiceID) is \(invoice.number == nil ? "a draft" : "a credit note")")
            }
            let outstanding = invoice.grossCents - invoice.creditedCents - invoice.paidCents
            guard new.amountCents <= outstanding else {
                throw StoreError.conflict(
                    field: "amountCents",
                    message: "\(number) has \(Money.decimal(outstanding)) \(invoice.currency) still due; \(Money.decimal(new.amountCents)) is more")
            }
            let stamp = Timestamp.string(now)
            let reference = new.reference?.trimmingCharacters(in: .whitespaces)
            let id = try await db.raw(
                """
                INSERT INTO payments (invoice_id, paid_on, amount_cents, method, reference, created_at)
                VALUES (\(bind: invoiceID), \(bind: paidOn), \(bind: new.amountCents), \(bind: new.method.rawValue), \(bind: reference), \(bind: stamp)) RETURNING id
                """
            ).first().require().decode(column: "id", as: Int64.self)
            let client = try await Self.client(code: invoice.clientCode, db: db)
            let label = "Règlement \(number) \(client.name)"
            try await Self.writeEntry(
                journal: "BQ", date: paidOn, recordedOn: today, pieceRef: reference.flatMap { $0.isEmpty ? nil : $0 } ?? "P\(id)", label: label,
                invoiceID: invoiceID,
                paymentID: id,
                lines: Ledger.paymentEntry(amountCents: new.amountCents, client: (client.code, client.name), label: label), db: db)
            let payment = Payment(
                id: id, invoiceID: invoiceID, invoiceNumber: number, clientCode: invoice.clientCode, paidOn: paidOn, amountCents: new.amountCents,
                method: new.method,
                reference: reference, createdAt: now)
            try await Self.emit(
                .paymentReceived, clientID: client.id,
                data: PaymentNotice(payment, currency: invoice.currency, outstandingCents: outstanding - new.amountCents), now: now,
                recipients: recipients, db: db)
            return payment
        }
    }

    public func listPayments(clientCode: String?, from: String?, to: String?, _ query: ListQuery = ListQuery()) async throws -> Page<Payment> {
        try await database.withConnection { db in
            var conditions: [SQLQueryString] = []
            if let clientCode { conditions.append("i.client_id = \(bind: try await Self.client(code: clientCode, db: db).id)") }
            if let from { conditions.append("p.paid_on >= \(bind: from)") }
            if let to { conditions.append("p.paid_on <= \(bind: to)") }
            let tables: SQLQueryString =
                "payments p JOIN invoices i ON i.id = p.invoice_id JOIN clients c ON c.id = i.client_id \(Self.whereClause(conditions))"
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM \(tables)")
            let payments = try await db.raw(
                """
                SELECT p.id, p.invoice_id, i.number, c.code, p.paid_on, p.amount_cents, p.method, p.reference, p.created_at
                FROM \(tables) ORDER BY p.paid_on, p.id LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
                """
            ).all().map(Self.payment)
            return Page(items: payments, total: total, limit: query.limit, offset: query.offset)
        }
    }

    /// A payment row with its invoice's number and client's code.
    static func payment(_ row: any SQLRow) throws -> Payment {
        Payment(
            id: try row.decode(column: "id", as: Int64.self), invoiceID: try row.decode(column: "invoice_id", as: Int64.self),
            invoiceNumber: try row.decode(column: "number", as: String.self), clientCode: try row.decode(column: "code", as: String.self),
            paidOn: try row.decode(column: "paid_on", as: String.self), amountCents: try row.decode(column: "amount_cents", as: Int64.self),
            method: PaymentMethod(rawValue: try row.decode(column: "method", as: String.self)) ?? .transfer,
            reference: try row.decode(column: "reference", as: String?.self), createdAt: try row.date("created_at"))
    }

    /// Journal entries dated from `from` to `to` (inclusive), with their lines, for the FEC and CSV exports.
    public func journalEntries(from: String, to: String) async throws -> [Ledger.Entry] {
        try await database.withConnection { db in
            let rows = try await db.raw(
                """
                SELECT e.id, e.journal, e.number, e.entry_date, e.piece_ref, e.piece_date, e.validated_on, l.account, l.account_label, l.auxiliary,
                    l.auxiliary_label, l.label, l.debit_cents, l.credit_cents
                FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id
                WHERE e.entry_date >= \(bind: from) AND e.entry_date <= \(bind: to) ORDER BY e.validated_on, e.id, l.position
                """
            ).all()
            var entries: [Ledger.Entry] = []
            var lastID: Int64?
            for row in rows {
                let id = try row.decode(column: "id", as: Int64.self)
                if id != lastID {
                    entries.append(
                        Ledger.Entry(
                            journal: try row.decode(column: "journal", as: String.self), number: try row.decode(column: "number", as: Int.self),
                            date: try row.decode(column: "entry_date", as: String.self), pieceRef: try row.decode(column: "piece_ref", as: String.self),
                            pieceDate: try row.decode(column: "piece_date", as: String.self),
                            validatedOn: try row.decode(column: "validated_on", as: String.self), lines: []))
                    lastID = id
                }
                entries[entries.count - 1].lines.append(
                    JournalLine(
                        account: try row.decode(column: "account", as: String.self), accountLabel: try row.decode(column: "account_label", as: String.self),
                        auxiliary: try row.decode(column: "auxiliary", as: String?.self),
                        auxiliaryLabel: try row.decode(column: "auxiliary_label", as: String?.self),
                        label: try row.decode(column: "label", as: String.self), debitCents: try row.decode(column: "debit_cents", as: Int64.self),
                        creditCents: try row.decode(column: "credit_cents", as: Int64.self)))
            }
            return entries
        }
    }
}

extension Store {
    /// An invoice with the parties its documents (HTML, PDF, UBL) name.
    public func invoiceDocument(id: Int64, now: Date = Date()) async throws -> (invoice: Invoice, parties: UBLInvoice.Parties) {
        let seller = try await providerIdentity()
        return try await database.withConnection { db in
            let today = Timestamp.day(now)
            let invoice = try await Self.invoice(id: id, today: today, db: db)
            let buyer = try await Self.client(code: invoice.clientCode, db: db)
            let credited = try await invoice.creditedInvoiceID.asyncMap { try await Self.invoice(id: $0, today: today, db: db) }
            return (invoice, UBLInvoice.Parties(seller: seller, buyer: buyer, creditedNumber: credited?.number, creditedIssueDate: credited?.issueDate))
        }
    }
}
