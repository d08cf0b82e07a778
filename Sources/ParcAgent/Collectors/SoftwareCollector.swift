import ParcProtocol

/// Installed software: dpkg's database parsed directly, plus snaps and flatpaks when present.
public struct SoftwareCollector: Sendable {
    public init() {}

    public func collect(_ root: SystemRoot, warnings: CollectionWarnings) -> SoftwareSection? {
        var packages: [SoftwarePackage] = []
        var found = false
        if let status = root.bytes("var/lib/dpkg/status") {
            found = true
            let result = DpkgStatusParser.parse(status)
            packages = result.packages
            for problem in result.problems.prefix(20) { warnings.add("var/lib/dpkg/status: \(problem)") }
            if result.problems.count > 20 { warnings.add("var/lib/dpkg/status: \(result.problems.count - 20) more problems") }
        }
        let snaps = self.snaps(root)
        let flatpaks = self.flatpaks(root)
        packages += snaps + flatpaks
        if !found && snaps.isEmpty && flatpaks.isEmpty {
            warnings.add("software: no package database found (var/lib/dpkg/status)")
            return nil
        }
        return SoftwareSection(packages: packages)
    }

    /// Snaps mounted under `/snap/NAME/current`, with the version from `meta/snap.yaml`.
    func snaps(_ root: SystemRoot) -> [SoftwarePackage] {
        root.list("snap").compactMap { name in
            guard name != "bin", name != "README", let yaml = root.text("snap/\(name)/current/meta/snap.yaml") else { return nil }
            var version: String?
            for line in yaml.split(separator: "\n") where line.hasPrefix("version:") {
                version = line.dropFirst("version:".count).trimmingCharacters().trimmingQuotes()
                break
            }
            var package = SoftwarePackage(name: name, version: version ?? "unknown", manager: "snap")
            package.source = nil
            return package
        }
    }

    /// Flatpak applications installed system-wide: the id, and the branch as version.
    func flatpaks(_ root: SystemRoot) -> [SoftwarePackage] {
        root.list("var/lib/flatpak/app").compactMap { id in
            guard let current = root.linkTarget("var/lib/flatpak/app/\(id)/current") else { return nil }
            // `current` points at ARCH/BRANCH.
            let parts = current.split(separator: "/")
            var package = SoftwarePackage(name: id, version: parts.last.map(String.init) ?? "unknown", manager: "flatpak")
            package.architecture = parts.count >= 2 ? String(parts[parts.count - 2]) : nil
            return package
        }
    }
}

extension String {
    func trimmingQuotes() -> String {
        guard count >= 2, let first, let last, first == last, first == "\"" || first == "'" else { return self }
        return String(dropFirst().dropLast())
    }
}
