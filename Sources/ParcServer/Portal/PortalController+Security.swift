import Foundation
import HTTPTypes
import Hummingbird
import ParcDomain
import ParcProtocol

/// The signed-in user's own security: setting up the second factor (an authenticator app's TOTP,
/// confirmed by a first code) and removing it (with a current code, where not required).
extension PortalController {
    func addSecurityRoutes(to portal: RouterGroup<AppRequestContext>) {
        portal.get("security", use: signedIn { request, _, visit in Self.security(request, visit, setup: nil) })
        portal.post(
            "security/setup",
            use: signedInForm(CSRFForm.self) { [store] request, _, visit, _ in
                let (secret, url) = try await store.startSecondFactor(userID: visit.user.id, issuer: try await store.providerIdentity().name)
                return Self.security(request, visit, setup: SetupContent(secret: Self.base32(secret), url: url))
            })
        portal.post(
            "security/confirm",
            use: signedInForm(CodeForm.self) { [store] request, _, visit, form in
                do {
                    try await store.confirmSecondFactor(userID: visit.user.id, code: String(form.code.prefix(20)))
                } catch let error as ValidationError {
                    return Self.security(request, visit, setup: nil, problems: visit.text.problems(error), status: .unprocessableContent)
                }
                return Self.redirect("/portal/security")
            })
        portal.post(
            "security/remove",
            use: signedInForm(CodeForm.self) { [store] request, _, visit, form in
                do {
                    try await store.removeSecondFactor(userID: visit.user.id, code: String(form.code.prefix(20)))
                } catch let error as ValidationError {
                    return Self.security(request, visit, setup: nil, problems: visit.text.problems(error), status: .unprocessableContent)
                }
                return Self.redirect("/portal/security")
            })
    }

    struct SetupContent {
        var secret: String
        var url: String
    }

    struct SecurityContent {
        var csrf: String
        var enabled: Bool
        var required: Bool
        var setup: SetupContent?
    }

    static func security(
        _ request: Request, _ visit: Visit, setup: SetupContent?, problems: [String] = [], status: HTTPResponse.Status = .ok
    ) -> Response {
        let text = visit.text
        let content = SecurityContent(
            csrf: visit.session.csrfToken, enabled: visit.user.secondFactor, required: visit.session.mustSetUpSecondFactor, setup: setup)
        return page(
            "security", visit, title: text["security.title"], current: nil, status: status,
            message: visit.session.mustSetUpSecondFactor && setup == nil ? text["security.required"] : nil, problems: problems, content: content,
            request: request)
    }

    /// RFC 4648 base32, unpadded, grouped by four: what authenticator apps ask to be typed.
    static func base32(_ secret: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bits = 0
        var value = 0
        var output = ""
        for byte in secret.utf8 {
            value = (value << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[(value >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[(value << (5 - bits)) & 31]) }
        return stride(from: 0, to: output.count, by: 4).map { start in
            String(output.dropFirst(start).prefix(4))
        }.joined(separator: " ")
    }
}
