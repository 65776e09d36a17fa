import Foundation
import WACore

/// A connection and the thread it lives on. Everything touching the connection runs there.
package final class DatabaseWorker<Connection: SQLConnection>: @unchecked Sendable {
    // Touched only from `thread` (and `interrupt()`, which the drivers make thread-safe).
    private var connection: Connection!
    private let thread: WorkerThread
    /// Whether callers spin before suspending, learnt from the jobs' durations.
    private let spinPolicy: SpinPolicy
    /// When the connection was opened, for the pool's maximum lifetime.
    package let openedAt = ContinuousClock.now

    private init(thread: WorkerThread, spinPolicy: SpinPolicy) {
        self.thread = thread
        self.spinPolicy = spinPolicy
    }

    /// Starts a thread and opens a connection on it. A caller polls for a short job's result
    /// for at most `spinLimit` before it suspends (``SpinPolicy``).
    package static func open(
        name: String, spinLimit: Duration, _ connect: @escaping @Sendable () throws -> Connection
    ) async throws -> DatabaseWorker {
        let policy = SpinPolicy(limit: spinLimit, executesInServer: Connection.executesInServer)
        let worker = DatabaseWorker(thread: WorkerThread(name: name), spinPolicy: policy)
        do {
            try await worker.perform { worker.connection = try connect() }
        } catch {
            worker.thread.stop()
            throw error
        }
        return worker
    }

    /// Whether the connection is broken and must not be reused.
    package var isBroken: Bool {
        get async { (try? await perform { self.connection.isBroken }) ?? true }
    }

    /// Runs `body` with the connection on the worker's thread: one hop there, one back.
    ///
    /// Cancelling the calling task interrupts the running statement (`sqlite3_interrupt`,
    /// `PQcancel`), which then fails with ``StoreError/Code/cancelled``.
    @discardableResult
    package func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try Task.checkCancellation(orThrow: StoreError(.cancelled, "the task was cancelled"))
        return try await withTaskCancellationHandler {
            try await perform { try body(self.connection) }
        } onCancel: {
            self.connection?.interrupt()
        }
    }

    /// Closes the connection on its thread and lets the thread end.
    package func close() async {
        _ = try? await perform { self.connection?.close() }
        thread.stop()
    }

    private func perform<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let completion = Completion<T>()
        thread.submit { [spinPolicy] in
            let clock = ContinuousClock()
            let start = clock.now
            let result = Result { try body() }
            spinPolicy.recordJob(start.duration(to: clock.now))
            completion.complete(result)
        }
        return try await spinPolicy.wait(for: completion)
    }
}

extension Task where Success == Never, Failure == Never {
    static func checkCancellation(orThrow error: @autoclosure () -> any Error) throws {
        if Task.isCancelled { throw error() }
    }
}
