import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// Thrown inside a dry run's transaction to roll it back with what it computed.
private struct DryRunRollback: Error {
    let invoiceIDs: [Int64]
    let invoices: [Invoice]
}

extension Store {
    static let invoiceColumns = """
        i.id, i.number, i.kind, c.code AS client_code, i.contract_id, k.reference AS contract_reference, i.credited_invoice_id, i.status, i.issue_date,
        i.due_date, i.period_first, i.period_last, i.currency, i.language, i.credit_reason, i.net_cents, i.vat_cents, i.gross_cents, i.created_at, i.issued_at,
        \(paidSQL) AS paid_cents, \(creditedSQL) AS credited_cents
        """
    static let invoiceTables = "invoices i JOIN clients c ON c.id = i.client_id LEFT JOIN contracts k ON k.id = i.contract_id"

    static func invoice(id: Int64, today: String, db: any SQLDatabase) async throws -> Invoice {
        let row = try await db.raw("SELECT \(unsafeRaw: invoiceColumns) FROM \(unsafeRaw: invoiceTables) WHERE i.id = \(bind: id)").first()
        guard let row else { throw StoreError.notFound(entity: "invoice", key: String(id)) }
        let lines = try await db.raw(
            """
            SELECT position, kind, description, quantity_milli, unit, unit_price_cents, base_quantity, amount_cents, vat_basis_points, vat_exemption,
                credited_position
            FROM invoice_lines WHERE invoice_id = \(bind: id) ORDER BY position
            """
        ).all().map { row in
            var line = InvoiceLine(
                position: try row.decode(column: "position", as: Int.self),
                kind: try row.decode(column: "kind", as: String?.self).flatMap(ContractLineKind.init),
                description: try row.decode(column: "description", as: String.self), quantityMilli: try row.decode(column: "quantity_milli", as: Int64.self),
                unitPriceCents: try row.decode(column: "unit_price_cents", as: Int64.self), amountCents: try row.decode(column: "amount_cents", as: Int64.self),
                vatBasisPoints: try row.decode(column: "vat_basis_points", as: Int.self),
                vatExemption: try row.decode(column: "vat_exemption", as: String?.self).flatMap(VATExemption.init))
            line.unit = QuantityUnit(rawValue: try row.decode(column: "unit", as: String.self)) ?? .unit
            line.baseQuantity = try row.decode(column: "base_quantity", as: Int64.self)
            line.creditedPosition = try row.decode(column: "credited_position", as: Int?.self)
            return line
        }
        let creditedInvoiceID = try row.decode(column: "credited_invoice_id", as: Int64?.self)
        let totals = try InvoiceTotals(
            lines.map(ComputedLine.init), creditedBefore: try await creditedBefore(noteID: id, invoiceID: creditedInvoiceID, db: db))
        let stored = InvoiceStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft
        let dueDate = try row.decode(column: "due_date", as: String.self)
        let kind = InvoiceKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .invoice
        let gross = try row.decode(column: "gross_cents", as: Int64.self)
        let paid = try row.decode(column: "paid_cents", as: Int64.self)
        let credited = try row.decode(column: "credited_cents", as: Int64.self)
        var invoice = Invoice(
            id: id, number: try row.decode(column: "number", as: String?.self), kind: kind,
            clientCode: try row.decode(column: "client_code", as: String.self),
            status: Self.invoiceStatus(stored: stored, kind: kind, gross: gross, paid: paid, credited: credited, dueDate: dueDate, today: today),
            issueDate: try row.decode(column: "issue_date", as: String.self), dueDate: dueDate, currency: try row.decode(column: "currency", as: String.self),
            lines: lines,
            vat: totals.rates.map {
                InvoiceVATTotal(basisPoints: $0.basisPoints, exemption: $0.exemption, subtotalCents: $0.subtotalCents, vatCents: $0.vatCents)
            },
            netCents: try row.decode(column: "net_cents", as: Int64.self), vatCents: try row.decode(column: "vat_cents", as: Int64.self),
            grossCents: gross, paidCents: paid, createdAt: try row.date("created_at"))
        invoice.creditedCents = credited
        invoice.contractID = try row.decode(column: "contract_id", as: Int64?.self)
        invoice.contractReference = try row.decode(column: "contract_reference", as: String?.self)
        invoice.creditedInvoiceID = creditedInvoiceID
        invoice.periodFirst = try row.decode(column: "period_first", as: String?.self)
        invoice.periodLast = try row.decode(column: "period_last", as: String?.self)
        invoice.issuedAt = try row.optionalDate("issued_at")
        invoice.language = DocumentLanguage(rawValue: try row.decode(column: "language", as: String.self)) ?? .fr
        invoice.creditReason = try row.decode(column: "credit_reason", as: String?.self)
        return invoice
    }

