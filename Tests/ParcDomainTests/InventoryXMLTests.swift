import Foundation
import FoundationXML
import ParcDomain
import ParcTestSupport
import Testing

/// `InventoryXML` against libxml2 (Foundation's `XMLDocument`), an independent reader, on real XML
/// nobody here wrote, and on the corners the agents' XML and an attacker's can have.
@Suite struct InventoryXMLTests {
    /// libxml2's reading of `element`, in the shape `InventoryXML` gives.
    static func tree(_ element: XMLElement) -> JSONValue {
        let children = (element.children ?? []).compactMap { $0 as? XMLElement }
        guard !children.isEmpty else { return .string(element.stringValue ?? "") }
        var members: [String: JSONValue] = [:]
        for child in children {
            let key = (child.name ?? "").lowercased()
            switch members[key] {
            case nil: members[key] = tree(child)
            case .array(let list)?: members[key] = .array(list + [tree(child)])
            case let first?: members[key] = .array([first, tree(child)])
            }
        }
        return .object(members)
    }

    static var realDocuments: [String] {
        let directory = SharedMaterial.root + "/fixtures/einvoice/en16931/examples"
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".xml") }.sorted().map {
            directory + "/" + $0
        }
    }

    @Test(.enabled(if: !InventoryXMLTests.realDocuments.isEmpty, "../shared/fixtures/einvoice is absent beside this clone"))
    func readsRealDocumentsAsLibxml2Does() throws {
        for path in Self.realDocuments {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let parsed = try InventoryXML.parse(Array(data))
            let document = try XMLDocument(data: data)
            let root = try #require(document.rootElement())
            #expect(parsed.root == root.name, "\(path)")
            #expect(parsed.value == Self.tree(root), "\(path)")
        }
    }

    @Test func readsWhatTheAgentsWrite() throws {
        let text = """
            \u{FEFF}<?xml version="1.0" encoding="UTF-8" ?>
            <!-- written by an agent -->
            <REQUEST>
              <CONTENT>
                <SOFTWARES><NAME>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#x00E9;</NAME><VERSION/></SOFTWARES>
                <SOFTWARES attr="x>y" other='q'><NAME><![CDATA[<raw> & ]]>text</NAME></SOFTWARES>
                <HARDWARE><NAME>pc</NAME><!-- note --><?pi here?></HARDWARE>
              </CONTENT>
              <DEVICEID>pc-2026-12-06-10-00-00</DEVICEID>
              <QUERY>INVENTORY</QUERY>
            </REQUEST>
            """
        let (root, value) = try InventoryXML.parse(Array(text.utf8))
        #expect(root == "REQUEST")
        #expect(value["query"] == .string("INVENTORY"))
        guard case .array(let programs)? = value["content"]?["softwares"] else {
            Issue.record("two SOFTWARES should make a list: \(value)")
            return
        }
        #expect(programs.count == 2)
        #expect(programs[0]["name"] == .string("a & b <c> \"d\" 'e' éé"))
        #expect(programs[0]["version"] == .string(""))
        #expect(programs[1]["name"] == .string("<raw> & text"))
        #expect(value["content"]?["hardware"] == .object(["name": .string("pc")]))
        // The same document, read by libxml2.
        let document = try XMLDocument(data: Data(text.dropFirst().utf8))
        #expect(value == Self.tree(try #require(document.rootElement())))
    }

    @Test func refusesWhatNoInventoryHasAndBoundsDepth() {
        let cases: [(String, String)] = [
            (#"<!DOCTYPE r [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><r>&b;</r>"#, "document type"),
            ("<r><a></r>", "closes"),
            ("<r><a>", "unterminated"),
            ("<r>&nbsp;</r>", "unknown entity"),
            ("<r>&#0;</r>", "unknown entity"),
            ("<r>a & b</r>", "starts no entity"),
            ("<r/><s/>", "text after the root"),
            ("just text", "no root element"),
            ("<r><![CDATA[never closed</r>", "CDATA"),
            ("<r><!ELEMENT x ANY></r>", "declaration"),
            ("<\(String(repeating: "n", count: 200))/>", "128 bytes"),
            (String(repeating: "<a>", count: 40) + String(repeating: "</a>", count: 40), "deeper than 32"),
        ]
        for (text, words) in cases {
            do {
                _ = try InventoryXML.parse(Array(text.utf8))
                Issue.record("\(text.prefix(40)) was read")
            } catch {
                #expect(error.description.contains(words), "\(text.prefix(40)): \(error.description)")
            }
        }
        // At the bound, not beyond: 32 levels read.
        let deep = String(repeating: "<a>", count: 32) + "x" + String(repeating: "</a>", count: 32)
        #expect((try? InventoryXML.parse(Array(deep.utf8))) != nil)
    }
}
