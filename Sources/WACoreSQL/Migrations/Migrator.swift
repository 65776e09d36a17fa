import WACore

/// Applies and reverts migrations, recording the schema version in `schema_migrations` the
/// way golang-migrate does (one row: the current version and a dirty flag), so either tool
/// can manage the same database.
///
/// Each migration runs in its own transaction. Before it starts, the version is recorded as
/// dirty; the same transaction that applies it clears the flag. A migration that fails
/// leaves the flag set, and every later run refuses to continue until someone repairs the
/// schema and forces the version, as with golang-migrate.
package struct Migrator<Connection: SQLConnection> {
    let db: Connection
    let migrations: [Migration]
    /// Held around the whole run, so several processes starting at once apply each
    /// migration once (PostgreSQL's advisory lock; SQLite's writer lock needs nothing).
    let lock: (acquire: String, release: String)?

    package init(db: Connection, lock: (acquire: String, release: String)? = nil) {
        self.db = db
        self.migrations = db.dialect.migrations.sorted { $0.version < $1.version }
        self.lock = lock
    }

    /// Applies every migration newer than the recorded version.
    package func up() throws -> [Int64] {
        try locked {
            let current = try requireClean()
            var applied: [Int64] = []
            for migration in migrations where current.map({ migration.version > $0 }) ?? true {
                try db.inTransaction { try setVersion(migration.version, dirty: true) }
                try run(migration, script: migration.up, leaving: migration.version)
                applied.append(migration.version)
            }
            return applied
        }
    }

    /// Reverts the newest `steps` applied migrations.
    package func down(steps: Int) throws -> [Int64] {
        try locked {
            var reverted: [Int64] = []
            for _ in 0..<steps {
                guard let current = try requireClean() else { break }
                guard let index = migrations.firstIndex(where: { $0.version == current }) else {
                    throw StoreError(.migration, "the database is at version \(current), which this library does not ship")
                }
                let previous = index > 0 ? migrations[index - 1].version : nil
                try db.inTransaction { try setVersion(previous, dirty: true) }
                try run(migrations[index], script: migrations[index].down, leaving: previous)
                reverted.append(current)
            }
            return reverted
        }
    }

    /// The recorded version and every shipped migration's state.
    package func status() throws -> MigrationStatus {
        let (current, dirty) = try readVersion()
        return MigrationStatus(
            currentVersion: current, isDirty: dirty,
            migrations: migrations.map { migration in
                .init(version: migration.version, name: migration.name, isApplied: current.map { migration.version <= $0 } ?? false)
            })
    }

    /// Records `version` as clean without running anything: the repair after a failed
    /// migration was fixed by hand (golang-migrate's `force`).
    package func force(version: Int64?) throws {
        try locked { try db.inTransaction { try setVersion(version, dirty: false) } }
    }

    // MARK: - Internals

    /// Takes the lock, then makes sure the version table exists (in that order, as
    /// golang-migrate does: two processes creating it at once would collide).
    private func locked<T>(_ body: () throws -> T) throws -> T {
        guard let lock else {
            try db.executeScript(db.dialect.createMigrationsTable)
            return try body()
        }
        try db.executeScript(lock.acquire)
        defer { try? db.executeScript(lock.release) }
        try db.executeScript(db.dialect.createMigrationsTable)
        return try body()
    }

    private func run(_ migration: Migration, script: String, leaving version: Int64?) throws {
        do {
            try db.inTransaction {
                try db.executeScript(script)
                try setVersion(version, dirty: false)
            }
        } catch let error as StoreError {
            throw StoreError(
                .migration,
                "migration \(migration.version)_\(migration.name) failed (\(error.message)); "
                    + "the schema is marked dirty: repair it, then force the version",
                engineCode: error.engineCode)
        }
    }

    private func requireClean() throws -> Int64? {
        let (version, dirty) = try readVersion()
        if dirty, let version {
            throw StoreError(
                .migration, "the schema is dirty at version \(version): a migration failed part-way; repair it, then force the version")
        }
        return version
    }

    private func readVersion() throws -> (Int64?, Bool) {
        try db.first("SELECT version, dirty FROM schema_migrations LIMIT 1", []) { row in
            (Optional(row.integer(0)), ["1", "t", "true"].contains(row.text(1).lowercased()))
        } ?? (nil, false)
    }

    /// Records the version; the caller provides the transaction.
    private func setVersion(_ version: Int64?, dirty: Bool) throws {
        try db.execute("DELETE FROM schema_migrations", [])
        if let version {
            // "1"/"0" read as a boolean by PostgreSQL and as an integer by SQLite (what
            // golang-migrate's sqlite driver stores).
            try db.execute(
                "INSERT INTO schema_migrations (version, dirty) VALUES ($1, $2)", [.integer(version), .text(dirty ? "1" : "0")])
        }
    }
}
