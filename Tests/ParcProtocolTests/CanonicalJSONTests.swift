import Foundation
import ParcProtocol
import Testing

@Suite struct CanonicalJSONTests {
    @Test func sortsKeysAndWritesUTCDates() throws {
        let body = APIErrorBody(error: "not_found", message: "no client X", field: "code")
        #expect(String(decoding: try CanonicalJSON.encode(body), as: UTF8.self) == #"{"error":"not_found","field":"code","message":"no client X"}"#)

        let user = StaffUser(id: 7, email: "a@b.fr", name: "A", role: .billing, active: true, createdAt: Date(timeIntervalSince1970: 1_780_000_000))
        let text = String(decoding: try CanonicalJSON.encode(user), as: UTF8.self)
        #expect(text == #"{"active":true,"createdAt":"2026-05-28T20:26:40Z","email":"a@b.fr","id":7,"name":"A","role":"billing"}"#)
    }

    @Test func roundTripsAClient() throws {
        let client = Client(
            id: 1, code: "ACME", name: "ACME SA", siren: "552032534", siret: nil, vatNumber: "FR27552032534",
            billingAddress: PostalAddress(line1: "1 rue de la Paix", postalCode: "75002", city: "Paris"),
            contactEmail: "it@acme.example", currency: "EUR", defaultVATBasisPoints: 2000, notes: nil, active: true,
            createdAt: Date(timeIntervalSince1970: 1_780_000_000), updatedAt: Date(timeIntervalSince1970: 1_780_000_060))
        let data = try CanonicalJSON.encode(client)
        #expect(try CanonicalJSON.decode(Client.self, from: data) == client)
        // Absent optionals are left out rather than written as null.
        #expect(!String(decoding: data, as: UTF8.self).contains("null"))
    }

    @Test func unknownRoleNamesTheAllowedOnes() throws {
        let data = Data(#"{"email":"a@b.fr","name":"A","role":"boss"}"#.utf8)
        #expect {
            try CanonicalJSON.decode(NewStaffUser.self, from: data)
        } throws: { error in
            guard case .dataCorrupted(let context) = error as? DecodingError else { return false }
            return context.debugDescription.contains("manager, technician, billing")
        }
    }
}
