import Foundation
import WACore
import WACoreSQL
@testable import WACoreSQLite

// A leased SQLite connection and jobs that record where they ran: for the tests of where a
// short job runs (IndexedReadTests, IndexedWriteTests).

typealias SQLiteWorker = DatabaseWorker<SQLiteConnection>

/// Runs `body` with a leased connection of a file store holding one message, the thread the
/// connection lives on, and the file's path.
func withLeasedWorker(
    _ pool: KeyPath<SQLStoreCore<SQLiteConnection>, ConnectionPool<SQLiteConnection>> = \.readers,
    _ configuration: SQLiteStore.Configuration = .init(logger: quietLogger),
    _ body: (SQLiteWorker, ObjectIdentifier, String) async throws -> Void
) async throws {
    try await withSQLiteFileStore(configuration) { (store, path) async throws in
        _ = try await store.messages.record(Fixture.text("hello"))
        let pool = store.core[keyPath: pool]
        let worker = try await pool.lease()
        var failure: (any Error)?
        do {
            let workerThread = try await worker.run { _ in ObjectIdentifier(Thread.current) }
            try await body(worker, workerThread, path)
        } catch {
            failure = error
        }
        pool.release(worker)
        if let failure { throw failure }
    }
}

/// A second connection to the database at `path`, holding its write lock until it commits
/// (`end(commit:)`) or closes.
func lockingConnection(_ path: String) throws -> SQLiteConnection {
    let locker = try SQLiteConnection(path: path, readOnly: false, configuration: .init(logger: quietLogger))
    do {
        try locker.begin(deferred: false)
    } catch {
        locker.close()
        throw error
    }
    return locker
}

/// A job that records the thread it runs on, then runs `statement` (slowly, with a `delay`).
func threadRecordingJob(
    _ statement: String = "SELECT id FROM messages LIMIT 1", delay: Duration = .zero, attempts: Attempts = Attempts()
) -> @Sendable (SQLiteConnection) throws -> ObjectIdentifier {
    { connection in
        let thread = ObjectIdentifier(Thread.current)
        attempts.append(thread)
        try connection.execute(statement, [])
        if delay > .zero { Thread.sleep(forTimeInterval: Double(delay.milliseconds) / 1000) }
        return thread
    }
}

/// The threads a job ran on, in order, recorded from any thread.
final class Attempts: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [ObjectIdentifier] = []

    var threads: [ObjectIdentifier] { lock.withLock { stored } }

    func append(_ thread: ObjectIdentifier) { lock.withLock { stored.append(thread) } }
}
