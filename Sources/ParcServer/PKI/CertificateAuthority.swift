import Crypto
import Foundation
import ParcProtocol
import SwiftASN1
import X509

/// Parc's own certificate authority: it signs the server's certificate and, later, each agent's.
///
/// The CA key never leaves the data directory. Clients pin the CA by the SHA-256 of its DER
/// encoding (`sha256:<hex>`), as `kubeadm join` pins its cluster CA.
public struct CertificateAuthority: Sendable {
    public let certificate: Certificate
    let privateKey: P256.Signing.PrivateKey

    /// A new CA, valid for 10 years.
    public static func create(commonName: String = "Parc CA", now: Date = Date()) throws -> CertificateAuthority {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            OrganizationName("Parc")
            CommonName(commonName)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(10 * 365 * 86_400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: Certificate.PublicKey(key.publicKey))
            },
            issuerPrivateKey: .init(key))
        return CertificateAuthority(certificate: certificate, privateKey: key)
    }

    public init(certificate: Certificate, privateKey: P256.Signing.PrivateKey) {
        self.certificate = certificate
        self.privateKey = privateKey
    }

    public init(certificatePEM: String, privateKeyPEM: String) throws {
        self.certificate = try Certificate(pemEncoded: certificatePEM)
        self.privateKey = try P256.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
    }

    /// Issues a TLS server certificate for `hostnames` (DNS names or IP addresses), valid for 2 years.
    public func issueServerCertificate(hostnames: [String], now: Date = Date()) throws -> (Certificate, P256.Signing.PrivateKey) {
        let key = P256.Signing.PrivateKey()
        let names = try hostnames.map(Self.generalName)
        let subject = try DistinguishedName {
            OrganizationName("Parc")
            CommonName(hostnames.first ?? "parc-server")
        }
        let certificate = try sign(
            publicKey: .init(key.publicKey), subject: subject, serial: Certificate.SerialNumber(),
            validity: now.addingTimeInterval(-3600)...now.addingTimeInterval(2 * 365 * 86_400),
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
                SubjectKeyIdentifier(hash: Certificate.PublicKey(key.publicKey))
                AuthorityKeyIdentifier(keyIdentifier: try? self.certificate.extensions.subjectKeyIdentifier?.keyIdentifier)
            })
        return (certificate, key)
    }

    /// A certificate issued by this CA (ECDSA with SHA-256); the callers choose what it may be used for.
    func sign(
        publicKey: Certificate.PublicKey, subject: DistinguishedName, serial: Certificate.SerialNumber, validity: ClosedRange<Date>,
        extensions: Certificate.Extensions
    ) throws -> Certificate {
        try Certificate(
            version: .v3, serialNumber: serial, publicKey: publicKey, notValidBefore: validity.lowerBound, notValidAfter: validity.upperBound,
            issuer: self.certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions,
            issuerPrivateKey: .init(privateKey))
    }

    /// `sha256:<hex>` of the CA certificate's DER bytes: what agents and parcctl pin.
    public var fingerprint: String { Self.fingerprint(of: certificate) }

    public static func fingerprint(of certificate: Certificate) -> String {
        var serializer = DER.Serializer()
        try? serializer.serialize(certificate)
        return CAFingerprint.of(der: serializer.serializedBytes)
    }

    static func generalName(_ hostname: String) throws -> GeneralName {
        if let bytes = IPAddressBytes.parse(hostname) {
            return .ipAddress(ASN1OctetString(contentBytes: ArraySlice(bytes)))
        }
        return .dnsName(hostname)
    }
}

extension SubjectKeyIdentifier {
    /// The key identifier as RFC 5280 §4.2.1.2 method 1 describes: SHA-1 of the public key bits.
    init(hash publicKey: Certificate.PublicKey) {
        let digest = Insecure.SHA1.hash(data: Array(publicKey.subjectPublicKeyInfoBytes))
        self.init(keyIdentifier: ArraySlice(digest))
    }
}

