import Foundation
import Testing
import WACore
import WACoreSQL
import WACoreSQLite

/// The backends the conformance suite runs on. Each test gets a fresh, migrated database.
///
/// The suite itself only sees ``WAStore``; this file is the one place that names backends.
enum Backend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqliteMemory = "SQLite (memory)"
    case sqliteFile = "SQLite (file, WAL)"

    var testDescription: String { rawValue }

    /// Every backend that can run here.
    static var available: [Backend] { allCases }

    /// Opens an empty database of this kind (not migrated).
    func openEmpty() async throws -> (store: any WAStore, cleanup: @Sendable () -> Void) {
        switch self {
        case .sqliteMemory:
            return (try await SQLiteStore.inMemory(), {})
        case .sqliteFile:
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("wacore-test-\(UUID().uuidString).sqlite").path
            let store = try await SQLiteStore(path: path)
            return (store, { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } })
        }
    }

    /// The schema as text, for comparing before and after migrations.
    func schema(of store: any WAStore) async throws -> String {
        switch self {
        case .sqliteMemory, .sqliteFile:
            let rows = try await (store as! SQLiteStore).rawQuery(
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
            return rows.map { $0.map { $0 ?? "NULL" }.joined(separator: " | ") }.joined(separator: "\n")
        }
    }

    /// Every text value stored in every user table, for "this string is nowhere" checks.
    func allStoredText(of store: any WAStore) async throws -> [String] {
        var values: [String] = []
        for table in ["messages", "contacts", "templates", "api_keys"] {
            let rows = try await (store as! SQLiteStore).rawQuery("SELECT * FROM \(table)")
            values += rows.flatMap { $0.compactMap { $0 } }
        }
        return values
    }
}

/// Runs `body` with a fresh migrated store of `backend`, closing it afterwards.
func withStore<T>(_ backend: Backend, _ body: (any WAStore) async throws -> T) async throws -> T {
    let (store, cleanup) = try await backend.openEmpty()
    defer { cleanup() }
    do {
        try await store.migrate()
        let result = try await body(store)
        try await store.close()
        return result
    } catch {
        try? await store.close()
        throw error
    }
}

extension Backend {
    /// Inserts a contact row directly, around the repository, to prove the database itself
    /// enforces uniqueness.
    func insertRawContact(into store: any WAStore, id: String, phone: String) async throws {
        let sql = "INSERT INTO contacts (id, phone, created_at, updated_at) VALUES ($1, $2, $3, $3)"
        let binds: [SQLValue] = [.text(id), .text(phone), SQLValue(Timestamp.now())]
        switch self {
        case .sqliteMemory, .sqliteFile: _ = try await (store as! SQLiteStore).rawQuery(sql, binds)
        }
    }
}
