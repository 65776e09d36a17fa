import Foundation

/// An API key (the `api_keys` table). The plaintext token is never stored: only its hash.
public struct APIKey: Sendable, Hashable {
    /// The default `rateLimit`, as in the seed: 1,000 requests per hour.
    public static let defaultRateLimit = 1000

    /// `key_` and a UUIDv7.
    public var id: String
    /// The hex SHA-256 of the token; never encoded to JSON.
    public var keyHash: String
    /// A human label, e.g. "billing-service".
    public var name: String
    /// Scope strings such as `messages:read`.
    public var permissions: [String]
    /// Requests per hour.
    public var rateLimit: Int
    /// When the key last authenticated a request (to the minute).
    public var lastUsedAt: Date?
    /// When the key was issued (UTC).
    public var createdAt: Date
    /// After this moment the key is refused.
    public var expiresAt: Date?
    /// When the key was revoked (soft-deleted); never encoded to JSON.
    public var deletedAt: Date?

    /// Creates an API key record. Dates default to now; the id to a new `key_` UUIDv7.
    public init(
        id: String = EntityID.make(prefix: EntityID.apiKey),
        keyHash: String,
        name: String,
        permissions: [String] = [],
        rateLimit: Int = APIKey.defaultRateLimit,
        lastUsedAt: Date? = nil,
        createdAt: Date = Timestamp.now(),
        expiresAt: Date? = nil,
        deletedAt: Date? = nil
    ) {
        self.id = id
        self.keyHash = keyHash
        self.name = name
        self.permissions = permissions
        self.rateLimit = rateLimit
        self.lastUsedAt = lastUsedAt.map(Timestamp.normalized)
        self.createdAt = Timestamp.normalized(createdAt)
        self.expiresAt = expiresAt.map(Timestamp.normalized)
        self.deletedAt = deletedAt.map(Timestamp.normalized)
    }
}

extension APIKey: Codable {
    enum CodingKeys: String, CodingKey {
        case id, name, permissions
        case rateLimit = "rate_limit"
        case lastUsedAt = "last_used_at"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
    }

    /// Decodes a key from its JSON form. The JSON never carries the hash, so `keyHash` is empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id),
            keyHash: "",
            name: try c.decode(String.self, forKey: .name),
            permissions: try c.decodeIfPresent([String].self, forKey: .permissions) ?? [],
            rateLimit: try c.decodeIfPresent(Int.self, forKey: .rateLimit) ?? APIKey.defaultRateLimit,
            lastUsedAt: try c.decodeTimestampIfPresent(forKey: .lastUsedAt),
            createdAt: try c.decodeTimestamp(forKey: .createdAt),
            expiresAt: try c.decodeTimestampIfPresent(forKey: .expiresAt))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeOmittingEmpty(permissions, forKey: .permissions)
        try c.encode(rateLimit, forKey: .rateLimit)
        if let lastUsedAt { try c.encodeTimestamp(lastUsedAt, forKey: .lastUsedAt) }
        try c.encodeTimestamp(createdAt, forKey: .createdAt)
        if let expiresAt { try c.encodeTimestamp(expiresAt, forKey: .expiresAt) }
    }
}
