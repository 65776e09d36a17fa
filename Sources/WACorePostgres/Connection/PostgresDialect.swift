import WACore
import WACoreSQL

/// PostgreSQL's spellings of what the shared SQL cannot say portably.
enum PostgresDialect {
    static let dialect = SQLDialect(
        name: "postgres",
        // The expression matches idx_messages_content_fts exactly, so the GIN index applies.
        // OFFSET 0 keeps the planner from walking idx_messages_created_at and evaluating
        // to_tsvector row by row for ORDER BY ... LIMIT (slow for rare words).
        searchMessages: """
            SELECT \(MessageRow.columns) FROM (SELECT \(MessageRow.columns) FROM messages \
            WHERE to_tsvector('english', content) @@ plainto_tsquery('english', $1) OFFSET 0) AS hits \
            ORDER BY created_at DESC, id DESC
            """,
        searchContacts: """
            SELECT \(ContactRow.columns) FROM (SELECT \(ContactRow.columns) FROM contacts \
            WHERE to_tsvector('english', COALESCE(name, '') || ' ' || phone) @@ plainto_tsquery('english', $1) \
            AND deleted_at IS NULL OFFSET 0) AS hits \
            ORDER BY last_message_at DESC NULLS LAST, id DESC
            """,
        messageStatistics: .singlePass,
        fullTextQuery: { text in text.contains(where: { $0.isLetter || $0.isNumber }) ? text : nil },
        createMigrationsTable:
            "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint not null primary key, dirty boolean not null)",
        migrations: PostgresMigrations.embedded)
}
