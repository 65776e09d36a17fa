import Foundation
import WACore

/// The conversation read's latency as the store grows, and resident memory while ingesting.
/// The raw C baseline reads the same pages at each point: how much of a change in latency
/// is the engine's own.
struct ScalePoint: Codable, Sendable {
    var engine: String, messages: Int, p50Microseconds: Double, p99Microseconds: Double, residentMB: Double
    var cP50Microseconds: Double, cP99Microseconds: Double
    /// Rows the engine returned per read, the keyset's extra row included: with 1,000 contacts
    /// a phone has about 10 messages at 10k, so a page there holds on average half the rows it
    /// holds from 100k on.
    var rowsPerRead: Double
    /// The 99th percentile of the rows a read returns. Each message's phone is drawn at
    /// random, so at 10k some phones hold twice the mean, and a p99 latency comes from the
    /// reads of the longest pages: the p99 read does not do half the work of one at 1M.
    var rowsPerReadP99: Int
    /// Each repetition's p99, WACore's and C's, in the order they ran; the p50s and p99s above
    /// are the medians of the repetitions.
    var p99Repetitions: [Double], cP99Repetitions: [Double]
}

/// The scale run. One store per size, all open at once, read in turn: a repetition reads
/// every size within a few seconds, so the sizes are compared under the same conditions.
/// This VM's tail latency drifts between a fast and a slow state that lasts seconds to
/// minutes; a single store grown from 10k to 1M read each size minutes apart, so a p99
/// ratio between sizes measured the drift as often as the store.
struct ScaleRun {
    let options: Options
    let databases: Databases

    /// One size's store, with WACore and the C baseline each connected to it.
    private struct SizedStore {
        let location: DatabaseLocation
        let messages: Int
        /// WACore opened as in every workload (`--spin-limit`, `--sqlite-*` apply).
        let wacore: WACoreContender
        let c: CContender
        /// Messages generated for each phone.
        let messagesPerPhone: [String: Int]

        /// The rows a conversation read of `phone` returns: a page of 20 and the keyset's
        /// look-ahead row at most.
        func rows(_ phone: String) -> Int { min(messagesPerPhone[phone] ?? 0, 21) }
    }

    func run(_ engine: Engine) async throws -> [ScalePoint] {
        // As many reads per point as the conversation workload (20,000 at full size): a p99 of
        // 2,000 reads is its 20 slowest, which one stall of the VM can fill.
        let phones = DataSet.conversationPhones(options.sizes.conversations)
        let cPhones = CStrings(phones)
        let sizes = options.sizes.scalePoints
        // The largest first: its ingest measures memory at every size (each store is loaded
        // from empty), before the smaller stores hold any of the process's memory.
        var residentAt: [Int: Double] = [:]
        var stores: [SizedStore] = []
        do {
            for size in sizes.sorted(by: >) {
                stores.append(try await load(engine, messages: size, residentAt: &residentAt))
            }
            stores.sort { $0.messages < $1.messages }
            let points = try await measure(engine, stores, phones, cPhones, residentAt: residentAt)
            try await close(stores)
            return points
        } catch {
            try? await close(stores)
            throw error
        }
    }

    /// A new store of `messages` messages, ingested batch by batch, analyzed, with peak
    /// resident memory sampled every 10,000 messages and noted at each scale point passed.
    private func load(_ engine: Engine, messages: Int, residentAt: inout [Int: Double]) async throws -> SizedStore {
        let location = try await databases.create(engine)
        do {
            let wacore = try await WACoreContender(location, spinLimit: options.spinLimit, sqlite: options.sqlite)
            var ingested = 0
            var peakResident = 0.0
            var messagesPerPhone: [String: Int] = [:]
            while ingested < messages {
                // Generated batch by batch: the harness holds one batch, so memory measures the store.
                let batch = DataSet(count: 1000, offset: ingested).messages.map(\.model)
                for message in batch { messagesPerPhone[message.phone, default: 0] += 1 }
                _ = try await wacore.store.messages.record(contentsOf: batch)
                ingested += batch.count
                if ingested % 10_000 == 0 { peakResident = max(peakResident, residentMegabytes()) }
                if options.sizes.scalePoints.contains(ingested), residentAt[ingested] == nil { residentAt[ingested] = peakResident }
            }
            databases.analyze(location)
            let c = try CContender(location, sqlite: options.sqlite)
            log(String(format: "%@ scale: %d messages loaded, resident %.1f MB", engine.rawValue, ingested, peakResident))
            return SizedStore(location: location, messages: ingested, wacore: wacore, c: c, messagesPerPhone: messagesPerPhone)
        } catch {
            // Not yet in the caller's list of stores to drop.
            databases.drop(location)
            throw error
        }
    }

