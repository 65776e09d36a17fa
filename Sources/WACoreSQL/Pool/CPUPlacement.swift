import CThreads

/// Keeps a worker thread off the CPU of the caller spinning for its result.
///
/// A spinning caller (``SpinPolicy``) holds its CPU until the result is ready. When the
/// scheduler happens to put the worker on that same CPU, the two take turns on one core while
/// the other one idles; a PostgreSQL query then also waits for the server process to be woken
/// on the idle core. Measured on the 2-core benchmark VM, such stretches last tens of
/// milliseconds and make every read in them about three times slower (Performance.md, "The
/// PostgreSQL tail"). So a worker that finds itself on the CPU of the caller waiting for its
/// job steps off it first: once, at the start of that job, and only then.
package enum CPUPlacement {
    /// The CPU the calling thread runs on; `nil` where the system does not say (not Linux).
    package static var current: Int32? {
        let cpu = wacore_current_cpu()
        return cpu >= 0 ? cpu : nil
    }

    /// How many CPUs the calling thread may run on (its affinity: `taskset`, a container's
    /// cpuset); `nil` where the system does not say.
    package static var allowedCount: Int? {
        let count = wacore_allowed_cpu_count()
        return count > 0 ? Int(count) : nil
    }

    /// Moves the calling thread off `cpu` if it runs there and may run elsewhere, leaving its
    /// CPU affinity as it was, so the scheduler may place it anywhere again.
    /// - Returns: The CPU it moved to, or `nil` when it did not move.
    @discardableResult
    package static func stepOff(_ cpu: Int32) -> Int32? {
        let moved = wacore_step_off_cpu(cpu)
        return moved >= 0 ? moved : nil
    }
}
