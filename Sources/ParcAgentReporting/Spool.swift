import ParcProtocol

#if canImport(Glibc)
    import Glibc
#endif

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reports that could not be delivered, kept on disk until the server is back, sent oldest first.
///
/// One file per report, `<sequence>-<report key>.json`, written to a temporary name, synced, then
/// renamed: a crash or power loss leaves whole files only (a stray `.tmp` is ignored and removed).
/// Bounded in count and bytes; when full, the oldest reports are dropped, each with a warning.
public struct Spool: Sendable {
    public struct Entry: Sendable, Equatable {
        public var sequence: Int
        public var reportKey: String
        public var path: String
        public var bytes: Int
    }

    public let directory: String
    public var maximumCount: Int
    public var maximumBytes: Int

    public init(directory: String, maximumCount: Int = 100, maximumBytes: Int = 64 << 20) {
        self.directory = directory
        self.maximumCount = maximumCount
        self.maximumBytes = maximumBytes
    }

    /// Spooled reports, oldest first. Files that do not follow the naming scheme are ignored.
    public func entries() -> [Entry] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.compactMap { name -> Entry? in
            if name.hasSuffix(".tmp") {
                unlink(directory + "/" + name)
                return nil
            }
            guard name.hasSuffix(".json") else { return nil }
            let stem = name.dropLast(5)
            guard let dash = stem.firstIndex(of: "-"), let sequence = Int(stem[..<dash]) else { return nil }
            let path = directory + "/" + name
            // The size by seeking, not `struct stat`: which clang module owns that struct (Glibc or
            // CoreFoundation) varies between builds, and member import visibility then refuses it.
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            let size = lseek(fd, 0, SEEK_END)
            guard size >= 0 else { return nil }
            return Entry(sequence: sequence, reportKey: String(stem[stem.index(after: dash)...]), path: path, bytes: Int(size))
        }.sorted { $0.sequence < $1.sequence }
    }

    public var totalBytes: Int { entries().reduce(0) { $0 + $1.bytes } }

    /// Adds a report; returns warnings for reports dropped to stay within bounds.
    @discardableResult
    public func add(_ inventory: Inventory, reportKey: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let bytes = try CanonicalJSON.encode(inventory)
        var existing = entries()
        let sequence = (existing.last?.sequence ?? 0) + 1
        let digits = String(sequence)
        let name: String = String(repeating: "0", count: max(0, 16 - digits.count)) + digits + "-" + reportKey + ".json"
        let path = directory + "/" + name
        try AgentState.write(bytes, to: path)
        existing.append(Entry(sequence: sequence, reportKey: reportKey, path: path, bytes: bytes.count))
        var warnings: [String] = []
        var total = existing.reduce(0) { $0 + $1.bytes }
        while existing.count > maximumCount || total > maximumBytes, existing.count > 1 {
            let oldest = existing.removeFirst()
            unlink(oldest.path)
            total -= oldest.bytes
            warnings.append("spool full: dropped the report collected as \(oldest.reportKey)")
        }
        return warnings
    }

    public func load(_ entry: Entry) throws -> Inventory {
        guard let data = FileManager.default.contents(atPath: entry.path) else { throw AgentError.unreadable(entry.path) }
        return try Inventory.decode(Array(data))
    }

    public func remove(_ entry: Entry) {
        unlink(entry.path)
        unlink(failuresPath(entry))
    }

    /// Times the server may fail (5xx) on one spooled report before it is dropped: a report the
    /// server can never take must not hold back every later one for good.
    public static let maximumServerFailures = 5

    /// Counts one more server failure for `entry` (in `<file>.failures` beside it); true when that
    /// makes too many, and the report was removed.
    public func recordServerFailure(_ entry: Entry) -> Bool {
        let path = failuresPath(entry)
        let count = (FileManager.default.contents(atPath: path).flatMap { Int(String(decoding: $0, as: UTF8.self)) } ?? 0) + 1
        guard count < Self.maximumServerFailures else {
            remove(entry)
            return true
        }
        _ = FileManager.default.createFile(atPath: path, contents: Data(String(count).utf8))
        return false
    }

    private func failuresPath(_ entry: Entry) -> String { entry.path + ".failures" }
}
