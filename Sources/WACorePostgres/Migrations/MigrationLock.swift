import WACore

/// The advisory lock golang-migrate's postgres driver takes, so WACore and golang-migrate
/// exclude each other (and several WACore processes starting at once apply each migration
/// once).
///
/// golang-migrate (`database/util.go`, `GenerateAdvisoryLockId`): CRC-32 (IEEE) of
/// `schema \0 table \0 database`, multiplied by 1486364155 in uint32 arithmetic.
enum MigrationLock {
    static let salt: UInt32 = 1_486_364_155

    static func id(database: String, schema: String, table: String = "schema_migrations") -> UInt32 {
        CRC32.checksum([schema, table, database].joined(separator: "\u{0}").utf8) &* salt
    }
}
