import Foundation

/// The outcome of a job on a worker thread, handed to the waiting task either directly (the
/// task found it ready while checking for a bounded moment) or by resuming its continuation.
///
/// Suspending and being resumed from another thread costs a futex wake-up and a context
/// switch (20–40 µs on the 2-core VM this was measured on): more than an indexed read takes.
/// So a caller that expects a short job checks for the result for a bounded time before it
/// suspends (see ``SpinPolicy``); a long job's caller suspends at once, so a slow statement
/// never holds a cooperative thread.
final class Completion<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: Result<T, any Error>?
    private var continuation: UnsafeContinuation<T, any Error>?
    /// 1 once `outcome` is set: what a spinning caller polls, without the lock.
    private let ready = SharedCounter()

    /// Called on the worker thread.
    func complete(_ result: Result<T, any Error>) {
        lock.lock()
        if let continuation {
            self.continuation = nil
            lock.unlock()
            continuation.resume(with: result)
        } else {
            outcome = result
            ready.store(1)
            lock.unlock()
        }
    }

    /// The outcome, after checking for it for up to `spin`, then suspending. Past
    /// `politeAfter` each check first yields the core (`sched_yield`), so a thread the
    /// result depends on (the worker, or a local PostgreSQL server process) is not kept
    /// waiting for a core behind the spinning caller; before it, checks are back to back,
    /// because a syscall per check would delay noticing a result due any moment.
    func value(spinning spin: Duration, politeAfter: Duration) async throws -> T {
        if spin > .zero {
            let clock = ContinuousClock()
            let start = clock.now
            let polite = start.advanced(by: politeAfter), deadline = start.advanced(by: spin)
            while ready.value == 0 {
                let now = clock.now
                if now >= deadline { break }
                if now >= polite { sched_yield() }
            }
            if ready.value == 1, let ready = lock.withLock({ outcome }) { return try ready.get() }
        }
        return try await withUnsafeThrowingContinuation { continuation in
            lock.lock()
            if let ready = outcome {
                lock.unlock()
                continuation.resume(with: ready)
            } else {
                self.continuation = continuation
                lock.unlock()
            }
        }
    }
}
