import Foundation
import WACore

/// ``APIKeyRepository`` written once for every SQL backend.
package struct SQLAPIKeyRepository<Executor: SQLExecutor>: APIKeyRepository {
    let executor: Executor

    package init(executor: Executor) {
        self.executor = executor
    }

    private static var select: String { "SELECT \(APIKeyRow.columns) FROM api_keys" }

    package func create(_ key: APIKey) async throws -> APIKey {
        var key = try key.validated()
        key.deletedAt = nil
        let stored = key
        try await executor.write { db in
            try db.execute(
                "INSERT INTO api_keys (\(APIKeyRow.columns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                APIKeyRow.binds(stored))
        }
        return stored
    }

    package func find(id: String) async throws -> APIKey? {
        try await executor.read { db in
            try db.first("\(Self.select) WHERE id = $1 AND deleted_at IS NULL", [.text(id)], APIKeyRow.decode)
        }
    }

    package func find(keyHash: String) async throws -> APIKey? {
        try await executor.read { db in
            try db.first("\(Self.select) WHERE key_hash = $1 AND deleted_at IS NULL", [.text(keyHash)], APIKeyRow.decode)
        }
    }

    package func list(page: PageRequest) async throws -> Page<APIKey> {
        let page = try page.validated()
        var binds: [SQLValue] = []
        var conditions = ["deleted_at IS NULL"]
        if let after = Keyset.createdBefore(page.after, binds: &binds) { conditions.append(after) }
        binds.append(SQLValue(page.limit + 1))
        let sql = """
            \(Self.select) WHERE \(conditions.joined(separator: " AND ")) \
            ORDER BY created_at DESC, id DESC LIMIT $\(binds.count)
            """
        let query = binds
        let rows = try await executor.read { db in try db.all(sql, query, APIKeyRow.decode) }
        return Keyset.page(rows, limit: page.limit) { PageCursor(sortKey: $0.createdAt, id: $0.id) }
    }

    package func delete(id: String) async throws -> Bool {
        try await executor.write { db in
            try db.execute(
                "UPDATE api_keys SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL",
                [.text(id), SQLValue(Timestamp.now())]) == 1
        }
    }
}
