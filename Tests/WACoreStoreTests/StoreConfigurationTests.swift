import Foundation
import Testing
import WACore
import WACorePostgres
import WACoreSQLite

/// A configuration out of range is refused with every bad setting named, before the store
/// touches a file or a server.
struct StoreConfigurationTests {
    @Test func everySQLiteSettingOutOfRangeIsNamed() async throws {
        let file = TemporarySQLiteFile()
        defer { file.remove() }
        let negative = Duration.milliseconds(-1)
        let configuration = SQLiteStore.Configuration(
            busyTimeout: negative, readerCount: 0, connectionWaitTimeout: negative, slowStatementThreshold: negative,
            spinLimit: negative, mmapSize: -1, cacheSize: 0, logger: quietLogger)
        let fields = [
            "busyTimeout", "readerCount", "connectionWaitTimeout", "slowStatementThreshold", "spinLimit", "mmapSize", "cacheSize",
        ]
        await #expect { _ = try await SQLiteStore(path: file.path, configuration: configuration) } throws: {
            ($0 as? ValidationError)?.fields == fields
        }
        await #expect { _ = try await SQLiteStore.inMemory(configuration: configuration) } throws: {
            ($0 as? ValidationError)?.fields == fields
        }
        await #expect {
            _ = try await SQLiteStore(path: file.path, configuration: .init(mmapSize: -1, logger: quietLogger))
        } throws: {
            ($0 as? ValidationError)?.fields == ["mmapSize"]
        }
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func zeroTimeoutsAndLimitsAreAllowedOnSQLite() async throws {
        let store = try await SQLiteStore.inMemory(
            configuration: .init(busyTimeout: .zero, connectionWaitTimeout: .zero, slowStatementThreshold: .zero,
                                 spinLimit: .zero, logger: quietLogger))
        try await store.close()
    }

    /// Checked before any connection is tried: the address leads nowhere, yet the error is
    /// the configuration's, not `.unavailable`. Needs no server.
    @Test func everyPostgresSettingOutOfRangeIsNamedBeforeConnecting() async throws {
        let negative = Duration.milliseconds(-1)
        let configuration = PostgresStore.Configuration(
            maxOpenConnections: 0, maxIdleConnections: -1, connectionLifetime: .zero, connectionWaitTimeout: negative,
            statementTimeout: .microseconds(999), slowStatementThreshold: negative, spinLimit: negative, logger: quietLogger)
        await #expect {
            _ = try await PostgresStore(url: "host=/nonexistent/wacore-socket dbname=none connect_timeout=1", configuration: configuration)
        } throws: {
            ($0 as? ValidationError)?.fields == [
                "maxOpenConnections", "maxIdleConnections", "connectionLifetime", "connectionWaitTimeout",
                "statementTimeout", "slowStatementThreshold", "spinLimit",
            ]
        }
    }

    /// More idle connections than open ones keeps as many as may be open, as Go's
    /// `database/sql` does, rather than refusing the common `maxOpenConnections: 4`.
    @Test func moreIdleThanOpenPostgresConnectionsIsNotAnError() async throws {
        await #expect {
            _ = try await PostgresStore(
                url: "host=/nonexistent/wacore-socket dbname=none connect_timeout=1",
                configuration: .init(maxOpenConnections: 1, maxIdleConnections: 5, statementTimeout: .milliseconds(1), logger: quietLogger))
        } throws: {
            ($0 as? StoreError)?.code == .unavailable
        }
    }
}
