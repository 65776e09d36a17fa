import Foundation

/// How many cores this process can keep busy at once: the CPUs its scheduler affinity allows
/// (`taskset`, a container's cpuset), capped by its cgroup's CPU quota (a container's CPU
/// limit). A caller spinning for a worker's result only helps when the worker has a core of
/// its own meanwhile (``SpinPolicy``).
package enum AvailableCores {
    /// Read once, when the first connection opens.
    package static let count: Double = {
        var cores = Double(ProcessInfo.processInfo.activeProcessorCount)
        #if os(Linux)
        if let allowed = affinityCount() { cores = min(cores, Double(allowed)) }
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

    /// The CPUs a `Cpus_allowed` mask allows: comma-separated hexadecimal words
    /// ("00000003" is two), or `nil` when it is not one.
    package static func allowedCPUs(mask: Substring) -> Int? {
        var count = 0
        for word in mask.split(separator: ",") {
            guard let bits = UInt32(word.trimmingCharacters(in: .whitespaces), radix: 16) else { return nil }
            count += bits.nonzeroBitCount
        }
        return count > 0 ? count : nil
    }

    #if os(Linux)
    /// CPUs in the process's affinity mask, from the `Cpus_allowed` line of
    /// `/proc/self/status` (Glibc's `sched_getaffinity` is not visible to Swift).
    private static func affinityCount() -> Int? {
        guard let status = read("/proc/self/status"),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") })
        else { return nil }
        return allowedCPUs(mask: line.dropFirst("Cpus_allowed:".count))
    }

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
