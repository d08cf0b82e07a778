import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How clients pin the Parc CA: `sha256:` + the lowercase hex SHA-256 of the CA certificate's DER.
///
/// The one pinning rule of the agent and `parcctl`: the PEM a server offers as its CA must hold
/// exactly one certificate, and that certificate's fingerprint must be the pinned one. Trusting
/// every certificate of a bundle whose first one matches would let a man in the middle append his
/// own CA behind the real one.
public enum CAFingerprint {
    public static func of(der: some Sequence<UInt8>) -> String {
        "sha256:" + Hex.encode(SHA256.hash(data: Array(der)))
    }

    /// A well-formed pin: `sha256:` and 64 hex digits, in either case, or openssl's colon form.
    public static func isWellFormed(_ text: String) -> Bool { normalized(text) != nil }

    /// `sha256:<64 lowercase hex digits>` from `sha256:HEX`, `HEX`, or openssl's `AB:CD:...` (with
    /// or without `sha256:` or `SHA256 Fingerprint=` before it); nil when it is none of these.
    public static func normalized(_ text: String) -> String? {
        var body = Substring(text.trimmingWhitespace())
        for prefix in ["sha256 fingerprint=", "sha256:"] where body.lowercased().hasPrefix(prefix) {
            body = body.dropFirst(prefix.count)
        }
        let digits = body.filter { $0 != ":" }.lowercased()
        guard digits.count == 64, digits.allSatisfy({ $0.isHexDigit && $0.isASCII }) else { return nil }
        // Colons, when present, separate every byte: `AB:CD:...`, 95 characters.
        if body.contains(":") && body.count != 95 { return nil }
        return "sha256:" + digits
    }

    /// Why a CA offered by a server (or read from a file) is not trusted.
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// The text holds no certificate, or one that is not valid base64 PEM.
        case unreadable
        /// More than one certificate: only the pinned one may be trusted, and a bundle is not that.
        case bundle(count: Int)
        /// The one certificate is not the pinned one.
        case mismatch(actual: String, pinned: String)

        public var description: String {
            switch self {
            case .unreadable:
                return "the server's CA is not a readable PEM certificate"
            case .bundle(let count):
                return "the server offered \(count) CA certificates where the pin names exactly one: refusing to trust any of them"
            case .mismatch(let actual, let pinned):
                return "the server's CA fingerprint is \(actual), not the pinned \(pinned): refusing to trust it"
            }
        }
    }

    /// The DER of the only certificate in `pem`; refuses text with none or several.
    public static func singleCertificateDER(inPEM pem: String) throws(Refusal) -> [UInt8] {
        let blocks = pemBlocks(pem)
        guard blocks.count == 1 else { throw blocks.isEmpty ? .unreadable : .bundle(count: blocks.count) }
        return blocks[0]
    }

    /// The one certificate of `pem` as PEM, when it is the pinned one; what a client then saves and trusts.
    public static func pinnedCertificatePEM(_ pem: String, pinned fingerprint: String) throws(Refusal) -> String {
        let der = try singleCertificateDER(inPEM: pem)
        let actual = of(der: der)
        let pinned = normalized(fingerprint) ?? fingerprint.lowercased()
        guard actual == pinned else { throw .mismatch(actual: actual, pinned: pinned) }
        return pemText(der: der)
    }

    /// PEM armour around DER, 64 characters a line.
    public static func pemText(der: [UInt8]) -> String {
        let base64 = Array(Data(der).base64EncodedString().utf8)
        var lines: [String] = ["-----BEGIN CERTIFICATE-----"]
        var index = 0
        while index < base64.count {
            lines.append(String(decoding: base64[index..<min(index + 64, base64.count)], as: UTF8.self))
            index += 64
        }
        lines.append("-----END CERTIFICATE-----")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every `CERTIFICATE` block's DER. Any other armoured block, or a block that does not decode,
    /// makes the whole text unreadable (an empty answer): a CA file holds certificates only.
    static func pemBlocks(_ pem: String) -> [[UInt8]] {
        var blocks: [[UInt8]] = []
        var body: String?
        for rawLine in pem.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingWhitespace()
            if line.hasPrefix("-----BEGIN ") {
                guard body == nil, line == "-----BEGIN CERTIFICATE-----" else { return [] }
                body = ""
            } else if line.hasPrefix("-----END ") {
                guard let text = body, line == "-----END CERTIFICATE-----", let der = Data(base64Encoded: text), !der.isEmpty else { return [] }
                blocks.append(Array(der))
                body = nil
            } else if body != nil {
                body! += line
            }
        }
        return body == nil ? blocks : []
    }
}
