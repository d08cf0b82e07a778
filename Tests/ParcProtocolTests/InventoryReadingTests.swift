import Foundation
import Testing

@testable import ParcProtocol

/// `Inventory.decode` reads the software list with `JSONReader` and leaves the rest, and anything
/// the reader does not handle, to `JSONDecoder`: whatever the input, it must answer what
/// `JSONDecoder` answers, and for what agents send it must not need `JSONDecoder` for the software.
@Suite struct InventoryReadingTests {
    static func reference(_ bytes: [UInt8]) -> Inventory? {
        try? CanonicalJSON.decode(Inventory.self, from: Data(bytes))
    }

    /// The reader's own answer, without the fall-back.
    static func read(_ bytes: [UInt8]) throws -> Inventory {
        var reader = JSONReader(bytes)
        let inventory = try Inventory(reading: &reader)
        try reader.end()
        return inventory
    }

    @Test func readsEveryFieldOfWhatAgentsSend() throws {
        let inventory = JSONWriterTests.everyFieldSet()
        #expect(JSONWriterTests.absentFields(inventory.software as Any, path: "software") == [])
        let bytes = try CanonicalJSON.encodeBytes(inventory)
        #expect(try Self.read(bytes) == inventory)
        #expect(try Inventory.decode(bytes) == inventory)
        let software = try CanonicalJSON.encodeBytes(inventory.software)
        var reader = JSONReader(software)
        #expect(try SoftwareSection(reading: &reader) == inventory.software)
        #expect(try SoftwareSection.decode(software) == inventory.software)
    }

