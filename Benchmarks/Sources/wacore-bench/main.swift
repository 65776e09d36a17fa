// wacore-bench: WACore against raw C (libsqlite3, libpq) and the Swift peers (GRDB,
// PostgresNIO) on the same data and SQL. See Documentation/Performance.md.

import Foundation

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    var runner = Runner(options: options)
    try await runner.run()
    var scale: [ScalePoint] = []
    if options.scale {
        for engine in options.engines {
            scale += try await ScaleRun(options: options, databases: runner.databases).run(engine)
        }
    }
    var report = Report(
        measurements: runner.measurements, scale: scale,
        command: "wacore-bench " + CommandLine.arguments.dropFirst().joined(separator: " "))
    if options.workloads.contains(.conversation) {
        report.materializeFloorMicroseconds = MaterializeFloor.microsecondsPerPage(DataSet(count: 21).messages)
    }
    print("Machine: \(report.machine)\n")
    print(report.table)
    // Flushed before the log lines on stderr: with both sent to one file, a buffered table is
    // otherwise cut by them.
    fflush(nil)
    if let path = options.jsonPath {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(report).write(to: URL(fileURLWithPath: path))
        log("wrote \(path)")
    }
} catch {
    log("wacore-bench: \(error)")
    exit(1)
}
