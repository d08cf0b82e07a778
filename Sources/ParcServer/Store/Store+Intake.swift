import Crypto
import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

/// An intake credential just verified: the client whatever the agent sends files into.
public struct IntakeIdentity: Sendable, Equatable {
    public let credentialID: Int64
    public let scope: ClientScope
}

/// What an intake request presents: Basic user and password, a bearer token from `api.php/token`,
/// or a client certificate the TLS layer verified against Parc's CA (its serial).
public enum PresentedIntakeCredential: Sendable {
    case basic(login: String, secret: String)
    case bearer(token: String)
    case certificate(serial: String)
}

/// A certificate made for a new certificate credential: the PEM (certificate and key) handed out once.
public struct IssuedIntakeCertificate: Sendable {
    public let pem: String
    public let serial: String
    public let expiresAt: Date

    public init(pem: String, serial: String, expiresAt: Date) {
        self.pem = pem
        self.serial = serial
        self.expiresAt = expiresAt
    }
}

/// A request's credential verified, with the agent it speaks for when that agent is known already.
public struct IntakeAuthentication: Sendable {
    public let identity: IntakeIdentity
    /// Nil on the agent's first contact (or when the request names no agent).
    public let agent: AuthenticatedAgent?
    public let agentRevoked: Bool
}

/// Credentials for agents Parc did not enroll, and the OAuth tokens made from them.
extension Store {
    /// Lifetime of an OAuth access token (the issue's bound: at most an hour).
    public static let intakeTokenSeconds = 3600

    /// A new credential of `kind` for the client. For a certificate, `issueCertificate` makes it from the
    /// login (the store holds no key of the CA) and its PEM is the secret answered; the other kinds get a
    /// random secret, of which only the hash is kept.
    public func createIntakeCredential(
        clientCode: String, kind: IntakeCredential.Kind, label: String?, createdBy: Int64, now: Date = Date(),
        issueCertificate: @Sendable (_ login: String, _ clientCode: String) throws -> IssuedIntakeCertificate = { _, _ in
            throw StoreError.conflict(field: "kind", message: "this server cannot issue certificates here")
        }
    ) async throws -> (credential: IntakeCredential, secret: String) {
        try await database.transaction { db in
            let client = try await Self.client(code: clientCode, db: db)
            guard client.active else { throw StoreError.conflict(field: "clientCode", message: "client \(client.code) is deactivated") }
            // The login names the client for the people reading logs; the random part makes it unguessable.
            let login = "\(client.code.lowercased())-\(IntakeSecret.random(bytes: 6))"
            let secret: String
            var (secretHash, serial, expires): (String?, String?, String?) = (nil, nil, nil)
            if kind == .certificate {
                let issued = try issueCertificate(login, client.code)
                (secret, serial, expires) = (issued.pem, issued.serial, Timestamp.string(issued.expiresAt))
            } else {
                secret = IntakeSecret.random(bytes: 32)
                secretHash = IntakeSecret.hash(secret)
            }
            let row = try await db.raw(
                """
                INSERT INTO intake_credentials (client_id, kind, label, login, secret_hash, certificate_serial, certificate_expires_at, created_by, created_at)
                VALUES (\(bind: client.id), \(bind: kind.rawValue), \(bind: label), \(bind: login), \(bind: secretHash), \(bind: serial), \(bind: expires),
                    \(bind: createdBy), \(bind: Timestamp.string(now)))
                RETURNING id
                """
            ).first()
            let id = try row.require().decode(column: "id", as: Int64.self)
            return (try await Self.intakeCredential(id: id, db: db), secret)
        }
    }

    static let intakeCredentialColumns =
        "i.id, c.code AS client_code, i.kind, i.label, i.login, i.created_at, i.last_used_at, i.revoked_at, i.certificate_expires_at"

    static func intakeCredential(_ row: any SQLRow) throws -> IntakeCredential {
        let kind = try row.decode(column: "kind", as: String.self)
        return IntakeCredential(
            id: try row.decode(column: "id", as: Int64.self), clientCode: try row.decode(column: "client_code", as: String.self),
            kind: IntakeCredential.Kind(rawValue: kind) ?? .basic, label: try row.decode(column: "label", as: String?.self),
            login: try row.decode(column: "login", as: String?.self) ?? "", createdAt: try row.date("created_at"),
            lastUsedAt: try row.optionalDate("last_used_at"), revokedAt: try row.optionalDate("revoked_at"),
            certificateExpiresAt: try row.optionalDate("certificate_expires_at"))
    }

