import Foundation
import WACore
import WACorePostgres
import WACoreSQLite

/// The conversation read's latency as the store grows, and resident memory while ingesting.
/// The raw C baseline reads the same pages at each point: how much of a change in latency
/// is the engine's own.
struct ScalePoint: Codable, Sendable {
    var engine: String, messages: Int, p50Microseconds: Double, p99Microseconds: Double, residentMB: Double
    var cP50Microseconds: Double, cP99Microseconds: Double
    /// Rows the engine returned per read, the keyset's extra row included: with 1,000 contacts
    /// a phone has about 10 messages at 10k, so a page there holds half the rows it holds from
    /// 100k on, and a read does about half the work.
    var rowsPerRead: Double
}

struct ScaleRun {
    let options: Options
    let databases: Databases

    func run(_ engine: Engine) async throws -> [ScalePoint] {
        let location = try await databases.create(engine)
        defer { databases.drop(location) }
        let store: any WAStore = engine == .sqlite
            ? try await SQLiteStore(path: location.sqlitePath, configuration: options.sqlite.applied(to: .init()))
            : try await PostgresStore(url: location.conninfo)
        var points: [ScalePoint] = []
        var ingested = 0
        var peakResident = 0.0
        // As many reads per point as the conversation workload (20,000 at full size): a p99 of
        // 2,000 reads is its 20 slowest, which one stall of the VM can fill.
        let phones = DataSet.conversationPhones(options.sizes.conversations)
        let cPhones = CStrings(phones)
        for target in options.sizes.scalePoints {
            while ingested < target {
                // Generated batch by batch: the harness holds one batch, so memory measures the store.
                let batch = DataSet(count: 1000, offset: ingested).messages.map(\.model)
                _ = try await store.messages.record(contentsOf: batch)
                ingested += batch.count
                if ingested % 10_000 == 0 { peakResident = max(peakResident, residentMegabytes()) }
            }
            databases.analyze(location)
            // Every phone read once, untimed, before either contender is timed. The C baseline
            // reads right after WACore, so without this it found the pages WACore's first reads
            // had just brought into the engine's cache (PostgreSQL's shared buffers) and WACore
            // alone paid for the cold ones — at 1M messages, where the store outgrows the cache,
            // those first reads were much of WACore's p99. Now both read a warm store.
            var warmed = Set<String>()
            for phone in phones where warmed.insert(phone).inserted {
                _ = try await store.messages.conversation(phone: phone, page: .first(20))
            }
            var latencies: [Int64] = []
            var rows = 0
            let clock = ContinuousClock()
            for phone in phones {
                let start = clock.now
                let page = try await store.messages.conversation(phone: phone, page: .first(20))
                latencies.append(start.duration(to: clock.now).nanoseconds)
                rows += page.items.count + (page.next == nil ? 0 : 1)
            }
            let c = try CContender(location, sqlite: options.sqlite)
            let (cRows, cLatencies) = try await c.conversations(phones, cPhones: cPhones)
            try await c.close()
            guard rows > 0, cRows == rows else {
                throw BenchError.failed("scale \(ingested): WACore read \(rows) rows, the C baseline \(cRows)")
            }
            let (p50, p99) = latencyPercentiles(latencies), (cP50, cP99) = latencyPercentiles(cLatencies)
            let point = ScalePoint(
                engine: engine.rawValue, messages: ingested, p50Microseconds: p50, p99Microseconds: p99, residentMB: peakResident,
                cP50Microseconds: cP50, cP99Microseconds: cP99, rowsPerRead: Double(rows) / Double(phones.count))
            log(String(format: "%@ scale %d messages: p50 %.0f µs p99 %.0f µs (C: %.0f / %.0f), %.1f rows a read, resident %.1f MB",
                       engine.rawValue, ingested, p50, p99, cP50, cP99, point.rowsPerRead, point.residentMB))
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
