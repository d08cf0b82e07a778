import Foundation
import HTTPTypes
import HummingbirdTesting
import ParcDomain
import ParcProtocol
import ParcServer
import ParcTestSupport
import Testing

/// Contracts' billing terms, lines and coverage, on both databases; bad input over HTTP.
@Suite struct ContractTests {
    @Test(arguments: TestBackend.available)
    func coverageShowsOnAssetsAndLeakageIsListed(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            var estate = try await ReconciliationStoreTests.Estate.make(database)
            let store = estate.store
            for index in 1...2 {
                let agent = try await estate.agent("ACME", hostname: "pc-\(index)")
                try await estate.report(
                    agent, ReconciliationStoreTests.machine(uuid: nil, serial: "PC-\(index)", mac: "e4:70:b8:01:02:0\(index)", hostname: "pc-\(index)"))
            }
            var printer = NewAsset(client: "ACME", kind: .printer, name: "Printer")
            printer.status = .inUse
            let hallPrinter = try await store.createAsset(printer, by: "boss@p.example")
            // No contract yet: both discovered machines are leakage; the hand-registered printer is not "discovered".
            var leakage = AssetFilter(clientCode: "ACME")
            leakage.uncovered = true
            #expect(try await store.listAssets(leakage, ListQuery()).total == 2)

            var new = NewContract(client: "ACME", reference: "C-ACME", title: "Care", startsOn: "2026-01-01", status: .draft)
            new.billing = BillingTerms(frequency: .monthly, timing: .advance, billingDay: 5, paymentTermsDays: 30, currency: "EUR")
            let contract = try await store.createContract(try ContractRules.validated(new))
            #expect(contract.coverage.kinds == [.computer] && contract.billing.billingDay == 5)
            #expect(try await store.listAssets(leakage, ListQuery()).total == 2)  // a draft covers nothing
            _ = try await store.updateContract(id: contract.id, ContractUpdate(status: .active))
            #expect(try await store.listAssets(leakage, ListQuery()).total == 0)
            let machines = try await store.listAssets(AssetFilter(clientCode: "ACME", kind: .computer), ListQuery()).items
            #expect(machines.allSatisfy { $0.coveredByContract == "C-ACME" })
            #expect(try await store.assetDetail(id: hallPrinter.id).asset.coveredByContract == nil)

            // A second contract listing the printer covers it by name.
            var listed = NewContract(client: "ACME", reference: "C-PRINT", title: "Printers", startsOn: "2026-01-01", status: .active)
            listed.coverage = ContractCoverage(kinds: [], assetIDs: [hallPrinter.id])
            _ = try await store.createContract(try ContractRules.validated(listed))
            #expect(try await store.assetDetail(id: hallPrinter.id).asset.coveredByContract == "C-PRINT")
            listed.reference = "C-OTHER"
            listed.client = "OTHER"
            await #expect(throws: StoreError.self) { try await store.createContract(try ContractRules.validated(listed)) }  // ACME's printer
            var dollars = NewContract(client: "ACME", reference: "C-USD", title: "x", startsOn: "2026-01-01")
            dollars.billing = BillingTerms(currency: "usd")
            await #expect(throws: StoreError.invalidReference(field: "billing.currency", message: "ACME is invoiced in EUR, not USD")) {
                try await store.createContract(try ContractRules.validated(dollars))
            }

