import Foundation
import HTTPTypes
import HummingbirdTesting
import ParcDomain
import ParcProtocol
import ParcServer
import ParcTestSupport
import SQLKit
import Testing

/// Numbers that once ended the server (Int64 overflow is a trap in Swift): refused with 422 naming
/// the field and the bound, or computed without overflow; the server answers on afterwards.
@Suite struct BoundsTests {
    @Test func hugeNumbersAreRefusedWithTheirFieldAndTheServerAnswersOn() async throws {
        try await TestServer.with(.sqlite) { server in
            let (store, contract) = try await BillingStoreTests.demo(server.store.database)
            let drafts = try await store.runBilling(asOf: "2026-02-28", clientCode: nil, dryRun: false).invoices
            let boss = server.managerToken
            let max = "9223372036854775807"
            try await server.application.test(.router) { client in
                func refused(_ method: HTTPRequest.Method, _ path: String, _ json: String, field: String) async throws {
                    let answer = try await client.call(method, path, token: boss, json: json)
                    #expect(answer.status == .unprocessableContent, "\(path) \(json): \(answer.status) \(answer.text)")
                    #expect(answer.error?.field == field, "\(path): \(answer.text)")
                }
                try await refused(
                    .post, "/api/v1/invoices/\(drafts[0].id)/lines", #"{"description":"x","unitPriceCents":100,"quantityMilli":\#(max)}"#,
                    field: "quantityMilli")
                try await refused(.post, "/api/v1/invoices/\(drafts[0].id)/lines", #"{"description":"x","unitPriceCents":\#(max)}"#, field: "unitPriceCents")
                try await refused(
                    .post, "/api/v1/contracts/\(contract.id)/lines", #"{"kind":"one-off","description":"x","unitPriceCents":\#(max),"quantity":2}"#,
                    field: "unitPriceCents")
                try await refused(
                    .post, "/api/v1/contracts/\(contract.id)/lines",
                    #"{"kind":"one-off","description":"x","unitPriceCents":100,"quantity":9223372036854775807}"#,
                    field: "quantity")
                var settings = try await store.slaSettings()
                settings.defaultTerms.targets[0].resolutionMinutes = Int.max
                settings.defaultTerms.targets[0].responseMinutes = Int.max
                try await refused(.put, "/api/v1/sla", String(decoding: try CanonicalJSON.encode(settings), as: UTF8.self), field: "defaultTerms.targets")
                let issued = try await store.issueInvoice(id: drafts[0].id)
                try await refused(.post, "/api/v1/invoices/\(issued.id)/payments", #"{"amountCents":\#(max),"method":"transfer"}"#, field: "amountCents")
                try await refused(
                    .post, "/api/v1/assets", #"{"client":"DEMO","kind":"computer","name":"x","purchasePriceCents":\#(max)}"#, field: "purchasePriceCents")
                #expect(try await client.call(.get, "/api/v1/revenue", token: boss).status == .ok)
            }

            // A price written before these bounds existed (an old database): the billing run and the
            // revenue report answer 422, and nothing traps.
            try await server.store.database.withConnection { db in
                try await db.raw("UPDATE contract_lines SET unit_price_cents = \(bind: Int64.max) WHERE contract_id = \(bind: contract.id)").run()
            }
            try await server.application.test(.router) { client in
                let run = try await client.call(.post, "/api/v1/billing/runs", token: boss, json: #"{"asOf":"2026-06-30"}"#)
                #expect(run.status == .unprocessableContent && run.error?.error == "amount_out_of_range", "\(run.status) \(run.text)")
                let revenue = try await client.call(.get, "/api/v1/revenue", token: boss)
                #expect(revenue.status == .unprocessableContent, "\(revenue.text)")
                #expect(try await client.call(.get, "/healthz", token: nil).status == .ok)
            }
        }
    }
}
