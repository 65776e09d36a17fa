import CLibPQ
import Foundation
import WACore

/// SQLSTATE -> ``StoreError``. Only the primary message is kept: PostgreSQL's DETAIL line
/// repeats the offending values ("Key (phone)=(+1555...) already exists"), and for data
/// exceptions even the primary message quotes the input, so those get a generic text.
enum PostgresErrors {
    static func map(_ result: OpaquePointer?, connectionMessage: String) -> StoreError {
        func field(_ code: Character) -> String? {
            guard let result, let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        guard let sqlstate = field("C") else {
            return StoreError(.database, connectionMessage.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let message = field("M") ?? "error"
        let constraint = field("n")
        switch sqlstate {
        case "23505":
            return StoreError(.conflict, message, engineCode: sqlstate, constraint: constraint)
        case "23514", "23502", "23503":
            return StoreError(.invalid, message, engineCode: sqlstate, constraint: constraint)
        case _ where sqlstate.hasPrefix("22"):
            return StoreError(.invalid, "the database refused a value (data exception)", engineCode: sqlstate)
        case "40001", "40P01":
            return StoreError(.serialization, message, engineCode: sqlstate)
        case "57014":
            // query_canceled: by statement_timeout, or by PQcancel when the task was cancelled.
            return message.contains("timeout")
                ? StoreError(.timeout, message, engineCode: sqlstate)
                : StoreError(.cancelled, message, engineCode: sqlstate)
        case _ where sqlstate.hasPrefix("08"), "57P01", "57P02", "57P03", "53300", "53400":
            return StoreError(.unavailable, message, engineCode: sqlstate)
        default:
            return StoreError(.database, message, engineCode: sqlstate)
        }
    }
}
