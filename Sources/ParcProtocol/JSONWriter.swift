#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Encodes `Encodable` values into Parc's canonical JSON bytes: keys sorted by their UTF-8 bytes,
/// no insignificant whitespace (or two-space indentation when pretty), absent optionals omitted,
/// dates as ISO-8601 UTC with second precision, integers exact, slashes and non-ASCII unescaped.
///
/// Foundation's JSONEncoder produces the same JSON, but spends most of an agent run doing it; this
/// writer builds a small tree of values and prints it once.
struct JSONWriter {
    enum Value {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array([Value])
        case object([(String, Value)])
        /// Members already in key order.
        case sortedObject([(String, Value)])
        /// Containers still being filled when their parent recorded them.
        case objectRef(TreeEncoder.ObjectBox)
        case arrayRef(TreeEncoder.ArrayBox)
    }

    static func encode<T: Encodable>(_ value: T, pretty: Bool) throws -> [UInt8] {
        // Inventories describe their own tree (see Inventory+JSON.swift); the rest goes through Codable.
        // (A cast to a concrete type compares metadata; one to a protocol would scan every conformance.)
        let root = try (value as? Inventory)?.jsonTree ?? TreeEncoder.value(of: value, codingPath: [])
        return encode(tree: root, pretty: pretty)
    }

    static func encode(tree root: Value, pretty: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(root, into: &output, pretty: pretty, depth: 0)
        return output
    }

    /// A finite number as JSONEncoder writes it: integral values without a fraction.
    static func number(_ number: Double) -> Value {
        .number(number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number))
    }

    static func write(_ value: Value, into output: inout [UInt8], pretty: Bool, depth: Int) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): output.append(contentsOf: text.utf8)
        case .string(let text): writeString(text, into: &output)
        case .objectRef(let box): write(.object(box.members), into: &output, pretty: pretty, depth: depth)
        case .arrayRef(let box): write(.array(box.items), into: &output, pretty: pretty, depth: depth)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { newline(&output, depth + 1) }
                write(item, into: &output, pretty: pretty, depth: depth + 1)
            }
            if pretty && !items.isEmpty { newline(&output, depth) }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            // For NFC text, String's ordering is the order of the UTF-8 bytes.
            write(.sortedObject(members.sorted { $0.0 < $1.0 }), into: &output, pretty: pretty, depth: depth)
        case .sortedObject(let members):
            output.append(UInt8(ascii: "{"))
            var first = true
            for (key, item) in members {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                if pretty { newline(&output, depth + 1) }
                writeString(key, into: &output)
                if pretty { output.append(contentsOf: prettySeparator) } else { output.append(UInt8(ascii: ":")) }
                write(item, into: &output, pretty: pretty, depth: depth + 1)
            }
            if pretty && !members.isEmpty { newline(&output, depth) }
            output.append(UInt8(ascii: "}"))
        }
    }

    static func newline(_ output: inout [UInt8], _ depth: Int) {
        output.append(0x0A)
        var remaining = depth * 2
        while remaining > 0 {
            let count = min(remaining, spaces.count)
            spaces.withUnsafeBufferPointer { output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
            remaining -= count
        }
    }

    static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    static let hexDigits = Array("0123456789abcdef".utf8)
    static let prettySeparator = Array(" : ".utf8)

    static func writeString(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            output.append(UInt8(ascii: "\""))
            var start = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F else { continue }
                // Copy the run before the byte that needs escaping, then its escape.
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                switch byte {
                case 0x22: output.append(contentsOf: [0x5C, 0x22])
                case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                default:
                    output.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0x0F)])
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
            output.append(UInt8(ascii: "\""))
        }
    }

    /// `2026-11-25T12:00:00Z` from a date, by `CalendarDay`'s arithmetic (no calendar lookups).
    static func iso8601(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CalendarDay(number: Int(days)).civil
        func two<N: BinaryInteger>(_ value: N) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText = year >= 1000 ? "\(year)" : String(repeating: "0", count: 4 - "\(max(year, 0))".count) + "\(max(year, 0))"
        return "\(yearText)-\(two(month))-\(two(day))T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))Z"
    }
}

