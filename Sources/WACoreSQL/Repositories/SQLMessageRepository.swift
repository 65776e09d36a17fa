import Foundation
import WACore

/// ``MessageRepository`` written once for every SQL backend.
package struct SQLMessageRepository<Executor: SQLExecutor>: MessageRepository {
    let executor: Executor

    package init(executor: Executor) {
        self.executor = executor
    }

    package func record(_ message: Message) async throws -> RecordedMessage {
        let message = try message.validated()
        return try await executor.indexedWrite { db in try Self.record(db, [message])[0] }
    }

    package func record(contentsOf messages: [Message]) async throws -> [RecordedMessage] {
        var valid: [Message] = []
        valid.reserveCapacity(messages.count)
        var issues: [ValidationError.Issue] = []
        for (index, message) in messages.enumerated() {
            do { valid.append(try message.validated()) } catch {
                issues += error.issues.map { .init(field: "[\(index)].\($0.field)", reason: $0.reason) }
            }
        }
        if !issues.isEmpty { throw ValidationError(issues: issues) }
        guard !valid.isEmpty else { return [] }
        let batch = valid
        return try await executor.write { db in try Self.record(db, batch) }
    }

    /// Inserts the messages whose WhatsApp ids are new (one statement, sent in one batch:
    /// pipelined on PostgreSQL), then counts them on their contacts, one upsert per phone.
    static func record(_ db: some SQLConnection, _ messages: [Message]) throws -> [RecordedMessage] {
        let inserted = try db.executeBatch(MessageSQL.insert, messages.map(MessageRow.binds))
        var activity: [String: ContactUpsert.Activity] = [:]
        var phones: [String] = []
        for (message, count) in zip(messages, inserted) where count == 1 {
            if activity[message.phone] == nil {
                phones.append(message.phone)
                activity[message.phone] = ContactUpsert.Activity(message)
            } else {
                activity[message.phone]!.add(message)
            }
        }
        let contacts = try ContactUpsert.run(db, activities: phones.map { ($0, activity[$0]!) }, now: Timestamp.now())
        return try zip(messages, inserted).map { message, count in
            if count == 1 { return RecordedMessage(message: message, contact: contacts[message.phone], isDuplicate: false) }
            // Only the WhatsApp id can make the insert do nothing: a webhook replay.
            guard let wamid = message.whatsAppMessageID, let stored = try findByWhatsAppID(db, wamid) else {
                throw StoreError(.database, "the message insert was skipped without a stored duplicate")
            }
            return RecordedMessage(message: stored, contact: nil, isDuplicate: true)
        }
    }

    static func findByWhatsAppID(_ db: some SQLConnection, _ wamid: String) throws -> Message? {
        try db.first(MessageSQL.byWhatsAppID, [.text(wamid)], MessageRow.decode)
    }

    package func find(id: String) async throws -> Message? {
        try await executor.indexedRead { db in
            try db.first(MessageSQL.byID, [.text(id)], MessageRow.decode)
        }
    }

    package func find(whatsAppMessageID: String) async throws -> Message? {
        try await executor.indexedRead { db in try Self.findByWhatsAppID(db, whatsAppMessageID) }
    }

    package func conversation(phone: String, page: PageRequest) async throws -> Page<Message> {
        let page = try page.validated()
        var binds: [SQLValue] = [.text(try PhoneNumber.canonical(phone))]
        if let cursor = page.after { Keyset.bind(cursor, to: &binds) }
        // idx_messages_phone_created_id serves it, cursor and order included.
        return try await executor.newestFirst(
            ConversationSQL.text(limit: page.limit, afterCursor: page.after != nil), binds: binds, limit: page.limit,
            indexed: true
        ) { try MessageRow.decode($0) }
    }

    package func list(_ filter: MessageFilter, page: PageRequest) async throws -> Page<Message> {
        if let phone = filter.phone, filter == MessageFilter(phone: phone) {
            return try await conversation(phone: phone, page: page)
        }
        var binds: [SQLValue] = []
        var conditions: [String] = []
        func add(_ column: String, _ value: SQLValue, op: String = "=") {
            binds.append(value)
            conditions.append("\(column) \(op) $\(binds.count)")
        }
        if let phone = filter.phone { add("phone", .text(try PhoneNumber.canonical(phone))) }
        if let status = filter.status { add("status", SQLValue(status)) }
        if let direction = filter.direction { add("direction", SQLValue(direction)) }
        if let type = filter.type { add("type", SQLValue(type)) }
        if let since = filter.since { add("created_at", SQLValue(since), op: ">=") }
        if let until = filter.until { add("created_at", SQLValue(until), op: "<") }
        if let templateName = filter.templateName {
            conditions.append("type = 'template'")
            add("metadata->>'template_name'", .text(templateName))
        }
        return try await executor.newestFirst(
            MessageRow.select, where: conditions, binds: binds, page: page
        ) { try MessageRow.decode($0) }
    }

    package func updateStatus(_ update: StatusUpdate) async throws -> StatusUpdateResult {
        let update = try update.validated()
        let transition = MessageSQL.statusUpdates[update.status]
        return try await executor.indexedWriteStatement { db in
            if let transition {
                // One statement decides: the WHERE clause is the transition rule, so two racing
                // webhooks serialize on the row and the loser finds its precondition gone.
                let failed = update.status == .failed
                if let applied = try db.first(
                    transition,
                    [
                        .text(update.whatsAppMessageID), SQLValue(update.status),
                        SQLValue(failed ? update.errorCode : nil), SQLValue(failed ? update.errorMessage : nil),
                        SQLValue(Timestamp.now()),
                    ], MessageRow.decode)
                {
                    return .applied(applied)
                }
            }
            return try Self.findByWhatsAppID(db, update.whatsAppMessageID).map(StatusUpdateResult.ignored) ?? .notFound
        }
    }

    package func undelivered(olderThan age: Duration, limit: Int) async throws -> [Message] {
        try RangeCheck.notNegative(age, "olderThan")
        _ = try PageRequest(limit: limit).validated()
        let cutoff = Timestamp.now().addingTimeInterval(-age.seconds)
        return try await executor.read { db in
            try db.all(
                """
                \(MessageRow.select) \
                WHERE status = 'sent' AND direction = 'outbound' AND created_at < $1 \
                ORDER BY created_at, id \(limitClause(limit))
                """, [SQLValue(cutoff)], MessageRow.decode)
        }
    }

    package func search(_ query: String, limit: Int) async throws -> [Message] {
        _ = try PageRequest(limit: limit).validated()
        return try await executor.read { db in
            guard let ftsQuery = db.dialect.fullTextQuery(query) else { return [] }
            return try db.all("\(db.dialect.searchMessages) \(limitClause(limit))", [.text(ftsQuery)], MessageRow.decode)
        }
    }

    package func statistics(since: Date?) async throws -> MessageStatistics {
        let binds: [SQLValue] = since.map { [SQLValue($0)] } ?? []
        return try await executor.read { db in
            let statements = db.dialect.messageStatistics
            return try db.first(binds.isEmpty ? statements.all : statements.since, binds) { row in
                MessageStatistics(total: row.int(0), sent: row.int(1), delivered: row.int(2), read: row.int(3), failed: row.int(4))
            } ?? MessageStatistics(total: 0, sent: 0, delivered: 0, read: 0, failed: 0)
        }
    }

    package func purge(createdBefore date: Date) async throws -> Int {
        try await executor.writeStatement { db in
            try db.execute("DELETE FROM messages WHERE created_at < $1", [SQLValue(date)])
        }
    }
}

