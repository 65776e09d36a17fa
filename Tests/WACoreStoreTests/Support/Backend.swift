import Foundation
import Logging
import Testing
import WACore
import WACoreSQL
import WACorePostgres
import WACoreSQLite

/// The backends the conformance suite runs on. Each test gets a fresh, migrated database.
///
/// The suite itself only sees ``WAStore``; this file is the one place that names backends.
enum Backend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqliteMemory = "SQLite (memory)"
    case sqliteFile = "SQLite (file, WAL)"
    case postgres = "PostgreSQL"

    var testDescription: String { rawValue }

    /// Every backend that can run here: PostgreSQL when `scripts/test` started a server
    /// and exported its URL.
    static var available: [Backend] {
        PostgresTestServer.url == nil ? [.sqliteMemory, .sqliteFile] : allCases
    }

    /// Opens an empty database of this kind (not migrated). With a `logger`, every
    /// statement is logged to it (slow-statement threshold zero).
    func openEmpty(logger: Logger? = nil) async throws -> (store: any WAStore, cleanup: @Sendable () async -> Void) {
        let threshold: Duration = logger == nil ? .milliseconds(100) : .zero
        let logger = logger ?? quietLogger
        switch self {
        case .sqliteMemory:
            return (try await SQLiteStore.inMemory(configuration: .init(slowStatementThreshold: threshold, logger: logger)), {})
        case .sqliteFile:
            let file = TemporarySQLiteFile()
            let store = try await SQLiteStore(path: file.path, configuration: .init(slowStatementThreshold: threshold, logger: logger))
            return (store, { file.remove() })
        case .postgres:
            let database = try await PostgresTestServer.createDatabase()
            let store = try await PostgresStore(url: try PostgresTestServer.url(database: database), configuration: .init(maxOpenConnections: 8, slowStatementThreshold: threshold, logger: logger))
            return (store, { await PostgresTestServer.dropDatabase(database) })
        }
    }

    func rawQuery(_ store: any WAStore, _ sql: String, _ binds: [SQLValue] = []) async throws -> [[String?]] {
        switch self {
        case .sqliteMemory, .sqliteFile: try await (store as! SQLiteStore).rawQuery(sql, binds)
        case .postgres: try await (store as! PostgresStore).rawQuery(sql, binds)
        }
    }

    /// The schema as text, for comparing before and after migrations.
    func schema(of store: any WAStore) async throws -> String {
        let sql = switch self {
        case .sqliteMemory, .sqliteFile:
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
        case .postgres: PostgresTestServer.schemaQuery
        }
        return try await rawQuery(store, sql).map { $0.map { $0 ?? "NULL" }.joined(separator: " | ") }.joined(separator: "\n")
    }

    /// Every text value stored in every user table, for "this string is nowhere" checks.
    func allStoredText(of store: any WAStore) async throws -> [String] {
        var values: [String] = []
        for table in ["messages", "contacts", "templates", "api_keys"] {
            values += try await rawQuery(store, "SELECT * FROM \(table)").flatMap { $0.compactMap { $0 } }
        }
        return values
    }

    /// Inserts a contact row directly, around the repository, to prove the database itself
    /// enforces uniqueness.
    func insertRawContact(into store: any WAStore, id: String, phone: String) async throws {
        _ = try await rawQuery(
            store, "INSERT INTO contacts (id, phone, created_at, updated_at) VALUES ($1, $2, $3, $3)",
            [.text(id), .text(phone), SQLValue(Timestamp.now())])
    }
}

/// Runs `body` with a fresh migrated store of `backend`, closing it afterwards.
func withStore<T>(_ backend: Backend, _ body: (any WAStore) async throws -> T) async throws -> T {
    let (store, cleanup) = try await backend.openEmpty()
    do {
        try await store.migrate()
        let result = try await body(store)
        try await store.close()
        await cleanup()
        return result
    } catch {
        try? await store.close()
        await cleanup()
        throw error
    }
}

/// Tests run in parallel on 2 cores, where DDL often takes over 100 ms: the slow-statement
/// warnings would only be noise here (SQLiteStoreTests checks the logging itself).
let quietLogger = Logger(label: "wacore.tests") { _ in SwiftLogNoOpLogHandler() }