    @Test func readsTheProtocolExamples() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("protocol/examples/inventory").path
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }
        var packages = 0
        for name in names {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
            let expected = try #require(Self.reference(bytes), "\(name)")
            packages += expected.software?.packages.count ?? 0
            #expect(try Self.read(bytes) == expected, "\(name)")
        }
        #expect(packages > 0)
    }

    @Test func anyStringRoundTrips() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09-._ \"\\/\u{0}\u{1F}\u{7F}éß€😀\u{2028}\n\t") + ["\r\n"]
        func text() -> String { String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
        for _ in 0..<200 {
            var inventory = Inventory(agentVersion: text(), collectedAt: Date(timeIntervalSince1970: 1_780_000_000))
            inventory.software = SoftwareSection(
                packages: (0..<Int.random(in: 0...5, using: &generator)).map { _ in
                    var package = SoftwarePackage(name: text(), version: text(), manager: text())
                    if Bool.random(using: &generator) { package.summary = text() }
                    if Bool.random(using: &generator) { package.installedSizeKiB = Int64.random(in: .min ... .max, using: &generator) }
                    return package
                })
            #expect(try Self.read(try CanonicalJSON.encodeBytes(inventory)) == inventory)
        }
    }

    @Test func answersWhatJSONDecoderAnswers() {
        let head = #""agentVersion":"1","collectedAt":"2026-06-01T10:00:00Z","schemaVersion":1,"warnings":[]"#
        func inventory(_ software: String) -> String { "{" + head + #","software":"# + software + "}" }
        let package = #"{"manager":"dpkg","name":"bash","version":"5.2"}"#
        let cases = [
            inventory(#"{"packages":[]}"#),
            inventory(#"{"packages":[\#(package),\#(package)]}"#),
            inventory(" { \"packages\" : [ \(package) , {\"name\":\"a\",\"version\":\"1\",\"manager\":\"dpkg\",\"summary\":null} ] } "),
            inventory(#"{"packages":[{"name":"a","version":"1","manager":"dpkg","installedSizeKiB":12}]}"#),
            inventory(#"{"packages":[{"name":"a","version":"1","manager":"dpkg","installedSizeKiB":-0}]}"#),
            inventory(#"{"packages":[{"name":"a","version":"1","manager":"dpkg","installedSizeKiB":1.0}]}"#),
            inventory(#"{"packages":[{"name":"a","version":"1","manager":"dpkg","installedSizeKiB":1e3}]}"#),
            inventory(#"{"packages":[{"name":"a","version":"1","manager":"dpkg","installedSizeKiB":1.5}]}"#),
            inventory(#"{"packages":[{"name":"a","version":"1","manager":"dpkg","installedSizeKiB":"12"}]}"#),
            inventory(#"{"packages":[{"name":"a","version":"1","manager":"dpkg","installedSizeKiB":9223372036854775807}]}"#),
            inventory(#"{"packages":[{"name":"a","version":"1","manager":"dpkg","installedSizeKiB":9223372036854775808}]}"#),
            inventory(#"{"packages":[{"name":"a","version":"1","manager":"dpkg","installedSizeKiB":-9223372036854775808}]}"#),
            inventory(#"{"packages":[{"name":"a","version":"1","manager":"dpkg","installedSizeKiB":012}]}"#),
            inventory(#"{"packages":[{"name":"a","version":"1","manager":"dpkg","future":{"x":[1,2.5e-3,true,false,null,"y"]}}]}"#),
            inventory(#"{"packages":[{"name":"a","version":"1","manager":"dpkg"}],"future":"ignored"}"#),
            inventory(#"{"packages":[{"name":"a","name":"b","version":"1","manager":"dpkg"}]}"#),
            inventory(#"{"packages":[{"name":"a","version":"1","manager":"dpkg","summary":null,"summary":"x"}]}"#),
            inventory(#"{"packages":[{"name":"a","version":"1"}]}"#),
            inventory(#"{"packages":[{"name":null,"version":"1","manager":"dpkg"}]}"#),
            inventory(#"{"packages":[{"name":1,"version":"1","manager":"dpkg"}]}"#),
            inventory(#"{"packages":[{"name":"caf\u00e9 \ud83d\ude00 \"q\" \\ \/ \b\f\n\r\t","version":"1","manager":"dpkg"}]}"#),
            inventory(#"{"packages":[{"name":"lone \ud83d","version":"1","manager":"dpkg"}]}"#),
            inventory(#"{"packages":[{"name":"lone \ude00","version":"1","manager":"dpkg"}]}"#),
            inventory(#"{"packages":[{"name":"bad \x","version":"1","manager":"dpkg"}]}"#),
            inventory(#"{"packages":[{"name":"bad \u12","version":"1","manager":"dpkg"}]}"#),
            inventory("{\"packages\":[{\"name\":\"tab\there\",\"version\":\"1\",\"manager\":\"dpkg\"}]}"),
            inventory(#"{"packages":[\#(package),]}"#),
            inventory(#"{"packages":[\#(package)}"#),
            inventory(#"{"packages":[\#(package)],}"#),
            inventory(#"{"packages":null}"#),
            inventory(#"{}"#),
            inventory("null"),
            inventory("[]"),
            inventory("tru"),
            inventory(#"{"packages":[]}"#) + " ",
            inventory(#"{"packages":[]}"#) + " trailing",
            "{" + head + #","software":{"packages":[]},"software":{"packages":[\#(package)]}}"#,
            "{" + head + #","softw\u0061re":{"packages":[\#(package)]}}"#,
            "{" + head + #","schemaVersion":2,"software":{"packages":[]}}"#,
            #"{"agentVersion":"1","software":{"packages":[]}}"#,
            #"{"agentVersion":"1","collectedAt":"yesterday","schemaVersion":1,"warnings":[],"software":{"packages":[]}}"#,
            "{" + head + "}",
            "{" + head + #","cpu":{"threads":8},"software":{"packages":[\#(package)]},"os":{"prettyName":"Debian"}}"#,
            "{" + head + #","cpu":{"threads":"eight"},"software":{"packages":[]}}"#,
            "{" + head + #","cpu":{"threads":8,},"software":{"packages":[]}}"#,
            "{" + head + #","cpu":{"threads":08},"software":{"packages":[]}}"#,
            "{" + head + #","cpu":{"threads":-},"software":{"packages":[]}}"#,
            "{" + head + #","cpu":{"threads":1.},"software":{"packages":[]}}"#,
            "{" + head + #","cpu":{"threads":1e},"software":{"packages":[]}}"#,
            "{" + head + #","cpu":nul,"software":{"packages":[]}}"#,
            "[]", "", "null", "{}", "{", "\"",
        ]
        for text in cases {
            let bytes = Array(text.utf8)
            #expect((try? Inventory.decode(bytes)) == Self.reference(bytes), "\(text)")
        }
        // Not UTF-8.
        let invalid = Array(("{" + head + #","software":{"packages":[{"name":""#).utf8) + [0xC3, 0x28] + Array(#"","version":"1","manager":"dpkg"}]}}"#.utf8)
        #expect(Self.reference(invalid) == nil)
        #expect(throws: (any Error).self) { try Inventory.decode(invalid) }
    }

    /// Damaged copies of a real report, byte by byte: the two decoders must never disagree.
    @Test func agreesWithJSONDecoderOnDamagedReports() throws {
        var inventory = JSONWriterTests.everyFieldSet()
        inventory.software?.packages.append(SoftwarePackage(name: "zsh", version: "5.9-4+b2", manager: "dpkg"))
        let original = try CanonicalJSON.encodeBytes(inventory)
        let softwareStart = try #require(original.firstRange(of: Array(#""software""#.utf8))).lowerBound
        let replacements = Array(#" "\{}[],:0-.e1nulltrf"#.utf8) + [0x00, 0xFF]
        var generator = SystemRandomNumberGenerator()
        var accepted = 0
        for _ in 0..<600 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                // Mostly in the software member, which is the reader's own work.
                let position = Int.random(in: (Bool.random(using: &generator) ? softwareStart : 0)..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes.remove(at: position)
                case 1: bytes.insert(replacements.randomElement(using: &generator)!, at: position)
                default: bytes[position] = replacements.randomElement(using: &generator)!
                }
            }
            let expected = Self.reference(bytes)
            if expected != nil { accepted += 1 }
            #expect((try? Inventory.decode(bytes)) == expected, "\(String(decoding: bytes, as: UTF8.self))")
        }
        // Some damage leaves valid JSON (a digit for a digit, a space): both paths were exercised.
        #expect(accepted > 0)
    }
}
