import CLibPQ
import Foundation
import Logging
import WACore
import WACoreSQL

/// One libpq connection with its prepared statements. Lives on one worker thread.
final class PostgresConnection: SQLConnection {
    typealias Row = PostgresRow

    let dialect = PostgresDialect.dialect
    static let executesInServer = true
    private let connection: OpaquePointer
    /// Thread-safe cancel handle (`PQcancel` may be called from any thread).
    private let cancelHandle: OpaquePointer?
    private var statements: [String: String] = [:]
    private let slowLog: SlowStatementLog
    private let secrets: [String]
    /// A `BEGIN` not sent yet: it goes out in one round trip with the next statement.
    private var pendingBegin = false

    /// Connects with a libpq URL or key=value conninfo, passed to libpq untouched.
    init(conninfo: String, configuration: PostgresStore.Configuration) throws {
        secrets = ConnectionString.secrets(in: conninfo)
        guard let connection = PQconnectdb(conninfo) else {
            throw StoreError(.unavailable, "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = ConnectionString.redact(String(cString: PQerrorMessage(connection)), secrets: secrets)
            PQfinish(connection)
            throw StoreError(.unavailable, "cannot connect to PostgreSQL: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        self.connection = connection
        self.cancelHandle = PQgetCancel(connection)
        self.slowLog = SlowStatementLog(
            logger: configuration.logger, threshold: configuration.slowStatementThreshold, engine: "PostgreSQL")
        do {
            // Columns are `timestamp without time zone` holding UTC: the session must agree,
            // whatever the server's default zone, so CURRENT_TIMESTAMP and triggers write UTC.
            var setup = "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET client_encoding = 'UTF8'"
            if let timeout = configuration.statementTimeout {
                setup += "; SET statement_timeout = \(timeout.milliseconds)"
            }
            try executeScript(setup)
        } catch {
            close()
            throw error
        }
    }

    /// A deferred BEGIN saves a round trip per transaction: it is pipelined with the first
    /// statement (``beginThen(_:_:)``), and a transaction that ran nothing needs no COMMIT.
    func begin(deferred: Bool) throws {
        if deferred {
            pendingBegin = true
        } else {
            try executeScript("BEGIN")
        }
    }

    func end(commit: Bool) throws {
        if pendingBegin {
            pendingBegin = false
        } else {
            try execute(commit ? "COMMIT" : "ROLLBACK", [])
        }
    }

    var isBroken: Bool { PQstatus(connection) != CONNECTION_OK }

    /// Never needed: a server connection's statements wait on a socket, so they never run on a
    /// caller's thread (``executesInServer``); `body` runs as is.
    func withoutWaiting<T>(_ body: () throws -> T) throws -> T {
        try body()
    }

    /// The server decides when a commit is durable; its statements never run in place anyway.
    var commitsWithoutSyncing: Bool { false }
    var hasDeferredWork: Bool { false }
    func runDeferredWork() {}

    func interrupt() {
        guard let cancelHandle else { return }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancelHandle, &buffer, Int32(buffer.count))
    }

    func close() {
        if let cancelHandle { PQfreeCancel(cancelHandle) }
        PQfinish(connection)
    }

    @discardableResult
    func execute(_ sql: String, _ binds: [SQLValue]) throws -> Int {
        try slowLog.measure(sql) {
            let result = try run(sql, binds)
            defer { PQclear(result) }
            return Self.affectedRows(result)
        }
    }

    func query(_ sql: String, _ binds: [SQLValue], _ row: (PostgresRow) throws -> Void) throws {
        try slowLog.measure(sql) {
            let result = try run(sql, binds)
            defer { PQclear(result) }
            for index in 0..<PQntuples(result) {
                try row(PostgresRow(result: result, row: index))
            }
        }
    }

    func executeScript(_ sql: String) throws {
        try ensureAlive()
        let deferredBegin = pendingBegin
        pendingBegin = false
        do {
            try slowLog.measure(sql) {
                let result = PQexec(connection, deferredBegin ? "BEGIN; " + sql : sql)
                defer { PQclear(result) }
                try check(result)
            }
        } catch let error as StoreError where deferredBegin && PQstatus(connection) != CONNECTION_OK {
            // The transaction's first round trip: nothing can have been committed.
            throw StaleConnection(error: error)
        }
    }

    func executeBatch(_ sql: String, _ binds: [[SQLValue]]) throws -> [Int] {
        guard binds.count > 1 else { return try binds.map { try execute(sql, $0) } }
        return try pipelined(sql, binds) { result in Self.affectedRows(result) }
    }

    func queryBatch<T>(_ sql: String, _ binds: [[SQLValue]], _ decode: (PostgresRow) throws -> T) throws -> [[T]] {
        guard binds.count > 1 else { return try binds.map { try all(sql, $0, decode) } }
        return try pipelined(sql, binds) { result in
            try (0..<PQntuples(result)).map { try decode(PostgresRow(result: result, row: $0)) }
        }
    }

    // MARK: - Internals

    /// Pipeline mode: every bind set is sent before any result is read, so a batch costs a
    /// round trip per 256 statements instead of one per statement. Chunks keep either side's
    /// socket buffer from filling up while the other waits.
    private func pipelined<R>(_ sql: String, _ binds: [[SQLValue]], _ handle: (OpaquePointer) throws -> R) throws -> [R] {
        try ensureAlive()
        if pendingBegin { try executeScript("") }  // sends the deferred BEGIN on its own
        return try slowLog.measure(sql) {
            let name = try preparedName(sql)
            var results: [R] = []
            results.reserveCapacity(binds.count)
            for start in stride(from: 0, to: binds.count, by: 256) {
                results += try pipeline(name, binds[start..<min(start + 256, binds.count)], handle)
            }
            return results
        }
    }

    private func pipeline<R>(_ name: String, _ chunk: ArraySlice<[SQLValue]>, _ handle: (OpaquePointer) throws -> R) throws -> [R] {
        guard PQenterPipelineMode(connection) == 1 else { throw failure(nil) }
        defer { _ = PQexitPipelineMode(connection) }
        // The name as a C string once (a Swift string passed as one is converted per call).
        try name.withCString { name in
            for values in chunk {
                let sent = Self.withParameters(values) { count, pointers in
                    PQsendQueryPrepared(connection, name, count, pointers, nil, nil, 0)
                }
                guard sent == 1 else { throw failure(nil) }
            }
        }
        guard PQpipelineSync(connection) == 1 else { throw failure(nil) }
        var results: [R] = []
        var firstError: (any Error)?
        for _ in chunk {
            // Each query yields its result, then NULL.
            guard let result = PQgetResult(connection) else { throw failure(nil) }
            if firstError == nil {
                do {
                    try check(result)
                    results.append(try handle(result))
                } catch {
                    firstError = error
                }
            }
            PQclear(result)
            while let extra = PQgetResult(connection) { PQclear(extra) }
        }
        // Drain up to the sync point so the connection is usable whatever happened.
        while let result = PQgetResult(connection) {
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { break }
        }
        if let firstError { throw firstError }
        return results
    }

    /// The deferred `BEGIN` and the transaction's first statement in one round trip
    /// (pipeline mode); returns the statement's result. If the connection dies here, no
    /// COMMIT was sent, so nothing can have been committed: ``StaleConnection`` lets the pool
    /// run the whole operation again on a fresh connection.
    private func beginThen(_ sql: String, _ binds: [SQLValue]) throws -> OpaquePointer? {
        pendingBegin = false
        do {
            let name = try preparedName(sql)
            guard PQenterPipelineMode(connection) == 1 else { throw failure(nil) }
            defer { _ = PQexitPipelineMode(connection) }
            let sent = Self.withParameters(binds) { count, pointers in
                PQsendQueryParams(connection, "BEGIN", 0, nil, nil, nil, nil, 0) == 1
                    && PQsendQueryPrepared(connection, name, count, pointers, nil, nil, 0) == 1
            }
            guard sent, PQpipelineSync(connection) == 1 else { throw failure(nil) }
            let begin = PQgetResult(connection)
            while let extra = PQgetResult(connection) { PQclear(extra) }
            let beginFailed = PQresultStatus(begin) != PGRES_COMMAND_OK
            let beginError = beginFailed ? failure(begin) : nil
            PQclear(begin)
            let result = PQgetResult(connection)
            while let extra = PQgetResult(connection) { PQclear(extra) }
            while let trailing = PQgetResult(connection) {
                let status = PQresultStatus(trailing)
                PQclear(trailing)
                if status == PGRES_PIPELINE_SYNC { break }
            }
            if let beginError {
                PQclear(result)
                throw beginError
            }
            if PQstatus(connection) != CONNECTION_OK {
                PQclear(result)
                throw failure(nil)
            }
            return result
        } catch let error as StoreError where PQstatus(connection) != CONNECTION_OK {
            throw StaleConnection(error: error)
        }
    }

    /// How many prepared statements the connection holds now.
    var cachedStatementCount: Int { statements.count }

    /// Prepares `sql` once per connection and returns its statement name. A full cache
    /// (``statementCacheLimit``) is emptied first, on the server too: one `DEALLOCATE ALL`, sent
    /// before anything is pipelined, so no queued statement refers to a name it removes.
    private func preparedName(_ sql: String) throws -> String {
        if let name = statements[sql] { return name }
        if statements.count >= statementCacheLimit {
            let result = PQexec(connection, "DEALLOCATE ALL")
            defer { PQclear(result) }
            try check(result)
            statements.removeAll()
        }
        let name = "wacore_\(statements.count + 1)"
        let result = PQprepare(connection, name, sql, 0, nil)
        defer { PQclear(result) }
        try check(result)
        statements[sql] = name
        return name
    }

    /// Outside a transaction, checks without blocking whether the server closed this
    /// connection (a restart, `pg_terminate_backend`, an idle timeout): its socket is then at
    /// end of file. Found before anything is sent, such a connection is ``StaleConnection``
    /// and the pool can safely run the whole operation on another one.
    private func ensureAlive() throws {
        guard PQtransactionStatus(connection) == PQTRANS_IDLE else { return }
        if PQconsumeInput(connection) == 0 || PQstatus(connection) != CONNECTION_OK {
            throw StaleConnection(error: StoreError(.unavailable, "the server closed the connection to PostgreSQL", engineCode: "08006"))
        }
    }

    private func run(_ sql: String, _ binds: [SQLValue]) throws -> OpaquePointer {
        try ensureAlive()
        let result: OpaquePointer?
        if pendingBegin {
            result = try beginThen(sql, binds)
        } else {
            let name = try preparedName(sql)
            result = name.withCString { name in
                Self.withParameters(binds) { count, pointers in PQexecPrepared(connection, name, count, pointers, nil, nil, 0) }
            }
        }
        do {
            try check(result)
        } catch {
            PQclear(result)
            throw error
        }
        return result!
    }

    private func check(_ result: OpaquePointer?) throws {
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return
        default:
            throw failure(result)
        }
    }

    private func failure(_ result: OpaquePointer?) -> StoreError {
        if PQstatus(connection) != CONNECTION_OK {
            return StoreError(.unavailable, "the connection to PostgreSQL was lost; retry the operation", engineCode: "08006")
        }
        return PostgresErrors.map(result, connectionMessage: String(cString: PQerrorMessage(connection)))
    }

    /// Text-format parameters: NULL or a NUL-terminated UTF-8 string each, copied back to back
    /// into one buffer for the call — not a C string allocated (and a Swift one converted)
    /// for each: a batch of 1,000 messages binds some 19,000 values (PerformanceHistory.md,
    /// item 27).
    private static func withParameters<T>(
        _ binds: [SQLValue], _ body: (Int32, UnsafePointer<UnsafePointer<CChar>?>?) -> T
    ) -> T {
        var bytes = 0
        for value in binds {
            switch value {
            case .null: break
            case .integer: bytes += 21  // "-9223372036854775808" and its NUL
            case .text(let text): bytes += text.utf8.count + 1
            }
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: max(bytes, 1)) { buffer in
            withUnsafeTemporaryAllocation(of: UnsafePointer<CChar>?.self, capacity: max(binds.count, 1)) { pointers in
                var end = buffer.baseAddress!
                func append(_ text: String) -> UnsafePointer<CChar> {
                    let start = end
                    var text = text
                    text.withUTF8 { utf8 in
                        if let source = utf8.baseAddress { UnsafeMutableRawPointer(start).copyMemory(from: source, byteCount: utf8.count) }
                        start[utf8.count] = 0
                        end = start + utf8.count + 1
                    }
                    return UnsafePointer(start)
                }
                for (index, value) in binds.enumerated() {
                    switch value {
                    case .null: pointers[index] = nil
                    case .integer(let integer): pointers[index] = append(String(integer))
                    case .text(let text): pointers[index] = append(text)
                    }
                }
                return body(Int32(binds.count), UnsafePointer(pointers.baseAddress))
            }
        }
    }

    private static func affectedRows(_ result: OpaquePointer?) -> Int {
        Int(String(cString: PQcmdTuples(result))) ?? 0
    }
}