    /// The lines of an invoice credited by its notes before `noteID` (all of them when nil).
    static func creditedBefore(noteID: Int64?, invoiceID: Int64?, db: any SQLDatabase) async throws -> [ComputedLine] {
        guard let invoiceID else { return [] }
        let before: SQLQueryString = noteID.map { "AND n.id < \(bind: $0)" } ?? ""
        return try await db.raw(
            """
            SELECT l.kind, l.amount_cents, l.vat_basis_points, l.vat_exemption FROM invoice_lines l JOIN invoices n ON n.id = l.invoice_id
            WHERE n.credited_invoice_id = \(bind: invoiceID) \(before)
            """
        ).all().map { row in
            ComputedLine(
                kind: .oneOff, description: "", quantityMilli: 0, unitPriceCents: 0, amountCents: try row.decode(column: "amount_cents", as: Int64.self),
                vatBasisPoints: try row.decode(column: "vat_basis_points", as: Int.self),
                vatExemption: try row.decode(column: "vat_exemption", as: String?.self).flatMap(VATExemption.init))
        }
    }

    /// Creates draft invoices for every contract period whose invoice day is on or before `asOf`
    /// and that was not invoiced yet: one invoice per contract and period, one-off lines on the
    /// contract's first new invoice. Active contracts bill, and ended ones up to their last day. The
    /// `billed_periods` key refuses a period twice, so two runs at once (or two servers) cannot bill
    /// it twice. A dry run computes the same in a transaction it rolls back.
    public func runBilling(asOf: String, clientCode: String?, dryRun: Bool, now: Date = Date()) async throws -> BillingRun {
        guard let day = CalendarDay(asOf) else { throw ValidationError(field: "asOf", reason: "must be a date written YYYY-MM-DD (got \(asOf))") }
        let contractIDs = try await database.withConnection { db in
            var conditions: [SQLQueryString] = [Self.billingStatuses, "k.starts_on <= \(bind: asOf)"]
            if let clientCode { conditions.append("k.client_id = \(bind: try await Self.client(code: clientCode, db: db).id)") }
            return try await db.raw("SELECT k.id FROM contracts k \(Self.whereClause(conditions)) ORDER BY k.id").all().map {
                try $0.decode(column: "id", as: Int64.self)
            }
        }
        var invoices: [Invoice] = []
        for contractID in contractIDs {
            do {
                invoices += try await database.transaction { db in
                    let ids = try await Self.bill(contractID: contractID, through: day, now: now, db: db)
                    let created = try await ids.asyncMap { try await Self.invoice(id: $0, today: asOf, db: db) }
                    if dryRun { throw DryRunRollback(invoiceIDs: ids, invoices: created) }
                    return created
                }
            } catch let rollback as DryRunRollback {
                invoices += rollback.invoices
            }
        }
        return BillingRun(asOf: asOf, dryRun: dryRun, invoices: invoices)
    }

    /// One invoice to make: the period it bills (in arrears, all of it; in advance, its fixed part),
    /// the period before it whose usage an invoice in advance trues up, and the key that claims it.
    struct BillingPoint {
        var period: BillingPeriod?
        var trueUp: BillingPeriod?
        var key: CalendarDay
        var issueDay: CalendarDay
    }

