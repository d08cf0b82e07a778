import Foundation
import ParcDomain
import ParcProtocol
import SQLKit

extension Store {
    static let enrollmentTokenColumns = """
        e.id, c.code AS client_code, e.label, e.prefix, e.max_uses, e.uses, e.expires_at, e.created_at, e.revoked_at
        """

    static func enrollmentToken(_ row: any SQLRow) throws -> EnrollmentToken {
        EnrollmentToken(
            id: try row.decode(column: "id", as: Int64.self),
            clientCode: try row.decode(column: "client_code", as: String.self),
            label: try row.decode(column: "label", as: String?.self),
            prefix: try row.decode(column: "prefix", as: String.self),
            maxUses: Int(try row.decode(column: "max_uses", as: Int64.self)),
            uses: Int(try row.decode(column: "uses", as: Int64.self)),
            expiresAt: try row.date("expires_at"),
            createdAt: try row.date("created_at"),
            revokedAt: try row.optionalDate("revoked_at"))
    }

    /// Creates a token for one client; the secret is returned once and stored as a SHA-256 hash.
    public func createEnrollmentToken(
        clientCode: String, maxUses: Int, expiresInHours: Int, label: String?, createdBy: Int64, now: Date = Date()
    ) async throws -> CreatedEnrollmentToken {
        try await database.transaction { db in
            let client = try await Self.client(code: clientCode, db: db)
            guard client.active else { throw StoreError.conflict(field: "client", message: "client \(client.code) is deactivated") }
            let secret = EnrollmentTokenSecret.generate()
            let row = try await db.raw(
                """
                INSERT INTO enrollment_tokens (client_id, created_by, label, secret_hash, prefix, max_uses, uses, expires_at, created_at)
                VALUES (\(bind: client.id), \(bind: createdBy), \(bind: label), \(bind: EnrollmentTokenSecret.hash(secret)),
                    \(bind: EnrollmentTokenSecret.displayPrefix(secret)), \(bind: Int64(maxUses)), \(bind: Int64(0)),
                    \(bind: Timestamp.string(now.addingTimeInterval(TimeInterval(expiresInHours) * 3600))), \(bind: Timestamp.string(now)))
                RETURNING id
                """
            ).first()
            let id = try row.require().decode(column: "id", as: Int64.self)
            return CreatedEnrollmentToken(token: try await Self.enrollmentToken(id: id, db: db), secret: secret)
        }
    }

    static func enrollmentToken(id: Int64, db: any SQLDatabase) async throws -> EnrollmentToken {
        let row = try await db.raw(
            "SELECT \(unsafeRaw: enrollmentTokenColumns) FROM enrollment_tokens e JOIN clients c ON c.id = e.client_id WHERE e.id = \(bind: id)"
        ).first()
        guard let row else { throw StoreError.notFound(entity: "enrollment token", key: String(id)) }
        return try enrollmentToken(row)
    }

