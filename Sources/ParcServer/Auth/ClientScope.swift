/// Proof that a caller acts for exactly one client, and for nothing else.
///
/// Only the credential checks behind the authenticators make one: an agent's certificate
/// (`Store.authenticateAgent`, for `AgentAuthenticator`), and later a portal session or an intake
/// credential. `ClientScopeTests` fails when a scope is made anywhere else. Client-facing routes get
/// a `ClientStore` for the scope through their request context and never see the unscoped `Store`.
public struct ClientScope: Sendable, Hashable, CustomStringConvertible {
    public let clientID: Int64
    public let clientCode: String

    /// Internal, and called only where a credential was just verified (see the type's comment).
    init(verifiedClientID clientID: Int64, clientCode: String) {
        self.clientID = clientID
        self.clientCode = clientCode
    }

    public var description: String { "client \(clientCode)" }
}
