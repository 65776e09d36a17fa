import Foundation
import WACore
import WACorePostgres

/// The PostgreSQL server `scripts/test` starts: its URL comes from `WACORE_POSTGRES_URL`
/// (as postgres-nio's integration tests read theirs from the environment). Each test gets
/// a database of its own, created here and dropped afterwards.
enum PostgresTestServer {
    static let url = ProcessInfo.processInfo.environment["WACORE_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// The server URL with another database name.
    static func url(database: String) throws -> String {
        guard let url, var components = URLComponents(string: url) else {
            throw StoreError(.unavailable, "WACORE_POSTGRES_URL is not set")
        }
        components.path = "/" + database
        return components.string!
    }

    /// A store on the server's `postgres` database, for CREATE/DROP DATABASE.
    static let admin = Task<PostgresStore, any Error> {
        guard let url else { throw StoreError(.unavailable, "WACORE_POSTGRES_URL is not set") }
        return try await PostgresStore(url: url, configuration: .init(maxOpenConnections: 4, logger: quietLogger))
    }

    static func createDatabase() async throws -> String {
        let name = "wacore_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await admin.value.rawScript("CREATE DATABASE \(name)")
        return name
    }

    static func dropDatabase(_ name: String) async {
        try? await admin.value.rawScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Every schema object of the public schema as one sorted row each: columns with type,
    /// nullability and default; constraints; indexes; triggers; functions.
    static let schemaQuery = """
        SELECT * FROM (
          SELECT 'column' AS kind, table_name || '.' || column_name AS name,
                 ordinal_position || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '') || ' null=' || is_nullable
                 || ' default=' || coalesce(column_default, '') AS definition
            FROM information_schema.columns WHERE table_schema = 'public'
          UNION ALL
          SELECT 'constraint', conrelid::regclass::text || '.' || conname, pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
          UNION ALL
          SELECT 'index', indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
          UNION ALL
          SELECT 'trigger', tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
          UNION ALL
          SELECT 'function', proname, prosrc FROM pg_proc WHERE pronamespace = 'public'::regnamespace
        ) AS objects ORDER BY kind, name
        """
}
