import CSQLite
import WACoreSQL

/// The current row of a stepping statement.
struct SQLiteRow: SQLRow {
    let statement: OpaquePointer

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(statement, column) == SQLITE_NULL
    }

    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        // sqlite3_column_text is NULL exactly for a NULL value (or when out of memory, which
        // reads as NULL here and fails the column's decoding if it must not be NULL).
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column)))
    }

    var columnCount: Int32 { sqlite3_column_count(statement) }

    func integer(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement, column)
    }
}
