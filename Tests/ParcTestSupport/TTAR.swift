import Foundation

/// Unpacks 'ttar' text archives, the format Prometheus projects keep sysfs test trees in:
/// `Directory: P`, `Path: P` then `Lines: N` and N content lines or `SymlinkTo: T`, and `Mode: M`.
/// In content lines an unescaped `NULLBYTE` is a zero byte and a trailing unescaped `EOF` means
/// the last line has no newline. Paths that are absolute or contain `..` are refused.
public enum TTAR {
    public static func extract(archive: String, into destination: String) throws {
        guard let data = FileManager.default.contents(atPath: archive) else { throw TestSupportError("cannot read \(archive)") }
        // Latin-1 keeps every byte as it is.
        let text = String(decoding: data.map { UInt16($0) }, as: UTF16.self)
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        var index = 0
        var path: String?
        let fileManager = FileManager.default
        func target(_ relative: String) throws -> String {
            guard !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else {
                throw TestSupportError("refusing path \(relative)")
            }
            return destination + "/" + relative
        }
        while index < lines.count {
            let line = lines[index]
            index += 1
            if line.hasPrefix("Directory: ") {
                path = String(line.dropFirst("Directory: ".count))
                try fileManager.createDirectory(atPath: try target(path!), withIntermediateDirectories: true)
            } else if line.hasPrefix("Path: ") {
                path = String(line.dropFirst("Path: ".count))
            } else if line.hasPrefix("Lines: "), let count = Int(line.dropFirst("Lines: ".count)), let path {
                guard index + count <= lines.count else { throw TestSupportError("\(archive): \(path) is truncated") }
                var bytes: [UInt8] = []
                for content in lines[index..<(index + count)] { bytes += unescape(content) }
                index += count
                let file = try target(path)
                try fileManager.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                guard fileManager.createFile(atPath: file, contents: Data(bytes)) else { throw TestSupportError("cannot write \(file)") }
            } else if line.hasPrefix("SymlinkTo: "), let path {
                let file = try target(path)
                try fileManager.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try? fileManager.removeItem(atPath: file)
                try fileManager.createSymbolicLink(atPath: file, withDestinationPath: String(line.dropFirst("SymlinkTo: ".count)))
            } else if line.hasPrefix("Mode: ") || line.hasPrefix("#") || line.isEmpty {
                continue  // Permission bits are not needed to read the tree.
            } else {
                throw TestSupportError("\(archive): unknown record on line \(index): \(line.prefix(60))")
            }
        }
    }

    static func unescape(_ line: String) -> [UInt8] {
        var content = line
        var newline = true
        if content.hasSuffix("EOF") && !content.hasSuffix("\\EOF") {
            content.removeLast(3)
            newline = false
        }
        var bytes: [UInt8] = []
        var rest = Substring(content)
        while let range = rest.range(of: "NULLBYTE") {
            let before = rest[..<range.lowerBound]
            if before.hasSuffix("\\") {
                bytes += latin1(before.dropLast()) + Array("NULLBYTE".utf8)
            } else {
                bytes += latin1(before) + [0]
            }
            rest = rest[range.upperBound...]
        }
        bytes += latin1(rest.replacingOccurrences(of: "\\EOF", with: "EOF")[...])
        if newline { bytes.append(0x0A) }
        return bytes
    }

    static func latin1(_ text: Substring) -> [UInt8] {
        text.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
    }
}
