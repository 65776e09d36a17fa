/// What differs between the engines, and nothing else: the shared repositories ask the
/// dialect only where SQLite and PostgreSQL cannot be spelled the same way.
package struct SQLDialect: Sendable {
    /// `"sqlite"` or `"postgres"`.
    package var name: String

    /// A query for messages matching a full-text query, without its `LIMIT` (the caller writes
    /// it in: ``limitClause(_:)``). Parameter: `$1` the query from ``fullTextQuery``. Selects
    /// ``MessageRow/columns`` newest first.
    package var searchMessages: String

    /// A query for live contacts matching a full-text query over name and phone, without its
    /// `LIMIT`, as ``searchMessages``; selects ``ContactRow/columns``.
    package var searchContacts: String

    /// How this engine counts messages by status fastest.
    package var messageStatistics: MessageStatisticsSQL

    /// Turns words a user typed into the engine's query syntax, or `nil` when no word is left.
    /// Operators are never interpreted: every word must match, as with `plainto_tsquery`.
    package var fullTextQuery: @Sendable (String) -> String?

    /// The `schema_migrations` table, laid out as golang-migrate's driver for this engine does.
    package var createMigrationsTable: String

    /// The migrations this engine ships, oldest first.
    package var migrations: [Migration]

    package init(
        name: String, searchMessages: String, searchContacts: String, messageStatistics: MessageStatisticsSQL,
        fullTextQuery: @escaping @Sendable (String) -> String?, createMigrationsTable: String,
        migrations: [Migration]
    ) {
        self.name = name
        self.searchMessages = searchMessages
        self.searchContacts = searchContacts
        self.messageStatistics = messageStatistics
        self.fullTextQuery = fullTextQuery
        self.createMigrationsTable = createMigrationsTable
        self.migrations = migrations
    }
}