    static func intakeCredential(id: Int64, db: any SQLDatabase) async throws -> IntakeCredential {
        let row = try await db.raw(
            "SELECT \(unsafeRaw: intakeCredentialColumns) FROM intake_credentials i JOIN clients c ON c.id = i.client_id WHERE i.id = \(bind: id)"
        ).first()
        guard let row else { throw StoreError.notFound(entity: "intake credential", key: String(id)) }
        return try intakeCredential(row)
    }

    /// Newest first; of one client when `clientCode` is given; revoked ones only when `query.active` is nil or false.
    public func listIntakeCredentials(clientCode: String?, _ query: ListQuery = ListQuery()) async throws -> Page<IntakeCredential> {
        try await database.withConnection { db in
            var conditions: [SQLQueryString] = []
            if let clientCode { conditions.append("i.client_id = \(bind: try await Self.client(code: clientCode, db: db).id)") }
            if let active = query.active { conditions.append(active ? "i.revoked_at IS NULL" : "i.revoked_at IS NOT NULL") }
            let filter = Self.whereClause(conditions)
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM intake_credentials i \(filter)")
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.intakeCredentialColumns) FROM intake_credentials i JOIN clients c ON c.id = i.client_id \(filter)
                ORDER BY i.id DESC LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
                """
            ).all()
            return Page(items: try rows.map(Self.intakeCredential), total: total, limit: query.limit, offset: query.offset)
        }
    }

    /// Revokes the credential and the tokens made from it: its agents are refused from the next request.
    public func revokeIntakeCredential(id: Int64, now: Date = Date()) async throws -> IntakeCredential {
        try await database.transaction { db in
            try await db.raw("UPDATE intake_credentials SET revoked_at = \(bind: Timestamp.string(now)) WHERE id = \(bind: id) AND revoked_at IS NULL")
                .run()
            try await db.raw("DELETE FROM intake_tokens WHERE credential_id = \(bind: id)").run()
            return try await Self.intakeCredential(id: id, db: db)
        }
    }

    /// The credential of `kind` with this login and secret, not revoked, of an active client; nil otherwise
    /// (the caller answers the same 401 whichever part was wrong).
    public func verifyIntakeCredential(kind: IntakeCredential.Kind, login: String, secret: String, now: Date = Date()) async throws -> IntakeIdentity? {
        guard login.utf8.count <= 128, secret.utf8.count <= 256 else { return nil }
        let found = try await database.withConnection { db -> (IntakeIdentity, String?)? in
            let row = try await db.raw(
                """
                SELECT i.id, i.secret_hash, i.last_used_at, c.id AS client_id, c.code FROM intake_credentials i JOIN clients c ON c.id = i.client_id
                WHERE i.login = \(bind: login) AND i.kind = \(bind: kind.rawValue) AND i.revoked_at IS NULL AND c.active = \(bind: true)
                """
            ).first()
            guard let row, let stored = try row.decode(column: "secret_hash", as: String?.self),
                IntakeSecret.equal(stored, IntakeSecret.hash(secret))
            else { return nil }
            return (
                try Self.intakeIdentity(credentialID: try row.decode(column: "id", as: Int64.self), row),
                try row.decode(column: "last_used_at", as: String?.self)
            )
        }
        guard let (identity, lastUsed) = found else { return nil }
        try await Self.touchIntakeCredential(id: identity.credentialID, lastUsed: lastUsed, now: now, database: database)
        return identity
    }

    /// The identity of a credential just verified; `row` has the client's `client_id` and `code`.
    private static func intakeIdentity(credentialID: Int64, _ row: any SQLRow) throws -> IntakeIdentity {
        let clientID = try row.decode(column: "client_id", as: Int64.self)
        return IntakeIdentity(
            credentialID: credentialID, scope: ClientScope(verifiedClientID: clientID, clientCode: try row.decode(column: "code", as: String.self)))
    }

    /// Verifies the credential and finds the agent `deviceKey` names within its client, in one query
    /// of one row: every request of a GLPI Agent costs one read, as a parc-agent's check-in does (on
    /// SQLite through the same prepared-statement path). Not its section hashes: a CONTACT needs none,
    /// and an inventory reads them in its write transaction. Nil when the credential is unknown,
    /// wrong, revoked or expired.
    public func authenticateIntake(_ presented: PresentedIntakeCredential, agentKind: String, deviceKey: String?, now: Date = Date()) async throws
        -> IntakeAuthentication?
    {
        let (named, key): (NamedParameters, String)
        switch presented {
        case .basic(let login, let secret):
            guard login.utf8.count <= 128, secret.utf8.count <= 256 else { return nil }
            (named, key) = (Self.intakeByLoginQuery, login)
        case .bearer(let token):
            guard token.utf8.count <= 256 else { return nil }
            (named, key) = (Self.intakeByTokenQuery, IntakeSecret.hash(token))
        case .certificate(let serial):
            guard serial.utf8.count <= 64 else { return nil }
            (named, key) = (Self.intakeByCertificateQuery, serial)
        }
        var values = ["KIND": agentKind, "DEVICE": deviceKey ?? "", "KEY": key]
        // Only tokens expire by the clock: the other lookups need no formatted time.
        if named.names.contains("NOW") { values["NOW"] = Timestamp.string(now) }
        var rows: [IntakeRow] = []
        if let direct = database.direct {
            try direct.read(named.sqlite, bindings: named.names.map { .text(values[$0]) }) { row in
                rows.append(
                    IntakeRow(
                        credentialID: row.int64(0), secretHash: row.text(1), lastUsedAt: row.text(2), clientID: row.int64(3), clientCode: row.text(4) ?? "",
                        agentID: row.text(5), hostname: row.text(6), agentVersion: row.text(7), lastSeenAt: row.text(8), revokedAt: row.text(9)))
            }
        } else {
            let query = named.query(values)
            for row in try await database.withConnection({ db in try await db.raw(query).all() }) {
                rows.append(
                    IntakeRow(
                        credentialID: try row.decode(column: "credential_id", as: Int64.self),
                        secretHash: try row.decode(column: "secret_hash", as: String?.self),
                        lastUsedAt: try row.decode(column: "last_used_at", as: String?.self), clientID: try row.decode(column: "client_id", as: Int64.self),
                        clientCode: try row.decode(column: "code", as: String.self), agentID: try row.decode(column: "agent_id", as: String?.self),
                        hostname: try row.decode(column: "hostname", as: String?.self), agentVersion: try row.decode(column: "agent_version", as: String?.self),
                        lastSeenAt: try row.decode(column: "last_seen_at", as: String?.self), revokedAt: try row.decode(column: "revoked_at", as: String?.self))
                )
            }
        }
        guard let first = rows.first else { return nil }
        if case .basic(_, let secret) = presented {
            guard let stored = first.secretHash, IntakeSecret.equal(stored, IntakeSecret.hash(secret)) else { return nil }
        }
        try await Self.touchIntakeCredential(id: first.credentialID, lastUsed: first.lastUsedAt, now: now, database: database)
        let identity = IntakeIdentity(
            credentialID: first.credentialID, scope: ClientScope(verifiedClientID: first.clientID, clientCode: first.clientCode))
        guard let agentID = first.agentID else { return IntakeAuthentication(identity: identity, agent: nil, agentRevoked: false) }
        let agent = AuthenticatedAgent(
            id: agentID, scope: identity.scope, hostname: first.hostname ?? "", agentVersion: first.agentVersion ?? "",
            lastSeenAt: first.lastSeenAt.flatMap(Timestamp.date), sectionHashes: [:])
        return IntakeAuthentication(identity: identity, agent: agent, agentRevoked: first.revokedAt != nil)
    }

    /// One row of the intake lookup, whichever database read it.
    private struct IntakeRow {
        var credentialID: Int64
        var secretHash: String?
        var lastUsedAt: String?
        var clientID: Int64
        var clientCode: String
        var agentID: String?
        var hostname: String?
        var agentVersion: String?
        var lastSeenAt: String?
        var revokedAt: String?
    }

    /// The lookup's columns, in the order the SQLite path reads them.
    static let intakeColumns = """
        SELECT i.id AS credential_id, i.secret_hash, i.last_used_at, c.id AS client_id, c.code,
            a.id AS agent_id, a.hostname, a.agent_version, a.last_seen_at, a.revoked_at
        """
    /// `$KIND`, `$DEVICE`, `$KEY` and `$NOW` are bound values (`NamedParameters`).
    static let intakeAgentJoin = """
        LEFT JOIN agents a ON a.client_id = c.id AND a.kind = $KIND AND a.device_key = $DEVICE
        """
    static let intakeByLogin = """
         FROM intake_credentials i JOIN clients c ON c.id = i.client_id \(intakeAgentJoin)
        WHERE i.login = $KEY AND i.kind = 'basic' AND i.revoked_at IS NULL AND c.active
        """
    static let intakeByToken = """
         FROM intake_tokens t JOIN intake_credentials i ON i.id = t.credential_id JOIN clients c ON c.id = i.client_id \(intakeAgentJoin)
        WHERE t.token_hash = $KEY AND t.expires_at > $NOW AND i.revoked_at IS NULL AND c.active
        """

    /// The TLS layer checked the chain and the dates; the serial says which credential it is.
    static let intakeByCertificate = """
         FROM intake_credentials i JOIN clients c ON c.id = i.client_id \(intakeAgentJoin)
        WHERE i.certificate_serial = $KEY AND i.kind = 'certificate' AND i.revoked_at IS NULL AND c.active
        """

    /// Parsed once: the lookup runs on every request of every intake agent.
    static let intakeByLoginQuery = NamedParameters(intakeColumns + intakeByLogin)
    static let intakeByTokenQuery = NamedParameters(intakeColumns + intakeByToken)
    static let intakeByCertificateQuery = NamedParameters(intakeColumns + intakeByCertificate)

    /// `last_used_at` at most once a minute: a busy credential would otherwise write on every request.
    static func touchIntakeCredential(id: Int64, lastUsed: String?, now: Date, database: Database) async throws {
        if let lastUsed, let date = Timestamp.date(lastUsed), now.timeIntervalSince(date) < 60 { return }
        try await database.transaction { db in
            try await db.raw("UPDATE intake_credentials SET last_used_at = \(bind: Timestamp.string(now)) WHERE id = \(bind: id)").run()
        }
    }

    /// An access token for an OAuth credential just verified; expired tokens are swept on the way.
    public func issueIntakeToken(for identity: IntakeIdentity, now: Date = Date()) async throws -> (token: String, expiresIn: Int) {
        let token = IntakeSecret.random(bytes: 32)
        try await database.transaction { db in
            try await db.raw("DELETE FROM intake_tokens WHERE expires_at < \(bind: Timestamp.string(now))").run()
            try await db.raw(
                """
                INSERT INTO intake_tokens (token_hash, credential_id, expires_at)
                VALUES (\(bind: IntakeSecret.hash(token)), \(bind: identity.credentialID),
                    \(bind: Timestamp.string(now.addingTimeInterval(TimeInterval(Self.intakeTokenSeconds)))))
                """
            ).run()
        }
        return (token, Self.intakeTokenSeconds)
    }
}

/// Random secrets of intake credentials and tokens, stored as SHA-256: they carry 256 bits, so a
/// slow hash would add nothing but time on every agent request.
enum IntakeSecret {
    static func random(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64URLEncoded()
    }

    static func hash(_ secret: String) -> String { Hex.encode(Array(SHA256.hash(data: Data(secret.utf8)))) }

    /// Compares in time that does not depend on where the texts differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

/// SQL text with `$NAME` parameters, for a statement that runs both through SQLite's prepared-statement
/// path (`?` in order, each through a CAST: see `agentBySerialSQLite`) and through SQLKit.
struct NamedParameters: Sendable {
    let parts: [(text: String, name: String?)]
    /// The names in order of appearance, and the text SQLite prepares: both made once.
    let names: [String]
    let sqlite: String

    init(_ text: String) {
        var parts: [(String, String?)] = []
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            let nameStart = rest.index(after: dollar)
            let nameEnd = rest[nameStart...].firstIndex { !($0.isUppercase || $0 == "_") } ?? rest.endIndex
            parts.append((String(rest[..<dollar]), String(rest[nameStart..<nameEnd])))
            rest = rest[nameEnd...]
        }
        parts.append((String(rest), nil))
        self.parts = parts
        names = parts.compactMap(\.1)
        sqlite = parts.map { $0.0 + ($0.1 == nil ? "" : "CAST(? AS TEXT)") }.joined()
    }

    func query(_ values: [String: String]) -> SQLQueryString {
        var query: SQLQueryString = ""
        for part in parts {
            query = query + "\(unsafeRaw: part.text)"
            if let name = part.name { query = query + "\(bind: values[name] ?? "")" }
        }
        return query
    }
}
