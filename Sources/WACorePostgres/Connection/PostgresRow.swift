import CLibPQ
import WACoreSQL

/// One row of a text-format result.
struct PostgresRow: SQLRow {
    let result: OpaquePointer
    let row: Int32

    var columnCount: Int32 { PQnfields(result) }

    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard PQgetisnull(result, row, column) == 0, let value = PQgetvalue(result, row, column) else { return nil }
        return UnsafeBufferPointer(start: UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self), count: Int(PQgetlength(result, row, column)))
    }

    func integer(_ column: Int32) -> Int64 {
        Int64(text(column)) ?? 0
    }
}
