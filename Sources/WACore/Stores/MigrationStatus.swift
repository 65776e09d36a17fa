/// Where a database's schema stands relative to the migrations a store ships.
public struct MigrationStatus: Sendable, Hashable {
    /// One migration file pair.
    public struct Entry: Sendable, Hashable {
        /// `YYYYMMDDHHMMSS`.
        public var version: Int64
        /// The description part of the file name.
        public var name: String
        /// Whether the database is at or past this version.
        public var isApplied: Bool

        /// Creates an entry.
        public init(version: Int64, name: String, isApplied: Bool) {
            self.version = version
            self.name = name
            self.isApplied = isApplied
        }
    }

    /// The version recorded in `schema_migrations`, `nil` for an empty database.
    public var currentVersion: Int64?
    /// Whether a migration failed part-way (golang-migrate's dirty flag).
    public var isDirty: Bool
    /// Every shipped migration, oldest first.
    public var migrations: [Entry]

    /// Creates a status (stores build these from `schema_migrations`).
    public init(currentVersion: Int64?, isDirty: Bool, migrations: [Entry]) {
        self.currentVersion = currentVersion
        self.isDirty = isDirty
        self.migrations = migrations
    }

    /// Migrations not applied yet.
    public var pending: [Entry] { migrations.filter { !$0.isApplied } }
}
