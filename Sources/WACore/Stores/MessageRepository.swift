import Foundation

/// Messages: webhook ingest, conversations, status receipts, search and statistics.
///
/// Every method validates its input first and throws ``ValidationError`` without writing
/// anything; database failures are ``StoreError``s.
public protocol MessageRepository: Sendable {
    /// Records a message and upserts its contact in one transaction.
    ///
    /// Idempotent on ``Message/whatsAppMessageID``: Meta redelivers webhooks, so recording
    /// the same WhatsApp id again returns the stored message with
    /// ``RecordedMessage/isDuplicate`` set and changes nothing. Otherwise the contact with the
    /// message's phone is created if needed (a soft-deleted one is restored), its
    /// `message_count` and `last_message_at` updated and, for inbound messages, its
    /// `unread_count` incremented — exactly, under any number of concurrent writers.
    ///
    /// - Returns: The stored message and the updated contact.
    /// - Throws: ``ValidationError``; ``StoreError`` with `.conflict` when the message id exists.
    func record(_ message: Message) async throws -> RecordedMessage

    /// Records many messages in one transaction, with the semantics of ``record(_:)`` for each.
    ///
    /// Either all are recorded (duplicates skipped) or, on any error, none.
    /// - Returns: One result per input message, in order.
    /// - Throws: ``ValidationError`` (field names are prefixed with `[index].`) or ``StoreError``.
    func record(contentsOf messages: [Message]) async throws -> [RecordedMessage]

    /// The message with this id.
    func find(id: String) async throws -> Message?

    /// The message with this WhatsApp message id.
    func find(whatsAppMessageID: String) async throws -> Message?

    /// A conversation, newest first, paged by (`created_at`, `id`).
    /// - Parameter phone: Any accepted phone form; it is normalized.
    func conversation(phone: String, page: PageRequest) async throws -> Page<Message>

    /// Messages matching `filter`, newest first, paged by (`created_at`, `id`).
    func list(_ filter: MessageFilter, page: PageRequest) async throws -> Page<Message>

    /// Applies a status webhook in one statement, monotonically.
    ///
    /// `sent < delivered < read`; `failed` replaces only `sent`; `delivered` or `read` after
    /// `failed` wins because it proves delivery (and clears the error). Stale or repeated
    /// updates change nothing and return ``StatusUpdateResult/ignored(_:)``, so every order
    /// of the same webhooks ends in the same state.
    func updateStatus(_ update: StatusUpdate) async throws -> StatusUpdateResult

    /// Outbound messages still `sent` that were created more than `age` ago, oldest first.
    /// - Throws: ``ValidationError`` naming `olderThan` when `age` is negative, or `limit` when
    ///   it is outside 1 to ``PageRequest/maxLimit``.
    func undelivered(olderThan age: Duration, limit: Int) async throws -> [Message]

    /// Full-text search over message content (English stemming), newest first.
    /// - Parameter query: Words to find; all must match. Operators are not interpreted.
    func search(_ query: String, limit: Int) async throws -> [Message]

    /// Counts by status, optionally of messages created at or after `since`.
    func statistics(since: Date?) async throws -> MessageStatistics

    /// Deletes messages created before `date` (retention). Contacts' counters are history
    /// and are left as they are.
    /// - Returns: How many messages were deleted.
    func purge(createdBefore date: Date) async throws -> Int
}

extension MessageRepository {
    /// The first page of a conversation.
    public func conversation(phone: String, limit: Int = 50) async throws -> Page<Message> {
        try await conversation(phone: phone, page: PageRequest(limit: limit))
    }

    /// Counts by status over all messages.
    public func statistics() async throws -> MessageStatistics {
        try await statistics(since: nil)
    }
}
