import Foundation
import WACore
import WACorePostgres
import WACoreSQLite

/// The conversation read's latency as the store grows, and resident memory while ingesting.
struct ScalePoint: Codable, Sendable {
    var engine: String, messages: Int, p50Microseconds: Double, p99Microseconds: Double, residentMB: Double
}

struct ScaleRun {
    let options: Options
    let databases: Databases

    func run(_ engine: Engine) async throws -> [ScalePoint] {
        let location = try await databases.create(engine)
        defer { databases.drop(location) }
        let store: any WAStore = engine == .sqlite
            ? try await SQLiteStore(path: location.sqlitePath) : try await PostgresStore(url: location.conninfo)
        var points: [ScalePoint] = []
        var ingested = 0
        var peakResident = 0.0
        let phones = DataSet.conversationPhones(2000)
        for target in options.sizes.scalePoints {
            while ingested < target {
                // Generated batch by batch: the harness holds one batch, so memory measures the store.
                let batch = DataSet(count: 1000, offset: ingested).messages.map(\.model)
                _ = try await store.messages.record(contentsOf: batch)
                ingested += batch.count
                if ingested % 10_000 == 0 { peakResident = max(peakResident, residentMegabytes()) }
            }
            databases.analyze(location)
            var latencies: [Int64] = []
            let clock = ContinuousClock()
            for phone in phones {
                let start = clock.now
                _ = try await store.messages.conversation(phone: phone, page: .first(20))
                latencies.append(start.duration(to: clock.now).nanoseconds)
            }
            latencies.sort()
            let point = ScalePoint(
                engine: engine.rawValue, messages: ingested, p50Microseconds: Double(latencies[latencies.count / 2]) / 1000,
                p99Microseconds: Double(latencies[latencies.count * 99 / 100]) / 1000, residentMB: peakResident)
            log(String(format: "%@ scale %d messages: p50 %.0f µs p99 %.0f µs, resident %.1f MB", engine.rawValue, ingested,
                       point.p50Microseconds, point.p99Microseconds, point.residentMB))
            points.append(point)
        }
        try await store.close()
        return points
    }
}

/// Resident set size of this process, from /proc (Linux).
func residentMegabytes() -> Double {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
        let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
    else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}
