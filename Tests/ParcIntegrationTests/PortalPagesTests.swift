import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import ParcClient
import ParcProtocol
import ParcServer
import ParcTestSupport
import Testing

/// A browser's side of the portal's sign-in, over real HTTPS to the real server, cookies kept as a
/// browser keeps them: an invitation sets the password once, forms without their CSRF token are
/// refused, sign-in answers the same for unknown e-mails, sessions rotate, sign-out and disabling
/// end them, and every page carries the security headers.
@Suite struct PortalPagesTests {
    /// A small browser: follows nothing, keeps cookies by name, trusts the Parc CA only.
    final class Browser: @unchecked Sendable {
        let http: HTTPClient
        let base: String
        var cookies: [String: String] = [:]
        var language = "fr"

        init(base: String, caPEM: String) throws {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(caPEM.utf8)))
            var configuration = HTTPClient.Configuration(
                tlsConfiguration: tls, redirectConfiguration: .disallow, timeout: .init(connect: .seconds(30), read: .seconds(120)))
            configuration.connectionPool.retryConnectionEstablishment = false
            http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            self.base = base
        }

        struct Page {
            var status: Int
            var headers: HTTPHeaders
            var body: String
            var location: String? { headers.first(name: "Location") }
            var setCookies: [String] { headers["Set-Cookie"] }
            /// The CSRF token of the page's form.
            var csrf: String? {
                guard let range = body.range(of: #"name="csrf" value=""#) else { return nil }
                return String(body[range.upperBound...].prefix { $0 != "\"" })
            }
        }

        func send(_ method: HTTPMethod, _ path: String, form: [String: String]? = nil, headers: [(String, String)] = [], json: String? = nil) async throws
            -> Page
        {
            var request = HTTPClientRequest(url: path.hasPrefix("https://") ? path : base + path)
            request.method = method
            request.headers.add(name: "Accept-Language", value: language)
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            if let json {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: json))
            }
            if !cookies.isEmpty { request.headers.add(name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
            if let form {
                var components = URLComponents()
                components.queryItems = form.map { URLQueryItem(name: $0.key, value: $0.value) }
                let body = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
                request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
                request.body = .bytes(ByteBuffer(string: body))
            }
            let response = try await http.execute(request, timeout: .seconds(120))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
            for header in response.headers["Set-Cookie"] {
                let pair = header.split(separator: ";").first.map(String.init) ?? ""
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                if header.contains("Max-Age=0") { cookies[parts[0]] = nil } else { cookies[parts[0]] = parts[1] }
            }
            return Page(status: Int(response.status.code), headers: response.headers, body: body)
        }

        func close() async { try? await http.shutdown() }

        /// Shut down even when the test throws before `close()` (AHC traps on a running client's deinit).
        deinit { http.shutdown { _ in } }
    }

    static let password = "correct horse battery staple"

    @Test func signInSignOutAndTheLinksThatOpenAccounts() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let jane = try await setup.staff.addEmployee(client: "ACME", NewEmployee(name: "Jane <b>Roe</b>", email: "jane@acme.example"))
            let link = try await setup.staff.invitePortalUser(client: "ACME", NewPortalUser(employeeID: jane.id, role: .member))
            let browser = try Browser(base: setup.server.url, caPEM: setup.caPEM)

            #expect(try await browser.send(.GET, "/").location == "/portal")
            #expect(try await browser.send(.GET, "/portal").location == "/portal/login")

            let form = try await browser.send(.GET, link.path)
            #expect(form.status == 200 && form.body.contains("Choisissez votre mot de passe"))
            for (name, value) in [
                ("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"), ("Referrer-Policy", "no-referrer"),
                ("Strict-Transport-Security", "max-age="), ("X-Content-Type-Options", "nosniff"),
            ] {
                #expect(form.headers.first(name: name)?.contains(value) == true, "\(name): \(form.headers)")
            }
            #expect(!form.body.contains("<script") && !form.body.contains("style="), "no inline script or style under the CSP")
            let formCookie = try #require(form.setCookies.first { $0.hasPrefix("__Host-parc-form=") })
            #expect(formCookie.contains("Secure") && formCookie.contains("HttpOnly") && formCookie.contains("Path=/"))

            // A forged form (no token, or another one) is refused and changes nothing.
            let forged = try await browser.send(.POST, link.path, form: ["csrf": "forged", "password": Self.password, "confirmation": Self.password])
            #expect(forged.status == 403 && forged.body.contains("Ce formulaire a expiré"), "\(forged.status)")
            #expect(try await setup.staff.portalUser(id: link.user.id).status == .invited)
            let csrf = try #require(form.csrf)
            let mismatch = try await browser.send(.POST, link.path, form: ["csrf": csrf, "password": Self.password, "confirmation": Self.password + "!"])
            #expect(mismatch.status == 422 && mismatch.body.contains("Les deux mots de passe diffèrent"))
            let weak = try await browser.send(.POST, link.path, form: ["csrf": csrf, "password": "Password2026!", "confirmation": "Password2026!"])
            #expect(weak.status == 422 && weak.body.contains("Ce mot de passe est courant"), "\(weak.body)")

            let chosen = try await browser.send(.POST, link.path, form: ["csrf": csrf, "password": Self.password, "confirmation": Self.password])
            #expect(chosen.status == 303 && chosen.location == "/portal", "\(chosen.status) \(chosen.body)")
            let sessionCookie = try #require(chosen.setCookies.first { $0.hasPrefix("__Host-parc-session=") })
            for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] { #expect(sessionCookie.contains(attribute), "\(sessionCookie)") }
            let home = try await browser.send(.GET, "/portal")
            // What the client typed is shown, never run.
            #expect(home.status == 200 && home.body.contains("Jane &lt;b&gt;Roe&lt;/b&gt;") && !home.body.contains("<b>Roe"), "\(home.body)")
            let firstSession = browser.cookies["__Host-parc-session"]

            // The link served once.
            let again = try await browser.send(.POST, link.path, form: ["csrf": csrf, "password": Self.password, "confirmation": Self.password])
            #expect(again.status == 410 && again.body.contains("Ce lien a déjà servi ou a expiré"))

            // Sign out: a token is needed, then the session is dead on the server.
            #expect(try await browser.send(.POST, "/portal/logout", form: ["csrf": "forged"]).status == 403)
            let out = try await browser.send(.POST, "/portal/logout", form: ["csrf": try #require(home.csrf)])
            #expect(out.status == 303 && out.location == "/portal/login")
            browser.cookies["__Host-parc-session"] = firstSession
            #expect(try await browser.send(.GET, "/portal").location == "/portal/login", "a copied cookie is dead too")

            // Sign in, in English: one answer for a wrong password and an unknown e-mail.
            browser.language = "en-GB,en;q=0.8"
            let login = try await browser.send(.GET, "/portal/login")
            #expect(login.body.contains("<html lang=\"en\">") && login.body.contains("Sign in"))
            let loginCSRF = try #require(login.csrf)
            let wrong = try await browser.send(.POST, "/portal/login", form: ["csrf": loginCSRF, "email": "jane@acme.example", "password": "wrong password"])
            let unknown = try await browser.send(
                .POST, "/portal/login", form: ["csrf": loginCSRF, "email": "nobody@acme.example", "password": "wrong password"])
            #expect(wrong.status == 401 && unknown.status == 401 && wrong.body.contains("Wrong e-mail or password."))
            #expect(
                wrong.body.replacingOccurrences(of: "jane@acme.example", with: "X") == unknown.body.replacingOccurrences(of: "nobody@acme.example", with: "X"))
            let hostile = try await browser.send(.POST, "/portal/login", form: ["csrf": loginCSRF, "email": "<script>alert(1)</script>", "password": "x"])
            #expect(hostile.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !hostile.body.contains("<script>alert"))
            let signedIn = try await browser.send(.POST, "/portal/login", form: ["csrf": loginCSRF, "email": "Jane@ACME.example", "password": Self.password])
            #expect(signedIn.status == 303, "\(signedIn.status) \(signedIn.body)")
            #expect(browser.cookies["__Host-parc-session"] != firstSession, "a new session id at each sign-in")
            #expect(try await browser.send(.GET, "/portal").status == 200)

            // Disabled by staff: the live session ends at once.
            _ = try await setup.staff.updatePortalUser(id: link.user.id, PortalUserUpdate(disabled: true))
            #expect(try await browser.send(.GET, "/portal").location == "/portal/login")

            // The language switch is remembered.
            let french = try await browser.send(.GET, "/portal/login?lang=fr")
            #expect(french.body.contains("<html lang=\"fr\">") && browser.cookies["parc-lang"] == "fr")
            #expect(try await browser.send(.GET, "/portal/login").body.contains("Connexion"))
            await browser.close()
        }
    }
}
