/// Durations as the whole units the library logs (milliseconds) and keeps in atomics
/// (nanoseconds).
extension Duration {
    /// Whole milliseconds.
    package var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }

    /// Whole nanoseconds (as `Int`: what ``SharedCounter`` holds).
    package var nanoseconds: Int {
        Int(components.seconds) * 1_000_000_000 + Int(components.attoseconds / 1_000_000_000)
    }

    /// Whole nanoseconds, clamped to `Int`'s range: for settings a caller may make huge to
    /// mean "never" (a slow-statement threshold of `.seconds(.max)`), where ``nanoseconds``
    /// would overflow.
    package var clampedNanoseconds: Int {
        let (seconds, attoseconds) = components
        let (whole, overflow) = Int(clamping: seconds).multipliedReportingOverflow(by: 1_000_000_000)
        let (sum, overflowAgain) = whole.addingReportingOverflow(Int(attoseconds / 1_000_000_000))
        guard !overflow, !overflowAgain else { return seconds < 0 ? .min : .max }
        return sum
    }
}
