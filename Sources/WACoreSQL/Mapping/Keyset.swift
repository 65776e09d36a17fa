import Foundation
import WACore

/// `LIMIT rows`, written into the SQL rather than bound, as every query of the library does.
/// `rows` is a validated `Int` (``PageRequest/maxLimit``, plus one for a keyset page, at most),
/// and PostgreSQL plans a bound `LIMIT` as a tenth of the rows it expects — 100 of a
/// 1,000-message conversation, against the 21 read — so the generic plan of a prepared page
/// query looked five times dearer than a custom one and the server planned every execution
/// anew, about 50 µs a page at 1M messages (Performance.md, item 23). Each limit is one more
/// statement per connection; the statement caches are bounded (``statementCacheLimit``).
package func limitClause(_ rows: Int) -> String {
    "LIMIT \(rows)"
}

/// Keyset pagination: "the rows after this cursor" as SQL, and the next cursor from a page.
package enum Keyset {
    /// `(created_at, id) < ($n, $n+1)` for a list ordered `created_at DESC, id DESC`, or nil
    /// for the first page. Appends the cursor's binds.
    package static func createdBefore(_ cursor: PageCursor?, binds: inout [SQLValue], prefix: String = "") -> String? {
        guard let cursor else { return nil }
        bind(cursor, to: &binds)
        return createdBefore(first: binds.count - 1, prefix: prefix)
    }

    /// `(created_at, id) < ($first, $first+1)`: the rows after a cursor whose values are bound
    /// at `first` and the one after it.
    package static func createdBefore(first: Int, prefix: String = "") -> String {
        "(\(prefix)created_at, \(prefix)id) < ($\(first), $\(first + 1))"
    }

    /// Appends a cursor's values, in the order ``createdBefore(first:prefix:)`` reads them.
    package static func bind(_ cursor: PageCursor, to binds: inout [SQLValue]) {
        binds.append(SQLValue(cursor.sortKey))
        binds.append(.text(cursor.id))
    }

    /// The order of every newest-first list; its cursor is ``createdBefore(first:prefix:)``.
    package static let order = "ORDER BY created_at DESC, id DESC"

    /// `LIMIT` for a page of `limit` rows: one more row than shown, to learn whether a next page
    /// exists (``limitClause(_:)``).
    package static func limit(_ limit: Int) -> String {
        limitClause(limit + 1)
    }

    /// The page of `fetched` (``SQLConnection/page(_:_:limit:_:)``): a next cursor, from its
    /// last row, only when another row followed.
    package static func page<Item>(_ fetched: KeysetRows<Item>, cursor: (Item) -> PageCursor) -> Page<Item> {
        // The last row by index, not `rows.last`: this code is compiled once for every model,
        // and the generic `last` reads the row through a coroutine whose frame is allocated,
        // then copies it — one allocation and a retain and release of every string per page.
        let rows = fetched.rows
        return Page(items: rows, next: fetched.more && !rows.isEmpty ? cursor(rows[rows.count - 1]) : nil)
    }
}

/// A page's rows and whether more rows followed them.
package struct KeysetRows<Item> {
    package var rows: [Item]
    package var more: Bool
}

extension KeysetRows: Sendable where Item: Sendable {}

/// A model listed newest first by (`created_at`, `id`).
package protocol NewestFirst: Sendable {
    var createdAt: Date { get }
    var id: String { get }
}

extension Message: NewestFirst {}
extension Template: NewestFirst {}
extension APIKey: NewestFirst {}

extension SQLExecutor {
    /// One page of `select` (a `SELECT ... FROM table`) filtered by `conditions` (their
    /// parameters in `binds`), newest first, keyset-paged: the list shape every repository shares.
    package func newestFirst<Item: NewestFirst>(
        _ select: String, where conditions: [String], binds: [SQLValue], page: PageRequest,
        decode: @escaping @Sendable (Connection.Row) throws -> Item
    ) async throws -> Page<Item> {
        let page = try page.validated()
        var conditions = conditions, binds = binds
        if let after = Keyset.createdBefore(page.after, binds: &binds) { conditions.append(after) }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = "\(select)\(filter) \(Keyset.order) \(Keyset.limit(page.limit))"
        return try await newestFirst(sql, binds: binds, limit: page.limit, indexed: false, decode: decode)
    }

    /// One newest-first page of `sql`, complete with its ``Keyset/order`` and
    /// ``Keyset/limit(_:)`` for a validated `limit`. `indexed` says an index serves its
    /// conditions and its order, so the page is an ``indexedRead(_:)``.
    package func newestFirst<Item: NewestFirst>(
        _ sql: String, binds: [SQLValue], limit: Int, indexed: Bool,
        decode: @escaping @Sendable (Connection.Row) throws -> Item
    ) async throws -> Page<Item> {
        let fetch: @Sendable (Connection) throws -> KeysetRows<Item> = { db in try db.page(sql, binds, limit: limit, decode) }
        let rows = try await indexed ? indexedRead(fetch) : read(fetch)
        return Keyset.page(rows) { PageCursor(sortKey: $0.createdAt, id: $0.id) }
    }
}
