import Foundation
import ParcProtocol
import Testing

/// The pinning rule shared by the agent and parcctl: one certificate, the pinned one.
@Suite struct CAFingerprintTests {
    // Two self-signed P-256 certificates made once with `openssl req -x509 -newkey ec` (CN Parc test A and B), DER in base64.
    static let real = """
        MIIBgTCCASegAwIBAgIUZC+f/bV4VTZHfejLwFAxz/HcM40wCgYIKoZIzj0EAwIwFjEUMBIGA1UEAwwLUGFyYyB0ZXN0IEEwHhcNMjYxMjA0MTU1MTM3WhcNMzYxMjAxMTU1MTM3WjAWMRQwEgYDVQQDDAtQYXJjIHRlc3QgQTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABD8kwG+Modd+zqavRMdI15nGgI1heFVxojkjaydOaXebxKAvhkt9VuW9cvdMZ5QtRONfTSQL34ZW5/VK4ZOOeVWjUzBRMB0GA1UdDgQWBBRdGeI8/MgDaTW2P4u4xFC0WB9MAjAfBgNVHSMEGDAWgBRdGeI8/MgDaTW2P4u4xFC0WB9MAjAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIFbWxEoj6FUfCBxkhWHl5E8GG2UL38rLyy7hiobKciUuAiEA7u45Ub8JzrlEyhsTx+0toPUX6fTrZG2Km05HVzg4vJQ=
        """
    static let other = """
        MIIBgDCCASegAwIBAgIUDBKzeOqcZbR2C/U06cz11nFMle4wCgYIKoZIzj0EAwIwFjEUMBIGA1UEAwwLUGFyYyB0ZXN0IEIwHhcNMjYxMjA0MTU1MTM3WhcNMzYxMjAxMTU1MTM3WjAWMRQwEgYDVQQDDAtQYXJjIHRlc3QgQjBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABMHu5U8CJ5ibO5RRFZruzyrtzwtkA5y/xJxVuCTIfMngbMKpylkp8RXFYT+KEzjSDW0TufdutHws/L4CuyAH5cOjUzBRMB0GA1UdDgQWBBQYlJ2HVRHlOH7WuUFReNGTUkd+cTAfBgNVHSMEGDAWgBQYlJ2HVRHlOH7WuUFReNGTUkd+cTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIHdreaTTBxrYdGCoIA6oDf7R9Z9yZyZecfGXPAQD0MkMAiBXrTUzHIJQqFHQks9gmR5gwZqn0gSsQl31Cso3UMFo2w==
        """

    static func pem(_ base64: String) -> String { "-----BEGIN CERTIFICATE-----\n\(base64)\n-----END CERTIFICATE-----\n" }
    static func der(_ base64: String) -> [UInt8] { Array(Data(base64Encoded: base64)!) }

    @Test func theOnePinnedCertificateIsKept() throws {
        let pin = CAFingerprint.of(der: Self.der(Self.real))
        let kept = try CAFingerprint.pinnedCertificatePEM(Self.pem(Self.real), pinned: pin)
        #expect(try CAFingerprint.singleCertificateDER(inPEM: kept) == Self.der(Self.real))
        // The same pin in openssl's colon form, upper case.
        let colons = stride(from: 7, to: pin.count, by: 2).map { index in
            String(Array(pin)[index..<index + 2]).uppercased()
        }.joined(separator: ":")
        #expect(CAFingerprint.normalized(colons) == pin)
        #expect(CAFingerprint.normalized("SHA256 Fingerprint=" + colons) == pin)
        // What `openssl x509 -noout -fingerprint -sha256` printed for this certificate.
        #expect(
            pin
                == CAFingerprint.normalized(
                    "sha256 Fingerprint=BD:D8:1C:9F:B6:6C:64:6B:20:90:5F:26:6F:9C:D6:44:20:BE:F9:7E:DA:95:9F:B5:4A:59:66:47:0A:B0:87:7D"))
        #expect(try CAFingerprint.pinnedCertificatePEM(Self.pem(Self.real), pinned: colons) == kept)
    }

    /// A man in the middle serves the real CA followed by his own: nothing of it is trusted.
    @Test func aBundleBehindThePinnedCertificateIsRefused() {
        let pin = CAFingerprint.of(der: Self.der(Self.real))
        #expect(throws: CAFingerprint.Refusal.bundle(count: 2)) {
            try CAFingerprint.pinnedCertificatePEM(Self.pem(Self.real) + Self.pem(Self.other), pinned: pin)
        }
        #expect(throws: CAFingerprint.Refusal.bundle(count: 2)) { try CAFingerprint.singleCertificateDER(inPEM: Self.pem(Self.other) + Self.pem(Self.real)) }
        #expect(throws: CAFingerprint.Refusal.mismatch(actual: CAFingerprint.of(der: Self.der(Self.other)), pinned: pin)) {
            try CAFingerprint.pinnedCertificatePEM(Self.pem(Self.other), pinned: pin)
        }
    }

    @Test func textThatIsNotOneCertificateIsUnreadable() {
        let key = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n"
        for text in [
            "", "hello", key, Self.pem(Self.real) + key, "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n",
            "-----BEGIN CERTIFICATE-----\n" + Self.real,
        ] {
            #expect(throws: CAFingerprint.Refusal.unreadable, "\(text.prefix(40))") { try CAFingerprint.singleCertificateDER(inPEM: text) }
        }
        for pin in ["sha256:abc", "sha256:" + String(repeating: "g", count: 64), "AB:CD", String(repeating: "a", count: 63)] {
            #expect(CAFingerprint.normalized(pin) == nil, "\(pin)")
        }
    }
}
