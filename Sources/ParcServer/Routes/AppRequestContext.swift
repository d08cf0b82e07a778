import Hummingbird
import Logging
import NIOCore
import ParcDomain
import ParcProtocol

/// The per-request context: Hummingbird's core storage plus who the caller is.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The connection the request came on; agent routes read the client certificate from it.
    public let channel: any Channel
    /// Set by `StaffAuthenticator` on staff API routes.
    public var staff: AuthenticatedStaff?
    /// Set by `AgentAuthenticator` on agent routes.
    public var agent: AuthenticatedAgent?
    /// The store narrowed to the caller's client: set by the authenticators of client-facing routes
    /// (agents today), the only store those routes reach.
    public var clientStore: ClientStore?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// Largest request body any route accepts; routes may set a lower limit.
    public var maxUploadSize: Int { 1 << 20 }

    /// The client-scoped store of an authenticated client-side caller; 401 otherwise.
    public func requireClientStore() throws -> ClientStore {
        guard let clientStore else { throw APIError.unauthorized }
        return clientStore
    }

    /// The authenticated staff user, if their role may do `action`; throws 401 or 403 otherwise.
    public func requireStaff(_ action: StaffAction) throws -> AuthenticatedStaff {
        guard let staff else { throw APIError.unauthorized }
        guard action.isAllowed(for: staff.user.role) else {
            throw APIError(
                .forbidden, code: "forbidden",
                message: "the \(staff.user.role.rawValue) role may not \(action.phrase)")
        }
        return staff
    }
}

extension StaffAction {
    /// Completes "the ROLE role may not ...".
    var phrase: String {
        switch self {
        case .readDirectory: "read the client directory"
        case .createClient: "create clients"
        case .updateClient: "update clients"
        case .activateClient: "activate or deactivate clients"
        case .manageEmployees: "manage employees"
        case .manageSites: "manage sites"
        case .readStaff: "list staff users"
        case .manageStaff: "manage staff users"
        case .manageOwnTokens: "manage API tokens"
        case .manageOthersTokens: "manage other staff users' tokens"
        case .readAgents: "list agents"
        case .manageAgents: "enroll or revoke agents"
        case .readAssets: "read the asset registry"
        case .manageAssets: "register, update or assign assets"
        case .manageLicences: "create or change licences"
        case .readTickets: "read tickets"
        case .workTickets: "open or work tickets"
        case .manageMaintenance: "manage maintenance plans"
        case .manageContracts: "create or change contracts"
        case .manageSettings: "change the provider's settings (SLA calendar and defaults, identity, alert rules, webhooks, mail relay)"
        case .billing: "see or make invoices"
        case .managePortalUsers: "invite or manage clients' portal users"
        case .workAlerts: "read or acknowledge alerts"
        }
    }
}
