import Crypto

/// How clients pin the Parc CA: `sha256:` + the lowercase hex SHA-256 of the CA certificate's DER.
public enum CAFingerprint {
    public static func of(der: some Sequence<UInt8>) -> String {
        "sha256:" + Hex.encode(SHA256.hash(data: Array(der)))
    }

    /// A well-formed pin: `sha256:` and 64 hex digits, in either case.
    public static func isWellFormed(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("sha256:") && lower.count == 71 && lower.dropFirst(7).allSatisfy { $0.isHexDigit }
    }
}
