import Foundation
import Logging
import ParcServer

/// Runs `body` on a migrated store: a fresh SQLite file in a temporary directory (removed after),
/// or the (empty) database `url` names.
func withBenchStore<R: Sendable>(_ url: String?, _ body: (Store) async throws -> R) async throws -> R {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parc-bench-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var logger = Logger(label: "parc-bench")
    logger.logLevel = .error
    let database = try Database(try DatabaseURL(parsing: url ?? "sqlite:\(directory)/parc.sqlite"), logger: logger)
    do {
        try await Migrator(database, logger: logger).migrate()
        let result = try await body(Store(database))
        try await database.shutdown()
        return result
    } catch {
        try? await database.shutdown()
        throw error
    }
}

func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

/// Linear interpolation between the closest ranks.
func percentile(_ values: [Double], _ fraction: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let position = fraction * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = Int(position.rounded(.up))
    return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
}

func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }
