/// Text from the wire made safe to show on a terminal: control characters (C0, DEL, C1) become
/// visible escapes, so that a host name holding ESC sequences, BEL or a line break cannot move the
/// cursor, ring, retitle the window or forge a row. What agents and clients send is data, never
/// terminal control.
public enum DisplayText {
    /// `text` with every control character written as `\n`, `\t`, `\r` or `\u{1B}`; line breaks
    /// are kept only when `keepingLineBreaks` (for text printed as a whole page).
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n" where keepingLineBreaks: result += "\n"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return result
    }

    /// C0 controls, DEL and C1 controls (U+0080 to U+009F: 0x9B is a CSI on some terminals).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
