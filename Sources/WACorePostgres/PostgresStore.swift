import Foundation
import WACore
import WACoreSQL

/// A ``WACore/WAStore`` on PostgreSQL through libpq: the production backend.
///
/// Connections come from a pool (defaults: 25 open, 5 idle, one hour lifetime); each lives
/// on a thread the store owns, so blocking libpq calls never stall Swift's cooperative pool.
/// Every session runs in UTC. A connection that breaks is replaced; an operation in flight
/// on it fails with a retryable ``WACore/StoreError`` (`.unavailable`). Cancelling the
/// calling task cancels the server-side query.
///
/// ```swift
/// let store = try await PostgresStore(url: "postgresql://wa:secret@db.internal:5432/wadb?sslmode=require")
/// try await store.migrate()
/// ```
public final class PostgresStore: WAStore {
    let core: SQLStoreCore<PostgresConnection>

    /// Connects with a libpq connection URL (`postgresql://user:pass@host:5432/db?sslmode=...`)
    /// or key=value conninfo (`host=a,b target_session_attrs=read-write dbname=wadb`), passed
    /// to libpq untouched: multi-host failover, `sslmode`, unix sockets, service files and
    /// `PG*` environment variables work as with psql.
    ///
    /// One connection is opened before this returns, so a wrong address fails here.
    /// - Throws: ``WACore/ValidationError`` for a configuration out of range, before any
    ///   connection is attempted; ``WACore/StoreError`` `.unavailable` when the server cannot be
    ///   reached (its text never contains the password or the connection string).
    public init(url conninfo: String, configuration: Configuration = Configuration()) async throws {
        let configuration = try configuration.validated()
        let pool = ConnectionPool<PostgresConnection>(
            limits: PoolLimits(
                maxOpen: configuration.maxOpenConnections, maxIdle: configuration.maxIdleConnections,
                maxLifetime: configuration.connectionLifetime, waitTimeout: configuration.connectionWaitTimeout),
            open: {
                try await DatabaseWorker.open(name: "wacore.postgres", spinLimit: configuration.spinLimit) {
                    try PostgresConnection(conninfo: conninfo, configuration: configuration)
                }
            })
        try await pool.withConnection { _ in }
        core = SQLStoreCore(writers: pool, migrationLock: { db in
            guard let (database, schema) = try db.first("SELECT current_database(), current_schema()", [], { ($0.text(0), $0.text(1)) })
            else { throw StoreError(.migration, "cannot read the current database and schema") }
            let id = MigrationLock.id(database: database, schema: schema)
            return ("SELECT pg_advisory_lock(\(id))", "SELECT pg_advisory_unlock(\(id))")
        })
    }

    public var messages: any MessageRepository { core.messages }
    public var contacts: any ContactRepository { core.contacts }
    public var templates: any TemplateRepository { core.templates }
    public var apiKeys: any APIKeyRepository { core.apiKeys }

    @discardableResult
    public func migrate() async throws -> [Int64] { try await core.migrate() }

    @discardableResult
    public func migrateDown(steps: Int) async throws -> [Int64] { try await core.migrateDown(steps: steps) }

    public func migrationStatus() async throws -> MigrationStatus { try await core.migrationStatus() }

    /// Records `version` as the clean schema version without running anything: the repair
    /// step after a failed migration was fixed by hand (golang-migrate's `force`).
    public func forceMigrationVersion(_ version: Int64?) async throws { try await core.forceMigrationVersion(version) }

    public func transaction<T: Sendable>(_ body: @Sendable (any WARepositories) async throws -> T) async throws -> T {
        try await core.transaction(body)
    }

    public func close() async throws { await core.close() }

    /// Raw SQL on a pooled connection, rows as text (tests and maintenance only).
    package func rawQuery(_ sql: String, _ binds: [SQLValue] = []) async throws -> [[String?]] {
        try await core.rawQuery(sql, binds)
    }

    /// Raw `;`-separated statements without parameters (tests and maintenance only).
    package func rawScript(_ sql: String) async throws {
        try await core.rawScript(sql)
    }
}
