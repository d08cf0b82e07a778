import ParcProtocol
import Testing

/// The byte-level checks of agent bodies: each refusal names its kind and the nearest field.
@Suite struct ReportShapeTests {
    func problem(_ json: String, keys: Set<String>? = ReportShape.reportKeys) -> ReportShape.Problem? {
        do {
            try ReportShape.check(Array(json.utf8), allowedTopLevelKeys: keys)
            return nil
        } catch {
            return error
        }
    }

    @Test func controlCharactersAreRefusedWithTheirField() {
        for escaped in ["\\u0000", "\\u001b", "\\u0007", "\\n", "\\t", "\\r", "\\u007f", "\\u009b", "\\u001F"] {
            let found = problem(#"{"software":{"packages":[{"name":"pkg\#(escaped)x"}]}}"#)
            #expect(found?.kind == .controlCharacter && found?.field == "name", "\(escaped): \(String(describing: found))")
        }
        // Raw bytes: a C1 control in UTF-8 (C2 9B), DEL, and a raw newline.
        for raw: [UInt8] in [[0xC2, 0x9B], [0x7F], [0x0A]] {
            let bytes = Array(#"{"os":{"hostname":"a"#.utf8) + raw + Array(#""}}"#.utf8)
            #expect(throws: ReportShape.Problem.self) { try ReportShape.check(bytes, allowedTopLevelKeys: nil) }
        }
        // Ordinary escapes and non-ASCII text pass: quotes, backslashes, slashes, accents, é as \u00e9.
        #expect(problem(#"{"os":{"prettyName":"a \"b\" c\\d\/e é \u00e9 ü"}}"#) == nil)
    }

    @Test func negativeNumbersAndUnknownSectionsAreRefused() {
        #expect(problem(#"{"memory":{"totalBytes":-1}}"#)?.kind == .negativeNumber)
        #expect(problem(#"{"memory":{"totalBytes":-1}}"#)?.field == "totalBytes")
        #expect(problem(#"{"monitors":[{"diagonalInches":1.5e-1}]}"#) == nil)
        #expect(problem(#"{"os":{"prettyName":"-not a number-"}}"#) == nil)
        #expect(problem(#"{"gpu":{"model":"x"}}"#)?.kind == .unknownSection)
        #expect(problem(#"{"gpu":{"model":"x"}}"#, keys: nil) == nil)
        // A key named like a section, deeper down, is not a section.
        #expect(problem(#"{"system":{"gpu":"x","warnings":["a","b"]}}"#) == nil)
        #expect(problem(#"{"warnings":["gpu","-"],"schemaVersion":1}"#) == nil)
    }

    @Test func depthAndStringLengthAreBounded() {
        #expect(problem(String(repeating: "[", count: 40) + String(repeating: "]", count: 40), keys: nil)?.kind == .tooDeep)
        let long = String(repeating: "a", count: AgentLimits.stringBytes + 10)
        #expect(problem(#"{"os":{"prettyName":"\#(long)"}}"#)?.kind == .stringTooLong)
    }
}
