import CBenchSQLite
import Foundation
import WACore

/// The fastest a Swift layer returning `Message` values can read on SQLite: hand-written,
/// straight-line Swift on libsqlite3 — one connection, statements prepared once, no pool, no
/// generics, no protocols, no async hop, on the caller's thread — that builds every row into
/// the public `Message` model (its `String`s, enums and parsed dates) and drops the page, as
/// any caller of such a layer gets and drops it. Run for the SQLite reads where the engine's
/// own work is smallest (lookup, conversation), beside the raw C baseline that only touches
/// the columns: the distance between the two is what building Swift values costs by itself,
/// and no layer built on `Message` can be closer to C than this.
final class SwiftFloorContender: Contender, @unchecked Sendable {
    static let name = "Swift floor (libsqlite3)"
    static let workloads: [Workload] = [.lookup, .conversation]

    private let db: OpaquePointer
    private let conversation: OpaquePointer
    private let lookup: OpaquePointer

    init(_ location: DatabaseLocation, sqlite: SQLiteSettings) throws {
        var handle: OpaquePointer?
        // NOMUTEX, as WACore and the C baseline open theirs: one thread uses the connection.
        guard sqlite3_open_v2(location.sqlitePath, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let handle else {
            throw BenchError.failed("Swift floor: cannot open \(location.sqlitePath)")
        }
        db = handle
        for pragma in sqlite.pragmas where sqlite3_exec(handle, pragma, nil, nil, nil) != SQLITE_OK {
            throw BenchError.failed("Swift floor: \(String(cString: sqlite3_errmsg(handle)))")
        }
        func prepare(_ sql: String) throws -> OpaquePointer {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v3(handle, SharedSQL.sqlite(sql), -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
                let statement
            else { throw BenchError.failed("Swift floor: \(String(cString: sqlite3_errmsg(handle)))") }
            return statement
        }
        conversation = try prepare(SharedSQL.conversation)
        lookup = try prepare("SELECT \(SharedSQL.messageColumns) FROM messages WHERE id = $1")
    }

    func conversations(_ phones: [String], cPhones: CStrings) async throws -> (rows: Int, latencies: [Int64]) {
        try await timedConversations(phones) { phone -> (page: [Message], more: Bool) in
            var page: [Message] = []
            page.reserveCapacity(20)
            var more = false
            try read(conversation, phone) {
                if page.count < 20 { page.append(try Self.message($0)) } else { more = true }
            }
            return (page, more)
        } rows: { $0.page.count + ($0.more ? 1 : 0) }
    }

    func find(ids: [String], cIDs: CStrings) async throws -> Int {
        var found = 0
        for id in ids {
            var message: Message?
            try read(lookup, id) { message = try Self.message($0) }
            if message != nil { found += 1 }
        }
        return found
    }

    /// Binds `text` to $1, calls `row` for each result row, and resets the statement.
    private func read(_ statement: OpaquePointer, _ text: String, _ row: (OpaquePointer) throws -> Void) throws {
        defer { sqlite3_reset(statement) }
        try text.withCString { pointer in
            sqlite3_bind_text(statement, 1, pointer, -1, nil)  // SQLITE_STATIC: alive until the reset
            var rc = sqlite3_step(statement)
            while rc == SQLITE_ROW {
                try row(statement)
                rc = sqlite3_step(statement)
            }
            guard rc == SQLITE_DONE else { throw BenchError.failed("Swift floor: \(String(cString: sqlite3_errmsg(db)))") }
        }
    }

    // MARK: A row as a Message, column by column (the order of SharedSQL.messageColumns)

    private static func message(_ s: OpaquePointer) throws -> Message {
        guard let direction = bytes(s, 2).flatMap(Direction.matching), let type = bytes(s, 3).flatMap(MessageType.matching),
            let status = bytes(s, 7).flatMap(MessageStatus.matching), let createdAt = bytes(s, 12).flatMap(date),
            let updatedAt = bytes(s, 13).flatMap(date)
        else { throw BenchError.failed("Swift floor: a message row did not decode") }
        return Message(
            id: text(s, 0) ?? "", phone: text(s, 1) ?? "", direction: direction, type: type, content: text(s, 4),
            mediaURL: text(s, 5), caption: text(s, 6), status: status, whatsAppMessageID: text(s, 8), errorCode: text(s, 9),
            errorMessage: text(s, 10), metadata: try bytes(s, 11).map { try JSONDecoder().decode(JSONObject.self, from: Data($0)) },
            createdAt: createdAt, updatedAt: updatedAt)
    }

    private static func bytes(_ s: OpaquePointer, _ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let text = sqlite3_column_text(s, column) else { return nil }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(s, column)))
    }

    private static func text(_ s: OpaquePointer, _ column: Int32) -> String? {
        bytes(s, column).map { String(decoding: $0, as: UTF8.self) }
    }

    /// "YYYY-MM-DD HH:MM:SS.ffffff" (WACore's SQLite form) as a date; fixed offsets, no checks
    /// beyond the digits: a floor, not a validator.
    private static func date(_ v: UnsafeBufferPointer<UInt8>) -> Date? {
        guard v.count == 26 else { return nil }
        func number(_ at: Int, _ count: Int) -> Int {
            var x = 0
            for i in at..<at + count { x = x * 10 + Int(v[i] &- 48) }
            return x
        }
        let y = number(0, 4), m = number(5, 2), d = number(8, 2)
        let yy = m <= 2 ? y - 1 : y, era = yy / 400, yoe = yy - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = days * 86_400 + number(11, 2) * 3600 + number(14, 2) * 60 + number(17, 2)
        return Date(timeIntervalSince1970: Double(seconds) + Double(number(20, 6)) / 1e6)
    }

    // Read-only: the write workloads and the heavy reads are measured against C and the peers.
    func ingest(_ messages: [BenchMessage], cMessages: CMessages, batch: Int) async throws { throw notMeasured }
    func updateStatus(_ wamids: [String], cWamids: CStrings, status: String) async throws -> Int { throw notMeasured }
    func search(_ queries: [[String]]) async throws -> Int { throw notMeasured }
    func statistics(count: Int) async throws -> Int { throw notMeasured }
    private var notMeasured: BenchError { .failed("the Swift floor measures only \(Self.workloads.map(\.rawValue))") }

    func close() async throws {
        sqlite3_finalize(conversation)
        sqlite3_finalize(lookup)
        sqlite3_close_v2(db)
    }
}

/// An enum matched against a column's bytes by its raw values' bytes, kept once per type,
/// without making a `String`.
private protocol ByteMatched: RawRepresentable<String>, CaseIterable {
    static var spellings: [(bytes: [UInt8], value: Self)] { get }
}

extension ByteMatched {
    static func spelled() -> [(bytes: [UInt8], value: Self)] { allCases.map { (Array($0.rawValue.utf8), $0) } }

    static func matching(_ bytes: UnsafeBufferPointer<UInt8>) -> Self? {
        for spelling in spellings where spelling.bytes.count == bytes.count {
            if spelling.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
                return spelling.value
            }
        }
        return nil
    }
}

extension Direction: ByteMatched { fileprivate static let spellings = spelled() }
extension MessageType: ByteMatched { fileprivate static let spellings = spelled() }
extension MessageStatus: ByteMatched { fileprivate static let spellings = spelled() }

