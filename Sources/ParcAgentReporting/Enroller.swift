import Crypto
import NIOCore
import NIOHTTP1
import NIOSSL
import ParcAgent
import ParcProtocol
import SwiftASN1
import X509

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Enrolls this machine: trusts the server's CA only if it matches the pinned fingerprint (or the
/// given CA file), makes a P-256 key that never leaves the machine, sends a CSR with the token,
/// and stores the certificate the server signs.
public struct Enroller: Sendable {
    public enum Trust: Sendable {
        case fingerprint(String)
        case caFile(String)
    }

    public var server: String
    public var token: String
    public var trust: Trust
    public var state: AgentState
    public var hostname: String

    public init(server: String, token: String, trust: Trust, state: AgentState, hostname: String) {
        self.server = server
        self.token = token
        self.trust = trust
        self.state = state
        self.hostname = hostname
    }

    public func enroll(force: Bool) async throws -> AgentState.Identity {
        if state.isEnrolled && !force { throw AgentError.alreadyEnrolled(state.directory) }
        let caPEM = try await trustedCA()
        let key = P256.Signing.PrivateKey()
        let csr = try CertificateSigningRequest(
            version: .v1, subject: try DistinguishedName { CommonName(hostname) }, privateKey: .init(key),
            attributes: CertificateSigningRequest.Attributes(), signatureAlgorithm: .ecdsaWithSHA256)
        let request = EnrollmentRequest(token: token, csrPEM: try csr.serializeAsPEM().pemString, hostname: hostname, agentVersion: AgentInfo.version)
        let client = try AgentHTTP.client(caPEM: caPEM, identity: nil)
        let response = try await AgentHTTP.postJSON(client, url: server.trimmedURL + "/agent/v1/enroll", body: request, as: EnrollmentResponse.self)
        // The certificate must be for the key just made, signed by the CA just trusted.
        let certificate = try Certificate(pemEncoded: response.certificatePEM)
        let ca = try Certificate(pemEncoded: caPEM)
        guard certificate.publicKey == Certificate.PublicKey(key.publicKey), ca.publicKey.isValidSignature(certificate.signature, for: certificate) else {
            throw AgentError.untrustedServer("the server answered a certificate that is not for this agent's key or not signed by the pinned CA")
        }
        let identity = AgentState.Identity(agentID: response.agentID, clientCode: response.clientCode, server: server.trimmedURL, enrolledAt: Date())
        try state.save(keyPEM: key.pemRepresentation, certificatePEM: response.certificatePEM, caPEM: caPEM, identity: identity)
        return identity
    }

    func trustedCA() async throws -> String {
        switch trust {
        case .caFile(let path):
            do {
                return CAFingerprint.pemText(der: try CAFingerprint.singleCertificateDER(inPEM: try state.read(path)))
            } catch let refusal as CAFingerprint.Refusal {
                throw AgentError.untrustedServer("\(path): \(refusal.description)")
            }
        case .fingerprint(let pin):
            return try await AgentHTTP.fetchPinnedCA(server: server.trimmedURL, fingerprint: pin)
        }
    }
}

/// JSON over `AgentTransport`, and fetching a CA that is then checked against its pin.
public enum AgentHTTP {
    public static func client(caPEM: String, identity: (certificatePEM: String, keyPEM: String)?) throws -> AgentTransport {
        try AgentTransport(caPEM: caPEM, identity: identity)
    }

    static func postJSON<Body: Encodable, Response: Decodable>(_ client: AgentTransport, url: String, body: Body, as type: Response.Type) async throws
        -> Response
    {
        try await post(client, url: url, body: Array(try CanonicalJSON.encode(body)), as: type)
    }

    static func post<Response: Decodable>(
        _ client: AgentTransport, url: String, body: [UInt8], headers extra: [(String, String)] = [], as type: Response.Type
    ) async throws -> Response {
        let response = try await client.request(.POST, url, headers: [("Content-Type", "application/json")] + extra, body: body)
        guard (200..<300).contains(response.status) else { throw refusal(response.status, response.body) }
        return try CanonicalJSON.decode(Response.self, from: Data(response.body))
    }

    static func refusal(_ status: Int, _ body: [UInt8]) -> AgentError {
        if let error = try? CanonicalJSON.decode(APIErrorBody.self, from: Data(body)) { return .refused(status: status, message: error.message) }
        return .refused(status: status, message: String(decoding: body.prefix(200), as: UTF8.self))
    }

    /// Fetches `/ca.pem` over an unverified connection and keeps the one certificate it holds only
    /// if that is the pinned one (`CAFingerprint.pinnedCertificatePEM`).
    public static func fetchPinnedCA(server: String, fingerprint: String) async throws -> String {
        let response = try await AgentTransport(caPEM: nil, identity: nil).request(.GET, server + "/ca.pem")
        guard response.status == 200 else { throw AgentError.untrustedServer("\(server)/ca.pem answered HTTP \(response.status); is this a Parc server?") }
        do {
            return try CAFingerprint.pinnedCertificatePEM(String(decoding: response.body, as: UTF8.self), pinned: fingerprint)
        } catch {
            throw AgentError.untrustedServer("\(error.description): refusing to enroll")
        }
    }
}

extension String {
    var trimmedURL: String {
        var text = self
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
