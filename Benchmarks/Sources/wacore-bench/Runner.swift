import Foundation
import WACore
import WACorePostgres
import WACoreSQLite

/// One timed run of one contender.
struct Measurement: Codable, Sendable {
    var engine: String, workload: String, contender: String, rep: Int
    var operations: Int, seconds: Double
    /// CPU time of the whole benchmark process during the run.
    var cpuSeconds: Double
    var p50Microseconds: Double?, p99Microseconds: Double?
    var opsPerSecond: Double { Double(operations) / seconds }
    var cpuMicrosecondsPerOperation: Double { cpuSeconds * 1e6 / Double(operations) }
}

/// Runs the workloads: each contender on identical data, alternated across repetitions,
/// each checking its own result and failing loudly when wrong.
struct Runner {
    let options: Options
    let databases: Databases
    var measurements: [Measurement] = []

    init(options: Options) {
        self.options = options
        self.databases = Databases(options: options)
    }

    mutating func run() async throws {
        let sizes = options.sizes
        for engine in options.engines {
            for workload in options.workloads where [.ingestSingle, .ingestBatch, .status].contains(workload) {
                let names = databases.contenders(engine, for: workload)
                for rep in 0..<options.reps {
                    for name in rotated(names, by: rep) {
                        try await runWrite(workload, engine: engine, contender: name, rep: rep, sizes: sizes)
                    }
                }
            }
            let reads = options.workloads.filter { [.lookup, .conversation, .search, .stats].contains($0) }
            if !reads.isEmpty { try await runReads(reads, engine: engine, sizes: sizes) }
        }
    }

    private func rotated(_ names: [String], by count: Int) -> [String] {
        guard !names.isEmpty else { return [] }
        return Array(names[(count % names.count)...] + names[..<(count % names.count)])
    }

    private mutating func record(
        _ engine: Engine, _ workload: Workload, _ name: String, _ rep: Int, operations: Int, time: (wall: Double, cpu: Double),
        latencies: [Int64]? = nil
    ) {
        var m = Measurement(
            engine: engine.rawValue, workload: workload.rawValue, contender: name, rep: rep, operations: operations, seconds: time.wall,
            cpuSeconds: time.cpu)
        if let latencies, !latencies.isEmpty {
            (m.p50Microseconds, m.p99Microseconds) = latencyPercentiles(latencies)
        }
        measurements.append(m)
        let latency = m.p50Microseconds.map { String(format: "  p50 %.0f µs  p99 %.0f µs", $0, m.p99Microseconds!) } ?? ""
        log(String(format: "%@ %@ rep %d %@: %.0f ops/s, CPU %.0f µs/op%@", engine.rawValue, workload.rawValue, rep + 1, name, m.opsPerSecond, m.cpuMicrosecondsPerOperation, latency))
    }

    // MARK: Writes: a fresh database per run

    private mutating func runWrite(_ workload: Workload, engine: Engine, contender name: String, rep: Int, sizes: Sizes) async throws {
        let location = try await databases.create(engine)
        defer { databases.drop(location) }
        switch workload {
        case .ingestSingle, .ingestBatch:
            let count = workload == .ingestSingle ? sizes.ingestSingle : sizes.ingestBatch
            let data = DataSet(count: count)
            let cMessages = CMessages(data.messages)
            let contender = try await databases.open(name, location)
            let stopwatch = Stopwatch()
            try await contender.ingest(data.messages, cMessages: cMessages, batch: workload == .ingestSingle ? 1 : sizes.batch)
            let elapsed = stopwatch.read()
            try await contender.close()
            try await verifyIngest(location, data, by: name)
            record(engine, workload, name, rep, operations: count, time: elapsed)
        case .status:
            let data = DataSet(count: sizes.status)
            try await preload(location, data)
            let wamids = data.messages.map(\.wamid)
            let cWamids = CStrings(wamids)
            let contender = try await databases.open(name, location)
            let stopwatch = Stopwatch()
            let delivered = try await contender.updateStatus(wamids, cWamids: cWamids, status: "delivered")
            let read = try await contender.updateStatus(wamids, cWamids: cWamids, status: "read")
            let elapsed = stopwatch.read()
            try await contender.close()
            guard delivered == wamids.count, read == wamids.count else {
                throw BenchError.failed("\(name) status: applied \(delivered) delivered and \(read) read of \(wamids.count)")
            }
            let stats = try await withStore(location) { try await $0.messages.statistics() }
            guard stats.read == wamids.count else { throw BenchError.failed("\(name) status: \(stats.read) read, expected \(wamids.count)") }
            record(engine, workload, name, rep, operations: wamids.count * 2, time: elapsed)
        default:
            break
        }
    }

