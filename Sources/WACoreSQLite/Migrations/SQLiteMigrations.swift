import WACoreSQL

/// The SQLite schema's migrations, from `Migrations/sql` (embedded by
/// `scripts/embed-migrations`).
enum SQLiteMigrations {
    /// Where the `.sql` files live, relative to the package root.
    static let directory = "Sources/WACoreSQLite/Migrations/sql"
}
