import ParcProtocol

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads glibc's utmp/wtmp records (Linux x86_64 and aarch64 layout: 384 bytes each).
///
/// Offsets: type i32 @0, pid @4, line[32] @8, id[4] @40, user[32] @44, host[256] @76,
/// exit @332, session @336, tv_sec i32 @340, tv_usec @344, addr[16] @348.
/// A trailing partial record is ignored.
public enum UtmpParser {
    public static let recordSize = 384
    static let userProcess: Int32 = 7

    public struct Record: Sendable, Equatable {
        public var type: Int32
        public var user: String
        public var line: String
        public var host: String
        public var time: Date
    }

    public static func records(_ bytes: [UInt8]) -> [Record] {
        var result: [Record] = []
        var offset = 0
        while offset + recordSize <= bytes.count {
            let type = int32(bytes, offset)
            let seconds = int32(bytes, offset + 340)
            result.append(
                Record(
                    type: type, user: text(bytes, offset + 44, 32), line: text(bytes, offset + 8, 32),
                    host: text(bytes, offset + 76, 256), time: Date(timeIntervalSince1970: TimeInterval(seconds))))
            offset += recordSize
        }
        return result
    }

    /// Login sessions (USER_PROCESS records with a user name).
    public static func sessions(_ bytes: [UInt8]) -> [LoginSession] {
        records(bytes).filter { $0.type == userProcess && !$0.user.isEmpty }.map {
            LoginSession(user: $0.user, terminal: $0.line.isEmpty ? nil : $0.line, host: $0.host.isEmpty ? nil : $0.host, time: $0.time)
        }
    }

    static func int32(_ bytes: [UInt8], _ offset: Int) -> Int32 {
        Int32(bitPattern: UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24)
    }

    static func text(_ bytes: [UInt8], _ offset: Int, _ length: Int) -> String {
        let field = bytes[offset..<(offset + length)].prefix { $0 != 0 }
        return String(decoding: field, as: UTF8.self)
    }
}
