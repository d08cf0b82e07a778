import Crypto
import Foundation
import Logging
import ParcProtocol
import SQLKit
import SwiftASN1
import X509

/// What `parc-server init` (and a first `serve`) did.
public struct InitialisationReport: Codable, Sendable {
    /// False when the directory and database were already set up and nothing changed.
    public var created: Bool
    public var dataDirectory: String
    public var database: String
    public var caFingerprint: String
    public var caCertificatePath: String
    /// The first manager's email and token, present only on the run that created them.
    public var managerEmail: String?
    public var managerToken: String?
    public var hostnames: [String]
}

/// First-start work: data directory, CA and server certificate, database schema, first manager.
/// Every step is skipped when already done, so running it again changes nothing.
public enum ServerSetup {
    public static let firstManagerEmail = "admin@parc.local"

    public static func initialise(_ configuration: ServerConfiguration, logger: Logger) async throws -> InitialisationReport {
        let directory = DataDirectory(configuration.dataDirectory)
        var created = false
        let fileManager = FileManager.default
        if !fileManager.fileExists(atPath: directory.path) {
            try fileManager.createDirectory(atPath: directory.path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            created = true
        }
        if !directory.hasPKI {
            try fileManager.createDirectory(atPath: directory.pkiPath, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let authority = try CertificateAuthority.create()
            let (serverCertificate, serverKey) = try authority.issueServerCertificate(hostnames: configuration.hostnames)
            try writeSecret(authority.privateKey.pemRepresentation, to: directory.caKeyPath)
            try writeSecret(serverKey.pemRepresentation, to: directory.serverKeyPath)
            try writeSecret(try serverCertificate.serializeAsPEM().pemString + "\n", to: directory.serverCertificatePath)
            // The CA certificate is public; written last, it marks the PKI as complete.
            try writeSecret(try authority.certificate.serializeAsPEM().pemString + "\n", to: directory.caCertificatePath, mode: 0o644)
            logger.info("created CA and server certificate", metadata: ["parc.hostnames": "\(configuration.hostnames.joined(separator: ","))"])
            created = true
        }
        let pki = try ServerPKI(directory: directory)

        let database = try Database(configuration.database, logger: logger)
        var managerToken: CreatedAPIToken?
        do {
            try await Migrator(database, logger: logger).migrate()
            managerToken = try await database.transaction { db -> CreatedAPIToken? in
                let staffCount = try await Store.count(db, "SELECT COUNT(*) AS n FROM staff_users")
                guard staffCount == 0 else { return nil }
                let manager = try await Store.insertStaff(
                    NewStaffUser(email: firstManagerEmail, name: "Administrator", role: .manager), now: Date(), db: db)
                return try await Store.insertToken(staffID: manager.id, label: "created by parc-server init", expiresInDays: nil, now: Date(), db: db)
            }
            try await database.shutdown()
        } catch {
            try? await database.shutdown()
            throw error
        }
        if managerToken != nil { created = true }
        return InitialisationReport(
            created: created, dataDirectory: directory.path, database: configuration.database.description,
            caFingerprint: pki.authority.fingerprint, caCertificatePath: directory.caCertificatePath,
            managerEmail: managerToken?.token.staffEmail, managerToken: managerToken?.secret,
            hostnames: pki.serverHostnames)
    }

    /// Writes through a temporary file and a rename, so a crash never leaves half a key.
    static func writeSecret(_ text: String, to path: String, mode: Int = 0o600) throws {
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
            throw SetupError("cannot write \(temporary)")
        }
        guard rename(temporary, path) == 0 else { throw SetupError("cannot rename \(temporary) to \(path)") }
    }
}

public struct SetupError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// The server's certificates as loaded from the data directory.
public struct ServerPKI: Sendable {
    public let authority: CertificateAuthority
    public let caCertificatePEM: String
    public let serverCertificatePEM: String
    public let serverKeyPEM: String

    public init(directory: DataDirectory) throws {
        func read(_ path: String) throws -> String {
            do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw SetupError("cannot read \(path): run 'parc-server init --data-dir \(directory.path)' first")
            }
        }
        caCertificatePEM = try read(directory.caCertificatePath)
        authority = try CertificateAuthority(certificatePEM: caCertificatePEM, privateKeyPEM: try read(directory.caKeyPath))
        serverCertificatePEM = try read(directory.serverCertificatePath)
        serverKeyPEM = try read(directory.serverKeyPath)
    }

    /// The DNS names and IPs on the server certificate.
    public var serverHostnames: [String] {
        guard let certificate = try? Certificate(pemEncoded: serverCertificatePEM),
            let names = try? certificate.extensions.subjectAlternativeNames
        else { return [] }
        return names.map { name in
            switch name {
            case .dnsName(let dns): return dns
            case .ipAddress(let octets):
                let bytes = Array(octets.bytes)
                if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
                return stride(from: 0, to: bytes.count, by: 2).map { String(format: "%x", Int(bytes[$0]) << 8 | Int(bytes[$0 + 1])) }.joined(separator: ":")
            default: return "\(name)"
            }
        }
    }
}
