import CBaseline
import Foundation
import WACore
import WACorePostgres
import WACoreSQLite

/// Creates and drops benchmark databases, each migrated by WACore so every contender works
/// on the same schema.
struct Databases: Sendable {
    let options: Options

    func create(_ engine: Engine) async throws -> DatabaseLocation {
        var location = DatabaseLocation(engine: engine)
        switch engine {
        case .sqlite:
            location.sqlitePath = options.directory + "/wacore-bench-\(UUID().uuidString).sqlite"
            let store = try await SQLiteStore(path: location.sqlitePath)
            try await store.migrate()
            try await store.close()
        case .postgres:
            location.postgresSocket = options.postgresSocket
            location.postgresUser = options.postgresUser
            location.postgresDatabase = "wacore_bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
            try admin("CREATE DATABASE \(location.postgresDatabase)")
            let store = try await PostgresStore(url: location.conninfo)
            try await store.migrate()
            try await store.close()
        }
        return location
    }

    func drop(_ location: DatabaseLocation) {
        switch location.engine {
        case .sqlite:
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: location.sqlitePath + suffix) }
        case .postgres:
            try? admin("DROP DATABASE IF EXISTS \(location.postgresDatabase) WITH (FORCE)")
        }
    }

    /// Refreshes planner statistics after a bulk load, as an operator would.
    func analyze(_ location: DatabaseLocation) {
        switch location.engine {
        case .sqlite:
            let db = bsq_open(location.sqlitePath)
            _ = bsq_scalar(db, "ANALYZE")
            bsq_close(db)
        case .postgres:
            let conn = bpq_open(location.conninfo)
            _ = bpq_exec(conn, "VACUUM ANALYZE")
            bpq_close(conn)
        }
    }

    private func admin(_ sql: String) throws {
        let conn = bpq_open("host=\(options.postgresSocket) user=\(options.postgresUser) dbname=postgres")
        defer { bpq_close(conn) }
        guard bpq_exec(conn, sql) == 0 else { throw BenchError.failed("PostgreSQL: \(String(cString: bpq_error(conn)))") }
    }

    /// The contenders for an engine: WACore, the raw C baseline, the Swift peer — and for the
    /// SQLite reads the Swift floor measures, that floor.
    func contenders(_ engine: Engine, for workload: Workload? = nil) -> [String] {
        var all = engine == .sqlite ? ["WACore", "C (libsqlite3)", "GRDB 7.10.0"] : ["WACore", "C (libpq)", "PostgresNIO 1.33.2"]
        if engine == .sqlite, let workload, SwiftFloorContender.workloads.contains(workload) { all.append(SwiftFloorContender.name) }
        guard !options.contenders.isEmpty else { return all }
        return all.filter { name in options.contenders.contains { name.lowercased().hasPrefix($0) } }
    }

    func open(_ name: String, _ location: DatabaseLocation) async throws -> any Contender {
        switch name {
        case "WACore": try await WACoreContender(location, spinLimit: options.spinLimit, sqlite: options.sqlite)
        case "GRDB 7.10.0": try GRDBContender(location, sqlite: options.sqlite)
        case SwiftFloorContender.name: try SwiftFloorContender(location, sqlite: options.sqlite)
        case "PostgresNIO 1.33.2": try await PostgresNIOContender(location)
        default: try CContender(location, sqlite: options.sqlite)
        }
    }
}
