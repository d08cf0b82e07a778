import ArgumentParser
import Foundation
import ParcClient
import ParcDomain
import ParcProtocol

func printJSON<T: Encodable>(_ value: T) throws {
    print(String(decoding: try CanonicalJSON.encode(value, pretty: true), as: UTF8.self))
}

/// Everything parcctl prints goes through here: no control character from the server's data (an
/// agent's host name, a client's text) reaches the terminal as control (`DisplayText`); line
/// breaks between printed lines stay. Values printed inside a line use `line(_:)` as well.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator)
    Swift.print(DisplayText.escaped(text, keepingLineBreaks: true), terminator: terminator)
}

/// A value shown on one line: its own line breaks escaped too, so that it cannot forge a line.
func line(_ value: String) -> String { DisplayText.escaped(value) }

/// A plain text table: a header row, then one row per item, columns padded to their widest cell.
/// Every cell is escaped (`DisplayText`), line breaks included: a cell cannot forge a row.
struct Table {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: String...) {
        self.headers = headers
    }

    mutating func add(_ cells: String...) {
        rows.append(cells.map { DisplayText.escaped($0) })
    }

    func render() -> String {
        let widths = headers.indices.map { column in
            ([headers[column]] + rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n")
    }

    func print() {
        Swift.print(render())
    }
}

/// `--limit` and `--offset`, the same on every list.
struct PageOptions: ParsableArguments {
    @Option(help: "At most this many (1–\(Page<Int>.maximumLimit)). (default: \(Page<Int>.defaultLimit))") var limit: Int?
    @Option(help: "Skip this many (the footer gives the next page's --offset).") var offset: Int?

    func validate() throws {
        if let limit, !(1...Page<Int>.maximumLimit).contains(limit) {
            throw ValidationError("--limit must be between 1 and \(Page<Int>.maximumLimit)")
        }
        if let offset, offset < 0 { throw ValidationError("--offset must be 0 or more") }
    }
}

func pageFooter<T>(_ page: Page<T>) -> String {
    let shown = page.items.count
    if page.total > page.offset + shown {
        return "\(shown) of \(page.total) shown; next page: --offset \(page.offset + shown)"
    }
    return "\(page.total) in all"
}

/// Times as the provider's staff read them: on the wall clock of the SLA calendar's time zone,
/// which tables name in their headers. JSON output stays in UTC.
struct ProviderClock: Sendable {
    var zone: TimeZone

    /// The provider's zone, asked of the server (only when a table will show times).
    static func of(_ client: StaffClient, unless json: Bool = false) async throws -> ProviderClock {
        if json { return ProviderClock(zone: .gmt) }
        let identifier = try await client.slaSettings().calendar.timeZone
        return ProviderClock(zone: TimeZone(identifier: identifier) ?? .gmt)
    }

    var name: String { zone.identifier }

    /// "2026-12-05 10:30"
    func stamp(_ date: Date) -> String {
        let parts = components(date)
        return String(format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }

    /// "2026-12-05", the provider's day.
    func day(_ date: Date) -> String {
        let parts = components(date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// "2026-12-05 10:30 Europe/Paris", for times in a sentence.
    func named(_ date: Date) -> String { stamp(date) + " " + name }

    /// "DUE (Europe/Paris)", a table column of times.
    func header(_ title: String) -> String { "\(title) (\(name))" }

    private func components(_ date: Date) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    }
}

/// Parses a VAT rate given as a percentage ("20", "5.5", "2,1%") into basis points, exactly.
func parseVATRate(_ text: String) throws -> Int {
    var cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
    if cleaned.hasSuffix("%") { cleaned.removeLast() }
    let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), let whole = Int(parts[0]), whole >= 0, parts.allSatisfy({ $0.allSatisfy(\.isNumber) })
    else { throw CLIError("VAT rate '\(text)' is not a percentage like 20 or 5.5") }
    var fraction = parts.count == 2 ? String(parts[1]) : "0"
    guard fraction.count <= 2 else { throw CLIError("VAT rate '\(text)' has more than two decimals") }
    while fraction.count < 2 { fraction += "0" }
    return whole * 100 + (Int(fraction) ?? 0)
}

func formatVAT(_ basisPoints: Int) -> String {
    let whole = basisPoints / 100
    let fraction = basisPoints % 100
    if fraction == 0 { return "\(whole)%" }
    return fraction % 10 == 0 ? "\(whole).\(fraction / 10)%" : "\(whole).\(String(format: "%02d", fraction))%"
}

/// Amounts as people read them, through `Money` (integer cents, never a binary fraction).
func money(_ cents: Int64) -> String { Money.decimal(cents) }

/// A staff member named on the command line: a staff id, or `me` (the token's owner).
enum StaffReference: ExpressibleByArgument, Equatable {
    case me
    case id(Int64)

    init?(argument: String) {
        if argument.lowercased() == "me" {
            self = .me
        } else if let id = Int64(argument), id > 0 {
            self = .id(id)
        } else {
            return nil
        }
    }

    /// The staff id, asking the server who `me` is.
    func resolve(_ client: StaffClient) async throws -> Int64 {
        switch self {
        case .id(let id): return id
        case .me: return try await client.me().staff.id
        }
    }

    /// As the API's filters take it (`technician=me` is understood there).
    var queryValue: String {
        switch self {
        case .id(let id): return String(id)
        case .me: return "me"
        }
    }
}
