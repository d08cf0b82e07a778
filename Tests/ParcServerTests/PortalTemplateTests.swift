import Foundation
import ParcProtocol
import Testing

@testable import ParcServer

/// The portal's templates and words: both languages have the same keys, every key a template names
/// exists, and a page renders the same structure in either language.
@Suite struct PortalTemplateTests {
    @Test func bothLanguagesHaveEveryWordTheTemplatesName() throws {
        #expect(Set(PortalText.englishWords.keys) == Set(PortalText.frenchWords.keys))
        let regex = try Regex(#"\{\{t\.([A-Za-z0-9_]+)\}\}"#)
        let known = Set(PortalText.english.forTemplate.keys)
        for (name, template) in PortalPages.templates {
            for match in template.matches(of: regex) {
                let key = String(template[match.range]).dropFirst(4).dropLast(2)
                #expect(known.contains(String(key)), "\(name) names t.\(key), which no language has")
            }
        }
    }

    @Test func homeRendersItsTablesInBothLanguages() throws {
        for text in [PortalText.french, PortalText.english] {
            let ticket = PortalTicket(
                id: 7, number: "T-2026-00007", title: "Fan", description: nil, type: .incident, priority: .p3, status: .new, assets: [],
                reporterName: "Mia", technicianName: nil, resolution: nil, createdAt: Date(), updatedAt: Date(), resolvedAt: nil, closedAt: nil)
            let content = PortalController.HomeContent(
                greeting: "hello", showTickets: true, tickets: .init([TicketRow(ticket, text: text, zone: .gmt)]), allTickets: "all",
                showAssets: true, warranties: .init([]), showInvoices: false, unpaid: .init([]), hours: [], hasHours: false)
            let page = PortalPage(title: "Home", text: text, session: nil, content: content)
            let html = PortalPages.render("home", page)
            #expect(html.contains("T-2026-00007"), "\(text.lang): \(html)")
            #expect(html.contains(text["home.noWarranties"]), "\(text.lang)")
        }
    }
}