    /// `options.reps` repetitions; each reads every store in turn, smallest first: one untimed
    /// read of every phone (so neither contender pays for pages the other, or another store,
    /// pushed out of the engine's cache), then WACore's and C's timed reads, their order
    /// swapped each repetition.
    private func measure(
        _ engine: Engine, _ stores: [SizedStore], _ phones: [String], _ cPhones: CStrings, residentAt: [Int: Double]
    ) async throws -> [ScalePoint] {
        var wacore = Array(repeating: [(p50: Double, p99: Double)](), count: stores.count)
        var baseline = wacore
        // What every pass of either contender must read: the rows the data set gives each phone.
        let expectedRows = stores.map { sized in phones.reduce(0) { $0 + sized.rows($1) } }
        let everyPhoneOnce = Array(Set(phones)), cEveryPhoneOnce = CStrings(everyPhoneOnce)
        for rep in 0..<options.reps {
            for (index, sized) in stores.enumerated() {
                func agree(_ read: Int, _ contender: String) throws {
                    guard read == expectedRows[index] else {
                        throw BenchError.failed("scale \(sized.messages): \(contender) read \(read) rows, the data set has \(expectedRows[index])")
                    }
                }
                _ = try await sized.wacore.conversations(everyPhoneOnce, cPhones: cEveryPhoneOnce)
                for wacoreTurn in rep % 2 == 0 ? [true, false] : [false, true] {
                    if wacoreTurn {
                        let (read, latencies) = try await sized.wacore.conversations(phones, cPhones: cPhones)
                        try agree(read, "WACore")
                        wacore[index].append(latencyPercentiles(latencies))
                    } else {
                        let (read, latencies) = try await sized.c.conversations(phones, cPhones: cPhones)
                        try agree(read, "the C baseline")
                        baseline[index].append(latencyPercentiles(latencies))
                    }
                }
            }
        }
        return stores.indices.map { index in
            let sized = stores[index]
            let point = ScalePoint(
                engine: engine.rawValue, messages: sized.messages, p50Microseconds: median(wacore[index].map(\.p50)),
                p99Microseconds: median(wacore[index].map(\.p99)), residentMB: residentAt[sized.messages] ?? 0,
                cP50Microseconds: median(baseline[index].map(\.p50)), cP99Microseconds: median(baseline[index].map(\.p99)),
                rowsPerRead: Double(expectedRows[index]) / Double(phones.count),
                rowsPerReadP99: percentile99(sorted: phones.map(sized.rows).sorted()),
                p99Repetitions: wacore[index].map(\.p99), cP99Repetitions: baseline[index].map(\.p99))
            log(String(format: "%@ scale %d messages: p50 %.0f µs p99 %.0f µs (C: %.0f / %.0f; p99 of each repetition %@ / %@), %.1f rows a read (p99 %d), resident %.1f MB",
                       engine.rawValue, point.messages, point.p50Microseconds, point.p99Microseconds, point.cP50Microseconds, point.cP99Microseconds,
                       point.p99Repetitions.map { String(format: "%.0f", $0) }.joined(separator: ","),
                       point.cP99Repetitions.map { String(format: "%.0f", $0) }.joined(separator: ","), point.rowsPerRead, point.rowsPerReadP99, point.residentMB))
            return point
        }
    }

    private func close(_ stores: [SizedStore]) async throws {
        for sized in stores {
            try await sized.c.close()
            try await sized.wacore.close()
            databases.drop(sized.location)
        }
    }
}

/// Resident set size of this process, from /proc (Linux).
func residentMegabytes() -> Double {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
        let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
    else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}
