import Foundation
import WACore
import WACoreSQL

/// SQLite's spellings of what the shared SQL cannot say portably.
enum SQLiteDialect {
    static let dialect = SQLDialect(
        name: "sqlite",
        searchMessages: """
            SELECT \(MessageRow.columns(alias: "m")) FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid \
            WHERE messages_fts MATCH $1 ORDER BY m.created_at DESC, m.id DESC
            """,
        searchContacts: """
            SELECT \(ContactRow.columns(alias: "c")) FROM contacts_fts JOIN contacts c ON c.rowid = contacts_fts.rowid \
            WHERE contacts_fts MATCH $1 AND c.deleted_at IS NULL \
            ORDER BY c.last_message_at DESC NULLS LAST, c.id DESC
            """,
        messageStatistics: .perStatusIndexCounts,
        fullTextQuery: ftsQuery,
        createMigrationsTable: """
            CREATE TABLE IF NOT EXISTS schema_migrations (version uint64, dirty bool);
            CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations (version);
            """,
        migrations: SQLiteMigrations.embedded)

    /// Each word becomes a quoted FTS5 string, so `"`, `*`, `OR`, `NEAR` and column filters
    /// typed by a user are searched for, not interpreted. Words are ANDed, like `plainto_tsquery`.
    @Sendable static func ftsQuery(_ text: String) -> String? {
        let words = text.split(whereSeparator: \.isWhitespace)
            .filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }
            .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// `$1` -> `?1`: SQLite reads `$1` as a *named* parameter numbered by first appearance,
    /// `?1` as the first positional one, which is what the shared SQL means.
    static func positionalPlaceholders(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count)
        var previous: Character = " "
        for character in sql {
            if previous == "$", character.isNumber {
                out.removeLast()
                out.append("?")
            }
            out.append(character)
            previous = character
        }
        return out
    }
}
