import Foundation
import ParcDomain
import ParcTestSupport
import Testing

/// `JSONValue` against Foundation's `JSONSerialization`, an independent parser, on real inventories
/// and on the corners of JSON.
@Suite struct JSONValueTests {
    /// The same tree, by Foundation's reading.
    static func same(_ value: JSONValue, _ other: Any) -> Bool {
        switch value {
        case .null: return other is NSNull
        case .bool(let flag): return (other as? NSNumber).map { $0.boolValue == flag } ?? false
        case .number(let number): return (other as? NSNumber).map { $0.doubleValue == number } ?? false
        case .string(let text): return (other as? String) == text
        case .array(let elements):
            guard let others = other as? [Any], others.count == elements.count else { return false }
            return zip(elements, others).allSatisfy { same($0, $1) }
        case .object(let members):
            guard let others = other as? [String: Any], others.count == members.count else { return false }
            return members.allSatisfy { key, value in others[key].map { same(value, $0) } ?? false }
        }
    }

    @Test(.enabled(if: SharedMaterial.hasGLPIExamples, "../shared/fixtures/glpi-inventory-format is absent beside this clone"))
    func readsEveryExampleAsFoundationDoes() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: SharedMaterial.glpiExamples) where name.hasSuffix(".json") {
            let data = try Data(contentsOf: URL(fileURLWithPath: SharedMaterial.glpiExamples + "/" + name))
            let value = try JSONValue.parse(Array(data))
            #expect(Self.same(value, try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])), "\(name)")
        }
    }

    @Test func cornersOfJSON() throws {
        for text in [
            #"{"a":"\u00e9\ud83d\ude00\n\t\"\\\/","b":[1,-2,3.5,1e3,-0.25E-2,12345678901234567890],"c":[true,false,null],"d":{},"e":[]}"#,
            #"  [ "x" , { "y" : [ ] } ]  "#, #""plain""#, "0", "-17",
        ] {
            let value = try JSONValue.parse(Array(text.utf8))
            #expect(Self.same(value, try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])), "\(text)")
        }
        for bad in ["", "{", #"{"a"}"#, "[1,]", "tru", #""unterminated"#, "[1] x", #""\x""#, "01x", "{\"a\":1,}"] {
            #expect(throws: JSONValue.Invalid.self, "\(bad)") { try JSONValue.parse(Array(bad.utf8)) }
        }
        #expect(throws: JSONValue.Invalid.self) { try JSONValue.parse(Array((String(repeating: "[", count: 40) + String(repeating: "]", count: 40)).utf8)) }
        #expect((try? JSONValue.parse(Array((String(repeating: "[", count: 32) + String(repeating: "]", count: 32)).utf8))) != nil)
    }
}
