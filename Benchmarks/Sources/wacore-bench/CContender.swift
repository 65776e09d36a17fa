import CBaseline
import Foundation
import WACore

/// The raw C baselines (Sources/CBaseline): the engine's limit for this SQL.
final class CContender: Contender, @unchecked Sendable {
    let engine: Engine
    let handle: UnsafeMutableRawPointer

    init(_ location: DatabaseLocation, sqlite: SQLiteSettings) throws {
        engine = location.engine
        switch engine {
        case .sqlite: handle = bsq_open(location.sqlitePath)
        case .postgres: handle = bpq_open(location.conninfo)
        }
        try check(0 as Int32)
        if engine == .sqlite {
            for pragma in sqlite.pragmas { try check(bsq_exec(handle, pragma)) }
        }
    }

    private var error: String { String(cString: engine == .sqlite ? bsq_error(handle) : bpq_error(handle)) }

    private func check(_ rc: Int32) throws {
        if rc != 0 || !error.isEmpty { throw BenchError.failed("C baseline (\(engine)): \(error)") }
    }

    private var now: String { Timestamp.sqlText(Timestamp.now()) }

    func ingest(_ messages: [BenchMessage], cMessages: CMessages, batch: Int) async throws {
        let count = Int32(cMessages.count)
        try check(engine == .sqlite
            ? bsq_ingest(handle, cMessages.pointer, count, Int32(batch), now)
            : bpq_ingest(handle, cMessages.pointer, count, Int32(batch), now))
    }

    func updateStatus(_ wamids: [String], cWamids: CStrings, status: String) async throws -> Int {
        var applied: Int64 = 0
        try cWamids.pointers.withUnsafeBufferPointer { pointers in
            try check(engine == .sqlite
                ? bsq_status(handle, pointers.baseAddress, Int32(pointers.count), status, now, &applied)
                : bpq_status(handle, pointers.baseAddress, Int32(pointers.count), status, now, &applied))
        }
        return Int(applied)
    }

    func conversations(_ phones: [String], cPhones: CStrings) async throws -> (rows: Int, latencies: [Int64]) {
        var rows: Int64 = 0
        var latencies = [Int64](repeating: 0, count: phones.count)
        try cPhones.pointers.withUnsafeBufferPointer { pointers in
            try check(engine == .sqlite
                ? bsq_conversation(handle, pointers.baseAddress, Int32(pointers.count), &latencies, &rows)
                : bpq_conversation(handle, pointers.baseAddress, Int32(pointers.count), &latencies, &rows))
        }
        return (Int(rows), latencies)
    }

    func search(_ queries: [[String]]) async throws -> Int {
        // The engine's query syntax: FTS5 quoted words; plainto_tsquery takes the words as typed.
        let texts = CStrings(queries.map { words in
            engine == .sqlite ? words.map { "\"\($0)\"" }.joined(separator: " ") : words.joined(separator: " ")
        })
        var rows: Int64 = 0
        try texts.pointers.withUnsafeBufferPointer { pointers in
            try check(engine == .sqlite
                ? bsq_search(handle, pointers.baseAddress, Int32(pointers.count), &rows)
                : bpq_search(handle, pointers.baseAddress, Int32(pointers.count), &rows))
        }
        return Int(rows)
    }

    func find(ids: [String], cIDs: CStrings) async throws -> Int {
        var rows: Int64 = 0
        try cIDs.pointers.withUnsafeBufferPointer { pointers in
            try check(engine == .sqlite
                ? bsq_find(handle, pointers.baseAddress, Int32(pointers.count), &rows)
                : bpq_find(handle, pointers.baseAddress, Int32(pointers.count), &rows))
        }
        return Int(rows)
    }

    func statistics(count: Int) async throws -> Int {
        var total: Int64 = 0
        try check(engine == .sqlite ? bsq_stats(handle, Int32(count), &total) : bpq_stats(handle, Int32(count), &total))
        return Int(total)
    }

    func close() async throws {
        engine == .sqlite ? bsq_close(handle) : bpq_close(handle)
    }
}