extension Certificate.PublicKey {
    /// The DER of the subjectPublicKey BIT STRING contents.
    var subjectPublicKeyInfoBytes: ArraySlice<UInt8> {
        var serializer = DER.Serializer()
        try? serializer.serialize(self)
        return ArraySlice(serializer.serializedBytes)
    }
}

/// Parses dotted IPv4 and colon IPv6 text into bytes, for certificate IP SANs.
enum IPAddressBytes {
    static func parse(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}

extension CertificateAuthority {
    /// How long an agent certificate is valid; agents renew it well before (see the protocol spec).
    public static let agentCertificateLifetime: TimeInterval = 90 * 86_400

    public enum CSRProblem: Error, Equatable {
        case unreadable
        case badSignature
        case unsupportedKey
    }

    /// Signs an agent's CSR: the subject becomes `CN=<agentID>, O=Parc agent, OU=<client code>`
    /// whatever the CSR asked for, the key must be P-256, and the certificate is for TLS clients only.
    public func issueAgentCertificate(csrPEM: String, agentID: String, clientCode: String, now: Date = Date()) throws
        -> (certificatePEM: String, serial: String, expiresAt: Date)
    {
        let csr: CertificateSigningRequest
        do { csr = try CertificateSigningRequest(pemEncoded: csrPEM) } catch { throw CSRProblem.unreadable }
        guard csr.publicKey.isValidSignature(csr.signature, for: csr) else { throw CSRProblem.badSignature }
        guard P256.Signing.PublicKey(csr.publicKey) != nil else { throw CSRProblem.unsupportedKey }
        let subject = try DistinguishedName {
            OrganizationName("Parc agent")
            OrganizationalUnitName(clientCode)
            CommonName(agentID)
        }
        let serial = Certificate.SerialNumber()
        let expires = now.addingTimeInterval(Self.agentCertificateLifetime)
        let certificate = try sign(
            publicKey: csr.publicKey, subject: subject, serial: serial, validity: now.addingTimeInterval(-300)...expires,
            extensions: try clientCertificateExtensions())
        return (try certificate.serializeAsPEM().pemString + "\n", Self.serialText(serial.bytes), expires)
    }

    /// A TLS client's certificate, and nothing else: not a CA, signatures only.
    private func clientCertificateExtensions() throws -> Certificate.Extensions {
        try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.clientAuth])
            AuthorityKeyIdentifier(keyIdentifier: try? self.certificate.extensions.subjectKeyIdentifier?.keyIdentifier)
        }
    }

    /// How long an intake certificate is valid: the agents that present one cannot renew it, so it
    /// lasts as the server's own certificate does, and staff issue another before it ends.
    public static let intakeCertificateLifetime: TimeInterval = 730 * 86_400

    /// A key and a client certificate for agents Parc did not enroll (GLPI Agent's `ssl-cert-file`):
    /// `CN=<login>, O=Parc intake, OU=<client code>`, for TLS clients only. Answers one PEM text with
    /// the certificate then the private key, which the agent reads from one file.
    public func issueIntakeCertificate(login: String, clientCode: String, now: Date = Date()) throws -> (pem: String, serial: String, expiresAt: Date) {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName {
            OrganizationName("Parc intake")
            OrganizationalUnitName(clientCode)
            CommonName(login)
        }
        let serial = Certificate.SerialNumber()
        let expires = now.addingTimeInterval(Self.intakeCertificateLifetime)
        let certificate = try sign(
            publicKey: Certificate.PublicKey(key.publicKey), subject: subject, serial: serial, validity: now.addingTimeInterval(-300)...expires,
            extensions: try clientCertificateExtensions())
        return (try certificate.serializeAsPEM().pemString + "\n" + key.pemRepresentation + "\n", Self.serialText(serial.bytes), expires)
    }

    /// How the server records a certificate serial: lowercase hex without leading zeros, so the DER
    /// integer (which may start with 00) and BoringSSL's magnitude bytes give the same text.
    public static func serialText(_ bytes: some Sequence<UInt8>) -> String {
        String(Hex.encode(bytes).drop { $0 == "0" })
    }
}
