import WACoreSQL

/// The PostgreSQL schema's migrations, from `Migrations/sql` (embedded by
/// `scripts/embed-migrations`). golang-migrate can read the same directory.
enum PostgresMigrations {
    /// Where the `.sql` files live, relative to the package root.
    static let directory = "Sources/WACorePostgres/Migrations/sql"
}
