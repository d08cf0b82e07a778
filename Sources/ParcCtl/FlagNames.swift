import ArgumentParser
import Foundation
import ParcClient
import ParcDomain
import ParcProtocol

/// The server names the JSON fields it refuses (`startsOn`, `amountCents`); people typed flags
/// (`--starts-on`, `--amount`). Errors are rewritten in the words of the command that was run.
enum FlagNames {
    /// Fields whose flag is not simply their name in kebab case, nor that name without its unit.
    static let renamed: [String: String] = [
        "unitPriceCents": "--price", "purchasePriceCents": "--price", "paidOn": "--date", "defaultVATBasisPoints": "--vat-rate",
        "vatBasisPoints": "--vat", "packagePatterns": "--packages", "estimatedMinutes": "--estimate", "reporterEmployeeID": "--reporter",
        "licenceKey": "--key", "opensAt": "--hours", "closesAt": "--hours", "workingDays": "--days", "holidays": "--holiday",
        "dueSoonMinutes": "--due-soon", "defaultTerms.targets": "--targets", "defaultTerms.hours": "--clock", "portalURL": "--portal-url",
        "fromAddress": "--from",
    ]

    /// Units the API spells in field names and the command line does not (`--amount 12.50`).
    static let unitSuffixes = ["Cents", "Milli", "InDays", "InHours", "IDs", "ID", "Days", "BasisPoints"]

    /// The flag of `command` that sets `field`, if it has one.
    static func flag(for field: String, among flags: Set<String>) -> String? {
        let last = field.split(separator: ".").last.map(String.init) ?? field
        var candidates = [renamed[field], renamed[last]].compactMap { $0 }
        candidates.append("--" + kebab(last))
        for suffix in unitSuffixes where last.hasSuffix(suffix) && last.count > suffix.count {
            candidates.append("--" + kebab(String(last.dropLast(suffix.count))))
        }
        return candidates.first { flags.contains($0) }
    }

    /// `startsOn` → `starts-on`, `vatNumber` → `vat-number`.
    static func kebab(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                if !result.isEmpty && result.last != "-" { result.append("-") }
                result.append(Character(character.lowercased()))
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The server's message with each field it names replaced by the flag that sets it:
    /// "startsOn: must be a date written YYYY-MM-DD (got 2026-13-01)" → "--starts-on must be a
    /// date written YYYY-MM-DD (got 2026-13-01)". Fields without a flag here keep their name.
    static func translate(_ message: String, field: String?, flags: Set<String>) -> String {
        let issues = message.components(separatedBy: "; ").map { issue -> String in
            // "field: reason", as validation reports each problem.
            if let colon = issue.range(of: ": "), isFieldPath(issue[..<colon.lowerBound]) {
                let name = String(issue[..<colon.lowerBound])
                let reason = words(String(issue[colon.upperBound...]), flags: flags)
                let subject = flag(for: name, among: flags) ?? name
                // "--starts-on must be ...", but "--asset: give either ..." where the reason is no predicate.
                let predicate = ["must ", "is ", "cannot ", "has ", "does "].contains { reason.hasPrefix($0) }
                return predicate ? "\(subject) \(reason)" : "\(subject): \(reason)"
            }
            // "limit must be ...": a field leading the sentence.
            if let field, issue.hasPrefix(field + " "), let flag = flag(for: field, among: flags) {
                return flag + words(String(issue.dropFirst(field.count)), flags: flags)
            }
            return words(issue, flags: flags)
        }
        return issues.joined(separator: "; ")
    }

    /// Field names used inside a sentence ("must not be before startsOn") become flags too; only
    /// camelCase words are taken for names, so ordinary words stay as they are.
    static func words(_ text: String, flags: Set<String>) -> String {
        var result = ""
        var word = ""
        func flush() {
            if word.contains(where: \.isUppercase), word.first?.isLowercase == true, let flag = flag(for: word, among: flags) {
                result += flag
            } else {
                result += word
            }
            word = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "." && !word.isEmpty {
                word.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }

    static func isFieldPath(_ text: Substring) -> Bool {
        !text.isEmpty && text.first?.isLowercase == true && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "[" || $0 == "]" }
    }

    /// The long flags a command takes, read from its own help (hidden options included).
    static func flags(of command: any ParsableCommand.Type) -> Set<String> {
        let help = ParcCtl.helpMessage(for: command, includeHidden: true, columns: 10_000)
        var flags: Set<String> = []
        var scanner = help[...]
        while let start = scanner.range(of: "--") {
            let rest = scanner[start.upperBound...]
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" }
            if !name.isEmpty { flags.insert("--" + name) }
            scanner = rest.dropFirst(name.count)
        }
        return flags
    }
}

extension ParcClientError {
    /// This error in the words of `command`: its flags, not the API's field names.
    func inTermsOf(_ command: any ParsableCommand.Type) -> ParcClientError {
        guard case .api(let status, var body) = self, status != 401 else { return self }
        body.message = FlagNames.translate(body.message, field: body.field, flags: FlagNames.flags(of: command))
        body.field = nil
        return .api(status: status, body: body)
    }
}
