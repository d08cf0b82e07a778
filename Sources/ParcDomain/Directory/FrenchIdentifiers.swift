/// Checks of the French company identifiers printed on invoices.
///
/// SIREN (9 digits) and SIRET (14 digits: SIREN + establishment number) carry a Luhn check digit;
/// the French intra-community VAT number is `FR` + a 2-digit key + the SIREN, where
/// key = (12 + 3 × (SIREN mod 97)) mod 97.
public enum FrenchIdentifiers {
    public static func isValidSIREN(_ value: String) -> Bool {
        value.count == 9 && luhnValid(value)
    }

    /// La Poste's establishments (SIREN 356000000) use a different rule: the digit sum is a multiple of 5.
    public static func isValidSIRET(_ value: String) -> Bool {
        guard value.count == 14, value.allSatisfy(\.isASCIIDigit) else { return false }
        if value.hasPrefix("356000000") {
            return value.compactMap(\.wholeNumberValue).reduce(0, +) % 5 == 0
        }
        return luhnValid(value)
    }

    public static func frenchVATKey(siren: String) -> Int? {
        guard isValidSIREN(siren), let number = Int(siren) else { return nil }
        return (12 + 3 * (number % 97)) % 97
    }

    /// Validates `FRkkSSSSSSSSS`. Numbers of other countries only get a shape check.
    public static func isValidVATNumber(_ value: String) -> Bool {
        let chars = Array(value)
        guard chars.count >= 4, chars.count <= 15,
            chars[0].isASCIIUppercaseLetter, chars[1].isASCIIUppercaseLetter,
            chars.dropFirst(2).allSatisfy({ $0.isASCIIDigit || $0.isASCIIUppercaseLetter })
        else { return false }
        guard value.hasPrefix("FR") else { return true }
        guard chars.count == 13 else { return false }
        let siren = String(chars[4...])
        let key = String(chars[2..<4])
        // Keys with letters exist for some entities; those cannot be checked arithmetically.
        guard key.allSatisfy(\.isASCIIDigit), let keyValue = Int(key) else { return isValidSIREN(siren) }
        return frenchVATKey(siren: siren) == keyValue
    }

    static func luhnValid(_ digits: String) -> Bool {
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return false }
        var sum = 0
        for (index, char) in digits.reversed().enumerated() {
            var digit = char.wholeNumberValue ?? 0
            if index % 2 == 1 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return sum % 10 == 0
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIIUppercaseLetter: Bool { isASCII && isUppercase }
}
