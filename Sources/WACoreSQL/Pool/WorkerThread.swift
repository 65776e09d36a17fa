import CThreads
import Foundation

/// A thread the library owns, running submitted jobs one at a time.
///
/// libsqlite3 and libpq calls block. Run on Swift's cooperative pool (one thread per core),
/// two slow queries would stall every task of the application; on a thread of its own a
/// blocked call stalls nothing but its connection.
final class WorkerThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    private var head = 0
    private var stopping = false
    /// How many jobs have been submitted: read by the spinning worker without a lock.
    private let submitted = SharedCounter()

    /// How long an idle worker keeps checking for the next job before it sleeps. A caller
    /// issuing queries back to back sends the next one within microseconds; catching it
    /// awake saves a futex wake-up and a context switch (25–40 µs on the 2-core VM this was
    /// measured on) per call. The check reads an atomic counter, so the spinning worker
    /// never contends for the lock the submitter takes. A process with fewer than two cores
    /// (``AvailableCores``) sleeps at once: the caller it just answered needs the core.
    static let spin: Duration = AvailableCores.allowsSpinning ? .microseconds(50) : .zero

    /// - Parameter name: The thread's name in `top -H`, `ps -L`, `perf` and debuggers; at most
    ///   15 bytes survive on Linux. (Foundation's `Thread.name` does not reach the kernel there.)
    init(name: String) {
        let thread = Thread { [self] in
            wacore_name_current_thread(name)
            loop()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Queues a job; jobs run in submission order.
    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
        submitted.add(1)
    }

    /// Lets the thread end once the jobs queued so far have run.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        submitted.add(1)
    }

    private func loop() {
        let clock = ContinuousClock()
        var taken = 0
        while true {
            // Idle (every submitted job taken): watch the counter for a moment before
            // sleeping on the condition.
            if submitted.value == taken {
                let deadline = clock.now.advanced(by: Self.spin)
                while submitted.value == taken, clock.now < deadline {}
            }
            condition.lock()
            while head == jobs.count, !stopping { condition.wait() }
            if head == jobs.count {
                condition.unlock()
                return
            }
            let job = jobs[head]
            head += 1
            taken += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            }
            condition.unlock()
            job()
        }
    }
}
