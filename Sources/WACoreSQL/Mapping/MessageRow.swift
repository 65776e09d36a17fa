import WACore

/// `messages` columns <-> ``Message``, by column index.
package enum MessageRow {
    package static let columns =
        "id, phone, direction, type, content, media_url, caption, status, whatsapp_msg_id, error_code, error_message, metadata, created_at, updated_at"

    /// `SELECT` of every column `FROM messages`: what each message read starts with.
    package static let select = "SELECT \(columns) FROM messages"

    /// `columns` qualified with a table alias, for joins.
    package static func columns(alias: String) -> String {
        columns.split(separator: ", ").map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// The values of ``columns``, in order ($1...$14).
    package static func binds(_ m: Message) -> [SQLValue] {
        [
            .text(m.id), .text(m.phone), SQLValue(m.direction), SQLValue(m.type), SQLValue(m.content),
            SQLValue(m.mediaURL), SQLValue(m.caption), SQLValue(m.status), SQLValue(m.whatsAppMessageID),
            SQLValue(m.errorCode), SQLValue(m.errorMessage), SQLValue(m.metadata), SQLValue(m.createdAt),
            SQLValue(m.updatedAt),
        ]
    }

    package static func decode(_ row: some SQLRow) throws -> Message {
        Message(
            id: row.text(0),
            phone: row.text(1),
            direction: try Direction(column: row.bytes(2), index: 2),
            type: try MessageType(column: row.bytes(3), index: 3),
            content: row.optionalText(4),
            mediaURL: row.optionalText(5),
            caption: row.optionalText(6),
            status: try MessageStatus(column: row.bytes(7), index: 7),
            whatsAppMessageID: row.optionalText(8),
            errorCode: row.optionalText(9),
            errorMessage: row.optionalText(10),
            metadata: try row.jsonObject(11),
            createdAt: try row.date(12),
            updatedAt: try row.date(13))
    }
}
