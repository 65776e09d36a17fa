import CSQLite
import Logging
import WACore
import WACoreSQL

/// One libsqlite3 connection with its prepared-statement cache. Lives on one worker thread.
final class SQLiteConnection: SQLConnection {
    typealias Row = SQLiteRow

    let dialect = SQLiteDialect.dialect
    static let executesInServer = false
    private let handle: OpaquePointer
    private var statements: [String: SQLitePreparedStatement] = [:]
    /// The statement looked up last, with its text. A caller repeating a statement passes the
    /// same `String` (its SQL is built once), and comparing a string with itself is one check
    /// of its storage, where the cache's lookup hashes all of its few hundred bytes.
    private var lastStatement: (sql: String, statement: SQLitePreparedStatement)?
    private let slowLog: SlowStatementLog
    /// `busy_timeout`, in milliseconds: how long a statement waits for another connection's lock.
    private let busyTimeout: Int32
    /// Inside ``withoutWaiting(_:)``: a locked database is ``WouldWait``, not an error, and a
    /// checkpoint is put off.
    private var waiting = true
    let commitsWithoutSyncing: Bool
    /// A checkpoint a commit inside ``withoutWaiting(_:)`` put off.
    private(set) var hasDeferredWork = false
    private let logger: Logger

    /// Opens `path` (or `:memory:`) and applies the connection's pragmas.
    init(path: String, readOnly: Bool, configuration: SQLiteStore.Configuration) throws {
        var handle: OpaquePointer?
        // NOMUTEX: each connection is confined to its worker thread, so SQLite's own
        // per-connection mutex would be pure overhead.
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw StoreError(.unavailable, "cannot open the SQLite database: \(message)", engineCode: String(rc))
        }
        self.handle = handle
        self.slowLog = SlowStatementLog(
            logger: configuration.logger, threshold: configuration.slowStatementThreshold, engine: "SQLite")
        sqlite3_extended_result_codes(handle, 1)
        busyTimeout = Int32(clamping: configuration.busyTimeout.milliseconds)
        sqlite3_busy_timeout(handle, busyTimeout)
        // In WAL mode only `synchronous=FULL` syncs at every commit; NORMAL syncs at checkpoints.
        commitsWithoutSyncing = path == ":memory:" || configuration.synchronous == .normal
        logger = configuration.logger
        do {
            try executeScript("PRAGMA foreign_keys = ON")
            if !readOnly, path != ":memory:" {
                try executeScript("PRAGMA journal_mode = WAL")
                checkpointAfterCommits()
            }
            try executeScript("PRAGMA synchronous = \(configuration.synchronous.rawValue)")
            if configuration.mmapSize > 0 { try executeScript("PRAGMA mmap_size = \(configuration.mmapSize)") }
            if let kibibytes = configuration.cacheSizePragmaValue { try executeScript("PRAGMA cache_size = \(kibibytes)") }
        } catch {
            sqlite3_close_v2(handle)
            throw error
        }
    }

    /// `BEGIN IMMEDIATE` takes the write lock up front, so two writers never deadlock
    /// upgrading a read lock. SQLite has no round trip to save: never deferred.
    func begin(deferred: Bool) throws {
        try execute("BEGIN IMMEDIATE", [])
    }

    func end(commit: Bool) throws {
        try execute(commit ? "COMMIT" : "ROLLBACK", [])
    }

    var isBroken: Bool { false }

    /// A WAL reader waits only in rare moments (recovery after a crash, another connection in
    /// exclusive locking mode), but then for up to the busy timeout: with the timeout at zero
    /// such a statement fails at once with SQLITE_BUSY, which becomes ``WouldWait``.
    func withoutWaiting<T>(_ body: () throws -> T) throws -> T {
        sqlite3_busy_timeout(handle, 0)
        waiting = false
        defer {
            waiting = true
            sqlite3_busy_timeout(handle, busyTimeout)
        }
        return try body()
    }

    func runDeferredWork() {
        hasDeferredWork = false
        checkpoint(nil)
    }

    func interrupt() {
        sqlite3_interrupt(handle)
    }

    func close() {
        finalizeStatements()
        sqlite3_close_v2(handle)
    }

    /// How many prepared statements the connection holds now.
    var cachedStatementCount: Int { statements.count }

    private func finalizeStatements() {
        lastStatement = nil
        for statement in statements.values { statement.finalize() }
        statements.removeAll()
    }

    @discardableResult
    func execute(_ sql: String, _ binds: [SQLValue]) throws -> Int {
        try slowLog.measure(sql) {
            try run(try statement(sql), binds)
            return Int(sqlite3_changes(handle))
        }
    }

    /// SQLite runs in-process: a loop over the cached statement is its fast path. The statement
    /// is looked up once for the batch, not once per row (the cache's key is the whole SQL text).
    func executeBatch(_ sql: String, _ binds: [[SQLValue]]) throws -> [Int] {
        let statement = try statement(sql)
        return try binds.map { row in
            try slowLog.measure(sql) {
                try run(statement, row)
                return Int(sqlite3_changes(handle))
            }
        }
    }

    func queryBatch<T>(_ sql: String, _ binds: [[SQLValue]], _ decode: (SQLiteRow) throws -> T) throws -> [[T]] {
        let statement = try statement(sql)
        return try binds.map { row in
            var results: [T] = []
            try slowLog.measure(sql) { try run(statement, row) { results.append(try decode($0)) } }
            return results
        }
    }

    func query(_ sql: String, _ binds: [SQLValue], _ row: (SQLiteRow) throws -> Void) throws {
        try slowLog.measure(sql) { try run(try statement(sql), binds, row) }
    }

    func executeScript(_ sql: String) throws {
        try slowLog.measure(sql) {
            let rc = sqlite3_exec(handle, sql, nil, nil, nil)
            guard rc == SQLITE_OK else { throw error(rc) }
        }
    }

    // MARK: - Internals

    /// Replaces SQLite's automatic checkpoint with the same rule — a passive checkpoint once a
    /// commit leaves at least ``checkpointPages`` pages in the WAL — except inside
    /// ``withoutWaiting(_:)``, where it is put off to ``runDeferredWork()``. A checkpoint writes
    /// those pages into the database file and syncs it (about 5 ms on the benchmark VM, where a
    /// status update's commit takes tens of microseconds): work for the connection's thread, not
    /// for a caller's thread that a short write runs on in place.
    private func checkpointAfterCommits() {
        sqlite3_wal_hook(
            handle,
            { context, _, database, pages in
                guard let context else { return SQLITE_OK }
                let connection = Unmanaged<SQLiteConnection>.fromOpaque(context).takeUnretainedValue()
                if pages >= SQLiteConnection.checkpointPages {
                    if connection.waiting { connection.checkpoint(database) } else { connection.hasDeferredWork = true }
                }
                return SQLITE_OK
            },
            // Unretained: the hook goes with the handle, which the connection closes.
            Unmanaged.passUnretained(self).toOpaque())
    }

    /// SQLite's own default (`SQLITE_DEFAULT_WAL_AUTOCHECKPOINT`).
    private static let checkpointPages: Int32 = 1000

    /// A passive checkpoint of `database` (all of them for `nil`), as SQLite's automatic one: it
    /// copies back what no reader still needs and never waits for a lock.
    private func checkpoint(_ database: UnsafePointer<CChar>?) {
        let rc = sqlite3_wal_checkpoint_v2(handle, database, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        // Busy: another connection is checkpointing, which does the same work.
        guard rc != SQLITE_OK, rc & 0xFF != SQLITE_BUSY else { return }
        logger.warning(
            "SQLite checkpoint failed; the next commit past the threshold tries again",
            metadata: ["error": "\(String(cString: sqlite3_errmsg(handle)))", "code": "\(rc)"])
    }

    /// Binds `binds` to `statement` and steps it to the end, handing each row to `row`; the
    /// statement is reset afterwards, whatever happened, so it never holds a read open.
    private func run(
        _ prepared: SQLitePreparedStatement, _ binds: [SQLValue], _ row: (SQLiteRow) throws -> Void = { _ in }
    ) throws {
        let bound = prepared.bind(binds)
        // The result code's own text, not `sqlite3_errmsg`: the statement refuses some binds
        // before SQLite sees them (a busy statement, a text past Int32), and the connection's
        // message would then be left over from whatever ran before ("another row available").
        guard bound == SQLITE_OK else {
            throw SQLiteErrors.map(bound, message: "cannot bind the statement's parameters: \(String(cString: sqlite3_errstr(bound)))")
        }
        let statement = prepared.handle
        defer { sqlite3_reset(statement) }
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw error(rc) }
            do { try row(SQLiteRow(statement: statement)) } catch {
                try failIfOutOfMemory()
                throw error
            }
            try failIfOutOfMemory()
        }
    }

    /// A column SQLite could not convert for lack of memory reads as NULL, and SQLite then nulls
    /// the value itself, so neither the pointer nor the column's type tells it from SQL NULL.
    /// The connection's error code does: a successful step leaves SQLITE_ROW and a failed
    /// conversion SQLITE_NOMEM, which stays until the next step. So a row is checked once,
    /// after it is read — one C call per row rather than two for every NULL column (five of a
    /// message's fourteen usually are) — and a row read under it fails instead of holding NULLs.
    private func failIfOutOfMemory() throws {
        if sqlite3_errcode(handle) == SQLITE_NOMEM { throw error(SQLITE_NOMEM) }
    }

    /// The cached prepared statement for `sql`, prepared on first use. A full cache is emptied
    /// first (``statementCacheLimit``; PostgreSQL's connection keeps the same rule in its own
    /// few lines: a shared generic cache type is not specialized across modules, and its lookup
    /// on every statement measured 2–4% slower on SQLite's point reads — PerformanceHistory.md,
    /// item 23): every cached statement is reset after each use and no caller holds one across
    /// this lookup, so none is finalized while it runs.
    private func statement(_ sql: String) throws -> SQLitePreparedStatement {
        if let lastStatement, lastStatement.sql == sql { return lastStatement.statement }
        let statement = try cachedStatement(sql)
        lastStatement = (sql, statement)
        return statement
    }

    private func cachedStatement(_ sql: String) throws -> SQLitePreparedStatement {
        if let cached = statements[sql] { return cached }
        if statements.count >= statementCacheLimit { finalizeStatements() }
        var prepared: OpaquePointer?
        let rc = sqlite3_prepare_v3(
            handle, SQLiteDialect.positionalPlaceholders(sql), -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard rc == SQLITE_OK, let prepared else { throw error(rc) }
        let statement = SQLitePreparedStatement(prepared)
        statements[sql] = statement
        return statement
    }

    private func error(_ rc: Int32) -> any Error {
        if !waiting, rc & 0xFF == SQLITE_BUSY { return WouldWait() }
        return SQLiteErrors.map(rc, message: String(cString: sqlite3_errmsg(handle)))
    }
}
