import ParcProtocol

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Parses dpkg's database (`/var/lib/dpkg/status`) directly from bytes, without `dpkg-query`.
///
/// A package is reported when its current state (the third word of `Status:`) is `installed`, as
/// dpkg and osv-scalibr read it: `ii`, but also `ri`/`pi` (installed, marked for removal); `rc`
/// (removed, config files left), `iU` (unpacked) and `iH` (half-installed) are not installed software.
/// Stanzas without `Package` or `Version` are skipped with a problem noted, the others kept.
/// Only the fields the inventory needs become Strings; everything else is skipped as bytes.
public enum DpkgStatusParser {
    public struct Result: Sendable {
        public var packages: [SoftwarePackage]
        public var problems: [String]
    }

    public static func parse(_ bytes: [UInt8]) -> Result {
        bytes.withUnsafeBufferPointer { parse($0) }
    }

    private enum Field {
        case package, status, version, architecture, source, maintainer, installedSize, section, description, other
    }

    private struct Stanza {
        var package: Range<Int>?
        var status: Range<Int>?
        var version: Range<Int>?
        var architecture: Range<Int>?
        var source: Range<Int>?
        var maintainer: Range<Int>?
        var installedSize: Range<Int>?
        var section: Range<Int>?
        var description: Range<Int>?
        var firstLine = 0
        var hasFields = false
    }

    static func parse(_ buffer: UnsafeBufferPointer<UInt8>) -> Result {
        var packages: [SoftwarePackage] = []
        packages.reserveCapacity(buffer.count / 2_000)
        var problems: [String] = []
        var stanza = Stanza()
        var lineNumber = 0
        var position = 0
        let end = buffer.count
        guard let base = buffer.baseAddress else { return Result(packages: [], problems: []) }

        func finish(_ stanza: Stanza) {
            guard stanza.hasFields else { return }
            guard let name = stanza.package, !name.isEmpty else {
                problems.append("stanza at line \(stanza.firstLine) has no Package field; skipped")
                return
            }
            guard isInstalled(stanza.status) else { return }
            guard let version = stanza.version, !version.isEmpty else {
                problems.append("package \(text(name)) at line \(stanza.firstLine) has no Version field; skipped")
                return
            }
            var package = SoftwarePackage(name: text(name), version: text(version), manager: "dpkg")
            package.architecture = stanza.architecture.map(text)
            if let source = stanza.source {
                // `Source: name (version)` when the source version differs (binNMUs).
                let value = text(source)
                if let open = value.firstIndex(of: "("), value.hasSuffix(")") {
                    let sourceName = value[..<open].trimmingCharacters()
                    let sourceVersion = value[value.index(after: open)..<value.index(before: value.endIndex)].trimmingCharacters()
                    if sourceName != package.name { package.source = sourceName }
                    if sourceVersion != package.version { package.sourceVersion = sourceVersion }
                } else if value != package.name {
                    package.source = value
                }
            }
            package.maintainer = stanza.maintainer.map(text)
            package.installedSizeKiB = stanza.installedSize.flatMap(leadingInteger)
            package.section = stanza.section.map(text)
            package.summary = stanza.description.map(text)
            packages.append(package)
        }

        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        }

        func leadingInteger(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            var digits = 0
            for index in range {
                let byte = buffer[index]
                guard byte >= 0x30 && byte <= 0x39, digits < 18 else { break }
                value = value * 10 + Int64(byte - 0x30)
                digits += 1
            }
            return digits > 0 ? value : nil
        }

        /// The third word of `Status: want flag state` is `installed`.
        func isInstalled(_ status: Range<Int>?) -> Bool {
            guard let status else { return false }
            let word = Array("installed".utf8)
            guard status.count >= word.count else { return false }
            let start = status.upperBound - word.count
            guard start == status.lowerBound || buffer[start - 1] == 0x20 else { return false }
            for offset in 0..<word.count where buffer[start + offset] != word[offset] { return false }
            // Exactly three words.
            var spaces = 0
            for index in status where buffer[index] == 0x20 { spaces += 1 }
            return spaces == 2
        }

        while position < end {
            lineNumber += 1
            let lineStart = position
            let remaining = end - position
            let newline = memchr(base + position, 0x0A, remaining)
            var lineEnd = newline.map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? end
            position = lineEnd + 1
            if lineEnd > lineStart && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }

            if lineEnd == lineStart {
                finish(stanza)
                stanza = Stanza()
                continue
            }
            let first = buffer[lineStart]
            if first == 0x20 || first == 0x09 { continue }  // continuation of a multi-line field
            guard let colon = (lineStart..<lineEnd).first(where: { buffer[$0] == 0x3A }) else {
                problems.append("line \(lineNumber): not a 'Field: value' line; ignored")
                continue
            }
            if !stanza.hasFields {
                stanza.hasFields = true
                stanza.firstLine = lineNumber
            }
            var valueStart = colon + 1
            while valueStart < lineEnd && (buffer[valueStart] == 0x20 || buffer[valueStart] == 0x09) { valueStart += 1 }
            var valueEnd = lineEnd
            while valueEnd > valueStart && (buffer[valueEnd - 1] == 0x20 || buffer[valueEnd - 1] == 0x09) { valueEnd -= 1 }
            let value = valueStart..<valueEnd
            switch field(lineStart..<colon) {
            case .package: stanza.package = value
            case .status: stanza.status = value
            case .version: stanza.version = value
            case .architecture: stanza.architecture = value
            case .source: stanza.source = value
            case .maintainer: stanza.maintainer = value
            case .installedSize: stanza.installedSize = value
            case .section: stanza.section = value
            case .description: stanza.description = value
            case .other: break
            }
        }
        finish(stanza)
        return Result(packages: packages, problems: problems)

        func field(_ name: Range<Int>) -> Field {
            // Dispatch on length first: most fields are skipped after one comparison.
            switch name.count {
            case 6:
                if matches(name, "Status") { return .status }
                if matches(name, "Source") { return .source }
            case 7:
                if matches(name, "Package") { return .package }
                if matches(name, "Version") { return .version }
                if matches(name, "Section") { return .section }
            case 10: if matches(name, "Maintainer") { return .maintainer }
            case 11: if matches(name, "Description") { return .description }
            case 12: if matches(name, "Architecture") { return .architecture }
            case 14: if matches(name, "Installed-Size") { return .installedSize }
            default: break
            }
            return .other
        }

        /// Field names are case-insensitive (deb822).
        func matches(_ range: Range<Int>, _ name: StaticString) -> Bool {
            let pointer = name.utf8Start
            for (offset, index) in range.enumerated() where buffer[index] | 0x20 != pointer[offset] | 0x20 { return false }
            return true
        }
    }
}
