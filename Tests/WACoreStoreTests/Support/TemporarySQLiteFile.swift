import Foundation
import WACoreSQLite

/// A fresh SQLite database path in the temporary directory.
struct TemporarySQLiteFile: Sendable {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("wacore-test-\(UUID().uuidString).sqlite").path

    /// Deletes the database and its WAL and shared-memory files.
    func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// A migrated store on a fresh SQLite file, and the file's path; both gone afterwards.
func withSQLiteFileStore<T>(
    _ configuration: SQLiteStore.Configuration = .init(logger: quietLogger), _ body: (SQLiteStore, String) async throws -> T
) async throws -> T {
    let file = TemporarySQLiteFile()
    defer { file.remove() }
    let store = try await SQLiteStore(path: file.path, configuration: configuration)
    defer { Task { try? await store.close() } }
    try await store.migrate()
    return try await body(store, file.path)
}
