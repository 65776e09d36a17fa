import CLibPQ
import WACoreSQL

/// One row of a text-format result.
struct PostgresRow: SQLRow {
    let result: OpaquePointer
    let row: Int32

    var columnCount: Int32 { PQnfields(result) }

    func isNull(_ column: Int32) -> Bool {
        PQgetisnull(result, row, column) == 1
    }

    func text(_ column: Int32) -> String {
        guard let value = PQgetvalue(result, row, column) else { return "" }
        let count = Int(PQgetlength(result, row, column))
        return value.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }

    func integer(_ column: Int32) -> Int64 {
        Int64(text(column)) ?? 0
    }
}
