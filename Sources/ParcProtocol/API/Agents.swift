#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Asks for an enrollment token for one client (`POST /api/v1/enrollment-tokens`).
public struct NewEnrollmentToken: Codable, Sendable, Equatable {
    public var client: String
    /// How many agents may enroll with it (default 1).
    public var uses: Int?
    /// Lifetime in hours (default 168, one week).
    public var expiresInHours: Int?
    public var label: String?

    public init(client: String, uses: Int? = nil, expiresInHours: Int? = nil, label: String? = nil) {
        self.client = client
        self.uses = uses
        self.expiresInHours = expiresInHours
        self.label = label
    }
}

/// An enrollment token's public record; the secret is shown once, in `CreatedEnrollmentToken`.
public struct EnrollmentToken: Codable, Sendable, Equatable {
    public var id: Int64
    public var clientCode: String
    public var label: String?
    public var prefix: String
    public var maxUses: Int
    public var uses: Int
    public var expiresAt: Date
    public var createdAt: Date
    public var revokedAt: Date?

    public init(
        id: Int64, clientCode: String, label: String?, prefix: String, maxUses: Int, uses: Int, expiresAt: Date, createdAt: Date,
        revokedAt: Date?
    ) {
        self.id = id
        self.clientCode = clientCode
        self.label = label
        self.prefix = prefix
        self.maxUses = maxUses
        self.uses = uses
        self.expiresAt = expiresAt
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

public struct CreatedEnrollmentToken: Codable, Sendable, Equatable {
    public var token: EnrollmentToken
    public var secret: String

    public init(token: EnrollmentToken, secret: String) {
        self.token = token
        self.secret = secret
    }
}

/// An enrolled agent as staff see it.
public struct AgentRecord: Codable, Sendable, Equatable {
    /// The agent's identity, also the common name of its certificate.
    public var id: String
    public var clientCode: String
    public var hostname: String
    public var agentVersion: String
    public var enrolledAt: Date
    public var lastSeenAt: Date?
    /// Absent for agents Parc did not enroll (GLPI Agent, FusionInventory, OCS): they have no certificate of their own.
    public var certificateExpiresAt: Date?
    public var revokedAt: Date?
    /// `parc` (parc-agent), `glpi` (GLPI Agent), `fusioninventory` or `ocs`.
    public var kind: String
    /// `full` or `partial`: what the last inventory of a GLPI-protocol agent was; absent for parc-agent.
    public var lastReportScope: String?

    public init(
        id: String, clientCode: String, hostname: String, agentVersion: String, enrolledAt: Date, lastSeenAt: Date?,
        certificateExpiresAt: Date?, revokedAt: Date?, kind: String = "parc", lastReportScope: String? = nil
    ) {
        self.kind = kind
        self.lastReportScope = lastReportScope
        self.id = id
        self.clientCode = clientCode
        self.hostname = hostname
        self.agentVersion = agentVersion
        self.enrolledAt = enrolledAt
        self.lastSeenAt = lastSeenAt
        self.certificateExpiresAt = certificateExpiresAt
        self.revokedAt = revokedAt
    }
}

/// What an agent sends to enroll (`POST /agent/v1/enroll`, no client certificate yet).
public struct EnrollmentRequest: Codable, Sendable, Equatable {
    public var token: String
    /// A PKCS#10 request for the agent's own P-256 key, PEM-encoded.
    public var csrPEM: String
    public var hostname: String
    public var agentVersion: String

    public init(token: String, csrPEM: String, hostname: String, agentVersion: String) {
        self.token = token
        self.csrPEM = csrPEM
        self.hostname = hostname
        self.agentVersion = agentVersion
    }
}

/// The server's answer: the agent's identity and its certificate signed by the Parc CA.
public struct EnrollmentResponse: Codable, Sendable, Equatable {
    public var agentID: String
    public var clientCode: String
    public var certificatePEM: String
    public var caPEM: String

    public init(agentID: String, clientCode: String, certificatePEM: String, caPEM: String) {
        self.agentID = agentID
        self.clientCode = clientCode
        self.certificatePEM = certificatePEM
        self.caPEM = caPEM
    }
}

/// One check-in or report as the server recorded it (`GET /api/v1/agents/{id}/reports`).
public struct AgentReport: Codable, Sendable, Equatable {
    public var id: Int64
    public var receivedAt: Date
    /// Sections received; empty for a check-in where nothing had changed.
    public var sections: [InventorySection]
    /// Size of the JSON received, and of the request body on the wire (compressed).
    public var bodyBytes: Int
    public var wireBytes: Int
    /// Fields of an intake inventory (GLPI Agent) that were dropped, each with why; absent when none.
    public var warnings: [String]?

    public init(id: Int64, receivedAt: Date, sections: [InventorySection], bodyBytes: Int, wireBytes: Int, warnings: [String]? = nil) {
        self.warnings = warnings
        self.id = id
        self.receivedAt = receivedAt
        self.sections = sections
        self.bodyBytes = bodyBytes
        self.wireBytes = wireBytes
    }
}

/// An enrolled agent asks for a new certificate before its current one expires (`POST /agent/v1/renew`, mTLS).
public struct RenewalRequest: Codable, Sendable, Equatable {
    /// A CSR for a new P-256 key.
    public var csrPEM: String

    public init(csrPEM: String) {
        self.csrPEM = csrPEM
    }
}
