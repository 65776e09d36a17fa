import WACore

/// Keyset pagination: "the rows after this cursor" as SQL, and the next cursor from a page.
package enum Keyset {
    /// `(created_at, id) < ($n, $n+1)` for a list ordered `created_at DESC, id DESC`, or nil
    /// for the first page. Appends the cursor's binds.
    package static func createdBefore(_ cursor: PageCursor?, binds: inout [SQLValue], prefix: String = "") -> String? {
        guard let cursor else { return nil }
        binds.append(SQLValue(cursor.sortKey))
        binds.append(.text(cursor.id))
        return "(\(prefix)created_at, \(prefix)id) < ($\(binds.count - 1), $\(binds.count))"
    }

    /// Fetches `limit + 1` rows to learn whether another page exists, then trims.
    package static func page<Item>(_ rows: [Item], limit: Int, cursor: (Item) -> PageCursor) -> Page<Item> {
        guard rows.count > limit else { return Page(items: rows, next: nil) }
        let items = Array(rows.prefix(limit))
        return Page(items: items, next: items.last.map(cursor))
    }
}
