import Foundation
import WACore

/// A connection and the thread it lives on. Everything touching the connection runs there,
/// except a short indexed read or write on an in-process engine (``runIndexedRead(_:)``).
package final class DatabaseWorker<Connection: SQLConnection>: @unchecked Sendable {
    // Touched by one thread at a time: `thread`, or the caller of a short job run in
    // place, which holds the connection's lease and so has no job on `thread` meanwhile (the
    // pool's lock orders it after the previous holder's jobs). `interrupt()` may come from
    // any thread; the drivers make it thread-safe.
    private var connection: Connection!
    private let thread: WorkerThread
    /// Whether callers spin before suspending, learnt from the jobs' durations.
    private let spinPolicy: SpinPolicy
    /// How long the previous short job (an indexed read or write) took, in nanoseconds,
    /// wherever it ran.
    private let lastShortJob = SharedCounter()
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
        try await interruptingOnCancel {
            try await perform { try body(self.connection) }
        }
    }

    /// Runs an indexed read (see ``SQLExecutor/indexedRead(_:)``) on the caller's thread when
    /// the engine runs in-process and the previous short job took less than the spin limit;
    /// otherwise on the worker's thread, as ``run(_:)``. Either way `body` runs as
    /// ``SQLConnection/reading(_:)`` runs it: a connection found broken makes it
    /// ``StaleConnection``, to be read again on another.
    ///
    /// A caller waiting for a short job spins on its cooperative thread for the job's whole
    /// duration anyway (``SpinPolicy``); running the job there instead takes the cooperative
    /// thread for the same time and saves the hop both ways, the worker's core and the
    /// page's crossing between threads. The spin limit bounds what the library takes of a
    /// cooperative thread: once a short job has been slow (a cold cache on a slow disk), the
    /// next ones go to the worker until one is fast again; the slow one itself held the thread
    /// for its whole duration, where a spinning caller would have suspended at the limit. A
    /// read that would wait for a lock does not wait here: it runs again on the worker
    /// (``WouldWait``). A server engine never runs in place: its statements wait on a socket.
    @discardableResult
    package func runIndexedRead<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await runShort(.read, body, inPlace: !Connection.executesInServer)
    }

    /// Runs an indexed write (``SQLExecutor/indexedWrite(_:)``, or ``ShortWrite/statement`` for
    /// ``SQLExecutor/indexedWriteStatement(_:)``): in place under the rules of
    /// ``runIndexedRead(_:)`` when, besides, a commit does not wait for the disk
    /// (``SQLConnection/commitsWithoutSyncing``); otherwise on the worker, as ``run(_:)``, in a
    /// transaction unless it is a single statement.
    ///
    /// In place, `body` always runs as one transaction, so a lock found taken at any of its
    /// statements undoes all of it before it runs again on the worker: a single-statement write
    /// followed by reads is never applied twice. A checkpoint its commit called for is put off
    /// and run on the worker before the call returns, with the connection still leased.
    @discardableResult
    package func runIndexedWrite<T: Sendable>(
        _ write: ShortWrite, _ body: @escaping @Sendable (Connection) throws -> T
    ) async throws -> T {
        let inPlace = !Connection.executesInServer && connection.commitsWithoutSyncing
        let outcome: Result<T, any Error>
        do {
            outcome = .success(try await runShort(.write(write), body, inPlace: inPlace))
        } catch {
            outcome = .failure(error)
        }
        if connection.hasDeferredWork { _ = try? await perform { self.connection.runDeferredWork() } }
        return try outcome.get()
    }

    /// What an indexed write is: any write, run atomically, or a single statement perhaps
    /// followed by reads, which the engine makes atomic by itself.
    package enum ShortWrite: Sendable {
        case write, statement
    }

    /// An indexed read, or an indexed write of either kind.
    private enum ShortJob {
        case read
        case write(ShortWrite)
    }

    /// Runs `body` in place when `inPlace` allows it and the previous short job was fast,
    /// otherwise on the worker.
    private func runShort<T: Sendable>(
        _ job: ShortJob, _ body: @escaping @Sendable (Connection) throws -> T, inPlace: Bool
    ) async throws -> T {
        // Only the worker needs `body` wrapped in an escaping closure (one allocation); the
        // in-place path calls it directly.
        func onWorker() async throws -> T {
            try await run { [self] connection in try timed(job, body, connection, inPlace: false) }
        }
        guard inPlace, lastShortJob.value < spinPolicy.limitNanoseconds else {
            return try await onWorker()
        }
        do {
            return try await interruptingOnCancel {
                try connection.withoutWaiting { try timed(job, body, connection, inPlace: true) }
            }
        } catch is WouldWait {
            // The database is locked for a moment: wait for it where waiting blocks nothing.
            return try await onWorker()
        }
    }

    /// Runs `body` as `job`, recording how long it took for the next short job's choice.
    private func timed<T>(_ job: ShortJob, _ body: (Connection) throws -> T, _ connection: Connection, inPlace: Bool) throws -> T {
        let start = MonotonicClock.nanoseconds()
        defer { lastShortJob.store(MonotonicClock.nanoseconds() - start) }
        switch job {
        case .read: return try connection.reading { try body(connection) }
        // On the worker a single statement is atomic by itself; in place it needs the
        // transaction so that a lock found taken undoes it before it runs again there.
        case .write(.statement) where !inPlace: return try body(connection)
        case .write: return try connection.inTransaction { try body(connection) }
        }
    }

    /// Closes the connection on its thread and lets the thread end.
    package func close() async {
        _ = try? await perform { self.connection?.close() }
        thread.stop()
    }

    /// Runs `operation` unless the task is already cancelled; cancelling it meanwhile
    /// interrupts the connection's running statement.
    private func interruptingOnCancel<T>(_ operation: () async throws -> T) async throws -> T {
        try Task.checkCancellation(orThrow: StoreError(.cancelled, "the task was cancelled"))
        return try await withTaskCancellationHandler(operation: operation) {
            self.connection?.interrupt()
        }
    }

    private func perform<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let completion = Completion<T>()
        let plan = spinPolicy.plan()
        thread.submit { [spinPolicy] in
            if let caller = plan.spinningOn { CPUPlacement.stepOff(caller) }
            let start = MonotonicClock.nanoseconds()
            let result = Result { try body() }
            spinPolicy.recordJob(MonotonicClock.nanoseconds() - start)
            completion.complete(result)
        }
        return try await spinPolicy.wait(for: completion, plan)
    }
}

extension Task where Success == Never, Failure == Never {
    static func checkCancellation(orThrow error: @autoclosure () -> any Error) throws {
        if Task.isCancelled { throw error() }
    }
}
