import Foundation

/// One way of running the workloads against one database.
protocol Contender: AnyObject {
    /// Records messages: one transaction per message (`batch == 1`) or per `batch` messages.
    func ingest(_ messages: [BenchMessage], cMessages: CMessages, batch: Int) async throws
    /// Applies `status` ("delivered" or "read") to each WhatsApp id, one call each; returns how many applied.
    func updateStatus(_ wamids: [String], cWamids: CStrings, status: String) async throws -> Int
    /// Reads the latest 20 messages (21 rows: one more tells whether a next page exists) of
    /// each phone; returns the rows read and each call's latency in nanoseconds.
    func conversations(_ phones: [String], cPhones: CStrings) async throws -> (rows: Int, latencies: [Int64])
    /// Runs each full-text query, top 50; returns the rows read.
    func search(_ queries: [[String]]) async throws -> Int
    /// Finds each message by id (a primary-key lookup: the cost of one call through the
    /// library); returns how many were found.
    func find(ids: [String], cIDs: CStrings) async throws -> Int
    /// Reads the statistics `count` times; returns the last total.
    func statistics(count: Int) async throws -> Int
    func close() async throws
}

enum BenchError: Error, CustomStringConvertible {
    case failed(String)
    var description: String {
        switch self { case .failed(let message): message }
    }
}

/// What one engine needs to open a database for any contender.
enum Engine: String, CaseIterable, Sendable {
    case sqlite, postgres
}

/// Where a database lives: a SQLite file, or a PostgreSQL database on a unix socket.
struct DatabaseLocation: Sendable {
    var engine: Engine
    var sqlitePath: String = ""
    var postgresSocket: String = ""
    var postgresUser: String = ""
    var postgresDatabase: String = ""

    var conninfo: String { "host=\(postgresSocket) user=\(postgresUser) dbname=\(postgresDatabase)" }
}
