import Foundation

/// A position in a keyset-paged list: the sort key and id of the last item seen.
///
/// Pass ``Page/next`` back in a ``PageRequest`` to get the following page. The
/// ``description`` is an opaque URL-safe token for HTTP APIs; ``init(_:)`` reads it back.
public struct PageCursor: Sendable, Hashable, LosslessStringConvertible {
    /// The sort key of the last item (`created_at`, or `last_message_at` which may be nil).
    public var sortKey: Date?
    /// The id of the last item: the tie-breaker between equal sort keys.
    public var id: String

    /// Creates a cursor; the sort key is rounded to whole microseconds, as stores keep it.
    public init(sortKey: Date?, id: String) {
        self.sortKey = sortKey.map(Timestamp.normalized)
        self.id = id
    }

    /// `<microseconds or "null">.<id>`
    public var description: String {
        (sortKey.map { String(Timestamp.microseconds(of: $0)) } ?? "null") + "." + id
    }

    /// Reads a token written by ``description``; `nil` when it is not one.
    public init?(_ description: String) {
        guard let dot = description.firstIndex(of: ".") else { return nil }
        let key = description[..<dot]
        let id = String(description[description.index(after: dot)...])
        guard !id.isEmpty, id.utf8.count <= Limits.identifier else { return nil }
        if key == "null" {
            self.init(sortKey: nil, id: id)
        } else if let micros = Int64(key) {
            self.init(sortKey: Timestamp.date(microsecondsSince1970: micros), id: id)
        } else {
            return nil
        }
    }
}

/// Which page to read: at most `limit` items after `after` (or from the start).
public struct PageRequest: Sendable, Hashable {
    /// The largest page a store returns.
    public static let maxLimit = 1000

    /// Items per page, 1 to ``maxLimit``.
    public var limit: Int
    /// The cursor of the previous page, or `nil` for the first.
    public var after: PageCursor?

    /// Creates a request; ``validated()`` checks the limit.
    public init(limit: Int = 50, after: PageCursor? = nil) {
        self.limit = limit
        self.after = after
    }

    /// The first page of `limit` items.
    public static func first(_ limit: Int = 50) -> PageRequest { PageRequest(limit: limit) }

    /// Throws when `limit` is out of range.
    public func validated() throws(ValidationError) -> PageRequest {
        guard (1...PageRequest.maxLimit).contains(limit) else {
            throw ValidationError(issues: [.init(field: "limit", reason: "must be 1 to \(PageRequest.maxLimit)")])
        }
        return self
    }
}

/// One page of a keyset-paged list.
public struct Page<Item: Sendable>: Sendable {
    /// The items, in list order.
    public var items: [Item]
    /// The cursor for the next page, or `nil` when this is the last.
    public var next: PageCursor?

    /// Creates a page.
    public init(items: [Item], next: PageCursor?) {
        self.items = items
        self.next = next
    }
}

extension Page: Equatable where Item: Equatable {}
