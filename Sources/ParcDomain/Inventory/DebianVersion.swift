/// Debian version ordering, as `dpkg --compare-versions` does it: `[epoch:]upstream[-revision]`,
/// epochs numerically, then upstream and revision by alternating non-digit runs (where `~` sorts
/// before anything, even the end, and letters before other characters) and digit runs compared
/// as numbers. So `1.0~rc1 < 1.0 < 1.0+deb12u1 < 1:0.9`.
public enum DebianVersion {
    /// Negative when `a` is older than `b`, zero when equal, positive when newer.
    public static func compare(_ a: String, _ b: String) -> Int {
        let (epochA, upstreamA, revisionA) = split(a)
        let (epochB, upstreamB, revisionB) = split(b)
        if epochA != epochB { return epochA < epochB ? -1 : 1 }
        let upstream = compareFragment(upstreamA, upstreamB)
        return upstream != 0 ? upstream : compareFragment(revisionA, revisionB)
    }

    public static func isOlder(_ a: String, than b: String) -> Bool { compare(a, b) < 0 }

    static func split(_ version: String) -> (epoch: Int, upstream: [UInt8], revision: [UInt8]) {
        var bytes = Array(version.utf8)
        var epoch = 0
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            epoch = Int(String(decoding: bytes[..<colon], as: UTF8.self)) ?? 0
            bytes = Array(bytes[(colon + 1)...])
        }
        if let dash = bytes.lastIndex(of: UInt8(ascii: "-")) {
            return (epoch, Array(bytes[..<dash]), Array(bytes[(dash + 1)...]))
        }
        return (epoch, bytes, [])
    }

    /// dpkg's `order`: `~` first, then the end of the string and digits, then letters, then the rest.
    static func order(_ byte: UInt8?) -> Int {
        guard let byte else { return 0 }
        if byte == UInt8(ascii: "~") { return -1 }
        if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { return 0 }
        if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) { return Int(byte) }
        return Int(byte) + 256
    }

    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// dpkg's `verrevcmp`.
    static func compareFragment(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            var firstDifference = 0
            while (i < a.count && !isDigit(a[i])) || (j < b.count && !isDigit(b[j])) {
                let left = order(i < a.count ? a[i] : nil)
                let right = order(j < b.count ? b[j] : nil)
                if left != right { return left < right ? -1 : 1 }
                i += 1
                j += 1
            }
            while i < a.count && a[i] == UInt8(ascii: "0") { i += 1 }
            while j < b.count && b[j] == UInt8(ascii: "0") { j += 1 }
            while i < a.count && isDigit(a[i]) && j < b.count && isDigit(b[j]) {
                if firstDifference == 0 { firstDifference = Int(a[i]) - Int(b[j]) }
                i += 1
                j += 1
            }
            if i < a.count && isDigit(a[i]) { return 1 }
            if j < b.count && isDigit(b[j]) { return -1 }
            if firstDifference != 0 { return firstDifference < 0 ? -1 : 1 }
        }
        return 0
    }
}