            // Lines: the client's VAT rate by default; a 0 % line with its exemption; one-off with a quantity.
            var withLines = try await store.addContractLine(
                contractID: contract.id, NewContractLine(kind: .flat, description: "Managed services", unitPriceCents: 50_000))
            var reverse = NewContractLine(kind: .perDevice, description: "Workstation care", unitPriceCents: 3000)
            (reverse.vatBasisPoints, reverse.vatExemption) = (0, .reverseCharge)
            withLines = try await store.addContractLine(contractID: contract.id, reverse)
            var setup = NewContractLine(kind: .oneOff, description: "Setup", unitPriceCents: 15_000)
            setup.quantity = 2
            withLines = try await store.addContractLine(contractID: contract.id, setup)
            #expect(withLines.lines.map(\.vatBasisPoints) == [2000, 0, 2000] && withLines.lines[1].vatExemption == .reverseCharge)
            #expect(withLines.lines[2].quantity == 2 && withLines.lines[0].quantity == nil)
            #expect(ContractRules.visible(withLines, to: .technician).lines.allSatisfy { $0.unitPriceCents == nil })
            #expect(ContractRules.visible(withLines, to: .billing).lines[0].unitPriceCents == 50_000)
            var resale = NewContractLine(kind: .licenceResale, description: "Office", unitPriceCents: 1250)
            resale.licenceID = 999
            await #expect(throws: StoreError.self) { try await store.addContractLine(contractID: contract.id, resale) }
        }
    }

    @Test func badContractInputIsRefusedWithTheField() async throws {
        try await TestServer.with(.sqlite) { server in
            try await server.application.test(.router) { client in
                let boss = server.managerToken
                #expect(try await client.call(.post, "/api/v1/clients", token: boss, json: #"{"code":"ACME","name":"ACME"}"#).status == .created)
                func refused(_ uri: String, _ json: String) async throws -> APIErrorBody? {
                    let response = try await client.call(.post, uri, token: boss, json: json)
                    #expect(response.status == .unprocessableContent, "\(json): \(response.status) \(response.text)")
                    return response.error
                }
                #expect(
                    try await refused("/api/v1/contracts", #"{"client":"ACME","reference":"C1","title":"x","startsOn":"2026-05-01","endsOn":"2026-04-01"}"#)?
                        .field == "endsOn")
                #expect(
                    try await refused(
                        "/api/v1/contracts",
                        #"{"client":"ACME","reference":"C1","title":"x","startsOn":"2026-05-01","billing":{"frequency":"monthly","timing":"advance","billingDay":31,"paymentTermsDays":30,"currency":"EUR"}}"#
                    )?.field == "billing.billingDay")
                #expect(
                    try await refused(
                        "/api/v1/contracts",
                        #"{"client":"ACME","reference":"C1","title":"x","startsOn":"2026-05-01","billing":{"frequency":"monthly","timing":"advance","billingDay":1,"paymentTermsDays":30,"currency":"USD"}}"#
                    )?.field == "billing.currency")
                let created = try await client.call(
                    .post, "/api/v1/contracts", token: boss, json: #"{"client":"ACME","reference":"C1","title":"Care","startsOn":"2026-01-01"}"#)
                #expect(created.status == .created)
                let id = try created.decode(Contract.self).id
                #expect(
                    try await refused("/api/v1/contracts/\(id)/lines", #"{"kind":"flat","description":"x","unitPriceCents":-100}"#)?.field == "unitPriceCents")
                let rate = try await refused("/api/v1/contracts/\(id)/lines", #"{"kind":"flat","description":"x","unitPriceCents":100,"vatBasisPoints":1900}"#)
                #expect(rate?.field == "vatBasisPoints" && rate?.message.contains("unknown VAT rate 1900") == true)
                #expect(
                    try await refused("/api/v1/contracts/\(id)/lines", #"{"kind":"flat","description":"x","unitPriceCents":100,"vatBasisPoints":0}"#)?.field
                        == "vatExemption")
                #expect(
                    try await refused("/api/v1/contracts/\(id)/lines", #"{"kind":"one-off","description":"x","unitPriceCents":100,"quantity":-2}"#)?.field
                        == "quantity")
                #expect(
                    try await refused("/api/v1/contracts/\(id)/lines", #"{"kind":"support-hours","description":"x","unitPriceCents":100}"#)?.field
                        == "includedHours")
                let badKind = try await client.call(
                    .post, "/api/v1/contracts/\(id)/lines", token: boss, json: #"{"kind":"per-minute","description":"x","unitPriceCents":100}"#)
                #expect(badKind.status == .badRequest && badKind.error?.field == "kind")
            }
        }
    }
}
