// swift-tools-version: 6.1
// Benchmarks for WACore: a package of its own, so WACore's consumers never build GRDB or
// PostgresNIO. Run with `Benchmarks/run` (see Documentation/Performance.md).
import PackageDescription

let package = Package(
    name: "WACoreBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "WACore", path: ".."),
        // The idiomatic Swift peers, at the versions the project measures against.
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", exact: "1.33.2"),
    ],
    targets: [
        .systemLibrary(name: "CBenchSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CBenchPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // The raw C baselines: the same SQL through libsqlite3 and libpq directly.
        .target(name: "CBaseline", dependencies: ["CBenchSQLite", "CBenchPQ"]),
        .executableTarget(
            name: "wacore-bench",
            dependencies: [
                "CBaseline",
                .product(name: "WACore", package: "WACore"),
                .product(name: "WACoreSQLite", package: "WACore"),
                .product(name: "WACorePostgres", package: "WACore"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // Records messages while the PostgreSQL server restarts (Benchmarks/restart-drill).
        .executableTarget(
            name: "restart-drill",
            dependencies: [
                .product(name: "WACore", package: "WACore"),
                .product(name: "WACorePostgres", package: "WACore"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