    /// Every message stored once, every contact's counters exact.
    private func verifyIngest(_ location: DatabaseLocation, _ data: DataSet, by name: String) async throws {
        let (stats, contacts) = try await withStore(location) { store in
            (try await store.messages.statistics(), try await store.contacts.list(page: .first(1000)).items)
        }
        let inbound = data.messages.filter(\.inbound).count
        let counted = contacts.reduce(0) { $0 + $1.messageCount }, unread = contacts.reduce(0) { $0 + $1.unreadCount }
        let phones = Set(data.messages.map(\.phone)).count
        guard stats.total == data.messages.count, counted == data.messages.count, unread == inbound, contacts.count == phones else {
            throw BenchError.failed(
                "\(name) ingest is wrong: \(stats.total) messages, counters \(counted)/\(unread), \(contacts.count) contacts; expected \(data.messages.count), \(inbound) unread, \(phones) contacts")
        }
    }

    private func withStore<T>(_ location: DatabaseLocation, _ body: (any WAStore) async throws -> T) async throws -> T {
        let store: any WAStore = location.engine == .sqlite
            ? try await SQLiteStore(path: location.sqlitePath) : try await PostgresStore(url: location.conninfo)
        let result = try await body(store)
        try await store.close()
        return result
    }

    private func preload(_ location: DatabaseLocation, _ data: DataSet) async throws {
        try await withStore(location) { store in
            let models = data.messages.map(\.model)
            for start in stride(from: 0, to: models.count, by: 1000) {
                _ = try await store.messages.record(contentsOf: Array(models[start..<min(start + 1000, models.count)]))
            }
        }
        databases.analyze(location)
    }

    // MARK: Reads: one loaded database, every contender on it

    private mutating func runReads(_ workloads: [Workload], engine: Engine, sizes: Sizes) async throws {
        let location = try await databases.create(engine)
        defer { databases.drop(location) }
        let data = DataSet(count: sizes.readStore)
        log("\(engine.rawValue): loading \(sizes.readStore) messages for the read workloads")
        try await preload(location, data)
        let perPhone = Dictionary(grouping: data.messages, by: \.phone).mapValues(\.count)
        let phones = options.emptyConversations
            ? Array(repeating: DataSet.absentPhone, count: sizes.conversations) : DataSet.conversationPhones(sizes.conversations)
        let cPhones = CStrings(phones)
        let expectedRows = phones.reduce(0) { $0 + min(21, perPhone[$1] ?? 0) }
        let queries = DataSet.searchQueries(sizes.searches)
        var generator = SplitMix64(state: 13)
        let lookupIDs = (0..<sizes.conversations).map { _ in data.messages.randomElement(using: &generator)!.id }
        let cLookupIDs = CStrings(lookupIDs)
        var searchRows: Int?
        for workload in workloads {
            let names = databases.contenders(engine, for: workload)
            for rep in 0..<options.reps {
                for name in rotated(names, by: rep) {
                    let contender = try await databases.open(name, location)
                    let stopwatch = Stopwatch()
                    switch workload {
                    case .lookup:
                        let found = try await contender.find(ids: lookupIDs, cIDs: cLookupIDs)
                        let elapsed = stopwatch.read()
                        guard found == lookupIDs.count else { throw BenchError.failed("\(name) lookup found \(found) of \(lookupIDs.count)") }
                        record(engine, workload, name, rep, operations: lookupIDs.count, time: elapsed)
                    case .conversation:
                        let (rows, latencies) = try await contender.conversations(phones, cPhones: cPhones)
                        let elapsed = stopwatch.read()
                        guard rows == expectedRows else { throw BenchError.failed("\(name) conversation read \(rows) rows, expected \(expectedRows)") }
                        record(engine, workload, name, rep, operations: phones.count, time: elapsed, latencies: latencies)
                    case .search:
                        let rows = try await contender.search(queries)
                        let elapsed = stopwatch.read()
                        guard rows > 0, rows == (searchRows ?? rows) else {
                            throw BenchError.failed("\(name) search read \(rows) rows; another contender read \(searchRows ?? 0)")
                        }
                        searchRows = rows
                        record(engine, workload, name, rep, operations: queries.count, time: elapsed)
                    case .stats:
                        let total = try await contender.statistics(count: sizes.stats)
                        let elapsed = stopwatch.read()
                        guard total == data.messages.count else { throw BenchError.failed("\(name) stats total \(total), expected \(data.messages.count)") }
                        record(engine, workload, name, rep, operations: sizes.stats, time: elapsed)
                    default:
                        break
                    }
                    try await contender.close()
                }
            }
        }
    }
}

func log(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// p50 and p99, in microseconds, of latencies in nanoseconds (at least one).
func latencyPercentiles(_ latencies: [Int64]) -> (p50: Double, p99: Double) {
    let sorted = latencies.sorted()
    return (Double(sorted[sorted.count / 2]) / 1000, Double(percentile99(sorted: sorted)) / 1000)
}

/// The value 99% of `sorted` (at least one, in ascending order) are at or below.
func percentile99<T>(sorted: [T]) -> T {
    sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
}
