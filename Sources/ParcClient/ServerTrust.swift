import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import ParcProtocol

/// How a client decides to trust the Parc server: the CA certificate itself, or its pinned fingerprint.
public enum ServerTrust: Sendable, Equatable {
    /// A PEM file holding the Parc CA certificate.
    case caFile(String)
    /// The CA certificate as PEM text.
    case caPEM(String)
    /// `sha256:<hex>` of the CA's DER encoding, as `parc-server init` prints it.
    case fingerprint(String)

    /// Reads `PARC_CA`-style text: a fingerprint (`sha256:HEX` or openssl's colon form), else a file path.
    public init(parsing text: String) {
        if let pin = CAFingerprint.normalized(text) {
            self = .fingerprint(pin)
        } else {
            self = .caFile(text)
        }
    }
}

public enum ParcClientError: Error, CustomStringConvertible, Sendable {
    /// The server answered with an error body.
    case api(status: Int, body: ParcAPIErrorBody)
    /// The server answered something that is not Parc's error format.
    case unexpectedResponse(status: Int, text: String)
    case transport(String)
    case untrustedServer(String)
    case configuration(String)

    public var description: String {
        switch self {
        case .api(401, _):
            return "the server refused the API token (missing, invalid, expired or revoked): run 'parcctl login' again, or pass another --token"
        case .api(_, let body):
            return body.field.map { "\(body.message) (field: \($0))" } ?? body.message
        case .unexpectedResponse(let status, let text):
            return "unexpected answer from the server (HTTP \(status)): \(text.prefix(200))"
        case .transport(let message), .untrustedServer(let message), .configuration(let message):
            return message
        }
    }
}

public typealias ParcAPIErrorBody = APIErrorBody

/// Fingerprints and CA retrieval for pinning.
public enum CAPinning {
    /// Fetches the server's CA from `/ca.pem` over an unverified connection and keeps the one
    /// certificate it holds only if that is the pinned one: the pin, not the connection, is what is
    /// trusted (`CAFingerprint.pinnedCertificatePEM`, the agent's rule too).
    public static func fetchPinnedCA(server: String, fingerprint: String) async throws -> String {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        let server = try ServerAddress.normalized(server)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: ServerAddress.clientConfiguration(tls, read: .seconds(30)))
        let request = HTTPClientRequest(url: server + "/ca.pem")
        let fetched: Result<String, any Error>
        do {
            let response = try await client.execute(request, timeout: .seconds(30))
            if response.status == .ok {
                fetched = .success(String(buffer: try await response.body.collect(upTo: 64 * 1024)))
            } else {
                fetched = .failure(ParcClientError.untrustedServer("\(server)/ca.pem answered HTTP \(response.status.code); is this a Parc server?"))
            }
        } catch {
            fetched = .failure(ParcClientError.transport("cannot reach \(server): \(StaffClient.describe(error))"))
        }
        try? await client.shutdown()
        do {
            return try CAFingerprint.pinnedCertificatePEM(try fetched.get(), pinned: fingerprint)
        } catch let refusal as CAFingerprint.Refusal {
            throw ParcClientError.untrustedServer(refusal.description)
        }
    }
}

extension String {
    var trimmingTrailingSlash: String {
        var text = self
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}

/// The server's address as people type it, and how clients connect to it.
public enum ServerAddress {
    /// `https://HOST:PORT` from what was typed: a missing scheme means https (`127.0.0.1:8443`);
    /// `http://` is refused with a sentence (Parc speaks HTTPS only); trailing slashes go.
    public static func normalized(_ text: String) throws -> String {
        var address = text.trimmingCharacters(in: .whitespaces).trimmingTrailingSlash
        if address.lowercased().hasPrefix("http://") {
            throw ParcClientError.configuration("Parc servers speak HTTPS only: use https://\(address.dropFirst("http://".count))")
        }
        if !address.lowercased().hasPrefix("https://") { address = "https://" + address }
        guard let url = URL(string: address), let host = url.host, !host.isEmpty, url.path.isEmpty else {
            throw ParcClientError.configuration("the server address must look like https://HOST:PORT (got '\(text)')")
        }
        return address
    }

    /// A refused connection fails at once: AsyncHTTPClient would otherwise try again until the
    /// connect timeout, which made `parcctl` wait 10 s to say the server is down.
    static func clientConfiguration(_ tls: TLSConfiguration, read: TimeAmount) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls, timeout: .init(connect: .seconds(10), read: read))
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }
}
