/// Lowercase hexadecimal text of bytes: fingerprints, certificate serials, token hashes, UUIDs, MAC addresses.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Two digits per byte, with `separator` between bytes when given (`aa:bb:cc` for a MAC address).
    public static func encode(_ bytes: some Sequence<UInt8>, separator: Character? = nil) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 3)
        let separatorByte = separator.flatMap(\.asciiValue)
        for byte in bytes {
            if let separatorByte, !text.isEmpty { text.append(separatorByte) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
