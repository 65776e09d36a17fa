import Foundation

/// The median of the repetitions per (engine, workload, contender), as a table and as JSON.
struct Report: Codable {
    struct Row: Codable {
        var engine: String, workload: String, contender: String
        var opsPerSecond: Double, p50Microseconds: Double?, p99Microseconds: Double?
        var cpuMicrosecondsPerOperation: Double
        var ratioToC: Double?, ratioToPeer: Double?
        var repetitions: Int
    }

    var machine: String
    var date: String
    var command: String
    var rows: [Row]
    var scale: [ScalePoint]
    /// Building a 21-row page of `Message` values with no database (``MaterializeFloor``).
    var materializeFloorMicroseconds: Double?
    var measurements: [Measurement]

    init(measurements: [Measurement], scale: [ScalePoint], command: String) {
        self.measurements = measurements
        self.scale = scale
        self.command = command
        date = ISO8601DateFormatter().string(from: Date())
        machine = Report.machineDescription()
        var rows: [Row] = []
        let groups = Dictionary(grouping: measurements) { "\($0.engine)|\($0.workload)|\($0.contender)" }
        for key in groups.keys.sorted() {
            let runs = groups[key]!
            rows.append(Row(
                engine: runs[0].engine, workload: runs[0].workload, contender: runs[0].contender,
                opsPerSecond: median(runs.map(\.opsPerSecond)), p50Microseconds: runs[0].p50Microseconds.map { _ in median(runs.compactMap(\.p50Microseconds)) },
                p99Microseconds: runs[0].p99Microseconds.map { _ in median(runs.compactMap(\.p99Microseconds)) },
                cpuMicrosecondsPerOperation: median(runs.map(\.cpuMicrosecondsPerOperation)), ratioToC: nil, ratioToPeer: nil,
                repetitions: runs.count))
        }
        for index in rows.indices {
            let peers = rows.filter { $0.engine == rows[index].engine && $0.workload == rows[index].workload }
            let c = peers.first { $0.contender.hasPrefix("C (") }
            let peer = peers.first { !$0.contender.hasPrefix("C (") && $0.contender != "WACore" && $0.contender != SwiftFloorContender.name }
            rows[index].ratioToC = c.map { rows[index].opsPerSecond / $0.opsPerSecond }
            rows[index].ratioToPeer = peer.map { rows[index].opsPerSecond / $0.opsPerSecond }
        }
        let order = ["ingest-single", "ingest-batch", "status", "lookup", "conversation", "search", "stats"]
        func key(_ row: Row) -> String {
            let workload = order.firstIndex(of: row.workload) ?? 9
            let rank = row.contender == "WACore" ? 0 : row.contender.hasPrefix("C (") ? 1 : row.contender == SwiftFloorContender.name ? 3 : 2
            return "\(row.engine)|\(workload)|\(rank)"
        }
        self.rows = rows.sorted { key($0) < key($1) }
    }

    var table: String {
        var lines = [
            "| engine | workload | contender | ops/s | p50 µs | p99 µs | CPU µs/op | × C | × peer |",
            "|---|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        for row in rows {
            func format(_ value: Double?, _ pattern: String) -> String { value.map { String(format: pattern, $0) } ?? "" }
            lines.append(
                "| \(row.engine) | \(row.workload) | \(row.contender) | \(format(row.opsPerSecond, "%.0f")) | \(format(row.p50Microseconds, "%.0f")) | \(format(row.p99Microseconds, "%.0f")) | \(format(row.cpuMicrosecondsPerOperation, "%.0f")) | \(row.contender.hasPrefix("C (") ? "1.00" : format(row.ratioToC, "%.2f")) | \(row.contender == "WACore" ? format(row.ratioToPeer, "%.2f") : "") |")
        }
        if let floor = materializeFloorMicroseconds {
            lines += ["", String(format: "Building a 21-row conversation page of Message values, no database (a lower bound for any Swift layer): %.1f µs", floor)]
        }
        if !scale.isEmpty {
            lines += ["", "| engine | messages | rows a read (mean, p99) | conversation p50 µs | p99 µs | C p50 µs | C p99 µs | peak resident MB while ingesting |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
            for point in scale {
                lines.append(String(format: "| %@ | %d | %.1f, %d | %.0f | %.0f | %.0f | %.0f | %.1f |", point.engine, point.messages, point.rowsPerRead, point.rowsPerReadP99, point.p50Microseconds, point.p99Microseconds, point.cP50Microseconds, point.cP99Microseconds, point.residentMB))
            }
            lines += scaleGrowth
        }
        return lines.joined(separator: "\n")
    }

    /// Per engine, how the p99 grew from the smallest store to the largest, WACore's beside the
    /// engine's own (C on the same pages), with the rows a read returned at each end.
    private var scaleGrowth: [String] {
        var lines: [String] = []
        for engine in Set(scale.map(\.engine)).sorted() {
            let points = scale.filter { $0.engine == engine }.sorted { $0.messages < $1.messages }
            guard let small = points.first, let large = points.last, large.messages > small.messages else { continue }
            lines.append(String(
                format: "%@ p99 %d → %d messages: WACore %.2f× (%.0f → %.0f µs), C %.2f× (%.0f → %.0f µs); rows a read %.1f → %.1f (p99 %d → %d)",
                engine, small.messages, large.messages, large.p99Microseconds / small.p99Microseconds, small.p99Microseconds,
                large.p99Microseconds, large.cP99Microseconds / small.cP99Microseconds, small.cP99Microseconds,
                large.cP99Microseconds, small.rowsPerRead, large.rowsPerRead, small.rowsPerReadP99, large.rowsPerReadP99))
        }
        return lines.isEmpty ? [] : [""] + lines
    }

    static func machineDescription() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let memory = ProcessInfo.processInfo.physicalMemory / 1_073_741_824
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu), \(memory) GiB, \(ProcessInfo.processInfo.operatingSystemVersionString)"
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
