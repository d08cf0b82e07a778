extension StringProtocol {
    /// The text without leading and trailing white space, without Foundation's character sets
    /// (the agent and the domain rules both trim what people and firmware type).
    package func trimmingWhitespace() -> String {
        var slice = self[...]
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}

extension String {
    /// As above; most text starts and ends with a visible ASCII character, and is then returned as
    /// it is, without walking graphemes (an inventory's 1,500 programs have 10,000 such fields).
    package func trimmingWhitespace() -> String {
        if let first = utf8.first, let last = utf8.last, (0x21..<0x7F).contains(first), (0x21..<0x7F).contains(last) { return self }
        return self[...].trimmingWhitespace()
    }
}
