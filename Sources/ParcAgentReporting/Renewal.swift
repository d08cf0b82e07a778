import Crypto
import ParcAgent
import ParcProtocol
import SwiftASN1
import X509

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Certificate renewal: a new key and certificate well before the current certificate expires.
public struct Renewal: Sendable {
    /// Renew when less than this remains (a third of the 90-day lifetime).
    public static let threshold: TimeInterval = 30 * 86_400

    public let state: AgentState

    public init(state: AgentState) {
        self.state = state
    }

    /// When the current certificate stops being valid.
    public func expiry() throws -> Date {
        try Certificate(pemEncoded: try state.read(state.certificatePath)).notValidAfter
    }

    public func isDue(now: Date = Date()) throws -> Bool {
        try expiry().timeIntervalSince(now) < Self.threshold
    }

    /// Asks the server for a new certificate over the current one, then installs key and certificate.
    /// The pair is written under temporary names first; `AgentState.recoverRenewal()` completes a
    /// renewal a crash interrupted between the two renames.
    public func renew(client: AgentTransport, server: String) async throws -> Date {
        let key = P256.Signing.PrivateKey()
        let identity = try state.identity()
        let csr = try CertificateSigningRequest(
            version: .v1, subject: try DistinguishedName { CommonName(identity.agentID) }, privateKey: .init(key),
            attributes: CertificateSigningRequest.Attributes(), signatureAlgorithm: .ecdsaWithSHA256)
        let response = try await AgentHTTP.postJSON(
            client, url: server + "/agent/v1/renew", body: RenewalRequest(csrPEM: try csr.serializeAsPEM().pemString), as: EnrollmentResponse.self)
        let certificate = try Certificate(pemEncoded: response.certificatePEM)
        guard certificate.publicKey == Certificate.PublicKey(key.publicKey), response.agentID == identity.agentID else {
            throw AgentError.untrustedServer("the renewed certificate is not for this agent's new key")
        }
        try AgentState.write(Data(key.pemRepresentation.utf8), to: state.keyPath + ".renewed")
        try AgentState.write(Data(response.certificatePEM.utf8), to: state.certificatePath + ".renewed")
        try state.recoverRenewal()
        return certificate.notValidAfter
    }
}

extension AgentState {
    /// Finishes an interrupted renewal: when both renewed files are present, they replace the current pair.
    public func recoverRenewal() throws {
        let fileManager = FileManager.default
        let newKey = keyPath + ".renewed"
        let newCertificate = certificatePath + ".renewed"
        if fileManager.fileExists(atPath: newKey) && fileManager.fileExists(atPath: newCertificate) {
            guard rename(newKey, keyPath) == 0 else { throw AgentError.unwritable(keyPath, errno) }
        }
        if fileManager.fileExists(atPath: newCertificate) && !fileManager.fileExists(atPath: newKey) {
            guard rename(newCertificate, certificatePath) == 0 else { throw AgentError.unwritable(certificatePath, errno) }
        }
    }
}