    /// The invoices a contract is due by `day`. In advance, each invoice bills its period's fixed
    /// part and trues up the period before; the period that ends the contract is trued up by a
    /// closing invoice after it.
    static func billingPoints(_ contract: Contract, through day: CalendarDay) -> [BillingPoint] {
        guard let first = CalendarDay(contract.startsOn) else { return [] }
        let billing = contract.billing
        let last = lastDay(contract, through: day)
        let periods = BillingCalendar.periods(frequency: billing.frequency, contractFirst: first, contractLast: last, through: day)
        var points: [BillingPoint] = []
        for (index, period) in periods.enumerated() {
            let issueDay = BillingCalendar.invoiceDay(period, timing: billing.timing, billingDay: billing.billingDay)
            guard issueDay <= day else { continue }
            let previous = billing.timing == .advance && index > 0 ? periods[index - 1] : nil
            points.append(BillingPoint(period: period, trueUp: previous, key: period.first, issueDay: issueDay))
        }
        if billing.timing == .advance, let last, let final = periods.last, final.last == last {
            let issueDay = BillingCalendar.invoiceDay(final, timing: .arrears, billingDay: billing.billingDay)
            if issueDay <= day { points.append(BillingPoint(period: nil, trueUp: final, key: last.adding(days: 1), issueDay: issueDay)) }
        }
        return points
    }

    static func bill(contractID: Int64, through day: CalendarDay, now: Date, db: any SQLDatabase) async throws -> [Int64] {
        let contract = try await Self.contract(id: contractID, db: db)
        guard !contract.lines.isEmpty else { return [] }
        let client = try await Self.client(code: contract.clientCode, db: db)
        let text = BillingText(client.documentLanguage)
        var counter = UsageCounter(contract: contract, clientID: client.id, through: day)
        var created: [Int64] = []
        var oneOffs = contract.lines.filter { $0.kind == .oneOff && $0.billedInvoiceID == nil }
        let recurring = contract.lines.filter { $0.kind != .oneOff }
        for point in billingPoints(contract, through: day) {
            let claimed = try await db.raw(
                """
                INSERT INTO billed_periods (contract_id, period_first) VALUES (\(bind: contractID), \(bind: point.key.description))
                ON CONFLICT DO NOTHING RETURNING contract_id
                """
            ).first()
            guard claimed != nil else { continue }
            var lines: [ComputedLine] = []
            if let period = point.period {
                for line in recurring where !(contract.billing.timing == .advance && line.kind == .supportHours) {
                    var usage = try await counter.usage(line, period: period, db: db)
                    if contract.billing.timing == .advance { usage.units = usage.units.fixedPart }
                    lines.append(try ContractPricing.line(Self.pricingLine(line), period: period, usage: usage, text: text))
                }
            }
            if let previous = point.trueUp {
                for line in recurring {
                    let usage = try await counter.usage(line, period: previous, db: db)
                    if let trueUp = try ContractPricing.trueUp(Self.pricingLine(line), period: previous, usage: usage, text: text) { lines.append(trueUp) }
                }
            }
            if let period = point.period {
                for line in oneOffs {
                    lines.append(try ContractPricing.line(Self.pricingLine(line), period: period, usage: ContractPricing.Usage(), text: text))
                }
            }
            // A closing true-up with nothing to bill makes no invoice; its period stays claimed.
            guard point.period != nil || lines.contains(where: { $0.amountCents != 0 }) else { continue }
            let id = try await Self.insertInvoice(
                lines, kind: .invoice, clientID: client.id, contractID: contractID, period: point.period ?? point.trueUp, issueDay: point.issueDay,
                paymentTermsDays: contract.billing.paymentTermsDays, currency: contract.billing.currency, language: client.documentLanguage, now: now, db: db)
            try await db.raw(
                "UPDATE billed_periods SET invoice_id = \(bind: id) WHERE contract_id = \(bind: contractID) AND period_first = \(bind: point.key.description)"
            ).run()
            if point.period != nil {
                for line in oneOffs { try await db.raw("UPDATE contract_lines SET billed_invoice_id = \(bind: id) WHERE id = \(bind: line.id)").run() }
                oneOffs = []
            }
            created.append(id)
        }
        return created
    }

