/// One page of a list: `items` from `offset`, at most `limit` of them, out of `total` matching rows.
public struct Page<Item: Codable & Sendable>: Codable, Sendable {
    public var items: [Item]
    public var total: Int
    public var limit: Int
    public var offset: Int

    public init(items: [Item], total: Int, limit: Int, offset: Int) {
        self.items = items
        self.total = total
        self.limit = limit
        self.offset = offset
    }

    /// The same page with its items transformed (a role's view of them).
    public func map<Other>(_ transform: (Item) throws -> Other) rethrows -> Page<Other> {
        Page<Other>(items: try items.map(transform), total: total, limit: limit, offset: offset)
    }

    /// Default and largest page sizes the server accepts.
    public static var defaultLimit: Int { 50 }
    public static var maximumLimit: Int { 500 }
}
