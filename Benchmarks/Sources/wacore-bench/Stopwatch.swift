import Foundation

/// Wall-clock time and the process's CPU time (every thread: the caller, WACore's worker
/// threads, a spinning wait) since it was started. CPU per operation shows what a
/// contender's waiting strategy costs besides its latency.
struct Stopwatch {
    private let clock = ContinuousClock()
    private let wallStart: ContinuousClock.Instant
    private let cpuStart: Double

    init() {
        cpuStart = Stopwatch.processCPUSeconds()
        wallStart = clock.now
    }

    /// Seconds since the start: wall clock and CPU.
    func read() -> (wall: Double, cpu: Double) {
        let wall = wallStart.duration(to: clock.now).secondsDouble
        return (wall, Stopwatch.processCPUSeconds() - cpuStart)
    }

    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
