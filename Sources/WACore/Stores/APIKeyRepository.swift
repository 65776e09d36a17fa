import Foundation

/// API key records. Keys are looked up by the hash of their token, never by the token.
public protocol APIKeyRepository: Sendable {
    /// Stores a key record.
    /// - Throws: ``ValidationError``; ``StoreError`` `.conflict` when the hash or id exists.
    func create(_ key: APIKey) async throws -> APIKey

    /// The live (not revoked) key with this id.
    func find(id: String) async throws -> APIKey?

    /// The live key whose token hashes to `keyHash`.
    func find(keyHash: String) async throws -> APIKey?

    /// Live keys, newest first. The hashes are left out (`keyHash` is empty): a listing is
    /// for showing to people, and a hash is as good as the token to someone with database
    /// write access.
    func list(page: PageRequest) async throws -> Page<APIKey>

    /// Revokes (soft-deletes) a key.
    /// - Returns: Whether a live key was revoked.
    func delete(id: String) async throws -> Bool

    /// The most recently revoked key whose token hashes to `keyHash` (to tell a revoked
    /// token from an unknown one).
    func findRevoked(keyHash: String) async throws -> APIKey?

    /// Sets `last_used_at` to `date` unless it was set less than `minimumInterval` before:
    /// one conditional statement, so concurrent requests write it once.
    /// - Returns: Whether it was written.
    /// - Throws: ``ValidationError`` naming `minimumInterval` when it is negative.
    func markUsed(id: String, at date: Date, minimumInterval: Duration) async throws -> Bool

    /// Issues a new key with the same name, permissions and rate limit, and lets the old one
    /// expire after `gracePeriod` (sooner if it already expires sooner), in one transaction.
    /// - Parameter newExpiresAt: The new key's expiry, or `nil` for never.
    /// - Throws: ``StoreError`` `.notFound` when there is no live key with that id;
    ///   ``ValidationError`` naming `gracePeriod` when it is negative.
    func rotate(id: String, gracePeriod: Duration, newExpiresAt: Date?) async throws -> IssuedAPIKey

    /// Hard-deletes keys revoked before `date` and keys that expired before `date`.
    /// - Returns: How many were removed.
    func purge(expiredOrRevokedBefore date: Date) async throws -> Int
}
