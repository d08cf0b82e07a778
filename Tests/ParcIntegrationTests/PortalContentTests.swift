import Crypto
import Foundation
import NIOHTTP1
import ParcClient
import ParcProtocol
import ParcServer
import ParcTestSupport
import Testing

/// What each portal role sees and does, through the real server over HTTPS: a member sees the
/// equipment they hold and their own tickets, opens an incident, comments, reads the staff's
/// public answer (never an internal note), reopens and closes; a billing contact sees invoices
/// and downloads them; a client admin sees everything of the client. The staff see the client's
/// side in their usual ticket flow.
@Suite struct PortalContentTests {
    typealias Browser = PortalPagesTests.Browser

    /// Signs `employee` in through an invitation link, as a browser would.
    static func signIn(_ setup: AgentReportingTests.Setup, client: String = "ACME", _ employee: Employee, role: PortalRole) async throws -> Browser {
        let link = try await setup.staff.invitePortalUser(client: client, NewPortalUser(employeeID: employee.id, role: role))
        let browser = try Browser(base: setup.server.url, caPEM: setup.caPEM)
        let form = try await browser.send(.GET, link.path)
        let password = PortalPagesTests.password
        let chosen = try await browser.send(.POST, link.path, form: ["csrf": try #require(form.csrf), "password": password, "confirmation": password])
        #expect(chosen.status == 303, "\(chosen.body)")
        return browser
    }

    /// Invoices' documents name both parties in full: the provider and ACME get addresses and numbers.
    static func nameTheParties(_ staff: StaffClient) async throws {
        var seller = ProviderIdentity(name: "Parc Services SAS")
        (seller.siren, seller.vatNumber) = ("732829320", "FR44732829320")
        seller.address = PostalAddress(line1: "10 rue de la Paix", postalCode: "75002", city: "Paris")
        _ = try await staff.updateProviderIdentity(seller)
        var buyer = ClientUpdate()
        buyer.billingAddress = PostalAddress(line1: "5 avenue Foch", postalCode: "69006", city: "Lyon")
        _ = try await staff.updateClient(code: "ACME", buyer)
    }

    static func day(_ offset: Int) -> String {
        String(Date().addingTimeInterval(Double(offset) * 86_400).formatted(.iso8601).prefix(10))
    }

    @Test func eachRoleSeesItsOwnPartAndWorksOnTickets() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let staff = setup.staff
            try await PortalContentTests.nameTheParties(staff)
            let ann = try await staff.addEmployee(client: "ACME", NewEmployee(name: "Ann Admin", email: "ann@acme.example"))
            let mia = try await staff.addEmployee(client: "ACME", NewEmployee(name: "Mia Member", email: "mia@acme.example"))
            let bill = try await staff.addEmployee(client: "ACME", NewEmployee(name: "Bill Payer", email: "bill@acme.example"))
            var laptop = NewAsset(client: "ACME", kind: .computer, name: "mia-laptop")
            laptop.warrantyEnd = Self.day(30)
            let miaLaptop = try await staff.assignAsset(id: try await staff.createAsset(laptop).id, employeeID: mia.id)
            var printer = NewAsset(client: "ACME", kind: .printer, name: "hall-printer")
            printer.warrantyEnd = Self.day(200)
            let hallPrinter = try await staff.createAsset(printer)
            var care = NewContract(client: "ACME", reference: "C-CARE", title: "Care", startsOn: Self.day(0), status: .active)
            care.billing = BillingTerms(frequency: .monthly, timing: .advance, billingDay: 1)
            let contract = try await staff.createContract(care)
            _ = try await staff.addContractLine(id: contract.id, NewContractLine(kind: .flat, description: "Care", unitPriceCents: 10_000))
            let draft = try #require(try await staff.runBilling(BillingRunRequest(asOf: Self.day(0))).invoices.first)
            let invoice = try await staff.issueInvoice(id: draft.id)
            let number = try #require(invoice.number)
            let serverDown = try await staff.createTicket(NewTicket(client: "ACME", title: "Server room too hot"))
            var reported = NewTicket(client: "ACME", title: "Laptop fan noisy")
            reported.reporterEmployeeID = mia.id
            let fanTicket = try await staff.createTicket(reported)

            // A member: their laptop and their ticket; nothing of billing, nothing of colleagues.
            let member = try await Self.signIn(setup, mia, role: .member)
            defer { Task { await member.close() } }
            let home = try await member.send(.GET, "/portal")
            #expect(home.status == 200)
            #expect(home.body.contains("Laptop fan noisy") && !home.body.contains("Server room too hot"), "\(home.body)")
            #expect(home.body.contains("mia-laptop") && !home.body.contains("hall-printer"))
            #expect(!home.body.contains(number) && !home.body.contains("/portal/invoices"))
            let assets = try await member.send(.GET, "/portal/assets")
            #expect(assets.body.contains("mia-laptop") && !assets.body.contains("hall-printer"))
            #expect(try await member.send(.GET, "/portal/assets/\(miaLaptop.id)").status == 200)
            for path in [
                "/portal/assets/\(hallPrinter.id)", "/portal/tickets/\(serverDown.id)", "/portal/invoices", "/portal/invoices/\(invoice.id)",
                "/portal/invoices/\(invoice.id)/pdf", "/portal/contracts", "/portal/licences", "/portal/tickets/999999", "/portal/assets/abc",
            ] {
                let page = try await member.send(.GET, path)
                #expect(page.status == 404 && page.body.contains("Introuvable"), "\(path): \(page.status)")
            }

            // Opening an incident: title required, priority among those promised, an asset of theirs.
            let newForm = try await member.send(.GET, "/portal/tickets/new")
            let csrf = try #require(newForm.csrf)
            #expect(newForm.body.contains("<option value=\"\(miaLaptop.id)\">mia-laptop</option>") && !newForm.body.contains("hall-printer"))
            let empty = try await member.send(.POST, "/portal/tickets", form: ["csrf": csrf, "title": "   ", "priority": "P3"])
            #expect(empty.status == 422 && empty.body.contains("Titre"), "\(empty.status)")
            let foreign = try await member.send(
                .POST, "/portal/tickets", form: ["csrf": csrf, "title": "Printer", "priority": "P3", "asset": String(hallPrinter.id)])
            #expect(foreign.status == 422, "an asset the member does not hold")
            #expect(try await member.send(.POST, "/portal/tickets", form: ["csrf": "forged", "title": "Forged"]).status == 403)
            let created = try await member.send(
                .POST, "/portal/tickets",
                form: [
                    "csrf": csrf, "title": "Screen <script>alert(1)</script> flickers", "description": "Since Monday.", "priority": "P2",
                    "asset": String(miaLaptop.id),
                ])
            #expect(created.status == 303, "\(created.status) \(created.body)")
            let ticketPath = try #require(created.location)
            let ticketPage = try await member.send(.GET, ticketPath)
            #expect(ticketPage.body.contains("Screen &lt;script&gt;alert(1)&lt;/script&gt; flickers") && !ticketPage.body.contains("<script>alert"))
            #expect(ticketPage.body.contains("Since Monday.") && ticketPage.body.contains("mia-laptop"))
            // Staff see it in their flow, reported by the employee.
            let staffView = try await staff.listTickets(["client": "ACME", "search": "flickers"]).items
            let staffTicket = try #require(staffView.first)
            #expect(staffTicket.reporterName == "Mia Member" && staffTicket.reporterKind == .employee && staffTicket.priority == .p2)
            #expect(staffTicket.assets.map(\.id) == [miaLaptop.id])

            // Comments both ways; internal notes never reach the client.
            let commented = try await member.send(.POST, ticketPath + "/comments", form: ["csrf": csrf, "body": "It also beeps."])
            #expect(commented.status == 303)
            let staffDetail = try await staff.ticket(staffTicket.number)
            #expect(staffDetail.comments.contains { $0.body == "It also beeps." && $0.isPublic && $0.author == "Mia Member" })
            _ = try await staff.commentTicket(staffTicket.number, NewTicketComment(body: "We will replace the panel.", isPublic: true))
            _ = try await staff.commentTicket(staffTicket.number, NewTicketComment(body: "INTERNAL supplier margin 40%", isPublic: false))
            let withAnswer = try await member.send(.GET, ticketPath)
            #expect(withAnswer.body.contains("We will replace the panel.") && !withAnswer.body.contains("INTERNAL"))

            // Resolved by staff: the client reopens it, then closes it once resolved again.
            _ = try await staff.changeTicketStatus(staffTicket.number, TicketStatusChange(status: .resolved, resolution: "Panel replaced"))
            let resolved = try await member.send(.GET, ticketPath)
            #expect(resolved.body.contains("Panel replaced") && resolved.body.contains(ticketPath + "/close") && resolved.body.contains(ticketPath + "/reopen"))
            #expect(try await member.send(.POST, ticketPath + "/reopen", form: ["csrf": csrf]).status == 303)
            #expect(try await staff.ticket(staffTicket.number).ticket.status == .new)
            #expect(try await member.send(.POST, ticketPath + "/close", form: ["csrf": csrf]).status == 409, "only a resolved ticket closes")
            _ = try await staff.changeTicketStatus(staffTicket.number, TicketStatusChange(status: .resolved, resolution: "Panel replaced again"))
            #expect(try await member.send(.POST, ticketPath + "/close", form: ["csrf": csrf]).status == 303)
            #expect(try await staff.ticket(staffTicket.number).ticket.status == .closed)
            let closed = try await member.send(.GET, ticketPath)
            #expect(!closed.body.contains("name=\"body\"") && closed.body.contains("Ce ticket est clos"))
            #expect(try await member.send(.POST, ticketPath + "/comments", form: ["csrf": csrf, "body": "late"]).status == 409)
            #expect(fanTicket.id != staffTicket.id)
            // Staff add the member as a follower of another's ticket: it shows on the portal.
            #expect(try await member.send(.GET, "/portal/tickets/\(serverDown.id)").status == 404)
            var follow = TicketUpdate()
            follow.addFollowerIDs = [mia.id]
            _ = try await staff.updateTicket(serverDown.number, follow)
            #expect(try await member.send(.GET, "/portal/tickets/\(serverDown.id)").status == 200)
            var unknownFollower = TicketUpdate()
            unknownFollower.addFollowerIDs = [999_999]
            await #expect(throws: (any Error).self) { _ = try await staff.updateTicket(serverDown.number, unknownFollower) }
            // A client that shares its tickets: members see them all, and still only their own equipment.
            var sharing = ClientUpdate()
            sharing.sharedTickets = true
            #expect(try await staff.updateClient(code: "ACME", sharing).sharedTickets)
            let shared = try await member.send(.GET, "/portal/tickets?all=1")
            #expect(shared.body.contains("Server room too hot") && shared.body.contains("Laptop fan noisy"))
            #expect(try await member.send(.GET, "/portal/tickets/\(serverDown.id)").status == 200)
            #expect(try await member.send(.GET, "/portal/assets/\(hallPrinter.id)").status == 404)

            // A billing contact: invoices and contracts, downloads bound to the session.
            let payer = try await Self.signIn(setup, bill, role: .billing)
            defer { Task { await payer.close() } }
            let invoices = try await payer.send(.GET, "/portal/invoices")
            #expect(invoices.status == 200 && invoices.body.contains(number))
            let invoicePage = try await payer.send(.GET, "/portal/invoices/\(invoice.id)")
            // 1234 cents read "12,34 €" in French and "€12.34" in English.
            let (euros, cents) = (invoice.grossCents / 100, String(format: "%02d", Int(invoice.grossCents % 100)))
            #expect(invoicePage.body.contains("\(euros),\(cents)\u{A0}€") && invoicePage.body.contains("/portal/invoices/\(invoice.id)/pdf"))
            let ubl = try await payer.send(.GET, "/portal/invoices/\(invoice.id)/ubl")
            #expect(ubl.status == 200 && ubl.body.contains("<cbc:ID>\(number)</cbc:ID>") && ubl.headers.first(name: "Cache-Control") == "no-store")
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/weasyprint") {
                let pdf = try await payer.send(.GET, "/portal/invoices/\(invoice.id)/pdf")
                #expect(pdf.status == 200 && pdf.body.hasPrefix("%PDF"))
            }
            #expect(try await payer.send(.GET, "/portal/assets").status == 404)
            #expect(try await payer.send(.GET, "/portal/contracts/\(contract.id)").body.contains("C-CARE"))
            // The same link without the session is a sign-in page, not the document.
            let stranger = try Browser(base: setup.server.url, caPEM: setup.caPEM)
            defer { Task { await stranger.close() } }
            #expect(try await stranger.send(.GET, "/portal/invoices/\(invoice.id)/pdf").location == "/portal/login")

            // A client admin: everything of the client.
            let admin = try await Self.signIn(setup, ann, role: .clientAdmin)
            defer { Task { await admin.close() } }
            admin.language = "en"
            let adminHome = try await admin.send(.GET, "/portal")
            #expect(
                adminHome.body.contains("Server room too hot") && adminHome.body.contains("hall-printer") == false, "the printer's warranty ends in 200 days")
            #expect(adminHome.body.contains("€\(euros).\(cents)"), "amounts in the page's language")
            let adminAssets = try await admin.send(.GET, "/portal/assets?q=printer")
            #expect(adminAssets.body.contains("hall-printer") && !adminAssets.body.contains("mia-laptop"))
            #expect(try await admin.send(.GET, "/portal/licences").status == 200)
            let all = try await admin.send(.GET, "/portal/tickets?all=1")
            #expect(all.body.contains("Server room too hot") && all.body.contains("Laptop fan noisy") && all.body.contains("flickers"))
        }
    }

    @Test func clientAdminsManageTheirUsersAndTokensForTheAPI() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let staff = setup.staff
            let ann = try await staff.addEmployee(client: "ACME", NewEmployee(name: "Ann Admin", email: "ann@acme.example"))
            _ = try await staff.addEmployee(client: "ACME", NewEmployee(name: "Zoe New", email: "zoe@acme.example"))
            let laptop = try await staff.createAsset(NewAsset(client: "ACME", kind: .computer, name: "zoe-laptop"))
            let admin = try await Self.signIn(setup, ann, role: .clientAdmin)
            defer { Task { await admin.close() } }

            // Invite a colleague: the link is shown once, and opens the account.
            let users = try await admin.send(.GET, "/portal/users")
            #expect(users.status == 200 && users.body.contains("ann@acme.example") && users.body.contains("(vous)"))
            let csrf = try #require(users.csrf)
            let stranger = try await admin.send(.POST, "/portal/users", form: ["csrf": csrf, "email": "nobody@elsewhere.example", "role": "member"])
            #expect(stranger.status == 422 && stranger.body.contains("nobody@elsewhere.example"))
            let invited = try await admin.send(.POST, "/portal/users", form: ["csrf": csrf, "email": " Zoe@ACME.example ", "role": "member"])
            let linkRange = try #require(invited.body.range(of: #"/portal/invite/[A-Za-z0-9_-]+"#, options: .regularExpression), "\(invited.body)")
            let zoe = try PortalPagesTests.Browser(base: setup.server.url, caPEM: setup.caPEM)
            defer { Task { await zoe.close() } }
            let form = try await zoe.send(.GET, String(invited.body[linkRange]))
            let password = PortalPagesTests.password
            #expect(
                try await zoe.send(
                    .POST, String(invited.body[linkRange]), form: ["csrf": try #require(form.csrf), "password": password, "confirmation": password]
                ).status == 303)
            #expect(try await zoe.send(.GET, "/portal").status == 200)
            let zoeAccount = try #require(try await staff.listPortalUsers(client: "ACME").items.first { $0.email == "zoe@acme.example" })

            // Role and disabling act at once; an admin cannot lock themselves out.
            #expect(try await admin.send(.POST, "/portal/users/\(zoeAccount.id)/role", form: ["csrf": csrf, "role": "billing"]).status == 303)
            #expect(try await staff.portalUser(id: zoeAccount.id).role == .billing)
            #expect(try await admin.send(.POST, "/portal/users/\(zoeAccount.id)/disable", form: ["csrf": csrf]).status == 303)
            #expect(try await zoe.send(.GET, "/portal").location == "/portal/login")
            let me = try #require(try await staff.listPortalUsers(client: "ACME").items.first { $0.email == "ann@acme.example" })
            #expect(try await admin.send(.POST, "/portal/users/\(me.id)/disable", form: ["csrf": csrf]).status == 409)
            #expect(try await admin.send(.POST, "/portal/users/\(zoeAccount.id)/enable", form: ["csrf": "forged"]).status == 403)

            // A token for the JSON API: shown once, acts as the admin, dies when revoked.
            #expect(try await admin.send(.POST, "/portal/tokens", form: ["csrf": csrf, "name": "monitoring", "days": "0"]).status == 422)
            let made = try await admin.send(.POST, "/portal/tokens", form: ["csrf": csrf, "name": "monitoring", "days": "30"])
            let secretRange = try #require(made.body.range(of: #"parcp_[A-Za-z0-9_-]+"#, options: .regularExpression), "\(made.body)")
            let bearer = [("Authorization", "Bearer \(made.body[secretRange])")]
            let api = try PortalPagesTests.Browser(base: setup.server.url, caPEM: setup.caPEM)
            defer { Task { await api.close() } }
            let unauthorized = try await api.send(.GET, "/portal/api/v1/tickets")
            #expect(unauthorized.status == 401 && unauthorized.body.contains("\"unauthorized\""))
            let opened = try await api.send(.POST, "/portal/api/v1/tickets", headers: bearer, json: #"{"title":"Dock dead","assetID":\#(laptop.id)}"#)
            #expect(opened.status == 201, "\(opened.body)")
            let detail = try CanonicalJSON.decode(PortalTicketDetail.self, from: Data(opened.body.utf8))
            #expect(detail.ticket.reporterName == "Ann Admin" && detail.ticket.assets.map(\.id) == [laptop.id])
            let list = try CanonicalJSON.decode(
                Page<PortalTicket>.self, from: Data(try await api.send(.GET, "/portal/api/v1/tickets", headers: bearer).body.utf8))
            #expect(list.items.map(\.title) == ["Dock dead"] && list.total == 1)
            let bad = try await api.send(.POST, "/portal/api/v1/tickets", headers: bearer, json: #"{"title":"","priority":"P9"}"#)
            #expect(bad.status == 400 || bad.status == 422, "\(bad.status) \(bad.body)")
            #expect(try await api.send(.GET, "/portal/api/v1/tickets/999999", headers: bearer).status == 404)
            #expect(try await staff.listTickets(["client": "ACME"]).items.contains { $0.title == "Dock dead" && $0.reporterName == "Ann Admin" })
            let tokens = try await admin.send(.GET, "/portal/tokens")
            #expect(tokens.body.contains("monitoring") && !tokens.body.contains(String(made.body[secretRange])), "the secret is shown once")
            let tokenID = try #require(tokens.body.range(of: #"/portal/tokens/[0-9]+/revoke"#, options: .regularExpression)).lowerBound
            let revokePath = String(tokens.body[tokenID...].prefix { $0 != "\"" })
            #expect(try await admin.send(.POST, revokePath, form: ["csrf": csrf]).status == 303)
            #expect(try await api.send(.GET, "/portal/api/v1/home", headers: bearer).status == 401)
        }
    }

    /// RFC 6238 from the key the page shows (RFC 4648 base32), written here independently of the server's.
    static func totp(base32 key: String, step: Int64) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bytes: [UInt8] = []
        var (value, bits) = (0, 0)
        for character in key where character != " " {
            value = (value << 5) | (alphabet.firstIndex(of: character) ?? 0)
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((value >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        let counter = withUnsafeBytes(of: UInt64(step).bigEndian) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: counter, using: SymmetricKey(data: bytes)))
        let offset = Int(mac[19] & 0x0F)
        let number = (Int(mac[offset] & 0x7F) << 24 | Int(mac[offset + 1]) << 16 | Int(mac[offset + 2]) << 8 | Int(mac[offset + 3])) % 1_000_000
        return String(format: "%06d", number)
    }

    @Test func aSecondFactorTheProviderRequiresOfClientAdmins() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let staff = setup.staff
            let ann = try await staff.addEmployee(client: "ACME", NewEmployee(name: "Ann Admin", email: "ann@acme.example"))
            let admin = try await Self.signIn(setup, ann, role: .clientAdmin)
            defer { Task { await admin.close() } }
            #expect(try await admin.send(.GET, "/portal").status == 200, "optional until the provider says otherwise")
            var provider = try await staff.providerIdentity()
            provider.portalAdminsNeedSecondFactor = true
            _ = try await staff.updateProviderIdentity(provider)
            #expect(try await admin.send(.GET, "/portal/tickets").location == "/portal/security")
            let security = try await admin.send(.GET, "/portal/security")
            #expect(security.status == 200 && security.body.contains("Votre prestataire exige un second facteur"))
            let csrf = try #require(security.csrf)
            let setupPage = try await admin.send(.POST, "/portal/security/setup", form: ["csrf": csrf])
            let keyRange = try #require(setupPage.body.range(of: #"<code>[A-Z2-7 ]+</code>"#, options: .regularExpression), "\(setupPage.body)")
            let key = String(setupPage.body[keyRange].dropFirst(6).dropLast(7))
            #expect(setupPage.body.contains("otpauth://totp/"))
            let step = Int64(Date().timeIntervalSince1970) / 30
            #expect(try await admin.send(.POST, "/portal/security/confirm", form: ["csrf": csrf, "code": "000000"]).status == 422)
            #expect(try await admin.send(.POST, "/portal/security/confirm", form: ["csrf": csrf, "code": Self.totp(base32: key, step: step)]).status == 303)
            #expect(try await admin.send(.GET, "/portal/tickets").status == 200)
            #expect(try await staff.portalUser(id: try #require(try await staff.listPortalUsers(client: "ACME").items.first).id).secondFactor)
            #expect(try await admin.send(.POST, "/portal/security/remove", form: ["csrf": csrf, "code": Self.totp(base32: key, step: step + 1)]).status == 409)

            // Signing in now asks for the code; a wrong one is refused, a used one too.
            let fresh = try PortalPagesTests.Browser(base: setup.server.url, caPEM: setup.caPEM)
            defer { Task { await fresh.close() } }
            func passwordStep() async throws -> PortalPagesTests.Browser.Page {
                fresh.cookies = [:]
                let login = try await fresh.send(.GET, "/portal/login")
                let answer = try await fresh.send(
                    .POST, "/portal/login", form: ["csrf": try #require(login.csrf), "email": "ann@acme.example", "password": PortalPagesTests.password])
                #expect(answer.location == "/portal/login/code")
                #expect(try await fresh.send(.GET, "/portal").location == "/portal/login", "no page before the code")
                return try await fresh.send(.GET, "/portal/login/code")
            }
            var codePage = try await passwordStep()
            #expect(codePage.body.contains("autocomplete=\"one-time-code\""))
            let wrong = try await fresh.send(.POST, "/portal/login/code", form: ["csrf": try #require(codePage.csrf), "code": "123 456"])
            #expect(wrong.status == 401 && wrong.body.contains("Code erroné"))
            let next = Self.totp(base32: key, step: step + 1)
            let right = try await fresh.send(.POST, "/portal/login/code", form: ["csrf": try #require(codePage.csrf), "code": next])
            #expect(right.status == 303 && right.location == "/portal")
            #expect(try await fresh.send(.GET, "/portal").status == 200)
            codePage = try await passwordStep()
            let replay = try await fresh.send(.POST, "/portal/login/code", form: ["csrf": try #require(codePage.csrf), "code": next])
            #expect(replay.status == 401, "a code serves once")

            // A lost phone: the provider removes it, and the admin sets one up again at once.
            let account = try #require(try await staff.listPortalUsers(client: "ACME").items.first)
            #expect(try await staff.updatePortalUser(id: account.id, PortalUserUpdate(resetSecondFactor: true)).secondFactor == false)
            #expect(try await admin.send(.GET, "/portal").location == "/portal/login", "sessions end with the reset")
            fresh.cookies = [:]
            let login = try await fresh.send(.GET, "/portal/login")
            let signedIn = try await fresh.send(
                .POST, "/portal/login", form: ["csrf": try #require(login.csrf), "email": "ann@acme.example", "password": PortalPagesTests.password])
            #expect(signedIn.location == "/portal")
            #expect(try await fresh.send(.GET, "/portal/invoices").location == "/portal/security")
        }
    }

    @Test func onALargeEstateTheEquipmentIsTypedNotChosen() async throws {
        try await AgentReportingTests.withSetup(.sqlite) { setup in
            let staff = setup.staff
            let ann = try await staff.addEmployee(client: "ACME", NewEmployee(name: "Ann Admin", email: "ann@acme.example"))
            // One more than the 200 the form offers as a choice.
            for index in 0...200 {
                var asset = NewAsset(client: "ACME", kind: .computer, name: String(format: "pc-%03d", index))
                asset.serial = "SN-\(index)"
                _ = try await staff.createAsset(asset)
            }
            let admin = try await Self.signIn(setup, ann, role: .clientAdmin)
            defer { Task { await admin.close() } }
            let form = try await admin.send(.GET, "/portal/tickets/new")
            #expect(form.body.contains("name=\"assetName\"") && !form.body.contains("<select id=\"asset\""))
            let csrf = try #require(form.csrf)
            let unknown = try await admin.send(.POST, "/portal/tickets", form: ["csrf": csrf, "title": "Dead", "assetName": "pc-999"])
            #expect(unknown.status == 422 && unknown.body.contains("pc-999"))
            let bySerial = try await admin.send(.POST, "/portal/tickets", form: ["csrf": csrf, "title": "Dead", "assetName": " sn-42 "])
            #expect(bySerial.status == 303)
            let ticket = try #require(try await staff.listTickets(["client": "ACME"]).items.first)
            #expect(ticket.assets.map(\.name) == ["pc-042"])
        }
    }
}
