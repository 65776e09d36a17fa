import WACore

/// Everything a SQL-backed ``WAStore`` does, written once. `SQLiteStore` and
/// `PostgresStore` own one of these and forward to it; they only open connections.
package final class SQLStoreCore<Connection: SQLConnection>: Sendable {
    package typealias Pool = ConnectionPool<Connection>

    package let writers: Pool
    package let readers: Pool
    private let migrationLock: (@Sendable (Connection) throws -> (acquire: String, release: String))?

    /// - Parameters:
    ///   - writers: Connections for writes and transactions.
    ///   - readers: Connections for reads; the writer pool itself when the engine has no
    ///     separate readers.
    ///   - migrationLock: SQL that takes and frees a lock shared by all processes.
    package init(
        writers: Pool, readers: Pool? = nil,
        migrationLock: (@Sendable (Connection) throws -> (acquire: String, release: String))? = nil
    ) {
        self.writers = writers
        self.readers = readers ?? writers
        self.migrationLock = migrationLock
        let executor = PoolExecutor(writers: self.writers, readers: self.readers)
        messages = SQLMessageRepository(executor: executor)
        contacts = SQLContactRepository(executor: executor)
        templates = SQLTemplateRepository(executor: executor)
        apiKeys = SQLAPIKeyRepository(executor: executor)
    }

    // Built once: a repository is two pool references, and building one per access would
    // look up its generic type's metadata and conformance at run time on every call.
    package let messages: any MessageRepository
    package let contacts: any ContactRepository
    package let templates: any TemplateRepository
    package let apiKeys: any APIKeyRepository

    package func migrate() async throws -> [Int64] {
        try await withMigrator { try $0.up() }
    }

    package func migrateDown(steps: Int) async throws -> [Int64] {
        try RangeCheck.notNegative(steps, "steps")
        return try await withMigrator { try $0.down(steps: steps) }
    }

    package func migrationStatus() async throws -> MigrationStatus {
        try await withMigrator { try $0.status() }
    }

    package func forceMigrationVersion(_ version: Int64?) async throws {
        try await withMigrator { try $0.force(version: version) }
    }

    private func withMigrator<T: Sendable>(_ body: @escaping @Sendable (Migrator<Connection>) throws -> T) async throws -> T {
        let lock = migrationLock
        return try await writers.withLiveConnection { worker in
            try await worker.run { db in try body(Migrator(db: db, lock: try lock?(db))) }
        }
    }

    package func transaction<T: Sendable>(_ body: @Sendable (any WARepositories) async throws -> T) async throws -> T {
        try await writers.withLiveConnection { worker in
            try await worker.run { db in try db.beginTransaction(eager: true) }
            do {
                let result = try await body(TransactionRepositories(executor: TransactionExecutor(worker: worker)))
                try await worker.run { db in try db.end(commit: true) }
                return result
            } catch {
                // A rollback must happen even if the task was cancelled, or the connection
                // would go back to the pool inside a transaction.
                _ = try? await Task { try await worker.run { db in try db.end(commit: false) } }.value
                throw error
            }
        }
    }

    /// Runs `;`-separated statements without parameters on a writer connection (tests and
    /// maintenance commands such as `CREATE DATABASE` or `VACUUM`, which cannot be prepared).
    package func rawScript(_ sql: String) async throws {
        try await writers.withLiveConnection { worker in try await worker.run { db in try db.executeScript(sql) } }
    }

    package func close() async {
        await writers.close()
        if readers !== writers { await readers.close() }
    }

    /// Runs raw SQL on a writer connection and returns every row as text: for tests,
    /// schema comparisons and maintenance commands, never for user input.
    package func rawQuery(_ sql: String, _ binds: [SQLValue] = []) async throws -> [[String?]] {
        try await writers.withLiveConnection { worker in
            try await worker.run { db in
                try db.all(sql, binds) { row in (0..<row.columnCount).map { row.optionalText($0) } }
            }
        }
    }
}

/// The repositories bound to one open transaction.
struct TransactionRepositories<Connection: SQLConnection>: WARepositories {
    let executor: TransactionExecutor<Connection>

    var messages: any MessageRepository { SQLMessageRepository(executor: executor) }
    var contacts: any ContactRepository { SQLContactRepository(executor: executor) }
    var templates: any TemplateRepository { SQLTemplateRepository(executor: executor) }
    var apiKeys: any APIKeyRepository { SQLAPIKeyRepository(executor: executor) }
}