    static func pricingLine(_ line: ContractLine) -> ContractPricing.Line {
        var result = ContractPricing.Line(
            kind: line.kind, description: line.description, unitPriceCents: line.unitPriceCents ?? 0, vatBasisPoints: line.vatBasisPoints)
        (result.includedHours, result.quantity, result.vatExemption) = (line.includedHours, line.quantity, line.vatExemption)
        return result
    }

    /// What each line of a contract counts in a period, from the histories (read once per contract):
    /// the devices, users and seats this contract bills by `BillingUsage`'s allocation among the
    /// client's contracts, and the billable minutes of the tickets whose contract it is.
    struct UsageCounter {
        let contract: Contract
        let clientID: Int64
        let through: CalendarDay
        var terms: [ContractTerm]?
        var assets: [UnitHistory<AssetState>]?
        var employees: [UnitHistory<Bool>]?
        var seats: [Int64: UnitHistory<Int>] = [:]

        init(contract: Contract, clientID: Int64, through: CalendarDay) {
            self.contract = contract
            self.clientID = clientID
            self.through = through
        }

        mutating func usage(_ line: ContractLine, period: BillingPeriod, db: any SQLDatabase) async throws -> ContractPricing.Usage {
            if terms == nil { terms = try await Store.contractTerms(clientID: clientID, through: through, db: db) }
            let terms = terms ?? []
            switch line.kind {
            case .perDevice:
                if assets == nil { assets = try await Store.assetHistories(clientID: clientID, through: through, db: db) }
                return ContractPricing.Usage(
                    units: BillingUsage.devices(contractID: contract.id, clientID: clientID, contracts: terms, period: period, assets: assets ?? []))
            case .perUser:
                if employees == nil { employees = try await Store.employeeHistories(clientID: clientID, through: through, db: db) }
                return ContractPricing.Usage(units: BillingUsage.users(contractID: contract.id, contracts: terms, period: period, employees: employees ?? []))
            case .licenceResale:
                guard let licenceID = line.licenceID else { return ContractPricing.Usage() }
                if seats[licenceID] == nil { seats[licenceID] = try await Store.seatHistory(licenceID: licenceID, through: through, db: db) }
                let history = seats[licenceID] ?? UnitHistory(id: licenceID, changes: [])
                return ContractPricing.Usage(units: BillingUsage.seats(contractID: contract.id, licence: history, contracts: terms, period: period))
            case .supportHours:
                let row = try await db.raw(
                    """
                    SELECT CAST(COALESCE(SUM(e.minutes), 0) AS BIGINT) AS minutes FROM time_entries e JOIN tickets t ON t.id = e.ticket_id
                    WHERE t.contract_id = \(bind: contract.id) AND e.billable = \(bind: true)
                        AND e.worked_on >= \(bind: period.first.description) AND e.worked_on <= \(bind: period.last.description)
                    """
                ).first()
                return ContractPricing.Usage(billableMinutes: Int(try row?.decode(column: "minutes", as: Int64.self) ?? 0))
            case .flat, .oneOff:
                return ContractPricing.Usage()
            }
        }
    }

    static func textList(_ values: [String]) -> SQLQueryString {
        var query = SQLQueryString("")
        for (index, value) in values.enumerated() { query = query + (index == 0 ? "" : ", ") + "\(bind: value)" }
        return query
    }

