/// The statements behind ``SQLMessageRepository/statistics(since:)``, chosen by each engine's
/// ``SQLDialect``. Each selects total, sent, delivered, read and failed, in that order;
/// ``since`` counts only messages created at or after `$1`.
package struct MessageStatisticsSQL: Sendable {
    package var all: String
    package var since: String

    /// One pass counting each status. PostgreSQL's choice: it reads the narrow `idx_messages_status`
    /// once, index-only, and the per-status counts below measured slower there (60 against 71
    /// calls a second on the benchmark's store, PerformanceHistory.md, item 18).
    package static let singlePass = MessageStatisticsSQL { bounded in
        """
        SELECT COUNT(*), COUNT(CASE WHEN status = 'sent' THEN 1 END), \
        COUNT(CASE WHEN status = 'delivered' THEN 1 END), COUNT(CASE WHEN status = 'read' THEN 1 END), \
        COUNT(CASE WHEN status = 'failed' THEN 1 END) FROM messages\(bounded ? " WHERE created_at >= $1" : "")
        """
    }

    /// One count per status over `idx_messages_status_created` (the `created_at` bound is part of
    /// the range; the table is never read), the total their sum — every message, as the `status`
    /// CHECK constraint allows no other value. SQLite's choice: a covering index range is always
    /// enough there, and each count skips the rows of the other statuses.
    package static let perStatusIndexCounts = MessageStatisticsSQL { bounded in
        let counts = ["sent", "delivered", "read", "failed"].enumerated().map { index, status in
            "(SELECT COUNT(*) FROM messages WHERE status = '\(status)'\(bounded ? " AND created_at >= $1" : "")) AS s\(index)"
        }
        return "SELECT s0 + s1 + s2 + s3, s0, s1, s2, s3 FROM (SELECT \(counts.joined(separator: ", "))) AS counts"
    }

    /// Builds both statements from one spelling, with and without the `created_at` bound.
    private init(_ statement: (_ bounded: Bool) -> String) {
        all = statement(false)
        since = statement(true)
    }
}
