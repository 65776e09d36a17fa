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

    /// Live keys, newest first.
    func list(page: PageRequest) async throws -> Page<APIKey>

    /// Revokes (soft-deletes) a key.
    /// - Returns: Whether a live key was revoked.
    func delete(id: String) async throws -> Bool
}