    static func insertInvoice(
        _ lines: [ComputedLine], kind: InvoiceKind, clientID: Int64, contractID: Int64?, period: BillingPeriod?, issueDay: CalendarDay, paymentTermsDays: Int,
        currency: String, language: DocumentLanguage, creditedInvoiceID: Int64? = nil, creditReason: String? = nil, now: Date, db: any SQLDatabase
    ) async throws -> Int64 {
        let totals = try InvoiceTotals(lines, creditedBefore: try await creditedBefore(noteID: nil, invoiceID: creditedInvoiceID, db: db))
        let row = try await db.raw(
            """
            INSERT INTO invoices (kind, client_id, contract_id, credited_invoice_id, credit_reason, status, issue_date, due_date, period_first, period_last,
                currency, language, net_cents, vat_cents, gross_cents, created_at)
            VALUES (\(bind: kind.rawValue), \(bind: clientID), \(bind: contractID), \(bind: creditedInvoiceID), \(bind: creditReason), 'draft',
                \(bind: issueDay.description), \(bind: issueDay.adding(days: paymentTermsDays).description), \(bind: period?.first.description),
                \(bind: period?.last.description), \(bind: currency), \(bind: language.rawValue), \(bind: totals.netCents), \(bind: totals.vatCents),
                \(bind: totals.grossCents), \(bind: Timestamp.string(now)))
            RETURNING id
            """
        ).first()
        let id = try row.require().decode(column: "id", as: Int64.self)
        for (index, line) in lines.enumerated() {
            try await db.raw(
                """
                INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity_milli, unit, unit_price_cents, base_quantity, amount_cents,
                    vat_basis_points, vat_exemption)
                VALUES (\(bind: id), \(bind: index + 1), \(bind: line.kind.rawValue), \(bind: line.description), \(bind: line.quantityMilli),
                    \(bind: line.unit.rawValue), \(bind: line.unitPriceCents), \(bind: line.baseQuantity), \(bind: line.amountCents), \(bind: line.vatBasisPoints),
                    \(bind: line.vatExemption?.rawValue))
                """
            ).run()
        }
        return id
    }

    /// Issues a draft: the next number of its kind's gapless sequence for the year it is issued in,
    /// taken in the same transaction (a failure leaves no gap), today's date, the due date from the
    /// contract's payment terms. Issued invoices never change again.
    public func issueInvoice(id: Int64, now: Date = Date()) async throws -> Invoice {
        let today = Timestamp.day(now)
        return try await database.transaction { db in
            // Read before the locks that make concurrent issuing wait.
            let recipients = try await Self.eventRecipients(db: db)
            let lock: SQLQueryString = db.dialect.name == "postgresql" ? " FOR UPDATE" : ""
            let row = try await db.raw("SELECT status, kind, issue_date, due_date FROM invoices WHERE id = \(bind: id)\(lock)").first()
            guard let row else { throw StoreError.notFound(entity: "invoice", key: String(id)) }
            guard try row.decode(column: "status", as: String.self) == InvoiceStatus.draft.rawValue else {
                throw StoreError.conflict(field: "status", message: "invoice \(id) is already issued; issued invoices never change (a credit note cancels one)")
            }
            let kind = InvoiceKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .invoice
            _ = try await Self.number(invoiceID: id, kind: kind, today: today, now: now, db: db)
            try await Self.journalInvoice(id: id, today: today, db: db)
            let invoice = try await Self.invoice(id: id, today: today, db: db)
            let clientID = try await Self.client(code: invoice.clientCode, db: db).id
            try await Self.emit(
                .invoiceIssued, clientID: clientID, data: InvoiceNotice(invoice), now: now, recipients: recipients, db: db)
            return invoice
        }
    }

