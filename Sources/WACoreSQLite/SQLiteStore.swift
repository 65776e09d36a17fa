import Foundation
import WACore
import WACoreSQL

/// A ``WACore/WAStore`` on SQLite: a file, or memory for tests.
///
/// File databases use WAL with one writer connection and a few read-only readers, so reads
/// never wait for writes. In-memory databases use a single connection (each connection to
/// `:memory:` would be a separate database). Every libsqlite3 call runs on a thread the
/// store owns.
///
/// ```swift
/// let store = try await SQLiteStore.inMemory()
/// try await store.migrate()
/// ```
public final class SQLiteStore: WAStore {
    let core: SQLStoreCore<SQLiteConnection>

    /// Opens (creating if needed) the database file at `path`.
    /// - Throws: ``WACore/ValidationError`` for a configuration out of range;
    ///   ``WACore/StoreError`` `.unavailable` when the file cannot be opened.
    public init(path: String, configuration: Configuration = Configuration()) async throws {
        let configuration = try configuration.validated()
        let writers = Self.pool(path: path, readOnly: false, size: 1, configuration: configuration)
        // Open the writer first: it switches the file to WAL before readers attach.
        try await writers.withConnection { _ in }
        let readers = Self.pool(path: path, readOnly: true, size: configuration.readerCount, configuration: configuration)
        core = SQLStoreCore(writers: writers, readers: readers)
    }

    /// A private in-memory database, gone when the store is closed.
    /// - Throws: ``WACore/ValidationError`` for a configuration out of range.
    public static func inMemory(configuration: Configuration = Configuration()) async throws -> SQLiteStore {
        try await SQLiteStore(inMemory: configuration)
    }

    private init(inMemory configuration: Configuration) async throws {
        let configuration = try configuration.validated()
        let connection = Self.pool(path: ":memory:", readOnly: false, size: 1, configuration: configuration)
        try await connection.withConnection { _ in }
        core = SQLStoreCore(writers: connection)
    }

    private static func pool(path: String, readOnly: Bool, size: Int, configuration: Configuration) -> ConnectionPool<SQLiteConnection> {
        ConnectionPool(
            // No lifetime: an in-memory database lives exactly as long as its connection.
            limits: PoolLimits(maxOpen: size, maxIdle: size, maxLifetime: nil, waitTimeout: configuration.connectionWaitTimeout),
            open: {
                try await DatabaseWorker.open(name: readOnly ? "wacore.sqlite.r" : "wacore.sqlite.w", spinLimit: configuration.spinLimit) {
                    try SQLiteConnection(path: path, readOnly: readOnly, configuration: configuration)
                }
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

    /// Raw SQL on the writer connection, rows as text (tests and maintenance only).
    package func rawQuery(_ sql: String, _ binds: [SQLValue] = []) async throws -> [[String?]] {
        try await core.rawQuery(sql, binds)
    }

    /// Raw `;`-separated statements without parameters (tests and maintenance only).
    package func rawScript(_ sql: String) async throws {
        try await core.rawScript(sql)
    }
}
