// swift-tools-version: 6.0
import PackageDescription

let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")

let package = Package(
    name: "WACore",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "WACore", targets: ["WACore"]),
        .library(name: "WACoreSQLite", targets: ["WACoreSQLite"]),
        .library(name: "WACorePostgres", targets: ["WACorePostgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", "1.5.0"..<"2.0.0"),
        // SHA-256 of API tokens (CryptoKit on Apple platforms, BoringSSL elsewhere).
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        // Models, validation, protocols, API-token logic. No I/O, no C.
        .target(name: "WACore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),

        // What both SQL backends share: repositories written once against a driver protocol,
        // the migrator, the pool, row <-> model mapping.
        .target(name: "WACoreSQL", dependencies: ["WACore", "CThreads", logging]),
        // Thread calls Swift's Glibc module does not expose (GNU extensions): which CPU a
        // thread runs on, stepping a worker off its caller's CPU, naming a worker thread.
        .target(name: "CThreads"),

        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .target(
            name: "WACoreSQLite",
            dependencies: ["WACore", "WACoreSQL", "CSQLite", logging],
            exclude: ["Migrations/sql"]
        ),

        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        .target(
            name: "WACorePostgres",
            dependencies: ["WACore", "WACoreSQL", "CLibPQ", logging],
            exclude: ["Migrations/sql"]
        ),

        .executableTarget(
            name: "wa-example",
            dependencies: ["WACore", "WACoreSQLite", "WACorePostgres"],
            path: "Examples/wa-example"
        ),

        .testTarget(name: "WACoreTests", dependencies: ["WACore"]),
        .testTarget(
            name: "WACoreStoreTests",
            dependencies: ["WACore", "WACoreSQL", "WACoreSQLite", "WACorePostgres", logging],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
