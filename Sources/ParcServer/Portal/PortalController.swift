import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ParcDomain
import ParcProtocol

/// The client portal's pages (`/portal`): sign-in, choosing a password from an invitation or a
/// reset link, signing out, and the home page. Server-rendered HTML without script; every form
/// carries a CSRF token (bound to the session once signed in, to a `__Host-` cookie before);
/// sessions live server-side behind a `__Host-` cookie that is HttpOnly, Secure and SameSite=Lax.
struct PortalController {
    let store: Store

    static let sessionCookie = "__Host-parc-session"
    static let formCookie = "__Host-parc-form"
    static let languageCookie = "parc-lang"
    /// The largest form: a 20,000-character comment, each character percent-encoded UTF-8.
    static let formLimit = 256 * 1024

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/") { _, _ in Self.redirect("/portal") }
        let portal = router.group("portal").add(middleware: PortalHeaders())
        portal.get("style.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: PortalPages.stylesheet)))
        }
        addContentRoutes(to: portal)
        portal.get("login") { request, _ in
            if try await session(request) != nil { return Self.redirect("/portal") }
            return Self.loginPage(request, text: Self.text(request), status: .ok)
        }
        portal.post("login") { request, context in
            let text = Self.text(request)
            guard let form = try? await Self.form(LoginForm.self, request, context: context), Self.formCSRFMatches(form.csrf, request) else {
                return Self.loginPage(request, text: text, message: text.formExpired, status: .forbidden)
            }
            let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
            let email = String(form.email.trimmingCharacters(in: .whitespaces).prefix(254))
            switch try await store.portalLogin(email: email, password: String(form.password.prefix(200)), address: address) {
            case .signedIn(let session):
                context.logger.info("portal sign-in", metadata: ["parc.portal_user_id": "\(session.user.id)"])
                return Self.redirect("/portal", cookies: [Self.sessionCookie(session.id)])
            case .codeNeeded(let waiting):
                return Self.redirect("/portal/login/code", cookies: [Self.sessionCookie(waiting.id)])
            case .refused:
                return Self.loginPage(request, text: text, email: email, message: text.wrongCredentials, status: .unauthorized)
            case .locked(let until):
                return Self.loginPage(request, text: text, email: email, message: text.format(text.locked, Self.stamp(until)), status: .tooManyRequests)
            case .addressLimited(let until):
                return Self.loginPage(
                    request, text: text, email: email, message: text.format(text.tooManyAttempts, Self.stamp(until)), status: .tooManyRequests)
            }
        }
        portal.get("forgot") { request, _ in
            Self.forgotPage(request, text: Self.text(request), status: .ok)
        }
        portal.post("forgot") { request, context in
            let text = Self.text(request)
            guard let form = try? await Self.form(ForgotForm.self, request, context: context), Self.formCSRFMatches(form.csrf, request) else {
                return Self.forgotPage(request, text: text, message: text.formExpired, status: .forbidden)
            }
            let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
            let email = String(form.email.trimmingCharacters(in: .whitespaces).prefix(254))
            switch try await store.requestPortalReset(email: email, address: address) {
            case .handled:
                let page = PortalPage(
                    title: text.forgotTitle, text: text, session: nil, message: text.forgotSent,
                    content: Notice(link: "/portal/login", linkText: text.goToLogin))
                return Self.html(PortalPages.render("notice", page), status: .ok, request: request)
            case .unavailable:
                return Self.forgotPage(request, text: text, message: text.forgotUnavailable, status: .serviceUnavailable)
            case .addressLimited(let until):
                return Self.forgotPage(request, text: text, message: text.format(text.tooManyAttempts, Self.stamp(until)), status: .tooManyRequests)
            }
        }
        portal.get("login/code") { request, _ in
            guard let id = request.cookies[Self.sessionCookie]?.value, let waiting = try await store.sessionAwaitingCode(id: id) else {
                return Self.redirect("/portal/login")
            }
            return Self.codePage(request, csrf: waiting.csrfToken, text: Self.text(request), status: .ok)
        }
        portal.post("login/code") { request, context in
            let text = Self.text(request)
            guard let id = request.cookies[Self.sessionCookie]?.value, let waiting = try await store.sessionAwaitingCode(id: id) else {
                return Self.loginPage(request, text: text, message: text["code.expired"], status: .unauthorized)
            }
            guard let form = try? await Self.form(CodeForm.self, request, context: context), Self.same(form.csrf, waiting.csrfToken) else {
                return Self.codePage(request, csrf: waiting.csrfToken, text: text, message: text.formExpired, status: .forbidden)
            }
            switch try await store.completeSignIn(sessionID: id, code: String(form.code.prefix(20))) {
            case .signedIn(let session):
                context.logger.info("portal sign-in", metadata: ["parc.portal_user_id": "\(session.user.id)", "parc.second_factor": "totp"])
                return Self.redirect("/portal", cookies: [Self.sessionCookie(session.id)])
            case .locked(let until):
                return Self.loginPage(request, text: text, message: text.format(text.locked, Self.stamp(until)), status: .tooManyRequests)
            case .refused, .codeNeeded, .addressLimited:
                return Self.codePage(request, csrf: waiting.csrfToken, text: text, message: text["code.wrong"], status: .unauthorized)
            }
        }
        for purpose in ["invite", "reset"] {
            portal.get("\(purpose)/{token}") { request, context in
                Self.passwordPage(request, action: "/portal/\(purpose)/\(try context.parameters.string("token"))", text: Self.text(request), status: .ok)
            }
            portal.post("\(purpose)/{token}") { request, context in
                let token = try context.parameters.string("token")
                let action = "/portal/\(purpose)/\(token)"
                let text = Self.text(request)
                guard let form = try? await Self.form(PasswordForm.self, request, context: context), Self.formCSRFMatches(form.csrf, request) else {
                    return Self.passwordPage(request, action: action, text: text, message: text.formExpired, status: .forbidden)
                }
                guard form.password == form.confirmation else {
                    return Self.passwordPage(request, action: action, text: text, message: text.mismatch, status: .unprocessableContent)
                }
                do {
                    let session = try await store.usePortalLink(token: String(token.prefix(100)), password: String(form.password.prefix(200)))
                    context.logger.info("portal password set", metadata: ["parc.portal_user_id": "\(session.user.id)"])
                    return Self.redirect("/portal", cookies: [Self.sessionCookie(session.id)])
                } catch PortalLinkRefusal.weakPassword(let problems) {
                    return Self.passwordPage(request, action: action, text: text, problems: problems.map(text.problem), status: .unprocessableContent)
                } catch is PortalLinkRefusal {
                    let page = PortalPage(
                        title: text.linkGoneTitle, text: text, session: nil, message: text.linkGone,
                        content: Notice(link: "/portal/login", linkText: text.goToLogin))
                    return Self.html(PortalPages.render("notice", page), status: .gone, request: request)
                }
            }
        }
        portal.post("logout") { request, context in
            let text = Self.text(request)
            guard let session = try await session(request) else { return Self.redirect("/portal/login") }
            guard let form = try? await Self.form(CSRFForm.self, request, context: context), Self.same(form.csrf, session.csrfToken) else {
                return Self.formExpired(request, session: session, text: text)
            }
            try await store.endPortalSession(id: session.id)
            return Self.redirect("/portal/login", cookies: [Self.expired(Self.sessionCookie)])
        }
    }

    // MARK: - Sessions and forms

    func session(_ request: Request) async throws -> PortalSession? {
        guard let id = request.cookies[Self.sessionCookie]?.value, id.count <= 100 else { return nil }
        return try await store.portalSession(id: id)
    }

    struct LoginForm: Decodable {
        var csrf: String
        var email: String
        var password: String
    }

    struct ForgotForm: Decodable {
        var csrf: String
        var email: String
    }

    struct PasswordForm: Decodable {
        var csrf: String
        var password: String
        var confirmation: String
    }

    struct CSRFForm: Decodable {
        var csrf: String
    }

    struct CodeForm: Decodable, Sendable {
        var csrf: String
        var code: String
    }

    struct CodeContent {
        var csrf: String
        var action: String
    }

    static func codePage(_ request: Request, csrf: String, text: PortalText, message: String? = nil, status: HTTPResponse.Status) -> Response {
        let page = PortalPage(
            title: text["code.title"], text: text, session: nil, message: message, content: CodeContent(csrf: csrf, action: "/portal/login/code"))
        return html(PortalPages.render("code", page), status: status, request: request)
    }

    /// A form's fields; a body over `formLimit` is refused with 413 (`APIError`), before decoding.
    static func form<T: Decodable>(_ type: T.Type, _ request: Request, context: AppRequestContext) async throws -> T {
        let body = try await request.collectBody(limit: formLimit, context: context)
        return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: body))
    }

    /// Before sign-in a form proves it came from this site by echoing the `__Host-` cookie's value.
    static func formCSRFMatches(_ value: String, _ request: Request) -> Bool {
        guard let cookie = request.cookies[formCookie]?.value, !cookie.isEmpty else { return false }
        return same(value, cookie)
    }

    /// Compared in constant time.
    static func same(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func sessionCookie(_ id: String) -> Cookie {
        Cookie(name: sessionCookie, value: id, path: "/", secure: true, httpOnly: true, sameSite: .lax)
    }

    static func expired(_ name: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: true, httpOnly: true, sameSite: .lax)
    }

    // MARK: - Pages

    struct SessionBar {
        var email: String
        var client: String
        var csrf: String

        init(_ session: PortalSession) {
            (email, client, csrf) = (session.user.email, session.user.clientCode, session.csrfToken)
        }
    }

    /// A signed-in form whose CSRF token does not match: nothing is done, and the home page says so.
    static func formExpired(_ request: Request, session: PortalSession, text: PortalText) -> Response {
        var page = PortalPage(
            title: text.homeTitle, text: text, session: SessionBar(session), message: text.formExpired,
            content: Notice(link: "/portal", linkText: text.backHome))
        page.nav = navigation(session.viewer, text: text, current: nil)
        return html(PortalPages.render("notice", page), status: .forbidden, request: request)
    }

    struct LoginContent {
        var csrf: String
        var email: String
    }

    struct ForgotContent {
        var csrf: String
    }

    struct PasswordContent {
        var csrf: String
        var action: String
    }

    struct Notice {
        var link: String
        var linkText: String
    }

    static func loginPage(_ request: Request, text: PortalText, email: String = "", message: String? = nil, status: HTTPResponse.Status) -> Response {
        let csrf = request.cookies[formCookie]?.value ?? PortalSecret.generate()
        let page = PortalPage(title: text.signInTitle, text: text, session: nil, message: message, content: LoginContent(csrf: csrf, email: email))
        return html(PortalPages.render("login", page), status: status, request: request, cookies: [formCookie(csrf)])
    }

    static func forgotPage(_ request: Request, text: PortalText, message: String? = nil, status: HTTPResponse.Status) -> Response {
        let csrf = request.cookies[formCookie]?.value ?? PortalSecret.generate()
        let page = PortalPage(title: text.forgotTitle, text: text, session: nil, message: message, content: ForgotContent(csrf: csrf))
        return html(PortalPages.render("forgot", page), status: status, request: request, cookies: [formCookie(csrf)])
    }

    static func passwordPage(
        _ request: Request, action: String, text: PortalText, message: String? = nil, problems: [String] = [], status: HTTPResponse.Status
    ) -> Response {
        let csrf = request.cookies[formCookie]?.value ?? PortalSecret.generate()
        var page = PortalPage(title: text.chooseTitle, text: text, session: nil, message: message, content: PasswordContent(csrf: csrf, action: action))
        page.problems = problems
        return html(PortalPages.render("password", page), status: status, request: request, cookies: [formCookie(csrf)])
    }

    static func formCookie(_ value: String) -> Cookie {
        Cookie(name: formCookie, value: value, path: "/", secure: true, httpOnly: true, sameSite: .strict)
    }

    static func text(_ request: Request) -> PortalText {
        let query = request.uri.queryParameters.get("lang").flatMap { ["fr", "en"].contains($0) ? $0 : nil }
        return PortalText.choose(query: query, cookie: request.cookies[languageCookie]?.value, acceptLanguage: request.headers[.acceptLanguage])
    }

    static func html(_ body: String, status: HTTPResponse.Status = .ok, request: Request, cookies: [Cookie] = []) -> Response {
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
        for cookie in cookies { response.setCookie(cookie) }
        // A language chosen with ?lang= is remembered.
        if let lang = request.uri.queryParameters.get("lang"), ["fr", "en"].contains(lang) {
            response.setCookie(Cookie(name: languageCookie, value: lang, maxAge: 365 * 86_400, path: "/", secure: true, httpOnly: true, sameSite: .lax))
        }
        return response
    }

    static func redirect(_ location: String, cookies: [Cookie] = []) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    static func stamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeSeparator(.colon).dateTimeSeparator(.space))
    }
}

/// Headers every portal answer carries: no script or frame from anywhere, no referrer leaving,
/// HTTPS only for a year, no caching of pages that hold a client's data.
struct PortalHeaders: RouterMiddleware {
    typealias Context = AppRequestContext
    static let contentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[HTTPField.Name("Content-Security-Policy")!] = Self.contentSecurityPolicy
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("Strict-Transport-Security")!] = "max-age=31536000"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}
