/// How long a caller checks for its job's result before suspending.
///
/// The expected duration of a job is the worker's previous one (callers of one connection
/// tend to repeat the same kind of call). A caller spins for about twice that, so a job that
/// runs as long as the last one is caught without a suspension, but never past
/// ``maximum``: a job expected to be long, or one that turns out slower than expected,
/// costs the cooperative thread at most that long. Only a caller waiting alone spins: when
/// other callers are waiting too, the cores are better spent on their jobs and tasks.
package struct SpinPolicy: Sendable {
    /// The longest a caller spins. A suspension costs 20–40 µs on the 2-core VM this was
    /// measured on; spinning longer than a few of those saves proportionally little.
    package static let maximum: Duration = .microseconds(250)
    /// Added to the doubled expectation: the handoff itself and scheduling jitter.
    package static let slack: Duration = .microseconds(20)

    /// Callers waiting for a job right now, in the whole process.
    private static let waiting = SharedCounter()

    /// The worker's previous job, in nanoseconds.
    let lastJobNanoseconds = SharedCounter()

    /// Called by the worker after each job.
    func recordJob(_ duration: Duration) {
        lastJobNanoseconds.store(Int(duration.components.seconds) * 1_000_000_000 + Int(duration.components.attoseconds / 1_000_000_000))
    }

    /// Waits for `completion`, spinning first when that is likely to pay off.
    func wait<T>(for completion: Completion<T>) async throws -> T {
        let alone = Self.waiting.add(1) == 1
        defer { Self.waiting.add(-1) }
        let spin = Self.budget(expecting: .nanoseconds(lastJobNanoseconds.value), alone: alone)
        return try await completion.value(spinning: spin)
    }

    /// How long to spin for a job expected to take `expected`: about twice that while it is
    /// short and the caller waits alone, otherwise not at all.
    package static func budget(expecting expected: Duration, alone: Bool) -> Duration {
        alone && expected < maximum ? min(maximum, expected * 2 + slack) : .zero
    }
}
