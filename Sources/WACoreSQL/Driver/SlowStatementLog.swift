import Logging

/// Logs statements slower than a threshold with their SQL and duration — never their bound
/// values, which may be message bodies, phone numbers or key hashes.
package struct SlowStatementLog: Sendable {
    let logger: Logger
    let threshold: Duration
    let engine: String

    package init(logger: Logger, threshold: Duration, engine: String) {
        self.logger = logger
        self.threshold = threshold
        self.engine = engine
    }

    /// Runs `body`, logging `sql` at `warning` if it took longer than the threshold.
    package func measure<T>(_ sql: String, _ body: () throws -> T) rethrows -> T {
        let start = ContinuousClock.now
        defer {
            let elapsed = start.duration(to: .now)
            if elapsed > threshold {
                logger.warning(
                    "slow \(engine) statement", metadata: ["sql": "\(sql)", "duration_ms": "\(elapsed.milliseconds)"])
            }
        }
        return try body()
    }
}
