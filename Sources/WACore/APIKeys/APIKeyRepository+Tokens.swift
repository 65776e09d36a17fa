import Foundation

extension APIKeyRepository {
    /// Issues a key: a new token whose hash is stored, returned in plaintext exactly once.
    ///
    /// ```swift
    /// let issued = try await store.apiKeys.create(name: "billing", permissions: ["messages:send"])
    /// print(issued.token)   // show once; only its SHA-256 is stored
    /// ```
    /// - Parameters:
    ///   - permissions: Scopes from ``APIScope/known``, `*` or `resource:*`.
    ///   - rateLimit: Requests per hour.
    ///   - expiresAt: When the key stops working, or `nil` for never.
    /// - Throws: ``ValidationError`` naming unknown scopes or bad fields.
    public func create(
        name: String, permissions: [String], rateLimit: Int = APIKey.defaultRateLimit, expiresAt: Date? = nil
    ) async throws -> IssuedAPIKey {
        let token = APIToken.generate()
        let key = try await create(
            APIKey(keyHash: APIToken.hash(token), name: name, permissions: permissions, rateLimit: rateLimit, expiresAt: expiresAt))
        return IssuedAPIKey(key: key, token: token)
    }

    /// The key a token belongs to, if it may be used now.
    ///
    /// Malformed tokens are refused without a database query. The key is found by the
    /// token's hash through the partial unique index and compared in constant time.
    /// `last_used_at` is written at most once a minute per key, so a busy key does not turn
    /// every request into a write.
    /// - Parameter now: The time to judge expiry by (tests pass their own).
    /// - Throws: ``APIKeyAuthenticationError`` with the reason: malformed, unknown, revoked, expired.
    public func authenticate(token: String, at now: Date = Timestamp.now()) async throws -> APIKey {
        guard APIToken.isWellFormed(token) else { throw APIKeyAuthenticationError(.malformed) }
        let hash = APIToken.hash(token)
        guard let key = try await find(keyHash: hash), APIToken.constantTimeEquals(key.keyHash, hash) else {
            let revoked = try await findRevoked(keyHash: hash) != nil
            throw APIKeyAuthenticationError(revoked ? .revoked : .unknown)
        }
        if let expiresAt = key.expiresAt, expiresAt <= now { throw APIKeyAuthenticationError(.expired) }
        var used = key
        let interval = APIKey.lastUsedResolution
        if key.lastUsedAt.map({ now.timeIntervalSince($0) >= interval.seconds }) ?? true,
            try await markUsed(id: key.id, at: now, minimumInterval: interval)
        {
            used.lastUsedAt = Timestamp.normalized(now)
        }
        return used
    }

    /// Revokes a key (soft delete): its token is refused from now on.
    /// - Returns: Whether a live key was revoked.
    @discardableResult
    public func revoke(id: String) async throws -> Bool {
        try await delete(id: id)
    }

    /// Rotates a key with a grace period and no expiry on the new key.
    public func rotate(id: String, gracePeriod: Duration) async throws -> IssuedAPIKey {
        try await rotate(id: id, gracePeriod: gracePeriod, newExpiresAt: nil)
    }
}

extension APIKey {
    /// `last_used_at` is kept to this resolution: written at most once per interval.
    public static let lastUsedResolution: Duration = .seconds(60)
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    package var seconds: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
