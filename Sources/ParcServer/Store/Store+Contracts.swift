import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// Contracts: their terms, coverage and lines, which set SLA targets and what billing runs invoice.
extension Store {
    static let contractColumns = """
        k.id, c.code AS client_code, k.reference, k.title, k.starts_on, k.ends_on, k.status, k.sla, k.frequency, k.timing, k.billing_day,
        k.payment_terms_days, k.currency, k.renewal_months, k.notice_days, k.covered_kinds, k.created_at, k.updated_at
        """

    static func contract(_ row: any SQLRow) throws -> Contract {
        let sla = try row.decode(column: "sla", as: String?.self).map { try CanonicalJSON.decode(SLATerms.self, from: Data($0.utf8)) }
        return Contract(
            id: try row.decode(column: "id", as: Int64.self), clientCode: try row.decode(column: "client_code", as: String.self),
            reference: try row.decode(column: "reference", as: String.self), title: try row.decode(column: "title", as: String.self),
            startsOn: try row.decode(column: "starts_on", as: String.self), endsOn: try row.decode(column: "ends_on", as: String?.self),
            status: ContractStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft, sla: sla,
            billing: BillingTerms(
                frequency: BillingFrequency(rawValue: try row.decode(column: "frequency", as: String.self)) ?? .monthly,
                timing: BillingTiming(rawValue: try row.decode(column: "timing", as: String.self)) ?? .advance,
                billingDay: try row.decode(column: "billing_day", as: Int.self), paymentTermsDays: try row.decode(column: "payment_terms_days", as: Int.self),
                currency: try row.decode(column: "currency", as: String.self), renewalMonths: try row.decode(column: "renewal_months", as: Int?.self),
                noticeDays: try row.decode(column: "notice_days", as: Int?.self)),
            coverage: ContractCoverage(
                kinds: try row.decode(column: "covered_kinds", as: String.self).split(separator: ",").compactMap { AssetKind(rawValue: String($0)) }),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static func contractLine(_ row: any SQLRow) throws -> ContractLine {
        ContractLine(
            id: try row.decode(column: "id", as: Int64.self), kind: ContractLineKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .flat,
            description: try row.decode(column: "description", as: String.self), unitPriceCents: try row.decode(column: "unit_price_cents", as: Int64.self),
            includedHours: try row.decode(column: "included_hours", as: Int?.self), quantity: try row.decode(column: "quantity", as: Int?.self),
            licenceID: try row.decode(column: "licence_id", as: Int64?.self), vatBasisPoints: try row.decode(column: "vat_basis_points", as: Int.self),
            vatExemption: try row.decode(column: "vat_exemption", as: String?.self).flatMap(VATExemption.init),
            billedInvoiceID: try row.decode(column: "billed_invoice_id", as: Int64?.self))
    }

    /// The contract with its listed assets and its lines.
    static func completed(_ contract: Contract, db: any SQLDatabase) async throws -> Contract {
        var contract = contract
        contract.coverage.assetIDs = try await db.raw("SELECT asset_id FROM contract_assets WHERE contract_id = \(bind: contract.id) ORDER BY asset_id").all()
            .map { try $0.decode(column: "asset_id", as: Int64.self) }
        contract.lines = try await db.raw(
            """
            SELECT id, kind, description, unit_price_cents, included_hours, quantity, licence_id, vat_basis_points, vat_exemption, billed_invoice_id
            FROM contract_lines WHERE contract_id = \(bind: contract.id) ORDER BY id
            """
        ).all().map(contractLine)
        return contract
    }

    /// Listed assets must be the client's; the contract's currency must be the client's.
    static func checkTerms(_ billing: BillingTerms, _ coverage: ContractCoverage, client: Client, db: any SQLDatabase) async throws {
        guard billing.currency == client.currency else {
            throw StoreError.invalidReference(field: "billing.currency", message: "\(client.code) is invoiced in \(client.currency), not \(billing.currency)")
        }
        for assetID in coverage.assetIDs {
            let asset: Asset
            do { asset = try await Self.asset(id: assetID, db: db) } catch StoreError.notFound {
                throw StoreError.invalidReference(field: "coverage.assetIDs", message: "no asset has id \(assetID)")
            }
            guard asset.clientCode == client.code else {
                throw StoreError.invalidReference(field: "coverage.assetIDs", message: "asset \(assetID) belongs to \(asset.clientCode), not to \(client.code)")
            }
        }
    }

    static func saveCoverage(_ coverage: ContractCoverage, contractID: Int64, db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM contract_assets WHERE contract_id = \(bind: contractID)").run()
        for assetID in coverage.assetIDs.uniqued() {
            try await db.raw("INSERT INTO contract_assets (contract_id, asset_id) VALUES (\(bind: contractID), \(bind: assetID))").run()
        }
    }

    static func contract(id: Int64, db: any SQLDatabase) async throws -> Contract {
        let row = try await db.raw("SELECT \(unsafeRaw: contractColumns) FROM contracts k JOIN clients c ON c.id = k.client_id WHERE k.id = \(bind: id)")
            .first()
        guard let row else { throw StoreError.notFound(entity: "contract", key: String(id)) }
        return try await completed(try contract(row), db: db)
    }

    static func slaText(_ terms: SLATerms?) throws -> String? {
        try terms.map { String(decoding: try CanonicalJSON.encode($0), as: UTF8.self) }
    }

    public func createContract(_ new: NewContract, now: Date = Date()) async throws -> Contract {
        do {
            return try await database.transaction { db in
                let client = try await Self.client(code: new.client, db: db)
                let billing = new.billing ?? BillingTerms(currency: client.currency)
                let coverage = new.coverage ?? ContractCoverage()
                try await Self.checkTerms(billing, coverage, client: client, db: db)
                let stamp = Timestamp.string(now)
                let row = try await db.raw(
                    """
                    INSERT INTO contracts (client_id, reference, title, starts_on, ends_on, status, sla, frequency, timing, billing_day, payment_terms_days,
                        currency, renewal_months, notice_days, covered_kinds, created_at, updated_at)
                    VALUES (\(bind: client.id), \(bind: new.reference), \(bind: new.title), \(bind: new.startsOn), \(bind: new.endsOn),
                        \(bind: (new.status ?? .draft).rawValue), \(bind: try Self.slaText(new.sla)), \(bind: billing.frequency.rawValue), \(bind: billing.timing.rawValue),
                        \(bind: billing.billingDay), \(bind: billing.paymentTermsDays), \(bind: billing.currency), \(bind: billing.renewalMonths), \(bind: billing.noticeDays),
                        \(bind: coverage.kinds.map(\.rawValue).joined(separator: ",")), \(bind: stamp), \(bind: stamp))
                    RETURNING id
                    """
                ).first()
                let id = try row.require().decode(column: "id", as: Int64.self)
                try await Self.saveCoverage(coverage, contractID: id, db: db)
                return try await Self.contract(id: id, db: db)
            }
        } catch {
            throw Self.translate(error, uniqueField: "reference", uniqueMessage: "a contract with reference \(new.reference) already exists")
        }
    }

    public func updateContract(id: Int64, _ update: ContractUpdate, now: Date = Date()) async throws -> Contract {
        try await database.transaction { db in
            let contract = try ContractRules.applying(update, to: try await Self.contract(id: id, db: db))
            try await Self.checkTerms(contract.billing, contract.coverage, client: try await Self.client(code: contract.clientCode, db: db), db: db)
            let billing = contract.billing
            try await db.raw(
                """
                UPDATE contracts SET title = \(bind: contract.title), starts_on = \(bind: contract.startsOn), ends_on = \(bind: contract.endsOn),
                    status = \(bind: contract.status.rawValue), sla = \(bind: try Self.slaText(contract.sla)), frequency = \(bind: billing.frequency.rawValue),
                    timing = \(bind: billing.timing.rawValue), billing_day = \(bind: billing.billingDay), payment_terms_days = \(bind: billing.paymentTermsDays),
                    currency = \(bind: billing.currency), renewal_months = \(bind: billing.renewalMonths), notice_days = \(bind: billing.noticeDays),
                    covered_kinds = \(bind: contract.coverage.kinds.map(\.rawValue).joined(separator: ",")), updated_at = \(bind: Timestamp.string(now))
                WHERE id = \(bind: id)
                """
            ).run()
            if update.coverage != nil { try await Self.saveCoverage(contract.coverage, contractID: id, db: db) }
            return try await Self.contract(id: id, db: db)
        }
    }

    /// Adds a line to invoice each period (one-off lines: on the next invoice only).
    public func addContractLine(contractID: Int64, _ new: NewContractLine, now: Date = Date()) async throws -> Contract {
        try await database.transaction { db in
            let contract = try await Self.contract(id: contractID, db: db)
            let client = try await Self.client(code: contract.clientCode, db: db)
            let line = try ContractRules.validated(new, clientVATBasisPoints: client.defaultVATBasisPoints)
            if let licenceID = line.licenceID {
                let licence: Licence
                do { licence = try await Self.licence(id: licenceID, db: db) } catch StoreError.notFound {
                    throw StoreError.invalidReference(field: "licenceID", message: "no licence has id \(licenceID)")
                }
                guard licence.clientCode == client.code else {
                    throw StoreError.invalidReference(field: "licenceID", message: "licence \(licenceID) is \(licence.clientCode)'s, not \(client.code)'s")
                }
            }
            try await db.raw(
                """
                INSERT INTO contract_lines (contract_id, kind, description, unit_price_cents, included_hours, quantity, licence_id, vat_basis_points,
                    vat_exemption, created_at)
                VALUES (\(bind: contractID), \(bind: line.kind.rawValue), \(bind: line.description), \(bind: line.unitPriceCents), \(bind: line.includedHours),
                    \(bind: line.kind == .oneOff ? line.quantity ?? 1 : nil), \(bind: line.licenceID), \(bind: line.vatBasisPoints ?? client.defaultVATBasisPoints),
                    \(bind: line.vatExemption?.rawValue), \(bind: Timestamp.string(now)))
                """
            ).run()
            return try await Self.contract(id: contractID, db: db)
        }
    }

    public func contract(id: Int64) async throws -> Contract {
        try await database.withConnection { db in try await Self.contract(id: id, db: db) }
    }

    public func listContracts(clientCode: String?, status: ContractStatus?, _ query: ListQuery = ListQuery()) async throws -> Page<Contract> {
        try await database.withConnection { db in
            var conditions: [SQLQueryString] = []
            if let clientCode { conditions.append("k.client_id = \(bind: try await Self.client(code: clientCode, db: db).id)") }
            if let status { conditions.append("k.status = \(bind: status.rawValue)") }
            let tables: SQLQueryString = "contracts k JOIN clients c ON c.id = k.client_id \(Self.whereClause(conditions))"
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM \(tables)")
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.contractColumns) FROM \(tables) ORDER BY c.code, k.starts_on, k.id
                LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
                """
            ).all()
            let contracts = try await rows.asyncMap { try await Self.completed(try Self.contract($0), db: db) }
            return Page(items: contracts, total: total, limit: query.limit, offset: query.offset)
        }
    }
}
