#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The XML that FusionInventory and OCS Inventory agents send (`<REQUEST><QUERY>…`), read into the
/// tree the GLPI inventory format has, as GLPI's own converter does: element names lower-cased, an
/// element with children an object, one repeated a list, one with text alone a string.
///
/// Only what those agents write is read: elements, text, the five named entities, character
/// references and CDATA; attributes are skipped. A document type is refused, so no entity is ever
/// defined or expanded (no "billion laughs", no external entity); nesting beyond `maximumDepth` is
/// refused before it costs a stack frame.
public enum InventoryXML {
    public struct Invalid: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The root element's name (upper case, as sent) and its content.
    public static func parse(_ bytes: [UInt8], maximumDepth: Int = 32) throws(Invalid) -> (root: String, value: JSONValue) {
        var parser = Parser(bytes: bytes, maximumDepth: maximumDepth)
        try parser.skipProlog()
        guard parser.peek == UInt8(ascii: "<") else { throw parser.invalid("no root element") }
        let (name, value) = try parser.element(depth: 0)
        try parser.skipMisc()
        guard parser.index == bytes.count else { throw parser.invalid("text after the root element") }
        return (name, value)
    }

    private struct Parser {
        let bytes: [UInt8]
        let maximumDepth: Int
        var index = 0

        init(bytes: [UInt8], maximumDepth: Int) {
            self.bytes = bytes
            self.maximumDepth = maximumDepth
        }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        func invalid(_ what: String) -> Invalid { Invalid(description: "\(what) at byte \(index)") }

        func starts(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            return text.withUTF8Buffer { prefix in (0..<count).allSatisfy { bytes[index + $0] == prefix[$0] } }
        }

        mutating func skipSpace() {
            while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
        }

        /// Moves past `end`, or fails naming `what` was left open.
        mutating func skip(past end: StaticString, _ what: String) throws(Invalid) {
            while index < bytes.count {
                if starts(end) {
                    index += end.utf8CodeUnitCount
                    return
                }
                index += 1
            }
            throw invalid("unterminated \(what)")
        }

        /// A byte-order mark, the XML declaration, comments and processing instructions before the root.
        mutating func skipProlog() throws(Invalid) {
            if starts("\u{FEFF}") { index += 3 }
            try skipMisc()
        }

        mutating func skipMisc() throws(Invalid) {
            while true {
                skipSpace()
                if starts("<?") {
                    try skip(past: "?>", "processing instruction")
                } else if starts("<!--") {
                    try skip(past: "-->", "comment")
                } else if starts("<!DOCTYPE") || starts("<!doctype") {
                    throw invalid("a document type declaration (entities are not read)")
                } else {
                    return
                }
            }
        }

        mutating func name() throws(Invalid) -> String {
            let start = index
            while let byte = peek, byte > 0x20, byte != UInt8(ascii: ">"), byte != UInt8(ascii: "/"), byte != UInt8(ascii: "=") { index += 1 }
            guard index > start, index - start <= 128 else { throw invalid(index == start ? "an element without a name" : "an element name over 128 bytes") }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        /// The element at `<`: its name and what it holds.
        mutating func element(depth: Int) throws(Invalid) -> (String, JSONValue) {
            guard depth < maximumDepth else { throw invalid("elements nested deeper than \(maximumDepth) levels") }
            index += 1
            let name = try name()
            // Attributes: skipped, quotes respected.
            while true {
                skipSpace()
                guard let byte = peek else { throw invalid("unterminated start tag <\(name)") }
                if byte == UInt8(ascii: ">") {
                    index += 1
                    break
                }
                if starts("/>") {
                    index += 2
                    return (name, .string(""))
                }
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    index += 1
                    while let inner = peek, inner != byte { index += 1 }
                    guard peek != nil else { throw invalid("unterminated attribute value in <\(name)") }
                }
                index += 1
            }
            var text: [UInt8] = []
            var children: [(String, JSONValue)] = []
            while true {
                guard let byte = peek else { throw invalid("unterminated element <\(name)>") }
                if byte != UInt8(ascii: "<") {
                    if byte == UInt8(ascii: "&") {
                        text += try reference()
                    } else {
                        text.append(byte)
                        index += 1
                    }
                } else if starts("</") {
                    index += 2
                    let closing = try self.name()
                    guard closing == name else { throw invalid("</\(closing)> closes <\(name)>") }
                    skipSpace()
                    guard peek == UInt8(ascii: ">") else { throw invalid("unterminated end tag </\(name)") }
                    index += 1
                    break
                } else if starts("<![CDATA[") {
                    index += 9
                    let start = index
                    try skip(past: "]]>", "CDATA section")
                    text += bytes[start..<(index - 3)]
                } else if starts("<!--") {
                    try skip(past: "-->", "comment")
                } else if starts("<?") {
                    try skip(past: "?>", "processing instruction")
                } else if starts("<!") {
                    throw invalid("a declaration inside <\(name)>")
                } else {
                    children.append(try element(depth: depth + 1))
                }
            }
            guard !children.isEmpty else { return (name, .string(String(decoding: text, as: UTF8.self))) }
            // Text beside children is layout (or mixed content no inventory has): dropped.
            var members: [String: JSONValue] = [:]
            var order: [String] = []
            for (childName, value) in children {
                let key = childName.lowercased()
                switch members[key] {
                case nil:
                    members[key] = value
                    order.append(key)
                case .array(var list)?:
                    list.append(value)
                    members[key] = .array(list)
                case let first?:
                    members[key] = .array([first, value])
                }
            }
            return (name, .object(members))
        }

        /// `&amp;` and its kin, `&#38;`, `&#x26;`: the bytes they stand for.
        mutating func reference() throws(Invalid) -> [UInt8] {
            let start = index
            index += 1
            while let byte = peek, byte != UInt8(ascii: ";"), index - start <= 12 { index += 1 }
            guard peek == UInt8(ascii: ";") else { throw invalid("an '&' that starts no entity (write &amp;)") }
            let body = String(decoding: bytes[(start + 1)..<index], as: UTF8.self)
            index += 1
            switch body {
            case "amp": return [UInt8(ascii: "&")]
            case "lt": return [UInt8(ascii: "<")]
            case "gt": return [UInt8(ascii: ">")]
            case "quot": return [UInt8(ascii: "\"")]
            case "apos": return [UInt8(ascii: "'")]
            default:
                let code: UInt32? =
                    body.hasPrefix("#x") || body.hasPrefix("#X")
                    ? UInt32(body.dropFirst(2), radix: 16) : body.hasPrefix("#") ? UInt32(body.dropFirst(), radix: 10) : nil
                guard let code, let scalar = Unicode.Scalar(code), code != 0 else { throw invalid("an unknown entity &\(body.prefix(12));") }
                return Array(String(Character(scalar)).utf8)
            }
        }
    }
}
