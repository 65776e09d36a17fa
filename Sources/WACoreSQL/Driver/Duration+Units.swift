/// Durations as the whole units the library logs (milliseconds) and keeps in atomics
/// (nanoseconds), clamped to their integer's range: a caller may set a timeout or threshold
/// to a huge value to mean "never" (`.seconds(.max)`), which must not overflow.
extension Duration {
    /// Whole milliseconds.
    package var milliseconds: Int64 {
        Int64(whole(per: 1_000_000_000_000_000))
    }

    /// Whole nanoseconds (as `Int`: what ``SharedCounter`` holds).
    package var nanoseconds: Int {
        whole(per: 1_000_000_000)
    }

    /// Whole units of `attosecondsPerUnit` attoseconds (a unit shorter than a second),
    /// clamped to `Int`'s range.
    private func whole(per attosecondsPerUnit: Int64) -> Int {
        let (seconds, attoseconds) = components
        let unitsPerSecond = Int(1_000_000_000_000_000_000 / attosecondsPerUnit)
        let (scaled, overflow) = Int(clamping: seconds).multipliedReportingOverflow(by: unitsPerSecond)
        let (sum, overflowAgain) = scaled.addingReportingOverflow(Int(attoseconds / attosecondsPerUnit))
        guard !overflow, !overflowAgain else { return seconds < 0 ? .min : .max }
        return sum
    }
}
