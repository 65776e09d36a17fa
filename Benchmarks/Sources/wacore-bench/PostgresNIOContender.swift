import Foundation
import Logging
import PostgresNIO
import WACore

/// PostgresNIO 1.33: a `PostgresClient` pool over the unix socket, typed binds, rows decoded
/// into Swift tuples, `withTransaction` for writes.
final class PostgresNIOContender: Contender, @unchecked Sendable {
    let client: PostgresClient
    let runner: Task<Void, Never>
    private let logger = Logger(label: "bench.postgresnio")
    private var contactSerial = 0

    init(_ location: DatabaseLocation) async throws {
        let socket = location.postgresSocket + "/.s.PGSQL.5432"
        var configuration = PostgresClient.Configuration(
            unixSocketPath: socket, username: location.postgresUser, password: nil, database: location.postgresDatabase)
        // The pool arms a keep-alive timer (30 s by default) and an idle timer (60 s) each time a
        // connection goes idle, and cancels them when it is leased again. A cancelled
        // `Task.sleep` still leaves its timer with Dispatch until the deadline, so with the
        // defaults every lease of a pass left two timers that fired 30 and 60 s later, inside
        // the next contenders' passes in this process: about a tenth of a core on Dispatch's
        // timer thread, measured during the search passes after PostgresNIO's conversation
        // (PerformanceHistory.md, item 34). No keep-alive, and an idle timeout past the
        // run: the pool still arms and cancels its idle timer per lease as before, but nothing
        // fires while others are measured.
        configuration.options.keepAliveBehavior = nil
        configuration.options.connectionIdleTimeout = .seconds(3600)
        client = PostgresClient(configuration: configuration, backgroundLogger: Logger(label: "bench.postgresnio.background"))
        let client = client
        runner = Task { await client.run() }
        // Every session in UTC, as WACore's, so timestamps mean the same.
        try await client.query("SET TimeZone = 'UTC'")
    }

    typealias MessageRow = (String, String, String, String, String?, String?, String?, String, String?, String?, String?, String?, Date, Date)
    /// jsonb is read as text, as the other contenders read it.
    static let messageSelect = SharedSQL.messageColumns.replacingOccurrences(of: "metadata", with: "metadata::text")

    private func query(_ sql: String, _ bind: (inout PostgresBindings) throws -> Void) rethrows -> PostgresQuery {
        var bindings = PostgresBindings()
        try bind(&bindings)
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    private func countContact(_ connection: PostgresConnection, phone: String, _ activity: SharedSQL.Activity, now: Date) async throws {
        contactSerial += 1
        let id = "contact_n\(contactSerial)"
        let latest = Timestamp.parseSQLText(activity.latest)!
        for (step, sql) in [SharedSQL.touchContact, SharedSQL.restoreContact, SharedSQL.insertContact].enumerated() {
            let q = query(sql) { b in
                b.append(phone); b.append(now); b.append(latest); b.append(activity.count); b.append(activity.inbound)
                if step == 2 { b.append(id) }
            }
            let rows = try await connection.query(q, logger: logger)
            var found = false
            for try await row in rows.decode((String, String, String?, String?, Date?, Int, Int).self) {
                _ = row
                found = true
            }
            if found { return }
        }
        throw BenchError.failed("PostgresNIO: contact upsert returned nothing")
    }

    func ingest(_ messages: [BenchMessage], cMessages: CMessages, batch: Int) async throws {
        for start in stride(from: 0, to: messages.count, by: batch) {
            let chunk = messages[start..<min(start + batch, messages.count)]
            let now = Timestamp.now()
            try await client.withTransaction(logger: logger) { connection in
                var inserted: [BenchMessage] = []
                for m in chunk {
                    // PostgresNIO exposes no affected-row count, so the insert says so with RETURNING.
                    let q = self.query(SharedSQL.insertMessage + " RETURNING 1") { b in
                        b.append(m.id); b.append(m.phone); b.append(m.direction); b.append("text"); b.append(m.content)
                        b.append("sent"); b.append(m.wamid); b.append(m.createdAt)
                    }
                    var affected = 0
                    for try await _ in try await connection.query(q, logger: self.logger) { affected += 1 }
                    if affected == 1 { inserted.append(m) }
                }
                for (phone, activity) in SharedSQL.activity(inserted) {
                    try await self.countContact(connection, phone: phone, activity, now: now)
                }
            }
        }
    }

    func updateStatus(_ wamids: [String], cWamids: CStrings, status: String) async throws -> Int {
        let sql = SharedSQL.status(status).replacingOccurrences(of: "RETURNING \(SharedSQL.messageColumns)", with: "RETURNING \(Self.messageSelect)")
        var applied = 0
        for wamid in wamids {
            let q = query(sql) { b in b.append(wamid); b.append(Timestamp.now()) }
            for try await row in try await client.query(q, logger: logger).decode(MessageRow.self) {
                _ = row
                applied += 1
            }
        }
        return applied
    }

    func conversations(_ phones: [String], cPhones: CStrings) async throws -> (rows: Int, latencies: [Int64]) {
        let sql = SharedSQL.conversation.replacingOccurrences(of: "SELECT \(SharedSQL.messageColumns)", with: "SELECT \(Self.messageSelect)")
        return try await timedConversations(phones) { phone in
            var page: [MessageRow] = []
            for try await row in try await client.query(query(sql) { $0.append(phone) }, logger: logger).decode(MessageRow.self) {
                page.append(row)
            }
            return page
        } rows: { $0.count }
    }

    func search(_ queries: [[String]]) async throws -> Int {
        let sql = SharedSQL.searchPostgres.replacingOccurrences(of: "SELECT \(SharedSQL.messageColumns) FROM (", with: "SELECT \(Self.messageSelect) FROM (")
        var rows = 0
        for words in queries {
            var hits: [MessageRow] = []
            for try await row in try await client.query(query(sql) { $0.append(words.joined(separator: " ")) }, logger: logger)
                .decode(MessageRow.self)
            {
                hits.append(row)
            }
            rows += hits.count
        }
        return rows
    }

    func find(ids: [String], cIDs: CStrings) async throws -> Int {
        let sql = "SELECT \(Self.messageSelect) FROM messages WHERE id = $1"
        var found = 0
        for id in ids {
            for try await row in try await client.query(query(sql) { $0.append(id) }, logger: logger).decode(MessageRow.self) {
                _ = row
                found += 1
            }
        }
        return found
    }

    func statistics(count: Int) async throws -> Int {
        var total = 0
        for _ in 0..<count {
            for try await row in try await client.query(PostgresQuery(unsafeSQL: SharedSQL.statisticsPostgres), logger: logger)
                .decode((Int, Int, Int, Int, Int).self)
            {
                total = row.0
            }
        }
        return total
    }

    func close() async throws {
        runner.cancel()
        _ = await runner.value
    }
}
