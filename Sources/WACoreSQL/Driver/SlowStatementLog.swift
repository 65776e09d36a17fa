import Logging

/// Logs statements slower than a threshold with their SQL and duration — never their bound
/// values, which may be message bodies, phone numbers or key hashes.
package struct SlowStatementLog: Sendable {
    let logger: Logger
    /// The threshold in nanoseconds, compared with ``MonotonicClock`` readings.
    let thresholdNanoseconds: Int
    let engine: String

    package init(logger: Logger, threshold: Duration, engine: String) {
        self.logger = logger
        self.thresholdNanoseconds = threshold.nanoseconds
        self.engine = engine
    }

    /// Runs `body`, logging `sql` at `warning` if it took longer than the threshold.
    package func measure<T>(_ sql: String, _ body: () throws -> T) rethrows -> T {
        let start = MonotonicClock.nanoseconds()
        defer {
            let elapsed = MonotonicClock.nanoseconds() - start
            if elapsed > thresholdNanoseconds {
                logger.warning(
                    "slow \(engine) statement", metadata: ["sql": "\(sql)", "duration_ms": "\(elapsed / 1_000_000)"])
            }
        }
        return try body()
    }
}
