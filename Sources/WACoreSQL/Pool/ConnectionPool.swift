import Foundation
import WACore

/// Limits of a ``ConnectionPool``.
package struct PoolLimits: Sendable {
    /// Connections open at most, leased or idle.
    package var maxOpen: Int
    /// Idle connections kept, at most `maxOpen`; more are closed when released.
    package var maxIdle: Int
    /// Connections older than this are closed instead of reused; `nil` keeps them forever.
    package var maxLifetime: Duration?
    /// How long a lease waits for a free connection before throwing ``StoreError/Code/timeout``;
    /// at most ``longestWait``.
    package var waitTimeout: Duration

    /// A century: longer wait timeouts are clamped to it. Sleeping until a deadline past what
    /// the clock's 64-bit nanoseconds hold (`Duration.seconds(Int64.max)` from now) traps.
    package static let longestWait = Duration.seconds(100 * 365 * 24 * 3600)

    package init(maxOpen: Int, maxIdle: Int, maxLifetime: Duration?, waitTimeout: Duration) {
        // The stores' configurations have already refused a maxOpen under 1 or a negative
        // maxIdle; more idle than open is allowed there and means as many as may be open.
        self.maxOpen = maxOpen
        self.maxIdle = min(maxIdle, maxOpen)
        self.maxLifetime = maxLifetime
        self.waitTimeout = min(waitTimeout, Self.longestWait)
    }
}

