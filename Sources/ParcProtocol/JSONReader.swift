#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A strict pull reader over UTF-8 JSON, for the shapes the server reads by the thousand: check-ins
/// and software lists, where `JSONDecoder` spends most of its time on generic metadata and keyed
/// containers rather than on the bytes.
///
/// It reads less than JSON allows and guesses nothing: on anything it does not handle (duplicate
/// keys, numbers with a fraction where an integer is expected, lone surrogates, deep nesting) or that
/// is not JSON it throws `Unhandled`, and `decode(_:_:)` hands the bytes to `JSONDecoder`, which
/// answers and names the problem. A reader that gives up costs time, never a different answer.
struct JSONReader {
    struct Unhandled: Error {}

    /// The keys of one object read so far, each by its number: a key seen twice is left to
    /// `JSONDecoder`, whose choice between the two copies is its own.
    struct SeenKeys {
        private var bits: UInt64 = 0

        mutating func first(_ key: Int) throws {
            guard bits & (1 << key) == 0 else { throw Unhandled() }
            bits |= 1 << key
        }
    }

    let bytes: [UInt8]
    private(set) var index = 0
    /// Where the key of the member being read begins: lets a caller copy whole members.
    private(set) var memberStart = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// `read` applied to the whole of `bytes`, or `JSONDecoder`'s answer when the reader gives up.
    static func decode<T: Decodable>(_ bytes: [UInt8], _ read: (inout JSONReader) throws -> T) throws -> T {
        var reader = JSONReader(bytes)
        if let value = try? read(&reader), (try? reader.end()) != nil { return value }
        return try CanonicalJSON.decode(T.self, from: Data(bytes))
    }

    /// Nothing but whitespace is left.
    mutating func end() throws {
        skipSpace()
        guard index == bytes.count else { throw Unhandled() }
    }

    /// The next significant byte, not consumed.
    mutating func peek() -> UInt8? {
        skipSpace()
        return index < bytes.count ? bytes[index] : nil
    }

    /// Consumes `null` if it comes next.
    mutating func consumeNull() -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        return (try? literal("null")) != nil
    }

    /// Calls `body` with each member's key, positioned at its value, which `body` must read.
    mutating func forEachMember(_ body: (inout JSONReader, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if consume(UInt8(ascii: "}")) { return }
        repeat {
            skipSpace()
            memberStart = index
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try body(&self, key)
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    /// Calls `body` positioned at each element, which `body` must read.
    mutating func forEachElement(_ body: (inout JSONReader) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        if consume(UInt8(ascii: "]")) { return }
        repeat { try body(&self) } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
    }

    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        var highBits: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = try Self.text(bytes[start..<index], ascii: highBits < 0x80)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            // JSON forbids control characters unescaped.
            guard byte >= 0x20 else { throw Unhandled() }
            highBits |= byte
            index += 1
        }
        throw Unhandled()
    }

    /// UTF-8 bytes as a string, refused if they are not UTF-8. (`String(validating:)` is generic in
    /// the standard library and looked its metadata up on every call: a third of the reader's time.)
    private static func text(_ utf8: ArraySlice<UInt8>, ascii: Bool) throws -> String {
        let text = String(decoding: utf8, as: UTF8.self)
        // Decoding repairs what is not UTF-8, so the bytes come back the same only if they were.
        guard ascii || text.utf8.elementsEqual(utf8) else { throw Unhandled() }
        return text
    }

    mutating func optionalString() throws -> String? { consumeNull() ? nil : try string() }

    /// An integer written as one: digits only, no fraction or exponent, within `Int64`.
    mutating func int64() throws -> Int64 {
        skipSpace()
        let negative = consume(UInt8(ascii: "-"))
        let start = index
        var value: Int64 = 0
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
            let digit = bytes[index] &- UInt8(ascii: "0")
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = negative ? times10.subtractingReportingOverflow(Int64(digit)) : times10.addingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { throw Unhandled() }
            value = sum
            index += 1
        }
        let digits = index - start
        guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else { throw Unhandled() }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] | 0x20 == UInt8(ascii: "e") { throw Unhandled() }
        return value
    }

    mutating func optionalInt64() throws -> Int64? { consumeNull() ? nil : try int64() }

    /// Reads past one value of any kind, checking that it is JSON.
    mutating func skipValue(depth: Int = 0) throws {
        guard depth < 64, let byte = peek() else { throw Unhandled() }
        switch byte {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"): try forEachMember { reader, _ in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): try forEachElement { reader in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try skipNumber()
        }
    }

    // MARK: - Bytes

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard consume(byte) else { throw Unhandled() }
    }

    private mutating func literal(_ word: StaticString) throws {
        skipSpace()
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw Unhandled() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw Unhandled() }
        index += count
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func skipNumber() throws {
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            return index - start
        }
        _ = consume(UInt8(ascii: "-"))
        let start = index
        let integral = digits()
        guard integral > 0, integral == 1 || bytes[start] != UInt8(ascii: "0") else { throw Unhandled() }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw Unhandled() }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw Unhandled() }
        }
    }

    /// The rest of a string that has escapes, `start` being just after its opening quote.
    private mutating func escapedString(from start: Int) throws -> String {
        var text = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return try Self.text(text[...], ascii: false)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw Unhandled() }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escape)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hexUnit()
                    if (0xD800..<0xDC00).contains(scalar) {
                        // A high surrogate must be followed by an escaped low one.
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { throw Unhandled() }
                        index += 2
                        let low = try hexUnit()
                        guard (0xDC00..<0xE000).contains(low) else { throw Unhandled() }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw Unhandled() }
                    text.append(contentsOf: unicode.utf8)
                default:
                    throw Unhandled()
                }
            default:
                guard byte >= 0x20 else { throw Unhandled() }
                text.append(byte)
            }
        }
        throw Unhandled()
    }

    private mutating func hexUnit() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw Unhandled() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Unhandled()
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
