/// When a webhook delivery is tried again: at fixed offsets from its first attempt, so that a
/// receiver down for a day still gets the message, and then never again (Fleet never retries;
/// Standard Webhooks suggests this shape).
public struct RetrySchedule: Sendable, Equatable {
    /// Seconds after the first attempt of each retry, increasing.
    public let offsets: [Int64]

    /// 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 24 h after the first attempt: eight attempts in all.
    public static let standard = RetrySchedule(unchecked: [5, 300, 1_800, 7_200, 18_000, 36_000, 86_400])

    private init(unchecked offsets: [Int64]) { self.offsets = offsets }

    /// `text` as `parc-server --webhook-retries` takes it: durations separated by commas, each a
    /// number and a unit (s, m, h), e.g. `5s,5m,30m,2h,5h,10h,24h`; at most 20, increasing, within 7 days.
    public init(parsing text: String) throws(ValidationError) {
        var offsets: [Int64] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let token = String(part.filter { $0 != " " })
            guard let unit = token.last, let factor = ["s": Int64(1), "m": 60, "h": 3_600][String(unit)],
                let amount = Int64(token.dropLast()), amount > 0, amount <= 7 * 86_400
            else {
                throw ValidationError(field: "webhook-retries", reason: "'\(token)' is not a duration such as 5s, 30m or 2h")
            }
            offsets.append(amount * factor)
        }
        guard offsets.count <= 20 else { throw ValidationError(field: "webhook-retries", reason: "at most 20 retries") }
        guard zip(offsets, offsets.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ValidationError(field: "webhook-retries", reason: "retries must come later and later: \(text)")
        }
        guard (offsets.last ?? 0) <= 7 * 86_400 else { throw ValidationError(field: "webhook-retries", reason: "the last retry must be within 7 days") }
        self.offsets = offsets
    }

    /// When to try again after `attempts` failed attempts, the first made at `firstAttempt`
    /// (Unix milliseconds); nil when the schedule is spent.
    public func nextAttempt(after attempts: Int, firstAttempt: Int64) -> Int64? {
        guard attempts >= 1, attempts <= offsets.count else { return nil }
        return firstAttempt + offsets[attempts - 1] * 1_000
    }

    public var description: String {
        offsets.map { $0 % 3_600 == 0 ? "\($0 / 3_600)h" : $0 % 60 == 0 ? "\($0 / 60)m" : "\($0)s" }.joined(separator: ",")
    }
}

/// Where webhooks may go. A URL a client or a staff member types is a way into the provider's
/// network (server-side request forgery): addresses in private, loopback, link-local and other
/// non-public ranges are refused unless the provider allow-lists them.
public enum WebhookTargets {
    public static let maxURLLength = 2_000

