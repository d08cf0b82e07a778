import Foundation
import HTTPTypes
import HummingbirdTesting
import ParcDomain
import ParcProtocol
import ParcServer
import ParcTestSupport
import Testing

@Suite struct LicenceRulesTests {
    @Test func globsRecognisePackages() {
        #expect(LicenceRules.matches("libreoffice*", "libreoffice-calc"))
        #expect(LicenceRules.matches("libreoffice*", "libreoffice"))
        #expect(!LicenceRules.matches("libreoffice*", "python3-libreoffice"))
        #expect(LicenceRules.matches("*teamviewer*", "TeamViewer-host"))
        #expect(LicenceRules.matches("firefox-esr", "firefox-esr"))
        #expect(!LicenceRules.matches("firefox-esr", "firefox-esr-l10n-fr"))
        #expect(LicenceRules.matches("lib?c6", "libxc6") && !LicenceRules.matches("lib?c6", "libc6"))
    }

    @Test func refusesPatternsThatMatchEverythingAndBadDates() {
        var new = NewLicence(client: "ACME", product: "Office", packagePatterns: ["*", " "], seats: -1)
        new.startsOn = "2026-12-01"
        new.expiresOn = "2026-11-30"
        #expect {
            try LicenceRules.validated(new)
        } throws: { error in
            let fields = Set((error as? ValidationError)?.issues.map(\.field) ?? [])
            return fields == ["packagePatterns", "seats", "expiresOn"]
        }
    }

    @Test func keysAreForManagersAndPricesNotForTechnicians() {
        var licence = Licence(id: 1, clientCode: "ACME", product: "Office", packagePatterns: ["libreoffice*"], seats: 5, createdAt: Date(), updatedAt: Date())
        (licence.licenceKey, licence.costCentsPerSeat, licence.resaleCentsPerSeat) = ("ABCD-EFGH-IJKL-1234", 1000, 1500)
        #expect(LicenceRules.visible(licence, to: .manager) == licence)
        let billing = LicenceRules.visible(licence, to: .billing)
        #expect(billing.licenceKey == "••••••••1234" && billing.costCentsPerSeat == 1000)
        let technician = LicenceRules.visible(licence, to: .technician)
        #expect(technician.licenceKey == "••••••••1234" && technician.costCentsPerSeat == nil && technician.resaleCentsPerSeat == nil)
        licence.licenceKey = "SHORT"
        #expect(LicenceRules.visible(licence, to: .technician).licenceKey == "••••••••")
    }
}

