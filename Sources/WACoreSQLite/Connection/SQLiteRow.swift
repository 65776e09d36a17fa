import CSQLite
import WACoreSQL

/// The current row of a stepping statement.
struct SQLiteRow: SQLRow {
    let statement: OpaquePointer

    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let bytes = sqlite3_column_text(statement, column) else {
            // SQL NULL, or SQLite ran out of memory converting the value — which must not read
            // as NULL. The connection's error code tells them apart: a successful step leaves
            // SQLITE_ROW, a failed conversion SQLITE_NOMEM. (The column's type cannot: SQLite
            // nulls the value when that allocation fails.) Checked only here, so a non-NULL
            // column costs two C calls, not three.
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
