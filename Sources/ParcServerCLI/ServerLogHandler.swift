import Foundation
import Logging

/// One line per event on standard error, as text (`time level label : key=value message`) or as a
/// JSON object (`ts`, `level`, `label`, `msg`, then the metadata).
///
/// Metadata is formatted only for the events written, unlike swift-log's `StreamLogHandler`, which
/// formats it again each time a key is set: Hummingbird sets a request id on every request's
/// logger, and most requests log nothing at the default level.
struct ServerLogHandler: LogHandler {
    enum Format: String {
        case text, json
    }

    let label: String
    let format: Format
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 })
        let time = Date().formatted(.iso8601)
        var line: Data
        switch format {
        case .text:
            let pairs = merged.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
            line = Data("\(time) \(event.level) \(label) :\(pairs) \(event.message)".utf8)
        case .json:
            var object: [String: String] = ["ts": time, "level": event.level.rawValue, "label": label, "msg": "\(event.message)"]
            for (key, value) in merged { object[key] = "\(value)" }
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
            line = data
        }
        line.append(0x0A)
        FileHandle.standardError.write(line)
    }
}
