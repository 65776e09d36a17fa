import WACore

/// `api_keys` columns <-> ``APIKey``, by column index.
package enum APIKeyRow {
    package static let columns =
        "id, key_hash, name, permissions, rate_limit, last_used_at, created_at, expires_at, deleted_at"

    package static func binds(_ k: APIKey) -> [SQLValue] {
        [
            .text(k.id), .text(k.keyHash), .text(k.name), SQLValue(strings: k.permissions), SQLValue(k.rateLimit),
            SQLValue(k.lastUsedAt), SQLValue(k.createdAt), SQLValue(k.expiresAt), SQLValue(k.deletedAt),
        ]
    }

    package static func decode(_ row: some SQLRow) throws -> APIKey {
        APIKey(
            id: row.text(0),
            keyHash: row.text(1),
            name: row.text(2),
            permissions: try row.strings(3),
            rateLimit: row.int(4),
            lastUsedAt: try row.optionalDate(5),
            createdAt: try row.date(6),
            expiresAt: try row.optionalDate(7),
            deletedAt: try row.optionalDate(8))
    }
}
