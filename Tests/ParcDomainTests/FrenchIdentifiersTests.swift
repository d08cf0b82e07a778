import ParcDomain
import Testing

/// Reference values are published company identifiers (Danone SA, TotalEnergies SE), not our output.
@Suite struct FrenchIdentifiersTests {
    @Test(arguments: ["552032534", "542051180"])
    func acceptsPublishedSIRENs(_ siren: String) {
        #expect(FrenchIdentifiers.isValidSIREN(siren))
    }

    @Test(arguments: ["552032535", "12345678", "5520325340", "55203253A", ""])
    func rejectsBadSIRENs(_ siren: String) {
        #expect(!FrenchIdentifiers.isValidSIREN(siren))
    }

    @Test func computesTheFrenchVATKey() {
        #expect(FrenchIdentifiers.frenchVATKey(siren: "552032534") == 27)
        #expect(FrenchIdentifiers.frenchVATKey(siren: "542051180") == 59)
        #expect(FrenchIdentifiers.isValidVATNumber("FR27552032534"))
        #expect(FrenchIdentifiers.isValidVATNumber("FR59542051180"))
        #expect(!FrenchIdentifiers.isValidVATNumber("FR28552032534"))
        #expect(!FrenchIdentifiers.isValidVATNumber("FR2755203253"))
        // Other member states get a shape check only.
        #expect(FrenchIdentifiers.isValidVATNumber("DE123456789"))
        #expect(!FrenchIdentifiers.isValidVATNumber("de123456789"))
    }

    @Test func checksSIRETsIncludingLaPoste() {
        #expect(FrenchIdentifiers.isValidSIRET("55203253400646"))
        #expect(!FrenchIdentifiers.isValidSIRET("55203253400647"))
        // La Poste (SIREN 356000000) establishments: digit sum multiple of 5 instead of Luhn.
        #expect(FrenchIdentifiers.isValidSIRET("35600000049837"))
        #expect(!FrenchIdentifiers.isValidSIRET("35600000049838"))
    }
}