/// Compliance from what agents reported, on both databases, and what each role sees over HTTP.
@Suite struct LicenceComplianceTests {
    @Test(arguments: TestBackend.available)
    func installsAgainstSeats(_ backend: TestBackend) async throws {
        try await withMigratedDatabase(backend) { database in
            var estate = try await ReconciliationStoreTests.Estate.make(database)
            for index in 1...3 {
                let agent = try await estate.agent("ACME", hostname: "pc-\(index)")
                try await estate.report(
                    agent,
                    ReconciliationStoreTests.machine(uuid: nil, serial: "PC-\(index)", mac: "e4:70:b8:01:02:0\(index)", hostname: "pc-\(index)", packages: 3))
            }
            let other = try await estate.agent("OTHER", hostname: "elsewhere")
            try await estate.report(
                other, ReconciliationStoreTests.machine(uuid: nil, serial: "X", mac: "e4:70:b8:09:09:09", hostname: "elsewhere", packages: 3))
            let licence = try await estate.store.createLicence(
                try LicenceRules.validated(NewLicence(client: "ACME", product: "Tool", packagePatterns: ["PACKAGE-1", "nothing*"], seats: 5)))
            var compliance = try await estate.store.licenceCompliance(id: licence.id)
            #expect(compliance.installs == 3)  // OTHER's machine does not count for ACME
            #expect(compliance.state == .underUsed)
            #expect(Set(compliance.installedOn.map(\.name)) == ["package-1"])
            var update = LicenceUpdate()
            update.seats = 2
            _ = try await estate.store.updateLicence(id: licence.id, update)
            #expect(try await estate.store.licenceCompliance(id: licence.id).state == .overDeployed)
            let retired = try #require(try await estate.store.listAssets(AssetFilter(clientCode: "ACME"), ListQuery()).items.first)
            var retire = AssetUpdate()
            retire.status = .retired
            _ = try await estate.store.updateAsset(id: retired.id, retire, by: "boss@p.example")
            compliance = try await estate.store.licenceCompliance(id: licence.id)
            #expect(compliance.installs == 2 && compliance.state == .compliant)

            // Named seats: within the seats bought, only for the licence's client, once each.
            let assets = try await estate.store.listAssets(AssetFilter(clientCode: "ACME", status: .inUse), ListQuery()).items
            var named = try await estate.store.nameSeat(licenceID: licence.id, NewLicenceSeat(assetID: assets[0].id))
            #expect(named.namedSeats.map(\.assetName) == [assets[0].name])
            await #expect(throws: StoreError.self) { try await estate.store.nameSeat(licenceID: licence.id, NewLicenceSeat(assetID: assets[0].id)) }
            let outsider = try #require(try await estate.store.listAssets(AssetFilter(clientCode: "OTHER"), ListQuery()).items.first)
            await #expect(throws: StoreError.self) { try await estate.store.nameSeat(licenceID: licence.id, NewLicenceSeat(assetID: outsider.id)) }
            named = try await estate.store.nameSeat(licenceID: licence.id, NewLicenceSeat(assetID: assets[1].id))
            // Both seats are named already.
            await #expect(throws: StoreError.self) { try await estate.store.nameSeat(licenceID: licence.id, NewLicenceSeat(assetID: retired.id)) }
            var lower = LicenceUpdate()
            lower.seats = 1
            await #expect(throws: StoreError.self) { try await estate.store.updateLicence(id: licence.id, lower) }
            named = try await estate.store.releaseSeat(licenceID: licence.id, seatID: named.namedSeats[0].id)
            #expect(named.namedSeats.count == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func eachRoleSeesWhatItShould(_ backend: TestBackend) async throws {
        try await TestServer.with(backend) { server in
            try await server.application.test(.router) { client in
                _ = try await client.call(.post, "/api/v1/clients", token: server.managerToken, json: #"{"code":"ACME","name":"ACME"}"#)
                let body =
                    #"{"client":"ACME","product":"Office","packagePatterns":["libreoffice*"],"seats":2,"licenceKey":"ABCD-EFGH-IJKL-1234","costCentsPerSeat":1000}"#
                let created = try await client.call(.post, "/api/v1/licences", token: server.managerToken, json: body)
                #expect(created.status == .created)
                let id = try created.decode(Licence.self).id
                #expect(try created.decode(Licence.self).licenceKey == "ABCD-EFGH-IJKL-1234")
                let technician = try await client.call(
                    .post, "/api/v1/staff", token: server.managerToken, json: #"{"email":"t@p.example","name":"T","role":"technician"}"#
                ).decode(StaffUser.self)
                let token = try await client.call(.post, "/api/v1/tokens", token: server.managerToken, json: #"{"label":"t","staffID":\#(technician.id)}"#)
                    .decode(CreatedAPIToken.self).secret
                let seen = try await client.call(.get, "/api/v1/licences/\(id)", token: token).decode(Licence.self)
                #expect(seen.licenceKey == "••••••••1234" && seen.costCentsPerSeat == nil)
                #expect(try await client.call(.patch, "/api/v1/licences/\(id)", token: token, json: #"{"seats":9}"#).status == .forbidden)
                let bad = try await client.call(
                    .post, "/api/v1/licences", token: server.managerToken, json: #"{"client":"ACME","product":"X","packagePatterns":["*"],"seats":1}"#)
                #expect(bad.status == .unprocessableContent)
                #expect(bad.error?.field == "packagePatterns")
            }
        }
    }
}