    /// The parts of a webhook URL that delivery needs, or why it cannot be one.
    public static func parse(_ url: String) throws(ValidationError) -> (secure: Bool, host: String, port: Int) {
        guard url.count <= maxURLLength else { throw ValidationError(field: "url", reason: "longer than \(maxURLLength) characters") }
        guard let schemeEnd = url.firstRange(of: "://") else { throw ValidationError(field: "url", reason: "'\(url)' is not an http or https URL") }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else {
            throw ValidationError(field: "url", reason: "'\(scheme)' is not http or https")
        }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.contains("@") else { throw ValidationError(field: "url", reason: "credentials in the URL are not accepted: use the signature") }
        guard !url.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false }) else {
            throw ValidationError(field: "url", reason: "spaces and control characters are not accepted")
        }
        var host = String(authority)
        var port = scheme == "https" ? 443 : 80
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw ValidationError(field: "url", reason: "unclosed '[' in the host") }
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") {
                port = try parsePort(after.dropFirst())
            } else if !after.isEmpty {
                throw ValidationError(field: "url", reason: "unexpected text after the host")
            }
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if let colon = host.lastIndex(of: ":") {
            port = try parsePort(host[host.index(after: colon)...])
            host = String(host[..<colon])
        }
        guard !host.isEmpty, host.count <= 253 else { throw ValidationError(field: "url", reason: "no host in '\(url)'") }
        return (scheme == "https", host.lowercased(), port)
    }

    private static func parsePort(_ text: Substring) throws(ValidationError) -> Int {
        guard let port = Int(text), (1...65_535).contains(port) else { throw ValidationError(field: "url", reason: "'\(text)' is not a port") }
        return port
    }

    /// Why `address` (4 or 16 bytes) is not a public one, or nil when it is.
    public static func nonPublicRange(_ address: [UInt8]) -> String? {
        if address.count == 16 {
            // IPv4-mapped and -compatible addresses are judged as the IPv4 address they carry.
            if address[0..<10].allSatisfy({ $0 == 0 }) && address[10] == 0xFF && address[11] == 0xFF { return nonPublicRange(Array(address[12...])) }
            if address[0..<15].allSatisfy({ $0 == 0 }) { return address[15] == 1 ? "loopback" : "unspecified" }
            if address[0] == 0xFE && address[1] & 0xC0 == 0x80 { return "link-local" }
            if address[0] & 0xFE == 0xFC { return "private (unique local)" }
            if address[0] == 0xFF { return "multicast" }
            if address[0] == 0x20 && address[1] == 0x01 && address[2] == 0x0D && address[3] == 0xB8 { return "documentation" }
            if address[0] == 0x00 && address[1] == 0x64 && address[2] == 0xFF && address[3] == 0x9B { return nil }  // NAT64 reaches public IPv4
            return nil
        }
        guard address.count == 4 else { return "not an address" }
        switch (address[0], address[1]) {
        case (0, _): return "unspecified"
        case (10, _), (172, 16...31), (192, 168): return "private"
        case (127, _): return "loopback"
        case (169, 254): return "link-local"
        case (100, 64...127): return "shared (carrier-grade NAT)"
        case (192, 0) where address[2] == 0: return "reserved (IETF)"
        case (198, 18...19): return "reserved (benchmarking)"
        case (224...239, _): return "multicast"
        case (240...255, _): return "reserved"
        default: return nil
        }
    }
}

/// A network range in CIDR notation (`127.0.0.0/8`, `::1/128`, a bare address for one host),
/// as the webhook allow-list holds them.
public struct AddressRange: Sendable, Equatable, CustomStringConvertible {
    public let prefix: [UInt8]
    public let bits: Int

    public init(parsing text: String) throws(ValidationError) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let address = parts.first.flatMap(Self.bytes) else {
            throw ValidationError(field: "webhook-allow", reason: "'\(text)' is not an address or a range such as 127.0.0.0/8")
        }
        let maxBits = address.count * 8
        guard let bits = parts.count == 2 ? Int(parts[1]) : maxBits, (0...maxBits).contains(bits) else {
            throw ValidationError(field: "webhook-allow", reason: "'\(text)': the prefix length must be 0 to \(maxBits)")
        }
        self.prefix = address
        self.bits = bits
    }

    public func contains(_ address: [UInt8]) -> Bool {
        guard address.count == prefix.count else { return false }
        var remaining = bits
        for (a, b) in zip(address, prefix) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            guard a & mask == b & mask else { return false }
            remaining -= 8
        }
        return true
    }

    public var description: String { "\(Self.text(prefix))/\(bits)" }

    /// The bytes of a textual IPv4 or IPv6 address, or nil.
    public static func bytes(_ text: String) -> [UInt8]? {
        if text.contains(":") { return ipv6(text) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCIIDigit), let value = UInt8(part) else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    private static func ipv6(_ text: String) -> [UInt8]? {
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt8]? {
            if part.isEmpty { return [] }
            var bytes: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index == pieces.count - 1, piece.contains("."), let v4 = Self.bytes(String(piece)) {
                    bytes += v4
                    continue
                }
                guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
            return bytes
        }
        guard let head = groups(halves[0]) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1]), head.count + tail.count < 16 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }

    public static func text(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        return stride(from: 0, to: bytes.count, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }.joined(separator: ":")
    }
}
