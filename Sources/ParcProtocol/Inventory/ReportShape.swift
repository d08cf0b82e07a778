/// Checks on an agent's JSON body made on its bytes, before any decoding allocates for it: nesting
/// depth and string length (so that a hostile body costs nothing), and what the inventory schema
/// forbids that a decoder would let through: control characters in text (a NUL that the database
/// cuts, escape sequences for staff terminals), negative numbers (every number in the schema has a
/// minimum of 0 or more) and, for a report, top-level keys that are not sections.
public enum ReportShape {
    /// What is wrong, and in which field (the nearest object key before it).
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public enum Kind: String, Sendable {
            case tooDeep = "too_deep"
            case stringTooLong = "string_too_long"
            case controlCharacter = "control_character"
            case negativeNumber = "negative_number"
            case unknownSection = "unknown_section"
        }
        public var kind: Kind
        public var field: String?
        public var message: String
        public var description: String { message }
    }

    /// The top-level keys a report may have (`inventory.schema.json`, additionalProperties: false).
    public static let reportKeys: Set<String> = [
        "schemaVersion", "agentVersion", "collectedAt", "warnings", "system", "cpu", "memory", "storage", "network", "devices", "monitors",
        "batteries", "os", "users", "software",
    ]

    /// `allowedTopLevelKeys` nil accepts any top-level key (a check-in).
    public static func check(_ bytes: [UInt8], allowedTopLevelKeys: Set<String>? = nil) throws(Problem) {
        // Containers open: true for an object. A string is a key when it is the first thing in an
        // object or follows a comma there.
        var containers: [Bool] = []
        var expectingKey = false
        var inString = false
        var escape = 0  // 0: none; 1: after a backslash; 2...5: reading \u hex digits
        var unicode: UInt32 = 0
        var stringStart = 0
        var stringIsKey = false
        var lastKey: [UInt8] = []
        var previous: UInt8 = 0
        func field() -> String? { lastKey.isEmpty ? nil : String(decoding: lastKey, as: UTF8.self) }
        for (index, byte) in bytes.enumerated() {
            defer { previous = byte }
            if inString {
                if index - stringStart > AgentLimits.stringBytes {
                    throw Problem(kind: .stringTooLong, field: field(), message: "a string in the report is over \(AgentLimits.stringBytes) bytes")
                }
                if escape == 1 {
                    switch byte {
                    case UInt8(ascii: "u"):
                        escape = 2
                        unicode = 0
                    case UInt8(ascii: "n"), UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "b"), UInt8(ascii: "f"):
                        throw control(byte == UInt8(ascii: "n") ? 0x0A : byte == UInt8(ascii: "t") ? 0x09 : byte == UInt8(ascii: "r") ? 0x0D : 0x08, field())
                    default:
                        escape = 0
                    }
                    continue
                }
                if escape >= 2 {
                    unicode = unicode << 4 | UInt32(hexValue(byte))
                    escape += 1
                    if escape == 6 {
                        escape = 0
                        if unicode < 0x20 || (0x7F...0x9F).contains(unicode) { throw control(unicode, field()) }
                    }
                    continue
                }
                switch byte {
                case 0x5C: escape = 1
                case 0x22:
                    inString = false
                    if stringIsKey { lastKey = Array(bytes[(stringStart + 1)..<index]) }
                    if stringIsKey, containers.count == 1, let allowed = allowedTopLevelKeys, !allowed.contains(String(decoding: lastKey, as: UTF8.self)) {
                        throw Problem(
                            kind: .unknownSection, field: field(),
                            message: "'\(field() ?? "")' is not a section of an inventory (the schema allows \(allowed.sorted().joined(separator: ", ")))")
                    }
                case 0..<0x20, 0x7F: throw control(UInt32(byte), field())
                // U+0080...U+009F in UTF-8: C2 80 ... C2 9F.
                case 0x80...0x9F where previous == 0xC2: throw control(UInt32(byte), field())
                default: break
                }
                continue
            }
            switch byte {
            case 0x22:
                inString = true
                stringStart = index
                stringIsKey = expectingKey && containers.last == true
                expectingKey = false
            case 0x7B, 0x5B:
                containers.append(byte == 0x7B)
                expectingKey = byte == 0x7B
                if containers.count > AgentLimits.jsonDepth {
                    throw Problem(kind: .tooDeep, field: field(), message: "the report nests deeper than \(AgentLimits.jsonDepth) levels")
                }
            case 0x7D, 0x5D:
                _ = containers.popLast()
                expectingKey = false
            case 0x2C:
                expectingKey = containers.last == true
            case 0x2D where previous != UInt8(ascii: "e") && previous != UInt8(ascii: "E"):  // not an exponent's sign
                throw Problem(
                    kind: .negativeNumber, field: field(),
                    message: "'\(field() ?? "a number")' is negative; every number in an inventory is 0 or more")
            default:
                break
            }
        }
    }

    private static func control(_ value: UInt32, _ field: String?) -> Problem {
        let hex = String(value, radix: 16, uppercase: true)
        let name = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return Problem(
            kind: .controlCharacter, field: field, message: "'\(field ?? "a string")' holds a control character (\(name)); inventory text may not contain any")
    }

    private static func hexValue(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: 0
        }
    }
}
