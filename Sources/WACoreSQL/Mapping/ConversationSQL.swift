import Foundation
import WACore

/// The statement of a conversation page — one phone's messages, newest first, after a cursor
/// or from the start, `LIMIT` written in (``Keyset/limit(_:)``) — built once for each limit and
/// kept. A conversation is the read an inbox makes most, and building its filter, its
/// conditions and some 300 characters of SQL on every call cost about 1 µs of the 3 µs a call
/// spent outside the engine beyond hand-written code (PerformanceHistory.md, item 26).
enum ConversationSQL {
    /// `texts[limit * 2 + (after ? 1 : 0)]`, filled on first use: at most two statements for
    /// each of the ``PageRequest/maxLimit`` limits, and in practice the few an app pages by.
    private static let texts = Memo(count: 2 * (PageRequest.maxLimit + 1))

    /// The SQL for a validated `limit`; `$1` is the phone, `$2` and `$3` the cursor's
    /// ``Keyset/bind(_:to:)`` values when `afterCursor`.
    static func text(limit: Int, afterCursor: Bool) -> String {
        texts.value(at: limit * 2 + (afterCursor ? 1 : 0)) {
            let cursor = afterCursor ? " AND \(Keyset.createdBefore(first: 2))" : ""
            return "\(MessageRow.select) WHERE phone = $1\(cursor) \(Keyset.order) \(Keyset.limit(limit))"
        }
    }

    /// Strings made once per index, shared by every thread.
    private final class Memo: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String?]

        init(count: Int) {
            values = Array(repeating: nil, count: count)
        }

        func value(at index: Int, make: () -> String) -> String {
            lock.lock()
            defer { lock.unlock() }
            if let value = values[index] { return value }
            let value = make()
            values[index] = value
            return value
        }
    }
}
