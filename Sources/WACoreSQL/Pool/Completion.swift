import Foundation

/// The outcome of a job on a worker thread, handed to the waiting task either directly (the
/// task found it ready while checking for a bounded moment) or by resuming its continuation.
///
/// Suspending and being resumed from another thread costs a futex wake-up and a context
/// switch (about 20 µs on the 2-core VM this was measured on), more than an indexed lookup
/// takes. So when the worker's recent jobs were short, the caller checks for the result for
/// up to ``DatabaseWorker/callerSpin`` before it suspends; when they were long it suspends at
/// once, so a slow statement never holds a cooperative thread.
final class Completion<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: Result<T, any Error>?
    private var continuation: UnsafeContinuation<T, any Error>?

    /// Called on the worker thread.
    func complete(_ result: Result<T, any Error>) {
        lock.lock()
        if let continuation {
            self.continuation = nil
            lock.unlock()
            continuation.resume(with: result)
        } else {
            outcome = result
            lock.unlock()
        }
    }

    /// The outcome, after checking for it for up to `spin`, then suspending.
    func value(spinning spin: Duration) async throws -> T {
        if spin > .zero {
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: spin)
            repeat {
                if let ready = lock.withLock({ outcome }) { return try ready.get() }
            } while clock.now < deadline
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
