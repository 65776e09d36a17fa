/// How long a caller checks for its job's result before suspending.
///
/// The expected duration of a job is the worker's previous one (callers of one connection
/// tend to repeat the same kind of call). A caller spins for about twice that, so a job that
/// runs as long as the last one is caught without a suspension, but never past the store's
/// limit: a job expected to be longer suspends at once, and one that turns out slower than
/// expected costs the cooperative thread at most the limit. Only a caller waiting alone
/// spins: when other callers are waiting too, the cores are better spent on their jobs and
/// tasks. Nor does a caller spin when the process has fewer than two cores to run on
/// (``AvailableCores``): the spinning caller would hold the core the worker needs to produce
/// the result. Checks yield the core (`sched_yield`) whenever another thread may need it to
/// produce the result (see ``Completion/value(spinning:politeAfter:)``).
package struct SpinPolicy: Sendable {
    /// Added to the doubled expectation: the handoff itself and scheduling jitter.
    package static let slack: Duration = .microseconds(20)

    /// Callers waiting for a job right now, in the whole process.
    private static let waiting = SharedCounter()

    /// The longest a caller spins.
    let limit: Duration
    /// `limit` in nanoseconds, for the per-call comparisons with the atomics' durations.
    let limitNanoseconds: Int
    /// Whether the jobs wait on a server process, which needs a core to answer.
    let executesInServer: Bool
    /// The worker's previous job, in nanoseconds.
    let lastJobNanoseconds = SharedCounter()

    init(limit: Duration, executesInServer: Bool) {
        self.limit = limit
        self.limitNanoseconds = limit.nanoseconds
        self.executesInServer = executesInServer
    }

    /// Called by the worker after each job.
    func recordJob(_ nanoseconds: Int) {
        lastJobNanoseconds.store(nanoseconds)
    }

    /// How a caller will wait for one job, decided before the job is submitted so that the
    /// worker knows whether a caller spins for it, and on which CPU.
    struct Plan {
        let spin: Duration
        let politeAfter: Duration
        /// The CPU of a caller that will spin, where the system tells: the worker steps off
        /// it (``CPUPlacement``).
        let spinningOn: Int32?
    }

    /// Counts the caller as waiting and plans its wait. Every plan must be passed to
    /// ``wait(for:_:)``, which uncounts it.
    func plan() -> Plan {
        let alone = Self.waiting.add(1) == 1
        let expected = Duration.nanoseconds(lastJobNanoseconds.value)
        // Work on the worker thread needs the caller's core back only once it is overdue; a
        // server process may need it at any moment.
        let politeAfter = executesInServer ? .zero : expected + Self.slack
        let spin = Self.budget(expecting: expected, alone: alone, limit: limit, canSpin: AvailableCores.allowsSpinning)
        return Plan(spin: spin, politeAfter: politeAfter, spinningOn: spin > .zero ? CPUPlacement.current : nil)
    }

    /// Waits for `completion` as `plan` says: spinning first when that is likely to pay off.
    func wait<T>(for completion: Completion<T>, _ plan: Plan) async throws -> T {
        defer { Self.waiting.add(-1) }
        return try await completion.value(spinning: plan.spin, politeAfter: plan.politeAfter)
    }

    /// How long to spin for a job expected to take `expected`: about twice that while it is
    /// shorter than `limit`, the caller waits alone and the process `canSpin` (it has a core
    /// to spare for the worker), otherwise not at all.
    package static func budget(expecting expected: Duration, alone: Bool, limit: Duration, canSpin: Bool) -> Duration {
        alone && canSpin && expected < limit ? min(limit, expected * 2 + slack) : .zero
    }
}
