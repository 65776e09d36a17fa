import Foundation
import WACore

/// `LIMIT rows`, written into the SQL rather than bound, as every query of the library does.
/// `rows` is a validated `Int` (``PageRequest/maxLimit``, plus one for a keyset page, at most),
/// and PostgreSQL plans a bound `LIMIT` as a tenth of the rows it expects — 100 of a
/// 1,000-message conversation, against the 21 read — so the generic plan of a prepared page
/// query looked five times dearer than a custom one and the server planned every execution
/// anew, about 50 µs a page at 1M messages (PerformanceHistory.md, item 23). Each limit is one
/// more statement per connection; the statement caches are bounded (``statementCacheLimit``).
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
}

/// A model listed in keyset pages.
package protocol KeysetPaged: Sendable {
    /// The cursor of the page that follows this item.
    var pageCursor: PageCursor { get }
}

/// A model listed newest first by (`created_at`, `id`).
package protocol NewestFirst: KeysetPaged {
    var createdAt: Date { get }
    var id: String { get }
}

extension NewestFirst {
    /// Its (`created_at`, `id`): the next page holds the rows before it in that order.
    package var pageCursor: PageCursor { PageCursor(sortKey: createdAt, id: id) }
}

extension Message: NewestFirst {}
extension Template: NewestFirst {}
extension APIKey: NewestFirst {}

/// Contacts are listed by their latest message, newest first, those without one last.
extension Contact: KeysetPaged {
    /// Its (`last_message_at`, `id`), the order ``SQLContactRepository`` lists contacts in.
    package var pageCursor: PageCursor { PageCursor(sortKey: lastMessageAt, id: id) }
}

extension SQLConnection {
    /// A keyset page: the first `limit` rows of a query, decoded, and the cursor of the next
    /// page when another row followed them. The query asks for one row more than the page
    /// shows (``Keyset/limit(_:)``) to learn whether a next page exists: that row is counted,
    /// never decoded.
    package func page<T: KeysetPaged>(
        _ sql: String, _ binds: [SQLValue], limit: Int, _ decode: (Row) throws -> T
    ) throws -> Page<T> {
        var more = false
        var lastCursor: PageCursor?
        // This code is compiled once for every model, and there a value of an unspecialized
        // type is copied wherever it is not moved: reading a row back out of the array copies
        // it (every string retained, then released), and so does storing a row without
        // `consume` (199 retains a 20-row message page, against 19). `append` looks up the
        // array's type metadata and checks its uniqueness and capacity for every row. So each
        // row is moved straight into the array's storage, the last one's cursor read first.
        let rows = try [T](unsafeUninitializedCapacity: limit) { buffer, count in
            try query(sql, binds) { row in
                guard count < limit else {
                    more = true
                    return
                }
                let item = try decode(row)
                if count == limit - 1 { lastCursor = item.pageCursor }
                (buffer.baseAddress! + count).initialize(to: consume item)
                count += 1
            }
        }
        return Page(items: rows, next: more ? lastCursor : nil)
    }
}

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
        let fetch: @Sendable (Connection) throws -> Page<Item> = { db in try db.page(sql, binds, limit: limit, decode) }
        return try await indexed ? indexedRead(fetch) : read(fetch)
    }
}
