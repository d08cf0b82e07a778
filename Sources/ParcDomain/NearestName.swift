/// The name someone most likely meant when they typed one that does not exist: within two edits,
/// or the only name that starts with what they typed. Subcommands and client codes use it.
public enum NearestName {
    public static func nearest(to typed: String, among names: some Sequence<String>) -> String? {
        var best: (name: String, distance: Int)?
        var prefixed: [String] = []
        for name in names {
            if name.hasPrefix(typed) || typed.hasPrefix(name) { prefixed.append(name) }
            let edits = distance(name, typed)
            if edits <= 2, edits < (best?.distance ?? .max) { best = (name, edits) }
        }
        return best?.name ?? (prefixed.count == 1 ? prefixed[0] : nil)
    }

    /// Levenshtein distance between two words.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