    /// Gives a draft the next number of its kind's sequence for the year, dates it today and keeps its
    /// payment terms; in the caller's transaction, so a failure leaves no gap.
    static func number(invoiceID id: Int64, kind: InvoiceKind, today: String, now: Date, db: any SQLDatabase) async throws -> String {
        let row = try await db.raw("SELECT issue_date, due_date FROM invoices WHERE id = \(bind: id)").first().require()
        let terms =
            (CalendarDay(try row.decode(column: "due_date", as: String.self))?.number ?? 0)
            - (CalendarDay(try row.decode(column: "issue_date", as: String.self))?.number ?? 0)
        let year = Int(today.prefix(4)) ?? 2000
        let sequence = try await db.raw(
            """
            INSERT INTO invoice_sequences (kind, year, last_number) VALUES (\(bind: kind.rawValue), \(bind: year), 1)
            ON CONFLICT (kind, year) DO UPDATE SET last_number = invoice_sequences.last_number + 1 RETURNING last_number
            """
        ).first().require().decode(column: "last_number", as: Int64.self)
        let digits = String(sequence)
        let number = (kind == .invoice ? "F" : "AV") + "\(year)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        try await db.raw(
            """
            UPDATE invoices SET number = \(bind: number), status = 'issued', issue_date = \(bind: today),
                due_date = \(bind: Timestamp.day(today, plus: terms)), issued_at = \(bind: Timestamp.string(now))
            WHERE id = \(bind: id)
            """
        ).run()
        return number
    }

    public func invoice(id: Int64, now: Date = Date()) async throws -> Invoice {
        try await database.withConnection { db in try await Self.invoice(id: id, today: Timestamp.day(now), db: db) }
    }

    /// Invoices and credit notes, filtered by client, status and number (`F2026-000042`, any case:
    /// what people read on the paper and type back).
    public func listInvoices(clientCode: String?, status: InvoiceStatus?, number: String? = nil, _ query: ListQuery, now: Date = Date()) async throws
        -> Page<Invoice>
    {
        let today = Timestamp.day(now)
        return try await database.withConnection { db in
            var conditions: [SQLQueryString] = []
            if let clientCode { conditions.append("i.client_id = \(bind: try await Self.client(code: clientCode, db: db).id)") }
            if let status { conditions.append(Self.statusCondition(status, today: today)) }
            if let number { conditions.append("i.number = \(bind: number.trimmingCharacters(in: .whitespaces).uppercased())") }
            let whereClause = Self.whereClause(conditions)
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM invoices i \(whereClause)")
            let ids = try await db.raw(
                "SELECT i.id FROM invoices i \(whereClause) ORDER BY i.issue_date, i.id LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)"
            ).all().map { try $0.decode(column: "id", as: Int64.self) }
            return Page(
                items: try await ids.asyncMap { try await Self.invoice(id: $0, today: today, db: db) }, total: total, limit: query.limit, offset: query.offset)
        }
    }
}

extension Store {
    /// MRR and ARR per client from the contracts in force today, at today's counts of devices, users
    /// and seats (each billed by one contract, as billing allocates them).
    public func revenue(clientCode: String?, now: Date = Date()) async throws -> RevenueReport {
        let today = Timestamp.day(now)
        return try await database.withConnection { db in
            var conditions: [SQLQueryString] = ["\(unsafeRaw: Self.inForceSQL("'" + today + "'"))"]
            if let clientCode { conditions.append("k.client_id = \(bind: try await Self.client(code: clientCode, db: db).id)") }
            let ids = try await db.raw("SELECT k.id FROM contracts k \(Self.whereClause(conditions)) ORDER BY k.id").all().map {
                try $0.decode(column: "id", as: Int64.self)
            }
            let day = CalendarDay(today) ?? CalendarDay(number: 0)
            let month = BillingPeriod(first: day, last: day, calendarFirst: day, calendarLast: day)
            var byClient: [String: (contracts: Int, mrr: Int64)] = [:]
            for id in ids {
                let contract = try await Self.contract(id: id, db: db)
                var counter = UsageCounter(contract: contract, clientID: try await Self.client(code: contract.clientCode, db: db).id, through: day)
                var mrr: Int64 = 0
                for line in contract.lines {
                    let usage = try await counter.usage(line, period: month, db: db)
                    mrr = try Money.sum([mrr, try RecurringRevenue.monthlyCents(Self.pricingLine(line), frequency: contract.billing.frequency, usage: usage)])
                }
                let previous = byClient[contract.clientCode, default: (0, 0)]
                byClient[contract.clientCode] = (previous.contracts + 1, try Money.sum([previous.mrr, mrr]))
            }
            let clients = try byClient.map {
                ClientRevenue(
                    clientCode: $0.key, contracts: $0.value.contracts, mrrCents: $0.value.mrr, arrCents: try Money.cents(Int128($0.value.mrr) * 12))
            }.sorted { ($0.mrrCents, $1.clientCode) > ($1.mrrCents, $0.clientCode) }
            let mrr = try Money.sum(clients.map(\.mrrCents))
            return RevenueReport(asOf: today, clients: clients, mrrCents: mrr, arrCents: try Money.cents(Int128(mrr) * 12))
        }
    }
}

extension Store {
    /// The draft, locked, or a 409 saying issued invoices never change.
    static func draft(id: Int64, db: any SQLDatabase) async throws -> Invoice {
        if db.dialect.name == "postgresql" { try await db.raw("SELECT id FROM invoices WHERE id = \(bind: id) FOR UPDATE").run() }
        let invoice = try await Self.invoice(id: id, today: "", db: db)
        guard invoice.status == .draft else {
            throw StoreError.conflict(
                field: "status", message: "\(invoice.number ?? "invoice \(id)") is issued; issued invoices never change (a credit note cancels one)")
        }
        return invoice
    }

