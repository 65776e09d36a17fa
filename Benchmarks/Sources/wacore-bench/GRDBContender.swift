import Foundation
import GRDB
import WACore

/// GRDB 7: a `DatabasePool` (WAL), cached statements, rows decoded into a `FetchableRecord`.
final class GRDBContender: Contender, @unchecked Sendable {
    let pool: DatabasePool
    private var contactSerial = 0

    init(_ location: DatabaseLocation, sqlite: SQLiteSettings) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            for pragma in sqlite.pragmas { try db.execute(sql: pragma) }
        }
        pool = try DatabasePool(path: location.sqlitePath, configuration: configuration)
    }

    struct MessageRecord: FetchableRecord {
        var id: String, phone: String, direction: String, type: String, content: String?, mediaURL: String?
        var caption: String?, status: String, whatsAppID: String?, errorCode: String?, errorMessage: String?
        var metadata: String?, createdAt: Date, updatedAt: Date

        init(row: Row) {
            id = row[0]; phone = row[1]; direction = row[2]; type = row[3]; content = row[4]; mediaURL = row[5]
            caption = row[6]; status = row[7]; whatsAppID = row[8]; errorCode = row[9]; errorMessage = row[10]
            metadata = row[11]; createdAt = row[12]; updatedAt = row[13]
        }
    }

    struct ContactRecord: FetchableRecord {
        var id: String, phone: String, messageCount: Int, unreadCount: Int, lastMessageAt: Date?
        init(row: Row) {
            id = row[0]; phone = row[1]; lastMessageAt = row[4]; messageCount = row[5]; unreadCount = row[6]
        }
    }

    private static let insertMessage = SharedSQL.sqlite(SharedSQL.insertMessage)
    private static let contactSteps = [SharedSQL.touchContact, SharedSQL.restoreContact, SharedSQL.insertContact].map(SharedSQL.sqlite)

    private func count(_ db: Database, phone: String, _ activity: SharedSQL.Activity, now: String) throws {
        contactSerial += 1
        let id = "contact_g\(contactSerial)"
        for (step, sql) in Self.contactSteps.enumerated() {
            var arguments: StatementArguments = [phone, now, activity.latest, activity.count, activity.inbound]
            if step == 2 { arguments += [id] }
            if try ContactRecord.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) != nil { return }
        }
        throw BenchError.failed("GRDB: contact upsert returned nothing")
    }

    func ingest(_ messages: [BenchMessage], cMessages: CMessages, batch: Int) async throws {
        for start in stride(from: 0, to: messages.count, by: batch) {
            let chunk = messages[start..<min(start + batch, messages.count)]
            let now = Timestamp.sqlText(Timestamp.now())
            try await pool.write { db in
                var inserted: [BenchMessage] = []
                let statement = try db.cachedStatement(sql: Self.insertMessage)
                for m in chunk {
                    try statement.execute(arguments: [m.id, m.phone, m.direction, "text", m.content, "sent", m.wamid, m.createdAtText])
                    if db.changesCount == 1 { inserted.append(m) }
                }
                for (phone, activity) in SharedSQL.activity(inserted) { try self.count(db, phone: phone, activity, now: now) }
            }
        }
    }

    func updateStatus(_ wamids: [String], cWamids: CStrings, status: String) async throws -> Int {
        let sql = SharedSQL.sqlite(SharedSQL.status(status))
        var applied = 0
        for wamid in wamids {
            let now = Timestamp.sqlText(Timestamp.now())
            let record = try await pool.write { db in
                try MessageRecord.fetchOne(db.cachedStatement(sql: sql), arguments: [wamid, now])
            }
            if record != nil { applied += 1 }
        }
        return applied
    }

    func conversations(_ phones: [String], cPhones: CStrings) async throws -> (rows: Int, latencies: [Int64]) {
        let sql = SharedSQL.sqlite(SharedSQL.conversation)
        return try await timedConversations(phones) { phone in
            try await pool.read { db in try MessageRecord.fetchAll(db.cachedStatement(sql: sql), arguments: [phone]) }
        } rows: { $0.count }
    }

    func search(_ queries: [[String]]) async throws -> Int {
        let sql = SharedSQL.sqlite(SharedSQL.searchSQLite)
        var rows = 0
        for words in queries {
            let pattern = words.map { "\"\($0)\"" }.joined(separator: " ")  // FTS5 quoted words, as WACore sends
            rows += try await pool.read { db in try MessageRecord.fetchAll(db.cachedStatement(sql: sql), arguments: [pattern]) }.count
        }
        return rows
    }

    func find(ids: [String], cIDs: CStrings) async throws -> Int {
        let sql = "SELECT \(SharedSQL.messageColumns) FROM messages WHERE id = ?"
        var found = 0
        for id in ids where try await pool.read({ db in try MessageRecord.fetchOne(db.cachedStatement(sql: sql), arguments: [id]) }) != nil {
            found += 1
        }
        return found
    }

    func statistics(count: Int) async throws -> Int {
        var total = 0
        for _ in 0..<count {
            total = try await pool.read { db in try Int.fetchOne(db.cachedStatement(sql: SharedSQL.statisticsSQLite))! }
        }
        return total
    }

    func close() async throws { try pool.close() }
}
