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
    /// Names this run added to an existing server certificate (reissued by the same CA).
    public var addedHostnames: [String]?
}

/// What `parc-server cert reissue` did.
public struct ServerCertificateReport: Codable, Sendable {
    public var previousHostnames: [String]
    public var hostnames: [String]
    public var notAfter: Date
    public var caFingerprint: String
}

/// First-start work: data directory, CA and server certificate, database schema, first manager.
/// Every step is skipped when already done, so running it again changes nothing.
public enum ServerSetup {
    public static let firstManagerEmail = "admin@parc.local"

    public static func initialise(_ configuration: ServerConfiguration, logger: Logger) async throws -> InitialisationReport {
        let directory = DataDirectory(configuration.dataDirectory)
        _ = try validatedHostnames(configuration.hostnames)
        var created = false
        let fileManager = FileManager.default
        if !fileManager.fileExists(atPath: directory.path) {
            try fileManager.createDirectory(atPath: directory.path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            created = true
        }
        if !directory.hasPKI {
            try fileManager.createDirectory(atPath: directory.pkiPath, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let authority = try CertificateAuthority.create()
            let (serverCertificate, serverKey) = try authority.issueServerCertificate(hostnames: try validatedHostnames(configuration.hostnames))
            try writeSecret(authority.privateKey.pemRepresentation, to: directory.caKeyPath)
            try writeSecret(serverKey.pemRepresentation, to: directory.serverKeyPath)
            try writeSecret(try serverCertificate.serializeAsPEM().pemString + "\n", to: directory.serverCertificatePath)
            // The CA certificate is public; written last, it marks the PKI as complete.
            try writeSecret(try authority.certificate.serializeAsPEM().pemString + "\n", to: directory.caCertificatePath, mode: 0o644)
            logger.info("created CA and server certificate", metadata: ["parc.hostnames": "\(configuration.hostnames.joined(separator: ","))"])
            created = true
        }
        var added: [String]?
        if configuration.hostnamesGiven, !created {
            let current = try ServerPKI(directory: directory).serverHostnames
            let missing = try validatedHostnames(configuration.hostnames).filter { name in !current.contains { $0.caseInsensitiveCompare(name) == .orderedSame }
            }
            if !missing.isEmpty {
                _ = try reissueServerCertificate(in: directory, hostnames: current + missing, logger: logger)
                added = missing
            }
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
            hostnames: pki.serverHostnames, addedHostnames: added)
    }

    /// Names for the server certificate: IP addresses, or DNS names (letters, digits, hyphens, dots;
    /// a leading `*.` for a wildcard), each at most 253 characters; duplicates dropped.
    public static func validatedHostnames(_ names: [String]) throws -> [String] {
        var result: [String] = []
        for name in names {
            let text = name.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { throw SetupError("--hostname must not be empty") }
            if IPAddressBytes.parse(text) == nil {
                let labels = (text.hasPrefix("*.") ? String(text.dropFirst(2)) : text).split(separator: ".", omittingEmptySubsequences: false)
                let valid =
                    text.count <= 253
                    && labels.allSatisfy { label in
                        (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                            && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                    }
                guard valid else { throw SetupError("--hostname \(text) is neither an IP address nor a DNS name (letters, digits, hyphens, dots)") }
            }
            if !result.contains(where: { $0.caseInsensitiveCompare(text) == .orderedSame }) { result.append(text) }
        }
        return result
    }

    /// A new server certificate (and key) for `hostnames`, signed by the existing CA: agents and
    /// parcctl, which pin the CA, keep trusting the server. A running server serves it once restarted.
    public static func reissueServerCertificate(in directory: DataDirectory, hostnames: [String], logger: Logger) throws -> ServerCertificateReport {
        guard directory.hasPKI else { throw SetupError("\(directory.path) holds no Parc CA: run 'parc-server init --data-dir \(directory.path)' first") }
        let names = try validatedHostnames(hostnames)
        guard !names.isEmpty else { throw SetupError("give at least one --hostname") }
        let pki = try ServerPKI(directory: directory)
        let (certificate, key) = try pki.authority.issueServerCertificate(hostnames: names)
        // Both written beside the old ones first, then renamed: never a key without its certificate for long.
        try writeSecret(key.pemRepresentation, to: directory.serverKeyPath + ".new")
        try writeSecret(try certificate.serializeAsPEM().pemString + "\n", to: directory.serverCertificatePath + ".new")
        guard rename(directory.serverKeyPath + ".new", directory.serverKeyPath) == 0,
            rename(directory.serverCertificatePath + ".new", directory.serverCertificatePath) == 0
        else { throw SetupError("cannot replace the server certificate in \(directory.pkiPath)") }
        logger.info(
            "reissued the server certificate",
            metadata: ["parc.hostnames": "\(names.joined(separator: ","))", "parc.previous_hostnames": "\(pki.serverHostnames.joined(separator: ","))"])
        return ServerCertificateReport(
            previousHostnames: pki.serverHostnames, hostnames: names, notAfter: certificate.notValidAfter, caFingerprint: pki.authority.fingerprint)
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
