/// The four repositories, as a store or a transaction offers them.
public protocol WARepositories: Sendable {
    var messages: any MessageRepository { get }
    var contacts: any ContactRepository { get }
    var templates: any TemplateRepository { get }
    var apiKeys: any APIKeyRepository { get }
}

/// A WACore data store: the repositories, schema migrations, transactions and shutdown.
///
/// Backends: `SQLiteStore` (module WACoreSQLite) and `PostgresStore` (WACorePostgres).
///
/// ```swift
/// let store = try await SQLiteStore.inMemory()
/// try await store.migrate()
/// let recorded = try await store.messages.record(
///     Message(phone: "+15551234567", direction: .inbound, type: .text, content: "Hello"))
/// ```
public protocol WAStore: WARepositories {
    /// Applies every pending migration, in order, each in its own transaction.
    /// - Returns: The versions applied.
    @discardableResult
    func migrate() async throws -> [Int64]

    /// Reverts the newest `steps` applied migrations (fewer when fewer are applied).
    /// - Returns: The versions reverted, newest first.
    /// - Throws: ``ValidationError`` naming `steps` when it is negative, before anything runs.
    @discardableResult
    func migrateDown(steps: Int) async throws -> [Int64]

    /// Every known migration and whether it is applied.
    func migrationStatus() async throws -> MigrationStatus

    /// Runs `body` in one transaction spanning all repositories: committed when it returns,
    /// rolled back when it throws.
    ///
    /// Use the repositories passed to `body`, not the store's: on SQLite the store's writes
    /// would wait for this transaction to finish.
    func transaction<T: Sendable>(_ body: @Sendable (any WARepositories) async throws -> T) async throws -> T

    /// Closes every connection. Calls after this throw ``StoreError`` `.closed`.
    func close() async throws
}