    /// Tokens, newest first; of one client when `clientCode` is given.
    public func listEnrollmentTokens(clientCode: String?, _ query: ListQuery = ListQuery()) async throws -> Page<EnrollmentToken> {
        try await database.withConnection { db in
            var filter: SQLQueryString = ""
            if let clientCode {
                let client = try await Self.client(code: clientCode, db: db)
                filter = "WHERE e.client_id = \(bind: client.id)"
            }
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM enrollment_tokens e \(filter)")
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.enrollmentTokenColumns) FROM enrollment_tokens e JOIN clients c ON c.id = e.client_id \(filter)
                ORDER BY e.id DESC LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
                """
            ).all()
            return Page(items: try rows.map(Self.enrollmentToken), total: total, limit: query.limit, offset: query.offset)
        }
    }

    public func revokeEnrollmentToken(id: Int64, now: Date = Date()) async throws -> EnrollmentToken {
        try await database.transaction { db in
            try await db.raw("UPDATE enrollment_tokens SET revoked_at = \(bind: Timestamp.string(now)) WHERE id = \(bind: id) AND revoked_at IS NULL").run()
            return try await Self.enrollmentToken(id: id, db: db)
        }
    }

    /// Why an enrollment was refused; every case is answered 403 without saying which, to the agent.
    public enum EnrollmentRefusal: Error, Equatable, Sendable {
        case unknownToken, revoked, expired, usedUp, clientInactive
    }

    /// Consumes one use of the token and records the new agent, in one transaction: two agents
    /// racing for the last use cannot both get it (the conditional UPDATE decides).
    /// `issue` signs the certificate once the agent id is known; it runs inside the transaction, so a
    /// signing failure leaves the token unused.
    public func enroll(
        secret: String, hostname: String, agentVersion: String, now: Date = Date(),
        issue: @Sendable (_ agentID: String, _ clientCode: String) throws -> (certificatePEM: String, serial: String, expiresAt: Date)
    ) async throws -> (agent: AgentRecord, certificatePEM: String) {
        let hash = EnrollmentTokenSecret.hash(secret)
        return try await database.transaction { db in
            let row = try await db.raw(
                """
                SELECT e.id, e.client_id, e.max_uses, e.uses, e.expires_at, e.revoked_at, c.code, c.active
                FROM enrollment_tokens e JOIN clients c ON c.id = e.client_id WHERE e.secret_hash = \(bind: hash)
                """
            ).first()
            guard let row else { throw EnrollmentRefusal.unknownToken }
            let tokenID = try row.decode(column: "id", as: Int64.self)
            if try row.decode(column: "revoked_at", as: String?.self) != nil { throw EnrollmentRefusal.revoked }
            if try row.date("expires_at") <= now { throw EnrollmentRefusal.expired }
            guard try row.decode(column: "active", as: Bool.self) else { throw EnrollmentRefusal.clientInactive }
            let consumed = try await db.raw(
                "UPDATE enrollment_tokens SET uses = uses + 1 WHERE id = \(bind: tokenID) AND uses < max_uses RETURNING uses"
            ).first()
            guard consumed != nil else { throw EnrollmentRefusal.usedUp }

            let agentID = UUID().uuidString.lowercased()
            let clientCode = try row.decode(column: "code", as: String.self)
            let certificate = try issue(agentID, clientCode)
            try await db.raw(
                """
                INSERT INTO agents (id, client_id, enrollment_token_id, hostname, agent_version, certificate_serial, certificate_expires_at, enrolled_at)
                VALUES (\(bind: agentID), \(bind: try row.decode(column: "client_id", as: Int64.self)), \(bind: tokenID), \(bind: hostname),
                    \(bind: agentVersion), \(bind: certificate.serial), \(bind: Timestamp.string(certificate.expiresAt)), \(bind: Timestamp.string(now)))
                """
            ).run()
            return (try await Self.agent(id: agentID, db: db), certificate.certificatePEM)
        }
    }

    static let agentColumns =
        "a.id, c.code AS client_code, a.hostname, a.agent_version, a.enrolled_at, a.last_seen_at, a.certificate_expires_at, a.revoked_at, a.kind, a.last_report_scope"

    static func agent(_ row: any SQLRow) throws -> AgentRecord {
        AgentRecord(
            id: try row.decode(column: "id", as: String.self),
            clientCode: try row.decode(column: "client_code", as: String.self),
            hostname: try row.decode(column: "hostname", as: String.self),
            agentVersion: try row.decode(column: "agent_version", as: String.self),
            enrolledAt: try row.date("enrolled_at"),
            lastSeenAt: try row.optionalDate("last_seen_at"),
            certificateExpiresAt: try row.optionalDate("certificate_expires_at"),
            revokedAt: try row.optionalDate("revoked_at"), kind: try row.decode(column: "kind", as: String.self),
            lastReportScope: try row.decode(column: "last_report_scope", as: String?.self))
    }

    static func agent(id: String, db: any SQLDatabase) async throws -> AgentRecord {
        let row = try await db.raw("SELECT \(unsafeRaw: agentColumns) FROM agents a JOIN clients c ON c.id = a.client_id WHERE a.id = \(bind: id)").first()
        guard let row else { throw StoreError.notFound(entity: "agent", key: id) }
        return try agent(row)
    }

    public func agent(id: String) async throws -> AgentRecord {
        try await database.withConnection { db in try await Self.agent(id: id, db: db) }
    }

    public func listAgents(clientCode: String?, _ query: ListQuery) async throws -> Page<AgentRecord> {
        try await database.withConnection { db in
            var conditions: [SQLQueryString] = []
            if let clientCode {
                let client = try await Self.client(code: clientCode, db: db)
                conditions.append("a.client_id = \(bind: client.id)")
            }
            if let search = query.search, !search.isEmpty {
                conditions.append("LOWER(a.hostname) LIKE \(bind: Self.likePattern(search)) ESCAPE '\\'")
            }
            if let active = query.active { conditions.append(active ? "a.revoked_at IS NULL" : "a.revoked_at IS NOT NULL") }
            let whereClause = Self.whereClause(conditions)
            let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM agents a \(whereClause)")
            let rows = try await db.raw(
                """
                SELECT \(unsafeRaw: Self.agentColumns) FROM agents a JOIN clients c ON c.id = a.client_id \(whereClause)
                ORDER BY c.code, a.hostname, a.id LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
                """
            ).all()
            return Page(items: try rows.map(Self.agent), total: total, limit: query.limit, offset: query.offset)
        }
    }

    /// Blocks an agent at once: every agent request checks this, not only the TLS handshake.
    public func revokeAgent(id: String, now: Date = Date()) async throws -> AgentRecord {
        try await database.transaction { db in
            try await db.raw("UPDATE agents SET revoked_at = \(bind: Timestamp.string(now)) WHERE id = \(bind: id) AND revoked_at IS NULL").run()
            return try await Self.agent(id: id, db: db)
        }
    }
}

/// Enrollment token secrets: `penr_` + 43 base64url characters (256 random bits), stored hashed.
public enum EnrollmentTokenSecret {
    public static let scheme = "penr_"

    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return scheme + Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64URLEncoded()
    }

    public static func hash(_ secret: String) -> String { StaffTokenSecret.hash(secret) }

    public static func displayPrefix(_ secret: String) -> String { String(secret.prefix(scheme.count + 6)) }
}
