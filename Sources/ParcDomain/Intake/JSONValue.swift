#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Any JSON text as a tree, for inventories whose shape is the sender's (GLPI Agent's format has
/// 49 categories, each with fields that change between agent versions): read leniently field by
/// field afterwards, which a `Decodable` type cannot do.
///
/// The parser is strict about JSON itself and bounded: nesting beyond `maximumDepth` is refused
/// before it costs a stack frame, duplicate keys keep the last value (as GLPI does).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public struct Invalid: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public static func parse(_ bytes: [UInt8], maximumDepth: Int = 32) throws(Invalid) -> JSONValue {
        var parser = Parser(bytes: bytes, maximumDepth: maximumDepth)
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == bytes.count else { throw parser.invalid("text after the JSON value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        let maximumDepth: Int
        var index = 0

        init(bytes: [UInt8], maximumDepth: Int) {
            self.bytes = bytes
            self.maximumDepth = maximumDepth
        }

        func invalid(_ what: String) -> Invalid { Invalid(description: "\(what) at byte \(index)") }

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
        }

        mutating func value(depth: Int) throws(Invalid) -> JSONValue {
            skipSpace()
            guard index < bytes.count else { throw invalid("unexpected end") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                guard depth < maximumDepth else { throw invalid("nesting deeper than \(maximumDepth) levels") }
                index += 1
                // Room for a program's seven fields from the start: growing 1, 2, 4, 8 cost a tenth of reading.
                var members = [String: JSONValue](minimumCapacity: 8)
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                }
                while true {
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw invalid("expected a key") }
                    let key = try string()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw invalid("expected ':'") }
                    index += 1
                    members[key] = try value(depth: depth + 1)
                    skipSpace()
                    guard index < bytes.count else { throw invalid("unexpected end") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    guard bytes[index] == UInt8(ascii: "}") else { throw invalid("expected ',' or '}'") }
                    index += 1
                    return .object(members)
                }
            case UInt8(ascii: "["):
                guard depth < maximumDepth else { throw invalid("nesting deeper than \(maximumDepth) levels") }
                index += 1
                var elements: [JSONValue] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(elements)
                }
                while true {
                    elements.append(try value(depth: depth + 1))
                    skipSpace()
                    guard index < bytes.count else { throw invalid("unexpected end") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    guard bytes[index] == UInt8(ascii: "]") else { throw invalid("expected ',' or ']'") }
                    index += 1
                    return .array(elements)
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            default:
                return .number(try number())
            }
        }

        mutating func literal(_ word: StaticString) throws(Invalid) {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw invalid("unexpected end") }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw invalid("unknown literal") }
            index += count
        }

        mutating func number() throws(Invalid) -> Double {
            let start = index
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            var integer: Int64 = 0
            var simple = true
            var digits = 0
            while index < bytes.count, (48...57).contains(bytes[index]) {
                if digits < 15 {
                    integer = integer * 10 + Int64(bytes[index] - 48)
                } else {
                    simple = false
                }
                digits += 1
                index += 1
            }
            guard digits > 0 else { throw invalid("expected a value") }
            while index < bytes.count,
                [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"), UInt8(ascii: "-")].contains(bytes[index])
                    || (48...57).contains(bytes[index])
            {
                simple = false
                index += 1
            }
            if simple { return Double(bytes[start] == UInt8(ascii: "-") ? -integer : integer) }
            guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else { throw invalid("malformed number") }
            return value
        }

        /// A string, `index` at its opening quote.
        mutating func string() throws(Invalid) -> String {
            index += 1
            let start = index
            // Fast path: no escapes.
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") { index += 1 }
            guard index < bytes.count else { throw invalid("unterminated string") }
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: bytes[start..<(index - 1)], as: UTF8.self)
            }
            var text = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(decoding: text, as: UTF8.self)
                }
                guard byte == UInt8(ascii: "\\") else {
                    text.append(byte)
                    index += 1
                    continue
                }
                index += 1
                guard index < bytes.count else { break }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escaped)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        let low = try hex4()
                        scalar = (0xDC00...0xDFFF).contains(low) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                    }
                    text.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
                default: throw invalid("unknown escape")
                }
            }
            throw invalid("unterminated string")
        }

        mutating func hex4() throws(Invalid) -> UInt32 {
            guard index + 4 <= bytes.count else { throw invalid("short \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case 48...57: digit = UInt32(byte - 48)
                case 65...70: digit = UInt32(byte - 55)
                case 97...102: digit = UInt32(byte - 87)
                default: throw invalid("bad \\u escape")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }
    }
}
