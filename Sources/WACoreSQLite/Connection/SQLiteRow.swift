import CSQLite
import WACoreSQL

/// The current row of a stepping statement.
struct SQLiteRow: SQLRow {
    let statement: OpaquePointer

    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        // The type first: sqlite3_column_text is also NULL when SQLite runs out of memory,
        // which must not read as a NULL value.
        guard sqlite3_column_type(statement, column) != SQLITE_NULL else { return nil }
        guard let bytes = sqlite3_column_text(statement, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column)))
    }

    var columnCount: Int32 { sqlite3_column_count(statement) }

    func integer(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement, column)
    }
}
