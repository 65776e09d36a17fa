import Foundation
import Testing
import WACore
import WACoreSQL
@testable import WACoreSQLite

/// Where an indexed read runs on SQLite: on the caller's thread while such reads are fast and
/// the database is not locked, otherwise on the connection's worker thread.
@Suite struct IndexedReadTests {
    @Test func aFastIndexedReadRunsOnTheCallersThread() async throws {
        // A generous limit: under a parallel test run a debug-build read may take milliseconds.
        try await withLeasedWorker(\.readers, .init(spinLimit: .seconds(10), logger: quietLogger)) {
            (reader, workerThread, _) async throws in
            #expect(try await reader.runIndexedRead(threadRecordingJob()) != workerThread)
            #expect(try await reader.runIndexedRead(threadRecordingJob()) != workerThread)
            #expect(try await reader.run(threadRecordingJob()) == workerThread)
        }
    }

    @Test func afterASlowIndexedReadTheNextOnesRunOnTheWorkerUntilOneIsFast() async throws {
        // Slow is 400 ms against a 200 ms limit, fast well under it even in a loaded debug run.
        try await withLeasedWorker(\.readers, .init(spinLimit: .milliseconds(200), logger: quietLogger)) {
            (reader, workerThread, _) async throws in
            #expect(try await reader.runIndexedRead(threadRecordingJob(delay: .milliseconds(400))) != workerThread)
            // The previous one took longer than the spin limit: this one goes to the worker.
            #expect(try await reader.runIndexedRead(threadRecordingJob(delay: .milliseconds(400))) == workerThread)
            #expect(try await reader.runIndexedRead(threadRecordingJob()) == workerThread)
            // The previous one was fast again.
            #expect(try await reader.runIndexedRead(threadRecordingJob()) != workerThread)
        }
    }

    /// A WAL reader finds the database locked only in rare moments (recovery after a crash),
    /// which a test cannot arrange while the store is open; a writer waiting for the write
    /// lock goes through the same path.
    @Test func aJobRunInPlaceThatFindsTheDatabaseLockedWaitsOnlyOnTheWorker() async throws {
        let busyTimeout = Duration.milliseconds(300)
        // A generous spin limit: the set-up's write ran in place too, and under a parallel test
        // run it may take milliseconds, which would send this job straight to the worker.
        let configuration = SQLiteStore.Configuration(busyTimeout: busyTimeout, spinLimit: .seconds(10), logger: quietLogger)
        try await withLeasedWorker(\.writers, configuration) {
            (writer, workerThread, path) async throws in
            let locker = try lockingConnection(path)
            defer { locker.close() }

            let attempts = Attempts()
            let clock = ContinuousClock()
            let start = clock.now
            let error = await #expect(throws: StoreError.self) {
                try await writer.runIndexedRead(threadRecordingJob("BEGIN IMMEDIATE", attempts: attempts))
            }
            #expect(error?.code == .unavailable)
            // Tried on the caller's thread, which did not wait (had it waited, its busy error would
            // have ended the call there, in one attempt); waited on the worker, which timed out.
            #expect(attempts.threads.count == 2)
            #expect(attempts.threads.first != workerThread)
            #expect(attempts.threads.last == workerThread)
            #expect(start.duration(to: clock.now) >= busyTimeout)
        }
    }

    @Test func withoutWaitingALockedDatabaseIsWouldWaitAtOnce() async throws {
        try await withLeasedWorker { (_, _, path) async throws in
            let locker = try SQLiteConnection(path: path, readOnly: false, configuration: .init(logger: quietLogger))
            defer { locker.close() }
            let other = try SQLiteConnection(path: path, readOnly: false, configuration: .init(logger: quietLogger))
            defer { other.close() }
            try locker.begin(deferred: false)
            let clock = ContinuousClock()
            let start = clock.now
            #expect(throws: WouldWait.self) { try other.withoutWaiting { try other.begin(deferred: false) } }
            #expect(start.duration(to: clock.now) < .seconds(1))
            // Outside, the busy timeout applies again and the error is the store's.
            try locker.end(commit: true)
            try other.begin(deferred: false)
            try other.end(commit: true)
        }
    }
}
