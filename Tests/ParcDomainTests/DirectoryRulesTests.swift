import Foundation
import ParcDomain
import ParcProtocol
import Testing

@Suite struct DirectoryRulesTests {
    @Test func normalisesANewClient() throws {
        let client = try DirectoryRules.validated(
            NewClient(code: " acme-01 ", name: "  ACME SA ", siren: "552 032 534", vatNumber: "fr27 552032534", contactEmail: "  "))
        #expect(client.code == "ACME-01")
        #expect(client.name == "ACME SA")
        #expect(client.siren == "552032534")
        #expect(client.vatNumber == "FR27552032534")
        #expect(client.contactEmail == nil)
        #expect(client.currency == "EUR")
        #expect(client.defaultVATBasisPoints == 2000)
    }

    @Test func reportsEveryProblemAtOnce() {
        #expect {
            try DirectoryRules.validated(
                NewClient(code: "a", name: "", siren: "123456789", contactEmail: "nope", currency: "euro", defaultVATBasisPoints: 20_001))
        } throws: { error in
            let fields = Set((error as? ValidationError)?.issues.map(\.field) ?? [])
            return fields == ["code", "name", "siren", "contactEmail", "currency", "defaultVATBasisPoints"]
        }
    }

    @Test func siretAndVATMustMatchTheSIREN() {
        #expect(throws: ValidationError.self) {
            try DirectoryRules.validated(NewClient(code: "AB", name: "X", siren: "552032534", siret: "54205118000066"))
        }
        #expect(throws: ValidationError.self) {
            try DirectoryRules.validated(NewClient(code: "AB", name: "X", siren: "552032534", vatNumber: "FR59542051180"))
        }
    }

    @Test func updateIsValidatedAsAWhole() throws {
        let base = try DirectoryRules.validated(NewClient(code: "AB", name: "X", siren: "552032534"))
        let client = Client(
            id: 1, code: base.code, name: base.name, siren: base.siren, siret: nil, vatNumber: nil, billingAddress: nil,
            contactEmail: nil, currency: "EUR", defaultVATBasisPoints: 2000, notes: nil, active: true, createdAt: .now, updatedAt: .now)
        let updated = try DirectoryRules.applying(ClientUpdate(siret: "55203253400646", notes: "VIP"), to: client)
        #expect(updated.siret == "55203253400646")
        #expect(updated.notes == "VIP")
        let cleared = try DirectoryRules.applying(ClientUpdate(siren: ""), to: updated)
        #expect(cleared.siren == nil)
        #expect(throws: ValidationError.self) { try DirectoryRules.applying(ClientUpdate(name: " "), to: client) }
    }

    @Test func clientCodes() {
        for good in ["AB", "ACME", "ACME-01", "A_B", "0X"] { #expect(DirectoryRules.isValidClientCode(good), "\(good)") }
        for bad in ["A", "-AB", "AB CD", "ABCDEFGHIJKLMNOPQ", "ÉCOLE", "ab"] { #expect(!DirectoryRules.isValidClientCode(bad), "\(bad)") }
    }

    @Test func employeesAndStaff() throws {
        let employee = try DirectoryRules.validated(NewEmployee(name: " Jane ", email: " Jane@ACME.example "))
        #expect(employee.email == "jane@acme.example")
        #expect(throws: ValidationError.self) { try DirectoryRules.validated(NewEmployee(name: "J", email: "jane@")) }
        #expect(throws: ValidationError.self) { try DirectoryRules.validated(NewStaffUser(email: "x", name: "X", role: .manager)) }
        #expect(throws: ValidationError.self) { try DirectoryRules.validated(NewAPIToken(label: "x", expiresInDays: 0)) }
    }
}

@Suite struct StaffActionTests {
    /// PRODUCT.md: managers do everything; technicians work on people and places at clients;
    /// billing maintains clients' billing identities; everyone reads the directory.
    @Test func rolesFollowTheProduct() {
        for action in StaffAction.allCases { #expect(action.isAllowed(for: .manager), "\(action)") }
        #expect(StaffAction.readDirectory.allowedRoles == [.manager, .technician, .billing])
        #expect(StaffAction.manageEmployees.allowedRoles == [.manager, .technician])
        #expect(StaffAction.updateClient.allowedRoles == [.manager, .billing])
        #expect(StaffAction.manageStaff.allowedRoles == [.manager])
        #expect(StaffAction.activateClient.allowedRoles == [.manager])
    }

    @Test func theNearestNameIsWithinTwoEditsOrTheOnlyOneStartingSo() {
        #expect(NearestName.nearest(to: "ACMEE", among: ["ACME", "BETA"]) == "ACME")
        #expect(NearestName.nearest(to: "clent", among: ["client", "contract"]) == "client")
        #expect(NearestName.nearest(to: "ACMECORP", among: ["ACME", "BETA"]) == "ACME")  // it starts with ACME
        #expect(NearestName.nearest(to: "ZZZZ", among: ["ACME", "BETA"]) == nil)
        #expect(NearestName.distance("", "abc") == 3 && NearestName.distance("kitten", "sitting") == 3)
    }
}
