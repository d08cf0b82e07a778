import Crypto
import Foundation
import SwiftASN1
import X509

/// Keys and certificate requests made fresh on every run (no committed PEMs to expire).
public enum TestPKI {
    /// A P-256 key and a PEM CSR for it, as an agent makes them.
    public static func agentRequest(commonName: String = "parc-agent") throws -> (key: P256.Signing.PrivateKey, csrPEM: String) {
        let key = P256.Signing.PrivateKey()
        let csr = try CertificateSigningRequest(
            version: .v1, subject: try DistinguishedName { CommonName(commonName) }, privateKey: .init(key),
            attributes: CertificateSigningRequest.Attributes(), signatureAlgorithm: .ecdsaWithSHA256)
        return (key, try csr.serializeAsPEM().pemString)
    }

    /// A CSR whose signature does not match its key (the request of someone who does not hold it).
    public static func forgedRequest() throws -> String {
        let (_, good) = try agentRequest()
        var csr = try CertificateSigningRequest(pemEncoded: good)
        let other = P256.Signing.PrivateKey()
        csr = try CertificateSigningRequest(
            version: csr.version, subject: csr.subject, publicKey: .init(other.publicKey), attributes: csr.attributes,
            signatureAlgorithm: csr.signatureAlgorithm, signature: csr.signature)
        return try csr.serializeAsPEM().pemString
    }
}
