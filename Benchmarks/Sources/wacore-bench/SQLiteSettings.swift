import WACoreSQLite

/// Engine settings every SQLite contender applies alike (`--sqlite-mmap`, `--sqlite-cache`), so a
/// configuration is compared like with like: WACore through its `Configuration`, the others as
/// the pragmas that configuration runs.
struct SQLiteSettings: Sendable {
    /// Bytes of the database file mapped (`PRAGMA mmap_size`); 0 leaves SQLite's default, no map.
    var mmapSize = 0
    /// Bytes of page cache per connection (`PRAGMA cache_size`); `nil` leaves SQLite's default.
    var cacheSize: Int?

    /// What the contenders that speak SQL run on each connection they open.
    var pragmas: [String] {
        var pragmas: [String] = []
        if mmapSize > 0 { pragmas.append("PRAGMA mmap_size = \(mmapSize)") }
        // Negative: KiB, rounded up, as WACore's `cacheSize` does.
        if let cacheSize { pragmas.append("PRAGMA cache_size = \(-((cacheSize + 1023) / 1024))") }
        return pragmas
    }

    /// WACore's store configuration with these settings.
    func applied(to configuration: SQLiteStore.Configuration) -> SQLiteStore.Configuration {
        var configuration = configuration
        configuration.mmapSize = mmapSize
        configuration.cacheSize = cacheSize
        return configuration
    }
}