/// The repository's fixed statements. A statement's text is the prepared-statement cache's key,
/// so it is built once rather than on every call (a generic repository cannot hold stored statics).
private enum MessageSQL {
    /// Inserts a message unless its WhatsApp id is already stored (the partial unique index decides).
    static let insert = """
        INSERT INTO messages (\(MessageRow.columns)) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
        ON CONFLICT (whatsapp_msg_id) WHERE whatsapp_msg_id IS NOT NULL DO NOTHING
        """

    static let byID = "\(MessageRow.select) WHERE id = $1"
    static let byWhatsAppID = "\(MessageRow.select) WHERE whatsapp_msg_id = $1"

    /// The status update to each target status: its WHERE clause is the transition rule
    /// (``MessageStatus/replaceableStatuses``). A status that replaces none (`sent`) has none.
    static let statusUpdates: [MessageStatus: String] = Dictionary(
        uniqueKeysWithValues: MessageStatus.allCases.compactMap { status in
            let replaceable = status.replaceableStatuses
            guard !replaceable.isEmpty else { return nil }
            let allowed = replaceable.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            return (
                status,
                """
                UPDATE messages SET status = $2, error_code = $3, error_message = $4, updated_at = $5 \
                WHERE whatsapp_msg_id = $1 AND status IN (\(allowed)) RETURNING \(MessageRow.columns)
                """
            )
        })
}
