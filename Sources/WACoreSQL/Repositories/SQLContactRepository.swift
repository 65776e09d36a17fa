import Foundation
import WACore

/// ``ContactRepository`` written once for every SQL backend.
package struct SQLContactRepository<Executor: SQLExecutor>: ContactRepository {
    let executor: Executor

    package init(executor: Executor) {
        self.executor = executor
    }

    package func getOrCreate(phone: String, name: String?) async throws -> Contact {
        let probe = try Contact(phone: phone, name: name).validated()
        return try await executor.indexedWrite { db in
            try ContactUpsert.getOrCreate(db, phone: probe.phone, name: probe.name, now: Timestamp.now())
        }
    }

    package func find(id: String) async throws -> Contact? {
        try await executor.indexedRead { db in
            try db.first(ContactSQL.byID, [.text(id)], ContactRow.decode)
        }
    }

    package func find(phone: String) async throws -> Contact? {
        let canonical = try PhoneNumber.canonical(phone)
        return try await executor.indexedRead { db in
            try db.first(ContactSQL.byPhone, [.text(canonical)], ContactRow.decode)
        }
    }

    package func update(_ contact: Contact) async throws -> Contact {
        let contact = try contact.validated()
        return try await executor.writeStatement { db in
            guard let stored = try db.first(
                """
                UPDATE contacts SET name = $2, profile_picture_url = $3, metadata = $4, updated_at = $5 \
                WHERE id = $1 AND \(ContactSQL.live) RETURNING \(ContactRow.columns)
                """,
                [
                    .text(contact.id), SQLValue(contact.name), SQLValue(contact.profilePictureURL),
                    SQLValue(contact.metadata), SQLValue(Timestamp.now()),
                ], ContactRow.decode)
            else { throw Self.notFound }
            return stored
        }
    }

    package func list(page: PageRequest) async throws -> Page<Contact> {
        let page = try page.validated()
        var binds: [SQLValue] = []
        var after = ""
        if let cursor = page.after {
            binds.append(.text(cursor.id))
            if let at = cursor.sortKey {
                // Rows after (at, id) in "last_message_at DESC NULLS LAST, id DESC" order.
                binds.append(SQLValue(at))
                after = " AND (last_message_at < $2 OR (last_message_at = $2 AND id < $1) OR last_message_at IS NULL)"
            } else {
                after = " AND last_message_at IS NULL AND id < $1"
            }
        }
        let sql = """
            SELECT \(ContactRow.columns) FROM contacts WHERE \(ContactSQL.live)\(after) \
            ORDER BY last_message_at DESC NULLS LAST, id DESC \(Keyset.limit(page.limit))
            """
        let query = binds, limit = page.limit
        return try await executor.read { db in try db.page(sql, query, limit: limit, ContactRow.decode) }
    }

    package func search(_ query: String, limit: Int) async throws -> [Contact] {
        _ = try PageRequest(limit: limit).validated()
        return try await executor.read { db in
            guard let ftsQuery = db.dialect.fullTextQuery(query) else { return [] }
            return try db.all("\(db.dialect.searchContacts) \(limitClause(limit))", [.text(ftsQuery)], ContactRow.decode)
        }
    }

    package func markRead(id: String) async throws -> Contact {
        try await executor.indexedWriteStatement { db in
            guard let stored = try db.first(
                """
                UPDATE contacts SET unread_count = 0, updated_at = $2 WHERE id = $1 AND \(ContactSQL.live) \
                RETURNING \(ContactRow.columns)
                """, [.text(id), SQLValue(Timestamp.now())], ContactRow.decode)
            else { throw Self.notFound }
            return stored
        }
    }

    package func delete(id: String) async throws -> Bool {
        try await executor.writeStatement { db in
            let now = SQLValue(Timestamp.now())
            return try db.execute(
                "UPDATE contacts SET deleted_at = $2, updated_at = $2 WHERE id = $1 AND \(ContactSQL.live)", [.text(id), now]) == 1
        }
    }

    package func restore(id: String) async throws -> Contact {
        try await executor.writeStatement { db in
            guard let stored = try db.first(
                """
                UPDATE contacts SET deleted_at = NULL, updated_at = $2 WHERE id = $1 AND deleted_at IS NOT NULL \
                RETURNING \(ContactRow.columns)
                """, [.text(id), SQLValue(Timestamp.now())], ContactRow.decode)
            else { throw Self.notFound }
            return stored
        }
    }

    package func purge(deletedBefore date: Date) async throws -> Int {
        try await executor.writeStatement { db in
            try db.execute("DELETE FROM contacts WHERE deleted_at IS NOT NULL AND deleted_at < $1", [SQLValue(date)])
        }
    }

    package func erase(id: String) async throws -> Int? {
        try await executor.write { db in
            guard let phone = try db.first("SELECT phone FROM contacts WHERE id = $1", [.text(id)], { $0.text(0) }) else {
                return nil
            }
            // The person is the phone number: every contact row and message for it goes.
            let messages = try db.execute("DELETE FROM messages WHERE phone = $1", [.text(phone)])
            try db.execute("DELETE FROM contacts WHERE phone = $1", [.text(phone)])
            return messages
        }
    }

    static var notFound: StoreError { StoreError(.notFound, "no live contact has this id") }
}

/// The contacts' SQL pieces and fixed statements, shared with ``ContactUpsert``. A statement's
/// text is the prepared-statement cache's key, so it is built once rather than on every call (a
/// generic repository cannot hold stored statics).
enum ContactSQL {
    static let live = "deleted_at IS NULL"
    static let byID = "SELECT \(ContactRow.columns) FROM contacts WHERE id = $1 AND \(live)"
    static let byPhone = "SELECT \(ContactRow.columns) FROM contacts WHERE phone = $1 AND \(live)"
}
