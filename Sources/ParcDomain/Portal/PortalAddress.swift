/// The address clients open the portal at, as a provider types it: `https://parc.example.com`,
/// maybe with a port or a path prefix; links in mail are made by appending `/portal/…` to it.
public enum PortalAddress {
    public static func isValid(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard let scheme = ["https://", "http://"].first(where: lower.hasPrefix) else { return false }
        let rest = text.dropFirst(scheme.count)
        let host = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        // No credentials, query or fragment, nothing a header or a line could be broken with.
        let forbidden: Set<Character> = ["@", "?", "#", " ", "\"", "<", ">", "\\", "\r", "\n", "\t"]
        return !host.isEmpty && !host.hasPrefix(":") && !text.contains(where: { forbidden.contains($0) || ($0.asciiValue.map { $0 < 32 } ?? false) })
    }

    /// `base` and a path that starts with `/`.
    public static func link(_ base: String, _ path: String) -> String {
        (base.hasSuffix("/") ? String(base.dropLast()) : base) + path
    }
}
