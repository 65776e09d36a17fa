import Foundation
import WACore

/// ``APIKeyRepository`` written once for every SQL backend.
package struct SQLAPIKeyRepository<Executor: SQLExecutor>: APIKeyRepository {
    let executor: Executor

    package init(executor: Executor) {
        self.executor = executor
    }

    package func create(_ key: APIKey) async throws -> APIKey {
        var key = try key.validated()
        key.deletedAt = nil
        let stored = key
        try await executor.writeStatement { db in try Self.insert(db, stored) }
        return stored
    }

    package func find(id: String) async throws -> APIKey? {
        try await executor.indexedRead { db in
            try db.first(APIKeySQL.byID, [.text(id)], APIKeyRow.decode)
        }
    }

    package func find(keyHash: String) async throws -> APIKey? {
        try await executor.indexedRead { db in
            try db.first(APIKeySQL.byKeyHash, [.text(keyHash)], APIKeyRow.decode)
        }
    }

    package func list(page: PageRequest) async throws -> Page<APIKey> {
        var listed = try await executor.newestFirst(
            APIKeySQL.select, where: [APIKeySQL.live], binds: [], page: page) { try APIKeyRow.decode($0) }
        for index in listed.items.indices { listed.items[index].keyHash = "" }
        return listed
    }

    package func delete(id: String) async throws -> Bool {
        try await executor.writeStatement { db in
            try db.execute(
                "UPDATE api_keys SET deleted_at = $2 WHERE id = $1 AND \(APIKeySQL.live)",
                [.text(id), SQLValue(Timestamp.now())]) == 1
        }
    }

    package func findRevoked(keyHash: String) async throws -> APIKey? {
        try await executor.read { db in
            try db.first(
                "\(APIKeySQL.select) WHERE key_hash = $1 AND deleted_at IS NOT NULL ORDER BY deleted_at DESC LIMIT 1", [.text(keyHash)],
                APIKeyRow.decode)
        }
    }

    package func markUsed(id: String, at date: Date, minimumInterval: Duration) async throws -> Bool {
        try RangeCheck.notNegative(minimumInterval, "minimumInterval")
        let cutoff = date.addingTimeInterval(-minimumInterval.seconds)
        return try await executor.indexedWriteStatement { db in
            // The condition is re-checked on the locked row, so of N concurrent requests
            // exactly one writes.
            try db.execute(
                """
                UPDATE api_keys SET last_used_at = $2 \
                WHERE id = $1 AND \(APIKeySQL.live) AND (last_used_at IS NULL OR last_used_at <= $3)
                """, [.text(id), SQLValue(date), SQLValue(cutoff)]) == 1
        }
    }

    package func rotate(id: String, gracePeriod: Duration, newExpiresAt: Date?) async throws -> IssuedAPIKey {
        try RangeCheck.notNegative(gracePeriod, "gracePeriod")
        let token = APIToken.generate()
        let now = Timestamp.now()
        let graceEnd = now.addingTimeInterval(gracePeriod.seconds)
        return try await executor.write { db in
            guard let old = try db.first(APIKeySQL.byID, [.text(id)], APIKeyRow.decode) else {
                throw StoreError(.notFound, "no live API key has this id")
            }
            let key = try APIKey(
                keyHash: APIToken.hash(token), name: old.name, permissions: old.permissions, rateLimit: old.rateLimit,
                createdAt: now, expiresAt: newExpiresAt
            ).validated()
            try Self.insert(db, key)
            try db.execute(
                "UPDATE api_keys SET expires_at = $2 WHERE id = $1 AND (expires_at IS NULL OR expires_at > $2)",
                [.text(id), SQLValue(graceEnd)])
            return IssuedAPIKey(key: key, token: token)
        }
    }

    package func purge(expiredOrRevokedBefore date: Date) async throws -> Int {
        try await executor.writeStatement { db in
            try db.execute(
                "DELETE FROM api_keys WHERE (deleted_at IS NOT NULL AND deleted_at < $1) OR (expires_at IS NOT NULL AND expires_at < $1)",
                [SQLValue(date)])
        }
    }

    static func insert(_ db: some SQLConnection, _ key: APIKey) throws {
        try db.execute(
            "INSERT INTO api_keys (\(APIKeyRow.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", APIKeyRow.binds(key))
    }
}

/// The repository's SQL pieces and fixed statements. A statement's text is the prepared-statement
/// cache's key, so it is built once rather than on every call (a generic repository cannot hold
/// stored statics).
private enum APIKeySQL {
    static let select = "SELECT \(APIKeyRow.columns) FROM api_keys"
    static let live = "deleted_at IS NULL"
    static let byID = "\(select) WHERE id = $1 AND \(live)"
    static let byKeyHash = "\(select) WHERE key_hash = $1 AND \(live)"
}
