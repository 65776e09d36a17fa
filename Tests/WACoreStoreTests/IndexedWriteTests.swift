import Foundation
import Testing
import WACore
import WACoreSQL
@testable import WACoreSQLite

/// Where an indexed write runs on SQLite: in place, as one transaction, while such writes are
/// fast, the database is not locked and a commit does not wait for the disk; its checkpoint,
/// and everything else, on the connection's worker thread.
@Suite struct IndexedWriteTests {
    /// Spin limit for the tests that expect in-place writes: under a parallel test run a
    /// debug-build write may take milliseconds.
    static let generous = SQLiteStore.Configuration(spinLimit: .seconds(10), logger: quietLogger)

    static func messageCount(_ worker: SQLiteWorker) async throws -> Int64? {
        try await worker.run { try $0.first("SELECT message_count FROM contacts", []) { $0.integer(0) } }
    }

    @Test func aFastIndexedWriteRunsOnTheCallersThread() async throws {
        try await withLeasedWorker(\.writers, Self.generous) { (writer, workerThread, _) async throws in
            let increment = threadRecordingJob("UPDATE contacts SET message_count = message_count + 1")
            #expect(try await writer.runIndexedWrite(.statement, increment) != workerThread)
            #expect(try await writer.runIndexedWrite(.statement, increment) != workerThread)
            #expect(try await Self.messageCount(writer) == 3)
        }
    }

    /// A job that increments the contact's message count, then fails.
    static let failingAfterItsWrite: @Sendable (SQLiteConnection) throws -> Void = { connection in
        try connection.execute("UPDATE contacts SET message_count = message_count + 1", [])
        throw CancellationError()
    }

    @Test func inPlaceEitherKindOfWriteIsOneTransaction() async throws {
        try await withLeasedWorker(\.writers, Self.generous) { (writer, _, _) async throws in
            for kind in [SQLiteWorker.ShortWrite.statement, .write] {
                await #expect(throws: CancellationError.self) { try await writer.runIndexedWrite(kind, Self.failingAfterItsWrite) }
            }
            #expect(try await Self.messageCount(writer) == 1)
        }
    }

    @Test func withSynchronousFullIndexedWritesRunOnTheWorkerAndAWriteInATransaction() async throws {
        // Every commit would wait for the disk there.
        let configuration = SQLiteStore.Configuration(synchronous: .full, spinLimit: .seconds(10), logger: quietLogger)
        try await withLeasedWorker(\.writers, configuration) { (writer, workerThread, _) async throws in
            let increment = threadRecordingJob("UPDATE contacts SET message_count = message_count + 1")
            #expect(try await writer.runIndexedWrite(.statement, increment) == workerThread)
            #expect(try await writer.runIndexedWrite(.write, increment) == workerThread)
            await #expect(throws: CancellationError.self) { try await writer.runIndexedWrite(.write, Self.failingAfterItsWrite) }
            #expect(try await Self.messageCount(writer) == 3)
        }
    }

    @Test func anIndexedWriteThatFindsTheDatabaseLockedWaitsOnTheWorkerAndIsAppliedOnce() async throws {
        try await withLeasedWorker(\.writers, Self.generous) { (writer, workerThread, path) async throws in
            let locker = try lockingConnection(path)
            defer { locker.close() }

            let attempts = Attempts()
            let clock = ContinuousClock()
            let start = clock.now
            let write = Task {
                try await writer.runIndexedWrite(.statement, threadRecordingJob("UPDATE contacts SET message_count = message_count + 1", attempts: attempts))
            }
            try await Task.sleep(for: .milliseconds(200))
            try locker.end(commit: true)
            #expect(try await write.value == workerThread)
            // In place the transaction's BEGIN found the lock taken, before the job ran: the job
            // ran once, on the worker, which waited for the lock.
            #expect(attempts.threads == [workerThread])
            #expect(start.duration(to: clock.now) >= .milliseconds(200))
            #expect(try await Self.messageCount(writer) == 2)
        }
    }

    /// One commit of about 1,100 pages, past the 1,000 that call for a checkpoint.
    static let largeInsert = "INSERT INTO blobs (b) VALUES (zeroblob(4500000))"

    static func fileSize(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    @Test func aCommitWithoutWaitingLeavesItsCheckpointToDeferredWork() throws {
        let file = TemporarySQLiteFile()
        defer { file.remove() }
        let connection = try SQLiteConnection(path: file.path, readOnly: false, configuration: .init(logger: quietLogger))
        defer { connection.close() }
        try connection.execute("CREATE TABLE blobs (b BLOB)", [])
        let before = try Self.fileSize(file.path)

        _ = try connection.withoutWaiting { try connection.execute(Self.largeInsert, []) }
        // The pages are in the WAL only: no checkpoint copied them into the database file.
        #expect(connection.hasDeferredWork)
        #expect(try Self.fileSize(file.path) == before)

        connection.runDeferredWork()
        #expect(!connection.hasDeferredWork)
        let checkpointed = try Self.fileSize(file.path)
        #expect(checkpointed >= before + 4_500_000)

        // Outside, the commit checkpoints as SQLite's automatic checkpoint would.
        try connection.execute(Self.largeInsert, [])
        #expect(!connection.hasDeferredWork)
        #expect(try Self.fileSize(file.path) >= checkpointed + 4_500_000)
    }

    @Test func indexedWritesInPlaceStillKeepTheWALBounded() async throws {
        try await withSQLiteFileStore(Self.generous) { (store, path) async throws in
            let contact = try await store.contacts.getOrCreate(phone: Fixture.phone, name: nil)
            // Without checkpoints every update would stay in the WAL: 1,500 of them, a page or
            // more each, grow it past 1,500 pages.
            for index in 1...1500 {
                _ = try await store.contacts.markRead(id: contact.id)
                // Calls run in place never suspend: let the other tests' tasks have the thread.
                if index.isMultiple(of: 100) { await Task.yield() }
            }
            let pages = try Self.fileSize(path + "-wal") / 4096
            #expect(pages < 1100)
        }
    }
}
