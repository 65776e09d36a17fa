import CSQLite
import WACore

/// SQLite result codes -> ``StoreError``. SQLite's messages name constraints, never values.
enum SQLiteErrors {
    // Extended codes are function-like macros in sqlite3.h, which Swift does not import.
    static let constraintCheck = SQLITE_CONSTRAINT | 1 << 8
    static let constraintNotNull = SQLITE_CONSTRAINT | 5 << 8
    static let constraintPrimaryKey = SQLITE_CONSTRAINT | 6 << 8
    static let constraintUnique = SQLITE_CONSTRAINT | 8 << 8

    static func map(_ rc: Int32, message: String) -> StoreError {
        let code = String(rc)
        switch rc {
        case constraintUnique, constraintPrimaryKey:
            // "UNIQUE constraint failed: contacts.phone"
            let constraint = message.split(separator: ": ", maxSplits: 1).last.map(String.init)
            return StoreError(.conflict, message, engineCode: code, constraint: constraint)
        case constraintCheck, constraintNotNull:
            return StoreError(.invalid, message, engineCode: code)
        case _ where rc & 0xFF == SQLITE_BUSY || rc & 0xFF == SQLITE_LOCKED:
            return StoreError(.unavailable, "the database is locked: \(message)", engineCode: code)
        case SQLITE_INTERRUPT:
            return StoreError(.cancelled, "the statement was interrupted", engineCode: code)
        case _ where rc & 0xFF == SQLITE_CANTOPEN || rc & 0xFF == SQLITE_IOERR || rc & 0xFF == SQLITE_FULL:
            return StoreError(.unavailable, message, engineCode: code)
        default:
            return StoreError(.database, message, engineCode: code)
        }
    }
}
