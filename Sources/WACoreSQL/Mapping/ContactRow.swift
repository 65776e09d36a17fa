import WACore

/// `contacts` columns <-> ``Contact``, by column index.
package enum ContactRow {
    package static let columns =
        "id, phone, name, profile_picture_url, last_message_at, message_count, unread_count, metadata, created_at, updated_at, deleted_at"

    package static func columns(alias: String) -> String {
        columns.split(separator: ", ").map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    package static func binds(_ c: Contact) -> [SQLValue] {
        [
            .text(c.id), .text(c.phone), SQLValue(c.name), SQLValue(c.profilePictureURL), SQLValue(c.lastMessageAt),
            SQLValue(c.messageCount), SQLValue(c.unreadCount), SQLValue(c.metadata), SQLValue(c.createdAt),
            SQLValue(c.updatedAt), SQLValue(c.deletedAt),
        ]
    }

    package static func decode(_ row: some SQLRow) throws -> Contact {
        Contact(
            id: row.text(0),
            phone: row.text(1),
            name: row.optionalText(2),
            profilePictureURL: row.optionalText(3),
            lastMessageAt: try row.optionalDate(4),
            messageCount: row.int(5),
            unreadCount: row.int(6),
            metadata: try row.jsonObject(7),
            createdAt: try row.date(8),
            updatedAt: try row.date(9),
            deletedAt: try row.optionalDate(10))
    }
}
