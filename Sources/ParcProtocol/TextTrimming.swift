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