/// Connections leased one task at a time, opened on demand up to a limit, replaced when
/// broken or too old; a lease waits with a timeout instead of hanging.
package final class ConnectionPool<Connection: SQLConnection>: @unchecked Sendable {
    package typealias Worker = DatabaseWorker<Connection>

    /// A waiter is handed either a connection or, as `nil`, the right to open one — as a plain
    /// reference, for the reason ``idle`` holds them so.
    private typealias Waiter = CheckedContinuation<AnyObject?, any Error>

    private let limits: PoolLimits
    private let open: @Sendable () async throws -> Worker
    private let lock = NSLock()
    /// Idle workers as plain references. This generic class is compiled once, in WACoreSQL,
    /// and not specialized for the backend's connection type, so an array of `Worker` would
    /// look up its element type's metadata at run time on every lease and release; an array
    /// of `AnyObject` is concrete code. Only `Worker`s go in (``release(_:discard:)``).
    private var idle: [AnyObject] = []
    private var openCount = 0
    /// Leases waiting for a connection, oldest first; every deadline is its enqueue time plus
    /// the same `waitTimeout`, so they are in deadline order too.
    private var waiters: [(id: UInt64, deadline: ContinuousClock.Instant, continuation: Waiter)] = []
    private var nextWaiterID: UInt64 = 0
    /// Whether the task that times waiters out is running (``watchDeadlines()``).
    private var isWatchingDeadlines = false
    private var isClosed = false

    package init(limits: PoolLimits, open: @escaping @Sendable () async throws -> Worker) {
        self.limits = limits
        self.open = open
    }

    /// A connection for the caller's exclusive use until ``release(_:discard:)``.
    /// - Throws: ``StoreError`` `.timeout` after the wait timeout, `.closed` after ``close()``,
    ///   `.cancelled` when the task is cancelled while waiting.
    package func lease() async throws -> Worker {
        while true {
            switch takeIdleOrSlot() {
            case .worker(let idle):
                let worker = Self.worker(idle)
                if isExpired(worker) {
                    discard(worker)
                    continue
                }
                return worker
            case .slot:
                return try await openCounted()
            case .wait:
                if let worker = try await wait() {
                    if isExpired(worker) {
                        discard(worker)
                        continue
                    }
                    return worker
                }
                return try await openCounted()
            case .closed:
                throw StoreError(.closed, "the store is closed")
            }
        }
    }

    /// Returns a leased connection. A broken one (`discard`) is closed and its place freed.
    package func release(_ worker: Worker, discard shouldDiscard: Bool = false) {
        if shouldDiscard || isExpired(worker) {
            discard(worker)
            return
        }
        lock.lock()
        if isClosed {
            openCount -= 1
            lock.unlock()
            Task { await worker.close() }
        } else if !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            lock.unlock()
            waiter.continuation.resume(returning: worker as AnyObject)
        } else if idle.count < limits.maxIdle {
            idle.append(worker as AnyObject)
            lock.unlock()
        } else {
            openCount -= 1
            lock.unlock()
            Task { await worker.close() }
        }
    }

    /// Leases a connection, runs `body`, and releases it (discarding it when it broke).
    package func withConnection<T: Sendable>(_ body: (Worker) async throws -> T) async throws -> T {
        let worker = try await lease()
        do {
            let result = try await body(worker)
            release(worker)
            return result
        } catch {
            release(worker, discard: await worker.isBroken)
            throw error
        }
    }

    /// ``withConnection(_:)``, run again on another connection when `body` reports
    /// ``StaleConnection`` (a dead idle connection, found before anything happened), so the
    /// first operation after a server restart succeeds instead of failing once per dead
    /// connection in the pool.
    package func withLiveConnection<T: Sendable>(_ body: (Worker) async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await withConnection(body)
            } catch let stale as StaleConnection {
                attempt += 1
                if attempt > limits.maxOpen { throw stale.error }
            }
        }
    }

    /// Closes idle connections and fails waiters; leased connections close when released.
    package func close() async {
        let (closing, failing) = lock.withLock {
            isClosed = true
            let closing = idle.map(Self.worker)
            idle.removeAll()
            openCount -= closing.count
            let failing = waiters
            waiters.removeAll()
            return (closing, failing)
        }
        for waiter in failing { waiter.continuation.resume(throwing: StoreError(.closed, "the store is closed")) }
        for worker in closing { await worker.close() }
    }

    // MARK: - Internals

    /// An idle entry as the `Worker` it is (only workers are stored; no check at run time).
    private static func worker(_ idle: AnyObject) -> Worker {
        unsafeDowncast(idle, to: Worker.self)
    }

    private func takeIdleOrSlot() -> PoolNext {
        lock.lock()
        defer { lock.unlock() }
        if isClosed { return .closed }
        if let worker = idle.popLast() { return .worker(worker) }
        if openCount < limits.maxOpen {
            openCount += 1
            return .slot
        }
        return .wait
    }

    /// Opens a connection for a slot already counted in `openCount`.
    private func openCounted() async throws -> Worker {
        do {
            return try await open()
        } catch {
            freeSlot()
            throw error
        }
    }

    private func isExpired(_ worker: Worker) -> Bool {
        guard let lifetime = limits.maxLifetime else { return false }
        return worker.openedAt.duration(to: .now) > lifetime
    }

    private func discard(_ worker: Worker) {
        freeSlot()
        Task { await worker.close() }
    }

    /// A place was freed: hand it to the first waiter (who opens a connection) or forget it.
    private func freeSlot() {
        lock.lock()
        if !waiters.isEmpty, !isClosed {
            let waiter = waiters.removeFirst()
            lock.unlock()
            waiter.continuation.resume(returning: nil)
        } else {
            openCount -= 1
            lock.unlock()
        }
    }

    private func wait() async throws -> Worker? {
        let id = lock.withLock {
            nextWaiterID += 1
            return nextWaiterID
        }
        let handed = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: Waiter) in
                enqueue(id, continuation)
            }
        } onCancel: {
            failWaiter(id, StoreError(.cancelled, "the task was cancelled while waiting for a connection"))
        }
        return handed.map(Self.worker)
    }

    /// Parks a waiter, unless the pool changed since the caller looked.
    private func enqueue(_ id: UInt64, _ continuation: Waiter) {
        lock.lock()
        if isClosed {
            lock.unlock()
            continuation.resume(throwing: StoreError(.closed, "the store is closed"))
        } else if Task.isCancelled {
            lock.unlock()
            continuation.resume(throwing: StoreError(.cancelled, "the task was cancelled while waiting for a connection"))
        } else if let worker = idle.popLast() {
            lock.unlock()
            continuation.resume(returning: worker)
        } else if openCount < limits.maxOpen {
            openCount += 1
            lock.unlock()
            continuation.resume(returning: nil)
        } else {
            waiters.append((id, ContinuousClock.now.advanced(by: limits.waitTimeout), continuation))
            let startWatching = !isWatchingDeadlines
            isWatchingDeadlines = true
            lock.unlock()
            if startWatching { watchDeadlines() }
        }
    }

    /// Times waiters out: one task for the whole pool, running only while someone waits, that
    /// sleeps until the oldest waiter's deadline. Not a timer per waiter: a waiter is usually
    /// served long before its deadline, and a cancelled `Task.sleep` still leaves its timer with
    /// Dispatch until the deadline, so a timer per wait would have every served wait fire a
    /// timer `waitTimeout` later (PerformanceHistory.md, item 34: 318 timers against 2 in one
    /// test).
    private func watchDeadlines() {
        Task { [weak self] in
            while let deadline = self?.failExpiredWaiters() {
                try? await Task.sleep(until: deadline, clock: .continuous)
            }
        }
    }

    /// Fails the waiters whose deadline has passed; the next deadline, or `nil` (and no more
    /// watching) when nobody waits.
    private func failExpiredWaiters() -> ContinuousClock.Instant? {
        let now = ContinuousClock.now
        lock.lock()
        let expired = waiters.prefix { $0.deadline <= now }
        waiters.removeFirst(expired.count)
        let next = waiters.first?.deadline
        if next == nil { isWatchingDeadlines = false }
        lock.unlock()
        let timeout = limits.waitTimeout
        for waiter in expired {
            waiter.continuation.resume(throwing: StoreError(.timeout, "no database connection became free within \(timeout)"))
        }
        return next
    }

    private func failWaiter(_ id: UInt64, _ error: StoreError) {
        lock.lock()
        guard let index = waiters.firstIndex(where: { $0.id == id }) else {
            lock.unlock()
            return
        }
        let waiter = waiters.remove(at: index)
        lock.unlock()
        waiter.continuation.resume(throwing: error)
    }
}

/// What a lease finds. Declared outside the generic pool, and its idle worker a plain
/// reference until the caller has it, for the reason the pool's `idle` holds them so.
private enum PoolNext {
    case worker(AnyObject), slot, wait, closed
}
