/// Decodes the raw SMBIOS table (`/sys/firmware/dmi/tables/DMI`) and its entry point
/// (`smbios_entry_point`), as DMTF DSP0134 lays them out. Pure: bytes in, values out.
///
/// Truncated or malformed tables are read as far as they are valid: a structure that runs past
/// the end stops the walk, a field beyond a structure's formatted length is absent.
public struct SMBIOSTable: Sendable {
    public struct Version: Sendable, Equatable, Comparable, CustomStringConvertible {
        public var major: Int
        public var minor: Int
        public var revision: Int

        public init(major: Int, minor: Int, revision: Int) {
            self.major = major
            self.minor = minor
            self.revision = revision
        }

        public static func < (lhs: Version, rhs: Version) -> Bool {
            (lhs.major, lhs.minor, lhs.revision) < (rhs.major, rhs.minor, rhs.revision)
        }

        /// `3.0.0` for 3.x entry points (which carry a revision), `2.8` for 2.x ones, as dmidecode prints.
        public var description: String { major >= 3 ? "\(major).\(minor).\(revision)" : "\(major).\(minor)" }
    }

    /// One structure: its type, handle, formatted bytes (header included) and strings.
    public struct Structure: Sendable {
        public var type: UInt8
        public var handle: UInt16
        public var formatted: ArraySlice<UInt8>
        public var strings: [ArraySlice<UInt8>]

        public var length: Int { formatted.count }

        public func byte(_ offset: Int) -> UInt8? {
            offset < formatted.count ? formatted[formatted.startIndex + offset] : nil
        }

        public func word(_ offset: Int) -> UInt16? {
            guard offset + 1 < formatted.count else { return nil }
            let base = formatted.startIndex + offset
            return UInt16(formatted[base]) | UInt16(formatted[base + 1]) << 8
        }

        public func dword(_ offset: Int) -> UInt32? {
            guard offset + 3 < formatted.count else { return nil }
            let base = formatted.startIndex + offset
            return (0..<4).reduce(UInt32(0)) { $0 | UInt32(formatted[base + $1]) << (8 * $1) }
        }

        public func bytes(_ offset: Int, count: Int) -> ArraySlice<UInt8>? {
            guard offset + count <= formatted.count else { return nil }
            let base = formatted.startIndex + offset
            return formatted[base..<(base + count)]
        }

        /// The string a formatted-area byte points at (1-based; 0 means none), trimmed of spaces.
        public func string(_ offset: Int) -> String? {
            guard let index = byte(offset), index > 0, Int(index) <= strings.count else { return nil }
            let text = String(decoding: strings[Int(index) - 1], as: UTF8.self)
            let trimmed = text.trimmingSpaces()
            return trimmed.isEmpty ? nil : trimmed
        }
    }

    public var version: Version?
    public var structures: [Structure]
    /// Problems met while reading (a malformed structure, a table shorter than announced).
    public var problems: [String]

    public init(entryPoint: [UInt8]?, table: [UInt8]) {
        version = entryPoint.flatMap(Self.parseEntryPoint)
        structures = []
        problems = []
        walk(table)
    }

    public func first(type: UInt8) -> Structure? { structures.first { $0.type == type } }
    public func all(type: UInt8) -> [Structure] { structures.filter { $0.type == type } }

    /// Reads the version from a 2.1 (`_SM_`, 32-bit) or 3.0 (`_SM3_`, 64-bit) entry point.
    static func parseEntryPoint(_ bytes: [UInt8]) -> Version? {
        if bytes.count >= 0x1F, bytes.starts(with: Array("_SM_".utf8)) {
            var version = Version(major: Int(bytes[0x06]), minor: Int(bytes[0x07]), revision: 0)
            // Some firmware reports 2.33 or 2.51 for 2.3 and 2.5 (as dmidecode corrects).
            if version.major == 2 && version.minor == 33 { version.minor = 3 }
            if version.major == 2 && version.minor == 51 { version.minor = 5 }
            return version
        }
        if bytes.count >= 0x18, bytes.starts(with: Array("_SM3_".utf8)) {
            return Version(major: Int(bytes[0x07]), minor: Int(bytes[0x08]), revision: Int(bytes[0x09]))
        }
        return nil
    }

    private mutating func walk(_ table: [UInt8]) {
        var offset = 0
        while offset + 4 <= table.count {
            let type = table[offset]
            let length = Int(table[offset + 1])
            let handle = UInt16(table[offset + 2]) | UInt16(table[offset + 3]) << 8
            guard length >= 4 else {
                problems.append("SMBIOS structure at offset \(offset) has invalid length \(length); stopped there")
                return
            }
            guard offset + length <= table.count else {
                problems.append("SMBIOS structure type \(type) at offset \(offset) runs past the end of the table")
                return
            }
            // Strings follow the formatted area, each NUL-terminated, the set ended by an extra NUL.
            var cursor = offset + length
            var strings: [ArraySlice<UInt8>] = []
            var start = cursor
            var terminated = false
            while cursor < table.count {
                if table[cursor] == 0 {
                    if cursor == start {
                        // Empty string: the end of the set (or the double NUL of a structure without strings).
                        if strings.isEmpty && cursor + 1 < table.count && table[cursor + 1] == 0 { cursor += 1 }
                        terminated = true
                        cursor += 1
                        break
                    }
                    strings.append(table[start..<cursor])
                    start = cursor + 1
                }
                cursor += 1
            }
            structures.append(Structure(type: type, handle: handle, formatted: table[offset..<(offset + length)], strings: strings))
            guard terminated else {
                problems.append("SMBIOS string set of structure type \(type) at offset \(offset) is not terminated")
                return
            }
            if type == 127 { return }
            offset = cursor
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" || first == "\0" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\0" || last == "\n" { slice.removeLast() }
        return String(slice)
    }
}
