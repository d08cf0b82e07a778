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

/// The writer against Foundation's JSONEncoder configured the canonical way: an independent reading.
@Suite struct JSONWriterTests {
    static func foundation<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func matchesFoundationOnTheProtocolExamples() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("protocol/examples/inventory").path
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }
        #expect(!names.isEmpty)
        for name in names {
            let inventory = try CanonicalJSON.decode(Inventory.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
            #expect(String(decoding: try CanonicalJSON.encode(inventory), as: UTF8.self) == (try Self.foundation(inventory)), "\(name)")
        }
    }

    @Test func escapesAndDates() throws {
        struct Sample: Codable, Equatable {
            var text: String
            var when: Date
            var nested: [String: [Int]]
            var optional: String?
            var ratio: Double
        }
        let sample = Sample(
            text: "quote \" backslash \\ slash / tab \t newline \n bell \u{07} é 日本", when: Date(timeIntervalSince1970: -86_401),
            nested: ["b": [2, 1], "a": []], optional: nil, ratio: 23.8)
        let ours = String(decoding: try CanonicalJSON.encode(sample), as: UTF8.self)
        #expect(ours == (try Self.foundation(sample)))
        #expect(ours.contains("1969-12-30T23:59:59Z"))
        #expect(try CanonicalJSON.decode(Sample.self, from: Data(ours.utf8)) == sample)
        let pretty = String(decoding: try CanonicalJSON.encode(sample, pretty: true), as: UTF8.self)
        #expect(try CanonicalJSON.decode(Sample.self, from: Data(pretty.utf8)) == sample)
        #expect(pretty.contains("\n  \"nested\" : {"))
    }

    @Test(arguments: [0, 951_782_400, 1_709_208_000, 4_107_542_399, -2_208_988_800])
    func datesMatchFoundation(_ seconds: Int) throws {
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        #expect(String(decoding: try CanonicalJSON.encode([date]), as: UTF8.self) == (try Self.foundation([date])))
    }
}
