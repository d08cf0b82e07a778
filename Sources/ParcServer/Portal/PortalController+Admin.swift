import Foundation
import HTTPTypes
import Hummingbird
import ParcDomain
import ParcProtocol

/// A client admin's pages: the client's portal accounts (invite, role, disable, new link) and
/// their own personal access tokens for the JSON API. Links and token secrets are shown once.
extension PortalController {
    func addAdminRoutes(to portal: RouterGroup<AppRequestContext>) {
        portal.get("users", use: signedIn { request, _, visit in try await Self.users(request, visit) })
        portal.post(
            "users",
            use: signedInForm(InviteForm.self) { request, _, visit, form in
                guard let role = PortalRole(rawValue: form.role) else {
                    throw APIError(.badRequest, code: "invalid_parameter", message: "choose a role", field: "role")
                }
                do {
                    let employee = try await visit.client.employee(visit.viewer, email: String(form.email.prefix(254)))
                    let link = try await visit.client.invitePortalUser(visit.viewer, NewPortalUser(employeeID: employee.id, role: role))
                    return try await Self.users(request, visit, link: link)
                } catch StoreError.invalidReference(_, let message) {
                    return try await Self.users(request, visit, problems: [message], status: .unprocessableContent)
                } catch StoreError.conflict(_, let message) {
                    return try await Self.users(request, visit, problems: [message], status: .conflict)
                }
            })
        portal.post(
            "users/{id}/role",
            use: signedInForm(RoleForm.self) { request, context, visit, form in
                guard let role = PortalRole(rawValue: form.role) else {
                    throw APIError(.badRequest, code: "invalid_parameter", message: "unknown role \(form.role.prefix(30))", field: "role")
                }
                _ = try await visit.client.updatePortalUser(visit.viewer, id: try context.parameters.id("id"), PortalUserUpdate(role: role))
                return Self.redirect("/portal/users")
            })
        for (action, disabled) in [("disable", true), ("enable", false)] {
            portal.post(
                "users/{id}/\(action)",
                use: signedInForm(CSRFForm.self) { _, context, visit, _ in
                    _ = try await visit.client.updatePortalUser(visit.viewer, id: try context.parameters.id("id"), PortalUserUpdate(disabled: disabled))
                    return Self.redirect("/portal/users")
                })
        }
        portal.post(
            "users/{id}/link",
            use: signedInForm(CSRFForm.self) { request, context, visit, _ in
                let link = try await visit.client.portalLink(visit.viewer, userID: try context.parameters.id("id"))
                return try await Self.users(request, visit, link: link)
            })
        portal.get("tokens", use: signedIn { request, _, visit in try await Self.tokens(request, visit, secret: nil) })
        portal.post(
            "tokens",
            use: signedInForm(TokenForm.self) { request, _, visit, form in
                do {
                    let made = try await visit.client.createPortalToken(visit.viewer, name: String(form.name.prefix(101)), days: Int(form.days.prefix(6)) ?? 0)
                    return try await Self.tokens(request, visit, secret: made.secret)
                } catch let error as ValidationError {
                    return try await Self.tokens(request, visit, secret: nil, problems: visit.text.problems(error), status: .unprocessableContent)
                }
            })
        portal.post(
            "tokens/{id}/revoke",
            use: signedInForm(CSRFForm.self) { _, context, visit, _ in
                try await visit.client.revokePortalToken(visit.viewer, id: try context.parameters.id("id"))
                return Self.redirect("/portal/tokens")
            })
    }

    struct InviteForm: Decodable, Sendable {
        var csrf: String
        var email: String
        var role: String
    }

    struct RoleForm: Decodable, Sendable {
        var csrf: String
        var role: String
    }

    struct TokenForm: Decodable, Sendable {
        var csrf: String
        var name: String
        var days: String
    }

    struct UserRow {
        var id: Int64
        var name: String
        var email: String
        var role: String
        var roles: [Choice]
        var status: String
        var lastLogin: String
        var isYou: Bool
        var disabled: Bool
        var toggle: String
        var toggleLabel: String
    }

    struct UsersContent {
        var csrf: String
        var link: String?
        var roles: [Choice]
        var users: [UserRow]
    }

    static func roleChoices(_ text: PortalText, selected: PortalRole) -> [Choice] {
        PortalRole.allCases.map { Choice(value: $0.rawValue, label: text["role." + $0.rawValue], selected: $0 == selected) }
    }

    static func users(
        _ request: Request, _ visit: Visit, link: PortalLink? = nil, problems: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let text = visit.text
        let users = try await visit.client.portalUsers(visit.viewer)
        let host = request.head.authority ?? "SERVER"
        let content = UsersContent(
            csrf: visit.session.csrfToken,
            link: link.map {
                ($0.emailedTo == nil ? "" : text.format(text["users.linkMailed"], $0.user.email) + " ")
                    + text.format(text["users.linkFor"], $0.user.email, stamp($0.expiresAt)) + " https://\(host)\($0.path)"
            },
            roles: roleChoices(text, selected: .member),
            users: users.map { user in
                UserRow(
                    id: user.id, name: user.employeeName, email: user.email, role: text["role." + user.role.rawValue],
                    roles: roleChoices(text, selected: user.role),
                    status: text["userStatus." + user.status.rawValue], lastLogin: text.moment(user.lastLoginAt, zone: visit.zone),
                    isYou: user.id == visit.user.id, disabled: user.status == .disabled, toggle: user.status == .disabled ? "enable" : "disable",
                    toggleLabel: text[user.status == .disabled ? "users.enable" : "users.disable"])
            })
        return page("users", visit, title: text["users.title"], current: .users, status: status, problems: problems, content: content, request: request)
    }

    struct TokenRow {
        var id: Int64
        var name: String
        var created: String
        var expires: String
        var lastUsed: String
        var csrf: String
    }

    struct TokensContent {
        var csrf: String
        var secret: String?
        var rows: [TokenRow]
        var hasRows: Bool
    }

    static func tokens(
        _ request: Request, _ visit: Visit, secret: String?, problems: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let text = visit.text
        let tokens = try await visit.client.portalTokens(visit.viewer)
        let rows = tokens.map {
            TokenRow(
                id: $0.id, name: $0.name, created: text.moment($0.createdAt, zone: visit.zone), expires: text.moment($0.expiresAt, zone: visit.zone),
                lastUsed: text.moment($0.lastUsedAt, zone: visit.zone), csrf: visit.session.csrfToken)
        }
        let content = TokensContent(csrf: visit.session.csrfToken, secret: secret, rows: rows, hasRows: !rows.isEmpty)
        return page("tokens", visit, title: text["tokens.title"], current: nil, status: status, problems: problems, content: content, request: request)
    }
}
