import Foundation
import Logging

/// One line per event on standard error: `time level label : key=value message`.
///
/// Unlike swift-log's `StreamLogHandler`, which formats its metadata again every time a key is
/// set, this formats only the events it writes: Hummingbird sets a request id on every request's
/// logger, and most requests log nothing at the default level.
struct TextLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        let pairs = merged.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        let line = "\(Date().formatted(.iso8601)) \(event.level) \(label) :\(pairs) \(event.message)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
