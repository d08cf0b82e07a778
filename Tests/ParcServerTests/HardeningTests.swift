import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import ParcDomain
import ParcProtocol
import ParcTestSupport
import Testing

@testable import ParcServer

/// What an attacker's review found beyond the headline defects, each on both databases.
@Suite struct HardeningTests {
    /// Deactivating a staff user revokes their tokens for good: reactivation does not revive them.
    @Test(arguments: TestBackend.available)
    func aReactivatedUsersOldTokensStayRevoked(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            _ = try await store.createStaff(NewStaffUser(email: "boss@p.example", name: "Boss", role: .manager))
            let sam = try await store.createStaff(NewStaffUser(email: "sam@p.example", name: "Sam", role: .technician))
            let token = try await store.createToken(staffID: sam.id, label: "laptop", expiresInDays: nil)
            #expect(try await store.authenticate(secret: token.secret) != nil)
            _ = try await store.updateStaff(id: sam.id, StaffUpdate(active: false))
            #expect(try await store.authenticate(secret: token.secret) == nil)
            _ = try await store.updateStaff(id: sam.id, StaffUpdate(active: true))
            #expect(try await store.authenticate(secret: token.secret) == nil, "the old token works again after reactivation")
            let fresh = try await store.createToken(staffID: sam.id, label: "new laptop", expiresInDays: nil)
            #expect(try await store.authenticate(secret: fresh.secret) != nil)
        }
    }

    /// An agent of a deactivated client is refused with its own reason, and admitted again once
    /// the client is reactivated.
    @Test(arguments: TestBackend.available)
    func anAgentOfADeactivatedClientIsRefused(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            let store = Store(database)
            _ = try await store.createClient(NewClient(code: "ACME", name: "ACME"))
            let agent = try await AgentAuthenticationTests.enroll(store, client: "ACME", hostname: "pc-1", serial: "c1")
            _ = try await store.updateClient(code: "ACME", ClientUpdate(active: false))
            await #expect(throws: Store.AgentRefusal.clientInactive(agentID: agent.agentID, clientCode: "ACME")) {
                try await store.authenticateAgent(certificateSerial: "c1")
            }
            _ = try await store.updateClient(code: "ACME", ClientUpdate(active: true))
            #expect(try await store.authenticateAgent(certificateSerial: "c1").id == agent.agentID)
        }
    }
}

/// Technicians see no purchase prices, as with the other prices.
@Suite struct AssetPriceVisibilityTests {
    @Test func techniciansDoNotSeeWhatAssetsCost() async throws {
        try await TestServer.with(.sqlite) { server in
            let store = server.store
            _ = try await store.createClient(NewClient(code: "ACME", name: "ACME"))
            let sam = try await store.createStaff(NewStaffUser(email: "sam@p.example", name: "Sam", role: .technician))
            let samToken = try await store.createToken(staffID: sam.id, label: "laptop", expiresInDays: nil).secret
            var new = NewAsset(client: "ACME", kind: .computer, name: "pc-1")
            new.purchasePriceCents = 124_990
            let asset = try await store.createAsset(new, by: "boss@p.example")
            try await server.application.test(.router) { client in
                for path in ["/api/v1/assets/\(asset.id)", "/api/v1/assets?client=ACME", "/api/v1/assets/export?format=json", "/api/v1/assets/export"] {
                    let manager = try await client.call(.get, path, token: server.managerToken)
                    #expect(manager.status == .ok && (manager.text.contains("124990") || manager.text.contains("1249.90")), "\(path): \(manager.text)")
                    let technician = try await client.call(.get, path, token: samToken)
                    #expect(
                        technician.status == .ok && !technician.text.contains("124990") && !technician.text.contains("1249.90"), "\(path): \(technician.text)")
                }
                let updated = try await client.call(.patch, "/api/v1/assets/\(asset.id)", token: samToken, json: #"{"notes":"checked"}"#)
                #expect(updated.status == .ok && !updated.text.contains("124990"), "\(updated.text)")
            }
        }
    }
}

/// A client's or a line's text is data in every document: HTML and UBL escape it, the PDF prints it
/// as text, the CSV list neutralises a formula.
@Suite struct DocumentInjectionTests {
    static let description = "<script>alert(1)</script> & =cmd|' /C calc'!A0"

    @Test func invoiceDocumentsCarryHostileTextAsText() async throws {
        try await TestServer.with(.sqlite) { server in
            let (store, _) = try await BillingStoreTests.demo(server.store.database)
            _ = try await store.updateProviderIdentity(try DirectoryRules.validated(InvoiceDocumentTests.seller))
            _ = try await store.updateClient(code: "DEMO", InvoiceDocumentTests.buyerDetails)
            let drafts = try await store.runBilling(asOf: "2026-02-28", clientCode: nil, dryRun: false).invoices
            _ = try await store.addInvoiceLine(id: drafts[0].id, NewInvoiceLine(description: Self.description, unitPriceCents: 990))
            let invoice = try await store.issueInvoice(id: drafts[0].id)
            try await server.application.test(.router) { client in
                let boss = server.managerToken
                let html = try await client.call(.get, "/api/v1/invoices/\(invoice.id)/document?format=html", token: boss).text
                #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; =cmd"), "\(html)")
                let ubl = try await client.call(.get, "/api/v1/invoices/\(invoice.id)/document?format=ubl", token: boss).text
                #expect(!ubl.contains("<script>") && ubl.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; =cmd"))
                let csv = try await client.call(.get, "/api/v1/invoices/export", token: boss).text
                #expect(!csv.split(separator: "\r\n").flatMap { $0.split(separator: ",") }.contains { $0.hasPrefix("=") })
                if FileManager.default.isExecutableFile(atPath: "/usr/bin/weasyprint") && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext") {
                    let pdf = try await client.call(.get, "/api/v1/invoices/\(invoice.id)/document?format=pdf", token: boss)
                    let directory = try TemporaryDirectory.make()
                    defer { TemporaryDirectory.remove(directory) }
                    try Data(pdf.body.readableBytesView).write(to: URL(fileURLWithPath: directory + "/invoice.pdf"))
                    let text = try await runProgram("/usr/bin/pdftotext", [directory + "/invoice.pdf", "-"]).stdout
                    #expect(text.contains("<script>alert(1)</script> & =cmd"), "\(text)")
                }
            }
        }
    }
}
