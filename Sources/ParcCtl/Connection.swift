import ArgumentParser
import Foundation
import ParcClient
import ParcProtocol

/// What `parcctl login` saves: the server, the token, and the CA file verified against the pin.
struct SavedLogin: Codable {
    var server: String
    var token: String
    var caFile: String
}

enum LoginFile {
    /// `$PARC_CONFIG`, else `$XDG_CONFIG_HOME/parc/parcctl.json`, else `~/.config/parc/parcctl.json`.
    static var path: String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["PARC_CONFIG"], !path.isEmpty { return path }
        let base =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (FileManager.default.homeDirectoryForCurrentUser.path + "/.config")
        return base + "/parc/parcctl.json"
    }

    static func load() -> SavedLogin? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(SavedLogin.self, from: data)
    }

    static func save(server: String, token: String, caPEM: String) throws -> String {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let caFile = directory + "/ca.pem"
        try write(Data(caPEM.utf8), to: caFile, mode: 0o644)
        let login = SavedLogin(server: server, token: token, caFile: caFile)
        try write(try CanonicalJSON.encode(login, pretty: true), to: path, mode: 0o600)
        return path
    }

    private static func write(_ data: Data, to path: String, mode: Int) throws {
        let temporary = path + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: mode]),
            rename(temporary, path) == 0
        else { throw CLIError("cannot write \(path)") }
    }
}

struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Server, token and trust, from flags, then environment, then the login file.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "Server URL, e.g. https://parc.example:8443. [env: PARC_SERVER]")
    var server: String?

    @Option(help: "Staff API token. [env: PARC_TOKEN]")
    var token: String?

    @Option(help: "The Parc CA: a PEM file, or its sha256: fingerprint. [env: PARC_CA]")
    var ca: String?

    func connect() async throws -> StaffClient {
        let environment = ProcessInfo.processInfo.environment
        let saved = LoginFile.load()
        guard let server = server ?? environment["PARC_SERVER"].nonEmpty ?? saved?.server else {
            throw CLIError("no server: pass --server, set PARC_SERVER, or run 'parcctl login' first")
        }
        guard let token = token ?? environment["PARC_TOKEN"].nonEmpty ?? saved?.token else {
            throw CLIError("no API token: pass --token, set PARC_TOKEN, or run 'parcctl login' first")
        }
        let trust: ServerTrust
        if let text = ca ?? environment["PARC_CA"].nonEmpty {
            trust = ServerTrust(parsing: text)
        } else if let saved, saved.server == server {
            trust = .caFile(saved.caFile)
        } else {
            throw CLIError("no CA to verify \(server) with: pass --ca FILE|sha256:HEX or set PARC_CA")
        }
        return try await StaffClient.connect(server: server, token: token, trust: trust)
    }

    /// Runs `body` with a connected client and always closes it.
    func with<R>(_ body: (StaffClient) async throws -> R) async throws -> R {
        let client = try await connect()
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }
}

extension Optional where Wrapped == String {
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}

struct Login: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a server, token and CA, then save them for later commands.",
        discussion: "The CA is fetched from the server and kept only if it matches --ca-fingerprint; or give --ca-file.")

    @Option(help: "Server URL, e.g. https://127.0.0.1:8443.")
    var server: String

    @Option(help: "Staff API token (parc-server init prints the first one).")
    var token: String

    @Option(help: "The CA's sha256: fingerprint, as parc-server init prints it.")
    var caFingerprint: String?

    @Option(help: "The CA certificate file, instead of a fingerprint.")
    var caFile: String?

    func validate() throws {
        if (caFingerprint == nil) == (caFile == nil) { throw ValidationError("give exactly one of --ca-fingerprint or --ca-file") }
    }

    func run() async throws {
        let pem: String
        if let caFingerprint {
            pem = try await CAPinning.fetchPinnedCA(server: server, fingerprint: caFingerprint)
        } else {
            guard let caFile, let text = try? String(contentsOfFile: caFile, encoding: .utf8) else {
                throw CLIError("cannot read the CA file \(caFile ?? "")")
            }
            pem = text
        }
        let client = try StaffClient(server: server, token: token, caPEM: pem)
        let identity: Identity
        do {
            identity = try await client.me()
            await client.shutdown()
        } catch {
            await client.shutdown()
            throw error
        }
        let path = try LoginFile.save(server: client.server, token: token, caPEM: pem)
        print("Logged in to \(client.server) as \(identity.staff.email) (\(identity.staff.role.rawValue)); saved to \(path)")
    }
}

struct WhoAmI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "whoami", abstract: "Show who the token belongs to.")

    @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let identity = try await connection.with { try await $0.me() }
        if json { return try printJSON(identity) }
        print("\(identity.staff.email) (\(identity.staff.name), \(identity.staff.role.rawValue)), token \(identity.tokenID)")
    }
}

struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server", abstract: "About the server parcctl talks to.", subcommands: [Info.self])

    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The server's URL, version and database, and the fingerprint of its CA (what agents and colleagues pin).")
        @OptionGroup(visibility: .hidden) var connection: ConnectionOptions
        @Flag(help: "Print JSON.") var json = false

        struct Info: Codable {
            var url: String
            var version: String
            var database: String
            var caFingerprint: String
        }

        func run() async throws {
            let info = try await connection.with { client in
                let health = try await client.health()
                return Info(url: client.server, version: health.version, database: health.database, caFingerprint: client.caFingerprint)
            }
            if json { return try printJSON(info) }
            print("Server:          \(info.url)")
            print("Version:         \(info.version)")
            print("Database:        \(info.database)")
            print("CA fingerprint:  \(info.caFingerprint)")
        }
    }
}