    /// Stores a draft's totals from its lines, after an edit.
    static func retotal(id: Int64, db: any SQLDatabase) async throws -> Invoice {
        let invoice = try await Self.invoice(id: id, today: "", db: db)
        let totals = try InvoiceTotals(invoice.lines.map(ComputedLine.init))
        try await db.raw(
            "UPDATE invoices SET net_cents = \(bind: totals.netCents), vat_cents = \(bind: totals.vatCents), gross_cents = \(bind: totals.grossCents) WHERE id = \(bind: id)"
        ).run()
        return try await Self.invoice(id: id, today: "", db: db)
    }

    /// Adds a line to a draft (a discount is a credit note, not a negative line).
    public func addInvoiceLine(id: Int64, _ new: NewInvoiceLine) async throws -> Invoice {
        try await database.transaction { db in
            let invoice = try await Self.draft(id: id, db: db)
            let client = try await Self.client(code: invoice.clientCode, db: db)
            var asContractLine = NewContractLine(kind: .oneOff, description: new.description, unitPriceCents: new.unitPriceCents)
            (asContractLine.vatBasisPoints, asContractLine.vatExemption) = (new.vatBasisPoints, new.vatExemption)
            let line = try ContractRules.validated(asContractLine, clientVATBasisPoints: client.defaultVATBasisPoints)
            let quantity = new.quantityMilli ?? 1000
            guard (1...Bounds.quantityMilli).contains(quantity) else {
                throw ValidationError(field: "quantityMilli", reason: "must be from 1 to \(Bounds.quantityMilli) (thousandths: 1500 is 1.5)")
            }
            try await db.raw(
                """
                INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity_milli, unit_price_cents, amount_cents, vat_basis_points, vat_exemption)
                VALUES (\(bind: id), \(bind: (invoice.lines.map(\.position).max() ?? 0) + 1), 'one-off', \(bind: line.description), \(bind: quantity),
                    \(bind: line.unitPriceCents), \(bind: try Money.divide(Int128(quantity) * Int128(line.unitPriceCents), by: 1000)), \(bind: line.vatBasisPoints ?? client.defaultVATBasisPoints),
                    \(bind: line.vatExemption?.rawValue))
                """
            ).run()
            return try await Self.retotal(id: id, db: db)
        }
    }

    /// Removes a line from a draft; the lines after it move up.
    public func removeInvoiceLine(id: Int64, position: Int) async throws -> Invoice {
        try await database.transaction { db in
            let invoice = try await Self.draft(id: id, db: db)
            guard invoice.lines.contains(where: { $0.position == position }) else { throw StoreError.notFound(entity: "line", key: String(position)) }
            try await db.raw("DELETE FROM invoice_lines WHERE invoice_id = \(bind: id) AND position = \(bind: position)").run()
            for line in invoice.lines where line.position > position {
                try await db.raw(
                    "UPDATE invoice_lines SET position = \(bind: line.position - 1) WHERE invoice_id = \(bind: id) AND position = \(bind: line.position)"
                ).run()
            }
            return try await Self.retotal(id: id, db: db)
        }
    }

    /// Deletes a draft: its period can be billed again (after fixing the contract), its one-off lines
    /// go back to waiting for the next invoice. Issued invoices are never deleted.
    public func deleteDraft(id: Int64) async throws {
        try await database.transaction { db in
            _ = try await Self.draft(id: id, db: db)
            try await db.raw("DELETE FROM billed_periods WHERE invoice_id = \(bind: id)").run()
            try await db.raw("UPDATE contract_lines SET billed_invoice_id = NULL WHERE billed_invoice_id = \(bind: id)").run()
            try await db.raw("DELETE FROM invoice_lines WHERE invoice_id = \(bind: id)").run()
            try await db.raw("DELETE FROM invoices WHERE id = \(bind: id)").run()
        }
    }
}
