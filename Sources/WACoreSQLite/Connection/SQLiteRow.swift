import CSQLite
import WACoreSQL

/// The current row of a stepping statement.
struct SQLiteRow: SQLRow {
    let statement: OpaquePointer

    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        // NULL here is SQL NULL or a failed conversion (out of memory); the connection tells
        // them apart once per row, after the row is decoded (SQLiteConnection.run).
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column)))
    }

    var columnCount: Int32 { sqlite3_column_count(statement) }

    func integer(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement, column)
    }
}
