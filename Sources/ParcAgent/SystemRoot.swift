#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The filesystem the agent reads: `/` on a live machine, a fixture tree in tests (`--root DIR`).
///
/// Every read goes through here with a path relative to the root, so nothing escapes a fixture.
/// Reads use plain POSIX calls: most of what an inventory reads are tiny sysfs files.
public struct SystemRoot: Sendable {
    public let path: String

    public init(_ path: String = "/") {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.path = trimmed
    }

    /// Reading `/` itself: live-only facts (statvfs, addresses, uname) may be gathered.
    public var isLive: Bool { path == "/" }

    public func absolute(_ relative: String) -> String {
        path == "/" ? "/" + relative : path + "/" + relative
    }

    /// The file's bytes, or nil when it does not exist or cannot be read. At most `limit` bytes.
    public func bytes(_ relative: String, limit: Int = 64 << 20) -> [UInt8]? {
        let fd = open(absolute(relative), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var stats = stat()
        // sysfs files report 4096 (or 0) whatever they hold; regular files their exact size.
        let sizeHint = fstat(fd, &stats) == 0 && stats.st_size > 0 ? Int(stats.st_size) : 4096
        var result: [UInt8] = []
        var capacity = min(sizeHint + 1, limit)
        var failed = false
        var reachedEnd = false
        // Read straight into the array's uninitialised storage, growing it only for files whose
        // size the kernel does not tell (sysfs, procfs).
        while !failed && !reachedEnd {
            let previous = result
            result = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                initialized = buffer.initialize(fromContentsOf: previous)
                while initialized < capacity {
                    let count = read(fd, buffer.baseAddress! + initialized, capacity - initialized)
                    if count < 0 && errno == EINTR { continue }
                    if count < 0 {
                        failed = true
                    } else if count == 0 {
                        reachedEnd = true
                    } else {
                        initialized += count
                        continue
                    }
                    break
                }
            }
            if !reachedEnd {
                guard capacity < limit else { break }
                capacity = min(capacity * 2, limit)
            }
        }
        if failed && result.isEmpty { return nil }
        return result
    }

    /// The file as text (invalid UTF-8 repaired).
    public func text(_ relative: String) -> String? {
        bytes(relative, limit: 16 << 20).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A one-line sysfs attribute, trimmed; nil when missing or empty.
    public func value(_ relative: String) -> String? {
        guard let bytes = bytes(relative, limit: 64 << 10) else { return nil }
        let trimmed = String(decoding: bytes, as: UTF8.self).trimmingSpaces()
        return trimmed.isEmpty ? nil : trimmed
    }

    public func integer(_ relative: String) -> Int64? {
        value(relative).flatMap { Int64($0) }
    }

    public func exists(_ relative: String) -> Bool {
        access(absolute(relative), F_OK) == 0
    }

    /// Directory entries, sorted, without `.` and `..`; empty when the directory is missing.
    public func list(_ relative: String) -> [String] {
        guard let directory = opendir(absolute(relative)) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The target of a symlink as stored (often relative, like sysfs's `../../bus/pci/drivers/e1000e`).
    public func linkTarget(_ relative: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(absolute(relative), &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return buffer.withUnsafeBufferPointer { pointer in
            String(decoding: UnsafeRawBufferPointer(start: pointer.baseAddress, count: count), as: UTF8.self)
        }
    }

    /// The last component of a symlink's target (`driver` links name the driver this way).
    public func linkName(_ relative: String) -> String? {
        linkTarget(relative).flatMap { $0.split(separator: "/").last.map(String.init) }
    }
}

/// Problems met while collecting; each names the path or section concerned.
public final class CollectionWarnings: @unchecked Sendable {
    // One collection runs on one task; the class only avoids threading `inout` through every call.
    public private(set) var messages: [String] = []

    public init() {}

    public func add(_ message: String) { messages.append(message) }
}

extension String {
    /// The text of a C buffer up to its first NUL (what `inet_ntop` and `gethostname` fill in).
    public init(nulTerminated buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
