import ParcProtocol

/// What a staff request does, for deciding whether the caller's role may do it.
///
/// The table follows PRODUCT.md: managers do everything; technicians work on interventions and
/// on the people and places they meet there (employees, sites); billing looks after clients'
/// billing identities. Everyone on staff can read the client directory and the agent list;
/// technicians deploy agents (enrollment tokens) and can revoke them. Everyone reads the asset registry;
/// managers and technicians register, update and assign assets; licences (keys, prices) are the
/// managers'. Everyone reads tickets, contracts and the SLA settings; managers and technicians
/// work tickets and keep maintenance plans; contracts are the managers' and billing's; the SLA
/// calendar and defaults are the managers'. Everyone reads and acknowledges alerts; their rules are the
/// managers'. Invoices (runs, amounts, issuing) are the managers' and
/// billing's: technicians never see amounts.
public enum StaffAction: String, Sendable, CaseIterable {
    case readDirectory
    case createClient
    case updateClient
    case activateClient
    case manageEmployees
    case manageSites
    case readStaff
    case manageStaff
    case manageOwnTokens
    case manageOthersTokens
    case readAgents
    case manageAgents
    case readAssets
    case manageAssets
    case manageLicences
    case readTickets
    case workTickets
    case manageMaintenance
    case manageContracts
    case manageSettings
    case billing
    /// Clients' portal accounts: who may see a client's invoices is a manager's call.
    case managePortalUsers
    /// Reading and acknowledging alerts: whoever is on duty; their rules are settings.
    case workAlerts

    public var allowedRoles: Set<StaffRole> {
        switch self {
        case .readDirectory, .manageOwnTokens, .readAgents, .readAssets, .readTickets, .workAlerts: [.manager, .technician, .billing]
        case .createClient, .activateClient, .readStaff, .manageStaff, .manageOthersTokens, .manageLicences, .manageSettings,
            .managePortalUsers:
            [.manager]
        case .updateClient, .manageContracts, .billing: [.manager, .billing]
        case .manageEmployees, .manageSites, .manageAgents, .manageAssets, .workTickets, .manageMaintenance: [.manager, .technician]
        }
    }

    public func isAllowed(for role: StaffRole) -> Bool { allowedRoles.contains(role) }
}
