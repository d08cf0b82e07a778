import ParcProtocol

#if canImport(Glibc)
    import Glibc
#endif
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What an enrolled agent keeps in its state directory (default `/var/lib/parc-agent`), every file 0600:
/// `agent.key` (its P-256 key, never sent), `agent.pem` (its certificate), `ca.pem` (the pinned Parc CA)
/// and `agent.json` (identity and server).
public struct AgentState: Sendable {
    public struct Identity: Codable, Sendable, Equatable {
        public var agentID: String
        public var clientCode: String
        public var server: String
        public var enrolledAt: Date
    }

    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public var keyPath: String { directory + "/agent.key" }
    public var certificatePath: String { directory + "/agent.pem" }
    public var caPath: String { directory + "/ca.pem" }
    public var identityPath: String { directory + "/agent.json" }

    public var isEnrolled: Bool { FileManager.default.fileExists(atPath: identityPath) && FileManager.default.fileExists(atPath: keyPath) }

    public func identity() throws -> Identity {
        guard let data = FileManager.default.contents(atPath: identityPath) else {
            throw AgentError.notEnrolled(directory)
        }
        return try CanonicalJSON.decode(Identity.self, from: data)
    }

    public func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw AgentError.unreadable(path) }
        return String(decoding: data, as: UTF8.self)
    }

    public var lastReportPath: String { directory + "/last-report.json" }

    /// When the server last acknowledged a report, and what it took.
    public struct LastReport: Codable, Sendable, Equatable {
        public var time: Date
        public var sent: [InventorySection]
    }

    public func recordSuccess(_ time: Date, sent: [InventorySection]) throws {
        try Self.write(try CanonicalJSON.encode(LastReport(time: time, sent: sent)), to: lastReportPath)
    }

    public func lastReport() -> LastReport? {
        FileManager.default.contents(atPath: lastReportPath).flatMap { try? CanonicalJSON.decode(LastReport.self, from: $0) }
    }

    /// Writes the whole enrollment: every file through a temporary name and a rename, identity last,
    /// so a crash leaves either the old state or the new one.
    public func save(keyPEM: String, certificatePEM: String, caPEM: String, identity: Identity) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try Self.write(Data(keyPEM.utf8), to: keyPath)
        try Self.write(Data(certificatePEM.utf8), to: certificatePath)
        try Self.write(Data(caPEM.utf8), to: caPath)
        try Self.write(try CanonicalJSON.encode(identity, pretty: true), to: identityPath)
    }

    static func write(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw AgentError.unwritable(path, errno) }
        let written = data.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == data.count, synced == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw AgentError.unwritable(path, errno)
        }
    }
}

/// Everything the agent's commands can fail with, each saying what to do.
public enum AgentError: Error, CustomStringConvertible, Sendable {
    case notEnrolled(String)
    case alreadyEnrolled(String)
    case unreadable(String)
    case unwritable(String, Int32)
    case untrustedServer(String)
    case refused(status: Int, message: String)
    case unreachable(String)

    public var description: String {
        switch self {
        case .notEnrolled(let directory): "this machine is not enrolled (no identity in \(directory)); run 'parc-agent enroll' first"
        case .alreadyEnrolled(let directory): "already enrolled (state in \(directory)); pass --force to enroll again with a new identity"
        case .unreadable(let path): "cannot read \(path)"
        case .unwritable(let path, let code): "cannot write \(path) (errno \(code))"
        case .untrustedServer(let message): message
        case .refused(let status, let message): "the server refused (HTTP \(status)): \(message)"
        case .unreachable(let message): message
        }
    }
}