/// An `Encoder` that turns a value into a `JSONWriter.Value` tree.
///
/// `codingPath` is not extended per key: building it costs an allocation per value, and nothing
/// Parc encodes reads it (errors name the value instead).
final class TreeEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var result: JSONWriter.Value?
    // Containers write back through these boxes once the value is complete.
    var objectBox: ObjectBox?
    var arrayBox: ArrayBox?

    init(codingPath: [any CodingKey]) {
        self.codingPath = codingPath
    }

    static func value<T: Encodable>(of value: T, codingPath: [any CodingKey]) throws -> JSONWriter.Value {
        // Comparing metatypes is a pointer comparison; a failing `as?` cast per value is not cheap.
        let type = T.self
        if type == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if type == Int.self { return .number(String(unsafeBitCast(value, to: Int.self))) }
        if type == Int64.self { return .number(String(unsafeBitCast(value, to: Int64.self))) }
        if type == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
        if type == Date.self, let date = value as? Date { return .string(JSONWriter.iso8601(date)) }
        if type == UInt32.self { return .number(String(unsafeBitCast(value, to: UInt32.self))) }
        if type == Double.self {
            let number = unsafeBitCast(value, to: Double.self)
            guard number.isFinite else {
                throw EncodingError.invalidValue(number, .init(codingPath: codingPath, debugDescription: "JSON has no \(number)"))
            }
            return JSONWriter.number(number)
        }
        let encoder = TreeEncoder(codingPath: codingPath)
        try value.encode(to: encoder)
        return encoder.finished
    }

    var finished: JSONWriter.Value {
        if let objectBox { return .objectRef(objectBox) }
        if let arrayBox { return .arrayRef(arrayBox) }
        return result ?? .object([])
    }

    final class ObjectBox { var members: [(String, JSONWriter.Value)] = [] }
    final class ArrayBox { var items: [JSONWriter.Value] = [] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box = objectBox ?? ObjectBox()
        objectBox = box
        return KeyedEncodingContainer(KeyedContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box = arrayBox ?? ArrayBox()
        arrayBox = box
        return UnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(encoder: self) }

    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let box: ObjectBox
        let codingPath: [any CodingKey]

        mutating func encodeNil(forKey key: Key) throws { box.members.append((key.stringValue, .null)) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            box.members.append((key.stringValue, try TreeEncoder.value(of: value, codingPath: codingPath)))
        }
        // Absent optionals are left out, as JSONEncoder does.
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            if let value { try encode(value, forKey: key) }
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested = ObjectBox()
            box.members.append((key.stringValue, .objectRef(nested)))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested, codingPath: codingPath + [key]))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = ArrayBox()
            box.members.append((key.stringValue, .arrayRef(nested)))
            return UnkeyedContainer(box: nested, codingPath: codingPath + [key])
        }
        mutating func superEncoder() -> any Encoder { TreeEncoder(codingPath: codingPath) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { TreeEncoder(codingPath: codingPath + [key]) }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        let box: ArrayBox
        let codingPath: [any CodingKey]
        var count: Int { box.items.count }

        mutating func encodeNil() throws { box.items.append(.null) }
        mutating func encode<T: Encodable>(_ value: T) throws {
            box.items.append(try TreeEncoder.value(of: value, codingPath: codingPath))
        }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = ObjectBox()
            box.items.append(.objectRef(nested))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested, codingPath: codingPath))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = ArrayBox()
            box.items.append(.arrayRef(nested))
            return UnkeyedContainer(box: nested, codingPath: codingPath)
        }
        mutating func superEncoder() -> any Encoder { TreeEncoder(codingPath: codingPath) }
    }

    struct SingleContainer: SingleValueEncodingContainer {
        let encoder: TreeEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        mutating func encodeNil() throws { encoder.result = .null }
        mutating func encode<T: Encodable>(_ value: T) throws {
            encoder.result = try TreeEncoder.value(of: value, codingPath: codingPath)
        }
    }
}
