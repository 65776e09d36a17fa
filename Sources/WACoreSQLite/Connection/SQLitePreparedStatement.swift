import CSQLite
import WACore
import WACoreSQL

/// A prepared statement of a connection's cache, with the memory its text parameters are
/// bound from.
///
/// Text values are copied into ``texts`` and bound `SQLITE_STATIC`. Bound
/// `SQLITE_TRANSIENT`, SQLite copies each one into a buffer it mallocs for that bind and
/// frees at the next: one `malloc`/`free` pair per text parameter of every statement run
/// (counted with a `perf` probe on `malloc`: 10 per conversation read, 1 of them this).
/// The buffer belongs to the statement, not to the connection, so a statement run while
/// another is between steps (from inside a row callback) cannot overwrite the other's values.
final class SQLitePreparedStatement {
    let handle: OpaquePointer
    /// Holds the bound texts, back to back, until the next bind (sized by ``reserve(_:)``).
    private var texts: UnsafeMutableRawBufferPointer

    init(_ handle: OpaquePointer) {
        self.handle = handle
        texts = .allocate(byteCount: 64, alignment: 1)
    }

    deinit {
        texts.deallocate()
    }

    /// Binds `binds` to $1, $2, ... and clears any parameter beyond them.
    /// - Returns: SQLite's result code: `SQLITE_OK`, or the first failure.
    func bind(_ binds: [SQLValue]) -> Int32 {
        // A statement between steps still reads its bound values: refuse to replace them.
        // (SQLite would refuse the bind itself, but only after the copy below.)
        guard sqlite3_stmt_busy(handle) == 0 else { return SQLITE_MISUSE }
        sqlite3_clear_bindings(handle)
        // Sized for all the texts first: growing the buffer halfway would move the values
        // already bound from it.
        reserve(binds.reduce(0) { total, value in if case .text(let text) = value { total + text.utf8.count } else { total } })
        var offset = 0
        for (position, value) in binds.enumerated() {
            let index = Int32(position + 1)
            let rc: Int32
            switch value {
            case .null:
                rc = sqlite3_bind_null(handle, index)
            case .integer(let integer):
                rc = sqlite3_bind_int64(handle, index, integer)
            case .text(var text):
                // Never a nil pointer, even for "": SQLite binds a nil pointer as NULL.
                let start = texts.baseAddress! + offset
                let count = text.withUTF8 { utf8 in
                    if let bytes = utf8.baseAddress { start.copyMemory(from: bytes, byteCount: utf8.count) }
                    return utf8.count
                }
                offset += count
                // Beyond Int32 no SQLite build takes it (SQLITE_MAX_LENGTH is at most 2^31 - 1).
                guard let length = Int32(exactly: count) else { return SQLITE_TOOBIG }
                rc = sqlite3_bind_text(handle, index, start.assumingMemoryBound(to: CChar.self), length, nil)
            }
            if rc != SQLITE_OK { return rc }
        }
        return SQLITE_OK
    }

    /// Room for `byteCount` bytes of text. Called after the parameters are cleared, so no
    /// binding points into the buffer it replaces. A buffer grown past ``keptCapacity`` for
    /// a rare large value (a big JSON document) goes back to that size at the next smaller
    /// bind, so it is not held for the statement's whole life.
    private func reserve(_ byteCount: Int) {
        let oversized = texts.count > Self.keptCapacity && byteCount <= Self.keptCapacity
        guard byteCount > texts.count || oversized else { return }
        let capacity = oversized ? Self.keptCapacity : max(byteCount, 2 * texts.count)
        texts.deallocate()
        texts = .allocate(byteCount: capacity, alignment: 1)
    }

    /// The most a statement keeps between binds. A row's texts are usually far below it (a
    /// message body is at most 4,096 characters); long media URLs, error texts or metadata
    /// documents above it get a buffer of their size for as long as they are bound.
    static let keptCapacity = 64 * 1024

    /// Releases the statement. Its buffer goes with this object.
    func finalize() {
        sqlite3_finalize(handle)
    }
}
