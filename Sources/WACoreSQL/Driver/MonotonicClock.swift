#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The monotonic clock in plain nanoseconds, for the timings taken around every statement (the
/// slow-statement log, the spin policy). `ContinuousClock.now` and `Duration` arithmetic
/// cost 128-bit multiplications and a runtime call on top of the clock read itself, about a
/// tenth of a microsecond per statement — measurable on a SQLite read of a few microseconds
/// (PerformanceHistory.md, item 28).
package enum MonotonicClock {
    /// Nanoseconds since an arbitrary fixed point; only differences mean anything.
    @inline(__always)
    package static func nanoseconds() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int(time.tv_sec) * 1_000_000_000 + Int(time.tv_nsec)
    }
}
