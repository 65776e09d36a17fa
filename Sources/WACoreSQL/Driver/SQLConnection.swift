import WACore

/// A value bound to a statement parameter. Dates, JSON and enums are bound as text in the
/// forms both engines parse (see ``SQLValue/init(_:)-(Date)``), so one SQL string serves both.
package enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)
}

/// One result row, read by column index: the hot path of every query.
package protocol SQLRow: SendableMetatypeIfAvailable {
    /// The column's bytes as text (UTF-8), or `nil` for NULL. The buffer belongs to the
    /// driver and is valid only until the row's next column is read or the next row fetched.
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>?
    /// The column as an integer (0 for NULL).
    func integer(_ column: Int32) -> Int64
    /// How many columns the row has.
    var columnCount: Int32 { get }
}

/// How many prepared statements a connection keeps. The library's own statements number a
/// few dozen shapes; a page size in the text multiplies the list shapes by the page sizes an
/// application uses, usually a handful.
package let statementCacheLimit = 256

/// The driver contract each backend implements over its C library.
///
/// A connection is used from one thread at a time (its ``DatabaseWorker``'s). SQL uses
/// PostgreSQL's `$1`-style placeholders; a backend whose engine spells them differently
/// rewrites them when it prepares the statement. Statements are prepared once per
/// connection and cached by their text, at most ``statementCacheLimit`` of them: the next one
/// after that empties the cache first, so statement texts that vary without end (a page size
/// written into each, ``Keyset/limit(_:)``) cannot grow a connection's memory — or a
/// PostgreSQL server's — without bound.
package protocol SQLConnection: AnyObject, SendableMetatypeIfAvailable {
    associatedtype Row: SQLRow

    /// The engine's spellings of the few things the shared SQL cannot say the same way.
    var dialect: SQLDialect { get }

    /// Whether statements execute in another process (a database server) while the
    /// connection's thread waits, rather than on that thread. A caller spinning for such a
    /// result yields its core on every check: the server may need it (``SpinPolicy``).
    static var executesInServer: Bool { get }

    /// Runs a statement; returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ binds: [SQLValue]) throws -> Int

    /// Runs one statement once per bind set, as a batch (PostgreSQL pipelines it: one round
    /// trip instead of one per row); returns the rows each run changed.
    func executeBatch(_ sql: String, _ binds: [[SQLValue]]) throws -> [Int]

    /// Runs one query once per bind set, as a batch (pipelined on PostgreSQL); returns each
    /// run's rows, decoded.
    func queryBatch<T>(_ sql: String, _ binds: [[SQLValue]], _ decode: (Row) throws -> T) throws -> [[T]]

    /// Runs a statement and calls `row` for each result row, in order.
    func query(_ sql: String, _ binds: [SQLValue], _ row: (Row) throws -> Void) throws

    /// Runs several `;`-separated statements without parameters (migrations).
    func executeScript(_ sql: String) throws

    /// Opens a transaction. With `deferred`, the driver may hold the `BEGIN` back and send it
    /// with the first statement (PostgreSQL pipelines them: one round trip less).
    func begin(deferred: Bool) throws

    /// Commits or rolls back the open transaction.
    func end(commit: Bool) throws

    /// Whether the connection can no longer be used and must be replaced.
    var isBroken: Bool { get }

    /// Runs `body` so that a statement finding the database locked by another connection
    /// throws ``WouldWait`` at once instead of waiting for the lock, and a commit leaves work
    /// that may block (a WAL checkpoint) to ``runDeferredWork()``: for work on a thread that
    /// must not block (see ``DatabaseWorker/runIndexedRead(_:)``).
    func withoutWaiting<T>(_ body: () throws -> T) throws -> T

    /// Whether a commit returns without waiting for the disk (SQLite in WAL mode with
    /// `synchronous=NORMAL`, or in memory), so a short write may run on a thread that must
    /// not block (``DatabaseWorker/runIndexedWrite(_:)``).
    var commitsWithoutSyncing: Bool { get }

    /// Whether a commit inside ``withoutWaiting(_:)`` left work to ``runDeferredWork()``.
    var hasDeferredWork: Bool { get }

    /// Does what commits inside ``withoutWaiting(_:)`` left undone, on the connection's
    /// thread. It never throws: the writes that left it have committed, and a failure is
    /// logged and left to the next commit to try again.
    func runDeferredWork()

    /// Asks the server to stop the statement running now. Called from another thread.
    func interrupt()

    /// Releases the engine's resources. Called once, on the connection's thread.
    func close()
}

extension SQLConnection {
    /// The rows of a query, decoded.
    package func all<T>(_ sql: String, _ binds: [SQLValue], _ decode: (Row) throws -> T) throws -> [T] {
        var results: [T] = []
        try query(sql, binds) { results.append(try decode($0)) }
        return results
    }

    /// The first row of a query, decoded, or `nil`.
    package func first<T>(_ sql: String, _ binds: [SQLValue], _ decode: (Row) throws -> T) throws -> T? {
        var result: T?
        try query(sql, binds) { row in
            if result == nil { result = try decode(row) }
        }
        return result
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    package func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try beginTransaction()
        do {
            let result = try body()
            try end(commit: true)
            return result
        } catch {
            if !isBroken { _ = try? end(commit: false) }
            throw error
        }
    }

    /// `BEGIN`, or ``StaleConnection`` when the connection turns out to be dead before any
    /// work was done: then the caller can safely run everything again on another one.
    /// `eager` sends it now rather than with the first statement: a caller's transaction
    /// body must not run twice, so a dead connection has to show before it starts.
    package func beginTransaction(eager: Bool = false) throws {
        do {
            try begin(deferred: !eager)
        } catch let error as StoreError where isBroken {
            throw StaleConnection(error: error)
        }
    }

    /// Runs read-only `body`; a connection that broke meanwhile becomes ``StaleConnection``,
    /// since reading again elsewhere is always safe.
    package func reading<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError where isBroken {
            throw StaleConnection(error: error)
        }
    }

    /// Runs `body` inside an already open transaction, so a failure undoes only `body`.
    package func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        try execute("SAVEPOINT wacore_step", [])
        do {
            let result = try body()
            try execute("RELEASE SAVEPOINT wacore_step", [])
            return result
        } catch {
            if !isBroken {
                _ = try? execute("ROLLBACK TO SAVEPOINT wacore_step", [])
                _ = try? execute("RELEASE SAVEPOINT wacore_step", [])
            }
            throw error
        }
    }
}

#if compiler(>=6.2)
/// Connection and row types are used only on their worker thread, but their metatypes are
/// named inside `@Sendable` closures that go there; Swift 6.2 asks for this marker.
package protocol SendableMetatypeIfAvailable: SendableMetatype {}
#else
package protocol SendableMetatypeIfAvailable {}
#endif

/// A statement would have waited for another connection's lock, and its caller asked it not
/// to (``SQLConnection/withoutWaiting(_:)``). Nothing was changed: the caller runs it again
/// where waiting is allowed.
package struct WouldWait: Error {
    package init() {}
}

/// A pooled connection was found dead (the server restarted, the network dropped) before
/// the operation had any effect; the pool replaces it and the operation runs again.
package struct StaleConnection: Error {
    package let error: StoreError

    package init(error: StoreError) {
        self.error = error
    }
}
