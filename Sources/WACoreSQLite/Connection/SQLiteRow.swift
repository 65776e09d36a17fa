import CSQLite
import WACoreSQL

/// The current row of a stepping statement.
struct SQLiteRow: SQLRow {
    let statement: OpaquePointer

    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let bytes = sqlite3_column_text(statement, column) else {
            // NULL, or SQLite ran out of memory converting the value, which must not read as
            // NULL. Out of memory is the connection's error code then; after a row was
            // stepped it is SQLITE_ROW otherwise. Asking the column's type only here saves a
            // call per non-NULL column (~2 µs on a 21-row page); asking it after the failed
            // conversion would not tell, since SQLite nulls the value when the allocation fails.
            if sqlite3_errcode(sqlite3_db_handle(statement)) == SQLITE_NOMEM { return UnsafeBufferPointer(start: nil, count: 0) }
            return nil
        }
        return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column)))
    }

    var columnCount: Int32 { sqlite3_column_count(statement) }

    func integer(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement, column)
    }
}
