import Foundation

/// How many cores this process can keep busy at once: the CPUs its scheduler affinity allows
/// (`taskset`, a container's cpuset), capped by its cgroup's CPU quota (a container's CPU
/// limit). A caller spinning for a worker's result only helps when the worker has a core of
/// its own meanwhile (``SpinPolicy``).
package enum AvailableCores {
    /// Read once, when the first connection opens.
    package static let count: Double = {
        var cores = Double(ProcessInfo.processInfo.activeProcessorCount)
        if let allowed = CPUPlacement.allowedCount { cores = min(cores, Double(allowed)) }
        #if os(Linux)
        if let quota = cgroupQuota() { cores = min(cores, quota) }
        #endif
        return cores
    }()

    /// Whether this process may spin while it waits (``SpinPolicy``, ``WorkerThread``).
    package static let allowsSpinning = allowsSpinning(cores: count)

    /// Spinning needs two cores: one for the thread that waits, one for the thread it waits
    /// for. With fewer, the spinning thread holds the core the other one needs.
    package static func allowsSpinning(cores: Double) -> Bool { cores >= 2 }

    /// The cores a cgroup v2 `cpu.max` file allows ("150000 100000" is 1.5), or `nil` when it
    /// sets no limit ("max 100000", or a v1 quota of "-1") or is not one.
    package static func quota(cpuMax: String) -> Double? {
        let fields = cpuMax.split(whereSeparator: \.isWhitespace)
        guard fields.count == 2, let quota = Double(fields[0]), let period = Double(fields[1]), quota > 0, period > 0 else {
            return nil
        }
        return quota / period
    }

    #if os(Linux)
    /// The CPU quota of this process's cgroup: cgroup v2's `cpu.max`, or v1's
    /// `cpu.cfs_quota_us` over `cpu.cfs_period_us`. `/proc/self/cgroup` names the cgroup
    /// relative to the hierarchy's mount; a container that sees its host's names has its own
    /// cgroup mounted at the root instead, so the root is read when the named one is absent.
    private static func cgroupQuota() -> Double? {
        guard let membership = read("/proc/self/cgroup") else { return nil }
        for line in membership.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let isV2 = fields[0] == "0", isV1CPU = fields[1].split(separator: ",").contains("cpu")
            for directory in [String(fields[2]), ""] {
                if isV2, let cpuMax = read("/sys/fs/cgroup\(directory)/cpu.max") {
                    return quota(cpuMax: cpuMax)
                }
                if isV1CPU, let quota = read("/sys/fs/cgroup/cpu\(directory)/cpu.cfs_quota_us"),
                    let period = read("/sys/fs/cgroup/cpu\(directory)/cpu.cfs_period_us")
                {
                    // -1 is no limit, which `quota(cpuMax:)` reads as nil, as it does "max".
                    return Self.quota(cpuMax: quota + " " + period)
                }
            }
        }
        return nil
    }

    private static func read(_ path: String) -> String? {
        try? String(contentsOfFile: path, encoding: .utf8)
    }
    #endif
}
