#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A credential that binds agents Parc did not enroll (GLPI Agent, FusionInventory, OCS) to one
/// client: whatever such an agent sends, it files into this client, never by its `tag`.
public struct IntakeCredential: Codable, Sendable, Equatable {
    /// How the agent presents it.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// HTTP Basic: the agent's `user` and `password`, sent after the server's 401 challenge.
        case basic
        /// OAuth 2 client credentials: the agent's `oauth-client-id` and `oauth-client-secret`, for
        /// tokens of at most an hour.
        case oauth
        /// A client certificate issued by Parc's CA: the secret is one PEM file, certificate and
        /// private key, for the agent's `ssl-cert-file`.
        case certificate
    }

    public var id: Int64
    public var clientCode: String
    public var kind: Kind
    public var label: String?
    /// The Basic user name or OAuth client id: not secret, shown in lists.
    public var login: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?
    /// When a certificate credential's certificate ends; nil for the other kinds.
    public var certificateExpiresAt: Date?

    public init(
        id: Int64, clientCode: String, kind: Kind, label: String?, login: String, createdAt: Date, lastUsedAt: Date?, revokedAt: Date?,
        certificateExpiresAt: Date? = nil
    ) {
        self.id = id
        self.clientCode = clientCode
        self.kind = kind
        self.label = label
        self.login = login
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
        self.certificateExpiresAt = certificateExpiresAt
    }
}

/// `POST /api/v1/intake-credentials`.
public struct IntakeCredentialRequest: Codable, Sendable, Equatable {
    public var clientCode: String
    public var kind: IntakeCredential.Kind
    public var label: String?

    public init(clientCode: String, kind: IntakeCredential.Kind, label: String?) {
        self.clientCode = clientCode
        self.kind = kind
        self.label = label
    }
}

/// The answer to a creation: the secret is shown this once, only its hash is kept.
public struct CreatedIntakeCredential: Codable, Sendable, Equatable {
    public var credential: IntakeCredential
    public var secret: String

    public init(credential: IntakeCredential, secret: String) {
        self.credential = credential
        self.secret = secret
    }
}
