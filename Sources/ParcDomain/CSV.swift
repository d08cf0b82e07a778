/// Comma-separated values as RFC 4180 writes them: fields quoted when they hold a comma, a quote
/// or a line break, quotes doubled, CRLF or LF line ends. What spreadsheets export and import.
public enum CSV {
    /// Rows of fields, each with the line it starts on (1-based), for errors people can find. The
    /// separator is `,` or `;` (what spreadsheets set to French write), whichever the header line
    /// uses more outside quotes; a byte-order mark before it is skipped.
    public static func parse(_ text: String) throws(ValidationError) -> [(line: Int, fields: [String])] {
        let separator = self.separator(of: text)
        var rows: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var rowLine = 1
        var characters = text.makeIterator()
        var pending = characters.next()
        if pending == "\u{FEFF}" { pending = characters.next() }  // a byte-order mark from spreadsheets
        func endRow() {
            fields.append(restored(field))
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append((rowLine, fields)) }
            fields = []
        }
        while let character = pending {
            pending = characters.next()
            if quoted {
                if character == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = characters.next()
                    } else {
                        quoted = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty: quoted = true
            case separator:
                fields.append(restored(field))
                field = ""
            case "\n", "\r\n", "\r":
                endRow()
                line += 1
                rowLine = line
            default: field.append(character)
            }
        }
        if quoted { throw ValidationError(field: "line \(rowLine)", reason: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        return rows
    }

    /// `;` when the first line has more semicolons than commas outside quotes, else `,`.
    static func separator(of text: String) -> Character {
        var commas = 0
        var semicolons = 0
        var quoted = false
        for character in text {
            switch character {
            case "\"": quoted.toggle()
            case "," where !quoted: commas += 1
            case ";" where !quoted: semicolons += 1
            case "\n", "\r\n", "\r": return semicolons > commas ? ";" : ","
            default: break
            }
        }
        return semicolons > commas ? ";" : ","
    }

    public static func line(_ fields: [String]) -> String {
        fields.map { raw in
            let field = neutralized(raw)
            return field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                ? "\"" + field.replacingAll("\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\r\n"
    }

    /// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR first: an agent's
    /// host name, a client's text) gets a leading `'`, as OWASP recommends, so that it shows as text.
    /// Plain numbers (`-12.50` on a credit note) stay numbers.
    public static func neutralized(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return field }
        if isPlainNumber(field) { return field }
        return "'" + field
    }

    /// A cell `neutralized` wrote, as it was: what an export writes, an import reads back.
    static func restored(_ field: String) -> String {
        let scalars = Array(field.unicodeScalars.prefix(2))
        guard scalars.count == 2, scalars[0] == "'", ["=", "+", "-", "@", "\t", "\r"].contains(scalars[1]) else { return field }
        return String(field.dropFirst())
    }

    static func isPlainNumber(_ field: String) -> Bool {
        var digits = Substring(field)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
