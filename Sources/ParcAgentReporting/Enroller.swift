import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import ParcAgent
import ParcProtocol
import SwiftASN1
import X509

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
        let response: EnrollmentResponse
        do {
            response = try await AgentHTTP.postJSON(client, url: server.trimmedURL + "/agent/v1/enroll", body: request, as: EnrollmentResponse.self)
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
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
            return try state.read(path)
        case .fingerprint(let pin):
            return try await AgentHTTP.fetchPinnedCA(server: server.trimmedURL, fingerprint: pin)
        }
    }
}

/// The agent's HTTPS plumbing: TLS trusting only the Parc CA, with the agent's certificate when enrolled.
public enum AgentHTTP {
    public static func client(caPEM: String, identity: (certificatePEM: String, keyPEM: String)?) throws -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(caPEM.utf8)))
        tls.certificateVerification = .fullVerification
        tls.minimumTLSVersion = .tlsv12
        if let identity {
            tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(identity.certificatePEM.utf8)).map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(identity.keyPEM.utf8), format: .pem))
        }
        return HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: .init(tlsConfiguration: tls, timeout: .init(connect: .seconds(10), read: .seconds(60))))
    }

    static func postJSON<Body: Encodable, Response: Decodable>(_ client: HTTPClient, url: String, body: Body, as type: Response.Type) async throws -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "parc-agent/\(AgentInfo.version)")
        request.body = .bytes(ByteBuffer(bytes: try CanonicalJSON.encode(body)))
        let (status, data) = try await send(client, request)
        guard (200..<300).contains(status) else { throw refusal(status, data) }
        return try CanonicalJSON.decode(Response.self, from: data)
    }

    static func send(_ client: HTTPClient, _ request: HTTPClientRequest) async throws -> (Int, Data) {
        do {
            let response = try await client.execute(request, timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 16 << 20)
            return (Int(response.status.code), Data(body.readableBytesView))
        } catch let error as NIOSSLError {
            throw AgentError.untrustedServer("TLS with the server failed: \(error)")
        } catch {
            throw AgentError.unreachable("cannot reach \(request.url): \(error)")
        }
    }

    static func refusal(_ status: Int, _ data: Data) -> AgentError {
        if let body = try? CanonicalJSON.decode(APIErrorBody.self, from: data) { return .refused(status: status, message: body.message) }
        return .refused(status: status, message: String(decoding: data.prefix(200), as: UTF8.self))
    }

    /// Fetches `/ca.pem` over an unverified connection and keeps it only if its SHA-256 matches the pin.
    public static func fetchPinnedCA(server: String, fingerprint: String) async throws -> String {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls, timeout: .init(connect: .seconds(10), read: .seconds(30))))
        let result: Result<(Int, Data), any Error>
        do { result = .success(try await send(client, HTTPClientRequest(url: server + "/ca.pem"))) } catch { result = .failure(error) }
        try? await client.shutdown()
        let (status, data) = try result.get()
        guard status == 200 else { throw AgentError.untrustedServer("\(server)/ca.pem answered HTTP \(status); is this a Parc server?") }
        let pem = String(decoding: data, as: UTF8.self)
        let der = try NIOSSLCertificate(bytes: Array(pem.utf8), format: .pem).toDERBytes()
        let actual = "sha256:" + SHA256.hash(data: der).map { String(format: "%02x", $0) }.joined()
        guard actual == fingerprint.lowercased() else {
            throw AgentError.untrustedServer("the server's CA fingerprint is \(actual), not the pinned \(fingerprint): refusing to enroll")
        }
        return pem
    }
}

extension String {
    var trimmedURL: String {
        var text = self
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
