import Foundation

/// Contacts: the people messages are exchanged with.
///
/// Soft delete hides a contact from finds, lists and searches and frees its phone; restore
/// brings it back; purge removes soft-deleted contacts for good; erase hard-deletes a contact
/// and all its messages (right to erasure).
public protocol ContactRepository: Sendable {
    /// The live contact with this phone, created if there is none.
    /// - Parameters:
    ///   - phone: Any accepted phone form; it is normalized.
    ///   - name: The name for a new contact; an existing contact's name is not changed.
    func getOrCreate(phone: String, name: String?) async throws -> Contact

    /// The live contact with this id.
    func find(id: String) async throws -> Contact?

    /// The live contact with this phone.
    func find(phone: String) async throws -> Contact?

    /// Changes the profile fields of a live contact: name, picture and metadata.
    /// Counters and timestamps are the store's and are ignored.
    /// - Returns: The contact as stored.
    /// - Throws: ``StoreError`` `.notFound` when there is no live contact with that id.
    func update(_ contact: Contact) async throws -> Contact

    /// Live contacts, most recent conversation first (never-messaged contacts last),
    /// paged by (`last_message_at`, `id`).
    func list(page: PageRequest) async throws -> Page<Contact>

    /// Full-text search over name and phone, of live contacts.
    func search(_ query: String, limit: Int) async throws -> [Contact]

    /// Sets `unread_count` to 0.
    /// - Throws: ``StoreError`` `.notFound`.
    func markRead(id: String) async throws -> Contact

    /// Soft-deletes a contact; its phone can be used by a new contact.
    /// - Returns: Whether a live contact was deleted.
    func delete(id: String) async throws -> Bool

    /// Restores a soft-deleted contact.
    /// - Throws: ``StoreError`` `.notFound`; `.conflict` when a live contact has its phone.
    func restore(id: String) async throws -> Contact

    /// Hard-deletes contacts soft-deleted before `date`. Their messages stay.
    /// - Returns: How many were removed.
    func purge(deletedBefore date: Date) async throws -> Int

    /// Hard-deletes a contact (live or not) and every message with its phone.
    /// - Returns: How many messages were deleted, or `nil` when there is no such contact.
    func erase(id: String) async throws -> Int?
}

extension ContactRepository {
    /// The live contact with this phone, created without a name if there is none.
    public func getOrCreate(phone: String) async throws -> Contact {
        try await getOrCreate(phone: phone, name: nil)
    }
}
