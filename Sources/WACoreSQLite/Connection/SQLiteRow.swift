import CSQLite
import WACoreSQL

/// The current row of a stepping statement.
struct SQLiteRow: SQLRow {
    let statement: OpaquePointer

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(statement, column) == SQLITE_NULL
    }

    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    var columnCount: Int32 { sqlite3_column_count(statement) }

    func integer(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement, column)
    }
}
