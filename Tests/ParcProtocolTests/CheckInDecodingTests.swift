import Foundation
import Testing

@testable import ParcProtocol

/// `CheckIn.decode` reads the agents' shape itself and leaves everything else to `JSONDecoder`:
/// whatever the input, it must answer what `JSONDecoder` answers.
@Suite struct CheckInDecodingTests {
    static func reference(_ bytes: [UInt8]) -> CheckIn? {
        try? JSONDecoder().decode(CheckIn.self, from: Data(bytes))
    }

    static func agrees(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return (try? CheckIn.decode(bytes)) == reference(bytes)
    }

    @Test func readsWhatAgentsSendWithoutJSONDecoder() throws {
        let checkIn = CheckIn(
            agentVersion: "0.9.1", hostname: "pc-42.acme.example",
            sectionHashes: ["cpu": "sha256:" + String(repeating: "ab", count: 32), "os": "sha256:" + String(repeating: "01", count: 32)])
        let bytes = try CanonicalJSON.encodeBytes(checkIn)
        var reader = JSONReader(bytes)
        #expect(try CheckIn(reading: &reader) == checkIn)
        #expect(try CheckIn.decode(bytes) == checkIn)
        #expect(
            try CheckIn.decode(Array(#"{"agentVersion":"1","hostname":"h","sectionHashes":{}}"#.utf8))
                == CheckIn(agentVersion: "1", hostname: "h", sectionHashes: [:]))
    }

    @Test func anyStringRoundTrips() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ09-._ \"\\/\u{0}\u{1F}\u{7F}éß€😀\u{2028}\n\t") + ["\r\n"]
        func text() -> String { String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) }
        for _ in 0..<300 {
            let hashes = Dictionary((0..<Int.random(in: 0...4, using: &generator)).map { _ in (text(), text()) }, uniquingKeysWith: { $1 })
            let checkIn = CheckIn(agentVersion: text(), hostname: text(), sectionHashes: hashes)
            #expect(try CheckIn.decode(try CanonicalJSON.encodeBytes(checkIn)) == checkIn)
        }
    }

    @Test func answersWhatJSONDecoderAnswers() {
        let cases = [
            #" { "agentVersion" : "1" ,"hostname":"h", "sectionHashes" : { "os" : "x" , "cpu":"y" } } "#,
            #"{"agentVersion":"1","hostname":"h","sectionHashes":{"os":"x"},"extra":"kept out"}"#,
            #"{"agentVersion":"1","hostname":"h","sectionHashes":{"os":"x"},"extra":42}"#,
            #"{"agentVersion":"1","hostname":"h","sectionHashes":{"os":"x"},"extra":[1,{"a":null}]}"#,
            #"{"agentVersion":"1","hostname":"h","hostname":"second","sectionHashes":{"os":"x","os":"y"}}"#,
            #"{"agentVersion":"1","hostname":"h\u00e9\"","sectionHashes":{}}"#,
            #"{"agentVersion":"1","hostname":"h"}"#,
            #"{"agentVersion":1,"hostname":"h","sectionHashes":{}}"#,
            #"{"agentVersion":"1","hostname":null,"sectionHashes":{}}"#,
            #"{"agentVersion":"1","hostname":"h","sectionHashes":{"os":1}}"#,
            #"{"agentVersion":"1","hostname":"h","sectionHashes":["os"]}"#,
            #"{"agentVersion":"1","hostname":"h","sectionHashes":{}} trailing"#,
            #"{"agentVersion":"1","hostname":"h","sectionHashes":{},}"#,
            #"{"agentVersion":"1","hostname":"h","sectionHashes":{"os":"x",}}"#,
            #"{"agentVersion":"1","hostname":"h","sectionHashes":{}"#,
            #"{"agentVersion":"1","hostname":"h","sectionHashes":{"os""x"}}"#,
            #"{"agentVersion":"1" "hostname":"h","sectionHashes":{}}"#,
            "{\"agentVersion\":\"1\",\"hostname\":\"tab\there\",\"sectionHashes\":{}}",
            #"[]"#, #""#, #"null"#, #"{}"#, #"{"#, #"""#,
        ]
        for text in cases { #expect(Self.agrees(text), "\(text)") }
        // Not UTF-8.
        let invalid: [UInt8] = Array(#"{"agentVersion":"1","hostname":""#.utf8) + [0xC3, 0x28] + Array(#"","sectionHashes":{}}"#.utf8)
        #expect((try? CheckIn.decode(invalid)) == Self.reference(invalid))
        #expect(throws: (any Error).self) { try CheckIn.decode(invalid) }
    }
}
