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

    init(name: String) {
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Queues a job; jobs run in submission order.
    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread end once the jobs queued so far have run.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    /// How long an idle worker keeps checking for the next job before it sleeps. A caller
    /// issuing queries back to back sends the next one within microseconds; catching it
    /// awake saves a futex wake-up and a context switch (tens of µs on a VM) per call.
    static let spin: Duration = .microseconds(50)

    private func loop() {
        let clock = ContinuousClock()
        while true {
            condition.lock()
            if head == jobs.count, !stopping {
                condition.unlock()
                let deadline = clock.now.advanced(by: Self.spin)
                while clock.now < deadline {
                    condition.lock()
                    let idle = head == jobs.count && !stopping
                    condition.unlock()
                    if !idle { break }
                }
                condition.lock()
            }
            while head == jobs.count, !stopping { condition.wait() }
            if head == jobs.count {
                condition.unlock()
                return
            }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            }
            condition.unlock()
            job()
        }
    }
}
