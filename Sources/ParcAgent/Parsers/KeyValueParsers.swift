/// Small text formats: `/proc/cpuinfo`, `/proc/meminfo`, `os-release`, `passwd`, udev database entries.
public enum KeyValueParsers {
    /// `/proc/cpuinfo`: one block per logical CPU, `key\t: value` lines.
    public static func cpuinfo(_ text: String) -> [[String: String]] {
        var blocks: [[String: String]] = []
        var current: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !current.isEmpty { blocks.append(current) }
                current = [:]
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters()
            let value = line[line.index(after: colon)...].trimmingCharacters()
            current[key] = value
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks
    }

    /// `/proc/meminfo` in bytes (the file says kB, meaning KiB).
    public static func meminfo(_ text: String) -> [String: Int64] {
        var values: [String: Int64] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let fields = line[line.index(after: colon)...].split(separator: " ")
            guard let number = fields.first.flatMap({ Int64($0) }) else { continue }
            let multiplier: Int64 = fields.count > 1 && fields[1] == "kB" ? 1024 : 1
            values[String(line[..<colon])] = number * multiplier
        }
        return values
    }

    /// `os-release`: `KEY=value` with optional shell quoting; comments and blank lines skipped.
    public static func osRelease(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters()
            guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = String(trimmed[..<equals])
            var value = Substring(trimmed[trimmed.index(after: equals)...])
            if let quote = value.first, quote == "\"" || quote == "'", value.count >= 2, value.last == quote {
                value = value.dropFirst().dropLast()
            }
            var unescaped = ""
            var escaping = false
            for character in value {
                if escaping {
                    unescaped.append(character)
                    escaping = false
                } else if character == "\\" {
                    escaping = true
                } else {
                    unescaped.append(character)
                }
            }
            values[key] = unescaped
        }
        return values
    }

    /// `/etc/passwd` entries: name, uid, GECOS full name, home, shell.
    public static func passwd(_ text: String) -> [(name: String, uid: Int, gecos: String, home: String, shell: String)] {
        text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count >= 7, !fields[0].hasPrefix("#"), let uid = Int(fields[2]) else { return nil }
            return (String(fields[0]), uid, String(fields[4]), String(fields[5]), String(fields[6]))
        }
    }

    /// A udev database entry (`/run/udev/data/b8:0`): its `E:KEY=value` properties.
    public static func udevProperties(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("E:") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[line.index(line.startIndex, offsetBy: 2)..<equals])] = String(line[line.index(after: equals)...])
        }
        return values
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        var slice = self
        while let first = slice.first, first == " " || first == "\t" || first == "\r" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice.removeLast() }
        return String(slice)
    }
}
