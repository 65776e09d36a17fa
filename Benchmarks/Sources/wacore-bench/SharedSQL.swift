/// The SQL the Swift peers run: WACore's statements, spelled with each library's
/// placeholders (`?` for GRDB; PostgresNIO binds by position with `$n`).
enum SharedSQL {
    static let messageColumns =
        "id, phone, direction, type, content, media_url, caption, status, whatsapp_msg_id, error_code, error_message, metadata, created_at, updated_at"
    static let contactColumns =
        "id, phone, name, profile_picture_url, last_message_at, message_count, unread_count, metadata, created_at, updated_at, deleted_at"

    static let insertMessage = """
        INSERT INTO messages (\(messageColumns)) VALUES ($1, $2, $3, $4, $5, NULL, NULL, $6, $7, NULL, NULL, NULL, $8, $8) \
        ON CONFLICT (whatsapp_msg_id) WHERE whatsapp_msg_id IS NOT NULL DO NOTHING
        """
    static let counting = """
        message_count = contacts.message_count + $4, unread_count = contacts.unread_count + $5, \
        last_message_at = CASE WHEN contacts.last_message_at IS NULL OR contacts.last_message_at < $3 THEN $3 ELSE contacts.last_message_at END
        """
    static let touchContact =
        "UPDATE contacts SET \(counting), updated_at = $2 WHERE phone = $1 AND deleted_at IS NULL RETURNING \(contactColumns)"
    static let restoreContact = """
        UPDATE contacts SET deleted_at = NULL, updated_at = $2, \(counting) WHERE id = (SELECT id FROM contacts WHERE phone = $1 \
        AND deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC LIMIT 1) RETURNING \(contactColumns)
        """
    static let insertContact = """
        INSERT INTO contacts (\(contactColumns)) VALUES ($6, $1, NULL, NULL, $3, $4, $5, NULL, $2, $2, NULL) \
        ON CONFLICT (phone) WHERE deleted_at IS NULL DO UPDATE SET \(counting), updated_at = $2 RETURNING \(contactColumns)
        """
    static func status(_ status: String) -> String {
        let allowed = status == "delivered" ? "'sent', 'failed'" : "'sent', 'delivered', 'failed'"
        return """
            UPDATE messages SET status = '\(status)', error_code = NULL, error_message = NULL, updated_at = $2 \
            WHERE whatsapp_msg_id = $1 AND status IN (\(allowed)) RETURNING \(messageColumns)
            """
    }
    static let conversation = "SELECT \(messageColumns) FROM messages WHERE phone = $1 ORDER BY created_at DESC, id DESC LIMIT 21"
    /// Each engine's statistics statement (`MessageStatisticsSQL`): counts per status over the
    /// status index on SQLite, one pass over the rows on PostgreSQL.
    static let statisticsSQLite = """
        SELECT s0 + s1 + s2 + s3, s0, s1, s2, s3 FROM (SELECT (SELECT COUNT(*) FROM messages WHERE status = 'sent') AS s0, \
        (SELECT COUNT(*) FROM messages WHERE status = 'delivered') AS s1, (SELECT COUNT(*) FROM messages WHERE status = 'read') AS s2, \
        (SELECT COUNT(*) FROM messages WHERE status = 'failed') AS s3) AS counts
        """
    static let statisticsPostgres = """
        SELECT COUNT(*), COUNT(CASE WHEN status = 'sent' THEN 1 END), COUNT(CASE WHEN status = 'delivered' THEN 1 END), \
        COUNT(CASE WHEN status = 'read' THEN 1 END), COUNT(CASE WHEN status = 'failed' THEN 1 END) FROM messages
        """
    static let searchSQLite = """
        SELECT m.id, m.phone, m.direction, m.type, m.content, m.media_url, m.caption, m.status, m.whatsapp_msg_id, \
        m.error_code, m.error_message, m.metadata, m.created_at, m.updated_at FROM messages_fts \
        JOIN messages m ON m.rowid = messages_fts.rowid WHERE messages_fts MATCH $1 ORDER BY m.created_at DESC, m.id DESC LIMIT 50
        """
    static let searchPostgres = """
        SELECT \(messageColumns) FROM (SELECT \(messageColumns) FROM messages WHERE to_tsvector('english', content) \
        @@ plainto_tsquery('english', $1) OFFSET 0) AS hits ORDER BY created_at DESC, id DESC LIMIT 50
        """

    /// `$n` -> `?n` for SQLite.
    static func sqlite(_ sql: String) -> String {
        var out = ""
        var previous: Character = " "
        for character in sql {
            if previous == "$", character.isNumber { out.removeLast(); out.append("?") }
            out.append(character)
            previous = character
        }
        return out
    }

    /// One phone's newly inserted messages in a batch.
    struct Activity {
        var latest: String
        var count: Int
        var inbound: Int
    }

    /// Groups inserted messages by phone, in first-appearance order.
    static func activity(_ inserted: [BenchMessage]) -> [(phone: String, activity: Activity)] {
        var order: [String] = []
        var byPhone: [String: Activity] = [:]
        for message in inserted {
            let at = message.createdAtText
            if var existing = byPhone[message.phone] {
                existing.count += 1
                existing.inbound += message.inbound ? 1 : 0
                if at > existing.latest { existing.latest = at }
                byPhone[message.phone] = existing
            } else {
                order.append(message.phone)
                byPhone[message.phone] = Activity(latest: at, count: 1, inbound: message.inbound ? 1 : 0)
            }
        }
        return order.map { ($0, byPhone[$0]!) }
    }
}
