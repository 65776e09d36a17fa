import Foundation
import Logging
import Testing
import WACore
import WACoreSQL
@testable import WACoreSQLite

/// What only the SQLite backend has: file settings, the embedded migrations, its threads.
@Suite struct SQLiteStoreTests {
    @Test func fileStoresUseWALAndNormalSyncByDefault() async throws {
        try await withSQLiteFileStore { (store, _) async throws in
            #expect(try await store.rawQuery("PRAGMA journal_mode") == [["wal"]])
            #expect(try await store.rawQuery("PRAGMA synchronous") == [["1"]])
            #expect(try await store.rawQuery("PRAGMA busy_timeout") == [["5000"]])
        }
        try await withSQLiteFileStore(.init(synchronous: .full, logger: quietLogger)) { (store, _) async throws in
            #expect(try await store.rawQuery("PRAGMA synchronous") == [["2"]])
        }
    }

    @Test func aMemoryMapIsOffByDefaultAndSetWhenConfigured() async throws {
        try await withSQLiteFileStore { (store, _) async throws in
            #expect(try await store.rawQuery("PRAGMA mmap_size") == [["0"]])
        }
        try await withSQLiteFileStore(.init(mmapSize: 64 << 20, logger: quietLogger)) { (store, _) async throws in
            #expect(try await store.rawQuery("PRAGMA mmap_size") == [["\(64 << 20)"]])
            // The readers map the file too; what they read through the map is what was written.
            var written: [Message] = []
            for second in 0..<25 { written.append(try await store.messages.record(Fixture.text(at: Fixture.date(second))).message) }
            let page = try await store.messages.conversation(phone: written[0].phone, page: .first(20))
            #expect(page.items == Array(written.reversed().prefix(20)))
            #expect(page.next != nil)
        }
    }

    @Test func thePageCacheIsSQLitesByDefaultAndSizedWhenConfigured() async throws {
        try await withSQLiteFileStore { (store, _) async throws in
            #expect(try await store.rawQuery("PRAGMA cache_size") == [["-2000"]])
        }
        try await withSQLiteFileStore(.init(cacheSize: 16 << 20, logger: quietLogger)) { (store, _) async throws in
            #expect(try await store.rawQuery("PRAGMA cache_size") == [["-16384"]])
        }
        // Bytes round up to whole KiB: a cache is never smaller than asked for.
        try await withSQLiteFileStore(.init(cacheSize: 1000, logger: quietLogger)) { (store, _) async throws in
            #expect(try await store.rawQuery("PRAGMA cache_size") == [["-1"]])
        }
    }

    @Test func aConversationPageComesOutOfTheIndexInOrder() async throws {
        try await withSQLiteFileStore { (store, _) async throws in
            let plan = try await store.rawQuery(
                "EXPLAIN QUERY PLAN SELECT id FROM messages WHERE phone = '+15552000042' ORDER BY created_at DESC, id DESC LIMIT 21")
            let details = plan.map { $0.last.flatMap { $0 } ?? "" }.joined(separator: "\n")
            #expect(details.contains("idx_messages_phone_created_id"), "\(details)")
            #expect(!details.contains("TEMP B-TREE"), "no sort: \(details)")
        }
    }

    /// A row the library cannot read fails the read with a typed error naming the column, also
    /// when rows before it are already decoded into the page, and the connection reads on.
    @Test func anUnreadableRowFailsThePageAndTheConnectionReadsOn() async throws {
        try await withSQLiteFileStore { (store, _) async throws in
            var written: [Message] = []
            for second in 0..<25 { written.append(try await store.messages.record(Fixture.text(at: Fixture.date(second))).message) }
            let phone = written[0].phone, third = written[22].id
            func expectUnreadable(_ column: String) async {
                await #expect {
                    try await store.messages.conversation(phone: phone, page: .first(20))
                } throws: {
                    ($0 as? StoreError)?.code == .database && ($0 as? StoreError)?.message.contains(column) == true
                }
            }
            // The third newest row: two rows are in the page when it fails.
            try await store.rawScript("UPDATE messages SET updated_at = 'yesterday' WHERE id = '\(third)'")
            await expectUnreadable("column 13")
            // A status no case spells, written past the CHECK constraint (SQLite can be told to skip it).
            try await store.rawScript("""
                UPDATE messages SET updated_at = created_at WHERE id = '\(third)';
                PRAGMA ignore_check_constraints = ON;
                UPDATE messages SET status = 'seen' WHERE id = '\(third)';
                PRAGMA ignore_check_constraints = OFF
                """)
            await expectUnreadable("column 7 holds an unknown MessageStatus")
            try await store.rawScript("UPDATE messages SET status = 'sent' WHERE id = '\(third)'")
            let page = try await store.messages.conversation(phone: phone, page: .first(20))
            #expect(page.items.map(\.id) == written.reversed().prefix(20).map(\.id))
            #expect(page.items.map(\.status) == Array(repeating: .sent, count: 20))
        }
    }

    @Test func theStatementCacheIsBoundedAndStatementsStillRunAfterItEmpties() throws {
        let connection = try SQLiteConnection(path: ":memory:", readOnly: false, configuration: .init(logger: quietLogger))
        defer { connection.close() }
        // More distinct texts than the cache holds, then the first ones again: prepared anew.
        for round in 0..<2 {
            for value in 0..<(statementCacheLimit + 10) {
                let read = try connection.first("SELECT \(value) + $1", [.integer(Int64(round))]) { $0.int(0) }
                #expect(read == value + round)
                #expect(connection.cachedStatementCount <= statementCacheLimit)
            }
        }
        #expect(connection.cachedStatementCount > 0)
    }

    /// The connection checks the statement it ran last before its cache: texts of one length
    /// that differ late, alternated and repeated, each still run their own statement.
    @Test func alternatingStatementsEachRunTheirOwn() throws {
        let connection = try SQLiteConnection(path: ":memory:", readOnly: false, configuration: .init(logger: quietLogger))
        defer { connection.close() }
        let texts = ["SELECT 100 + $1", "SELECT 200 + $1"]
        for (step, index) in [0, 1, 1, 0, 0, 1, 0].enumerated() {
            let read = try connection.first(texts[index], [.integer(Int64(step))]) { $0.int(0) }
            #expect(read == (index + 1) * 100 + step)
        }
        #expect(connection.cachedStatementCount == 2)
    }

    /// Text parameters are copied into the statement's own buffer and bound from there: empty
    /// text stays text, a buffer that grows keeps every value, and values bound earlier are
    /// replaced, never left behind.
    @Test func textParametersKeepTheirValuesAcrossBindsOfEverySize() throws {
        let connection = try SQLiteConnection(path: ":memory:", readOnly: false, configuration: .init(logger: quietLogger))
        defer { connection.close() }
        let sql = "SELECT $1, $2, $3, typeof($2)"
        let rounds: [[SQLValue]] = [
            [.text("short"), .text(""), .text("héllo 👋")],
            [.text(String(repeating: "long ", count: 500)), .text("x"), .text(String(repeating: "é", count: 300))],
            [.text("a"), .null, .integer(7)],
            [.text(String(repeating: "big ", count: 50_000)), .text("z"), .text("past the kept capacity")],
            [.text("small again"), .text(""), .text("after shrinking")],
        ]
        for binds in rounds {
            let row = try connection.first(sql, binds) { [$0.optionalText(0), $0.optionalText(1), $0.optionalText(2), $0.optionalText(3)] }
            func expected(_ value: SQLValue) -> String? {
                switch value {
                case .null: nil
                case .integer(let integer): String(integer)
                case .text(let text): text
                }
            }
            let type: String = switch binds[1] { case .null: "null"; case .integer: "integer"; case .text: "text" }
            #expect(row == binds.map(expected) + [type])
        }
    }

    /// A statement run from inside another's row callback binds into its own buffer, so the
    /// outer statement still filters by its values; the same statement run from inside its
    /// own callback is refused instead of having its values replaced mid-read.
    @Test func statementsRunInsideARowCallbackLeaveTheOuterValuesAlone() throws {
        let connection = try SQLiteConnection(path: ":memory:", readOnly: false, configuration: .init(logger: quietLogger))
        defer { connection.close() }
        try connection.executeScript("CREATE TABLE t (name TEXT); INSERT INTO t VALUES ('keep'), ('drop'), ('keep')")
        var names: [String] = []
        try connection.query("SELECT name FROM t WHERE name = $1", [.text("keep")]) { row in
            names.append(row.text(0))
            _ = try connection.first("SELECT count(*) FROM t WHERE name <> $1", [.text("something else entirely")]) { $0.int(0) }
        }
        #expect(names == ["keep", "keep"])
        let refused = #expect(throws: StoreError.self) {
            try connection.query("SELECT name FROM t WHERE name = $1", [.text("keep")]) { _ in
                try connection.query("SELECT name FROM t WHERE name = $1", [.text("drop")]) { _ in }
            }
        }
        // SQLite's words for the misuse, not a message left over from the outer statement's step.
        #expect(refused?.message == "cannot bind the statement's parameters: bad parameter or other API misuse")
        #expect(refused?.engineCode == "21")  // SQLITE_MISUSE
        let kept = try connection.all("SELECT name FROM t WHERE name = $1", [.text("keep")]) { $0.text(0) }
        #expect(kept == ["keep", "keep"])
    }

    @Test func statisticsCountTheStatusIndexWithoutReadingTheTable() async throws {
        try await withSQLiteFileStore { (store, _) async throws in
            let statements = SQLiteDialect.dialect.messageStatistics
            for sql in [statements.all, statements.since.replacingOccurrences(of: "$1", with: "'2026-01-01'")] {
                let details = try await store.rawQuery("EXPLAIN QUERY PLAN " + sql).map { $0.last.flatMap { $0 } ?? "" }
                let reads = details.filter { $0.contains(" messages ") }
                #expect(reads.count == 4, "\(details)")
                #expect(reads.allSatisfy { $0.contains("COVERING INDEX idx_messages_status_created") }, "\(details)")
            }
        }
    }

    @Test func callersThatNeverSpinGetTheSameResults() async throws {
        // spinLimit .zero: every call suspends and is resumed by the worker thread.
        try await withSQLiteFileStore(.init(spinLimit: .zero, logger: quietLogger)) { (store, _) async throws in
            let recorded = try await store.messages.record(Fixture.text(at: Fixture.date(0)))
            #expect(try await store.messages.find(id: recorded.message.id) == recorded.message)
            let applied = try await store.messages.updateStatus(
                StatusUpdate(whatsAppMessageID: try #require(recorded.message.whatsAppMessageID), status: .read))
            #expect(applied.didApply)
            #expect(try await store.messages.statistics().read == 1)
        }
    }

    @Test func aWaitAfterAServedOneGetsItsWholeTimeout() async throws {
        // One task times out every waiter of a pool, sleeping until the oldest waiter's deadline
        // (ConnectionPool.watchDeadlines). It wakes at the first waiter's deadline even when that
        // waiter was served long before, and must then neither fail the next waiter early nor
        // stop watching it; waiters due together all fail; the pool works on afterwards. The
        // margins are wide: in a loaded parallel test run a task may resume hundreds of ms late.
        let timeout = Duration.seconds(1)
        try await withSQLiteFileStore(.init(connectionWaitTimeout: timeout, logger: quietLogger)) { (store, _) async throws in
            let first = Task { try await store.transaction { _ in try await Task.sleep(for: .milliseconds(100)) } }
            try await Task.sleep(for: .milliseconds(20))
            _ = try await store.messages.record(Fixture.text(wamid: "wamid.SERVED"))  // waits for `first`, then is served
            try await first.value

            let holder = Task { try await store.transaction { _ in try await Task.sleep(for: .seconds(3)) } }
            try await Task.sleep(for: .milliseconds(150))
            let started = ContinuousClock.now
            await #expect { try await store.messages.record(Fixture.text(wamid: "wamid.LATE")) } throws: {
                ($0 as? StoreError)?.code == .timeout
            }
            let waited = started.duration(to: .now)
            #expect(waited >= timeout && waited < .seconds(2.5), "waited \(waited)")

            let codes = await withTaskGroup(of: StoreError.Code?.self) { group in
                for index in 0..<3 {
                    group.addTask {
                        do {
                            _ = try await store.messages.record(Fixture.text(wamid: "wamid.DUE\(index)"))
                            return nil
                        } catch {
                            return (error as? StoreError)?.code
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(codes == [.timeout, .timeout, .timeout])
            try await holder.value
            _ = try await store.messages.record(Fixture.text(wamid: "wamid.AFTER"))
            #expect(try await store.messages.statistics().total == 2)
        }
    }

    @Test func dataSurvivesReopeningTheFile() async throws {
        try await withSQLiteFileStore { store, path in
            let recorded = try await store.messages.record(Fixture.text())
            try await store.close()
            let reopened = try await SQLiteStore(path: path)
            #expect(try await reopened.migrate().isEmpty)
            #expect(try await reopened.messages.find(id: recorded.message.id) == recorded.message)
            try await reopened.close()
        }
    }

    @Test func readersSeeCommittedWrites() async throws {
        try await withSQLiteFileStore { (store, _) async throws in
            // Many concurrent reads while writing: readers run beside the single writer.
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for _ in 0..<50 { _ = try await store.messages.record(Fixture.text()) }
                }
                for _ in 0..<8 {
                    group.addTask {
                        for _ in 0..<25 { _ = try await store.messages.statistics() }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await store.messages.statistics().total == 50)
        }
    }

    @Test func aClosedStoreRefusesWork() async throws {
        let store = try await SQLiteStore.inMemory()
        try await store.migrate()
        try await store.close()
        await #expect { try await store.messages.statistics() } throws: { ($0 as? StoreError)?.code == .closed }
    }

    @Test func aFailedMigrationLeavesTheSchemaDirty() async throws {
        let store = try await SQLiteStore.inMemory()
        try await store.migrate()
        // Simulate a half-applied migration as golang-migrate records it.
        _ = try await store.rawQuery("UPDATE schema_migrations SET dirty = 1")
        await #expect { try await store.migrate() } throws: { ($0 as? StoreError)?.code == .migration }
        #expect(try await store.migrationStatus().isDirty)
        let latest = try #require(try await store.migrationStatus().currentVersion)
        try await store.forceMigrationVersion(latest)
        #expect(try await store.migrate().isEmpty)
        try await store.close()
    }

    @Test func embeddedMigrationsMatchTheSQLFiles() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let directory = root.appendingPathComponent(SQLiteMigrations.directory)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(files.count == SQLiteMigrations.embedded.count * 2)
        for migration in SQLiteMigrations.embedded {
            let base = "\(migration.version)_\(migration.name)"
            let up = try String(contentsOf: directory.appendingPathComponent(base + ".up.sql"), encoding: .utf8)
            let down = try String(contentsOf: directory.appendingPathComponent(base + ".down.sql"), encoding: .utf8)
            #expect(up.trimmingCharacters(in: .newlines) == migration.up, "rerun scripts/embed-migrations")
            #expect(down.trimmingCharacters(in: .newlines) == migration.down, "rerun scripts/embed-migrations")
        }
    }

    @Test func positionalPlaceholdersAreRewritten() {
        #expect(SQLiteDialect.positionalPlaceholders("a = $1 AND b IN ($12, $2) AND c = '$'") == "a = ?1 AND b IN (?12, ?2) AND c = '$'")
    }

    @Test func ftsQueriesQuoteEveryWord() {
        #expect(SQLiteDialect.ftsQuery("ship OR \"x\" *") == "\"ship\" \"OR\" \"\"\"x\"\"\"")
        #expect(SQLiteDialect.ftsQuery("  !!! ") == nil)
    }

    @Test func slowStatementsAreLoggedWithoutTheirValues() async throws {
        let recorder = LogRecorder()
        var logger = Logger(label: "test") { _ in recorder }
        logger.logLevel = .trace
        let store = try await SQLiteStore.inMemory(configuration: .init(slowStatementThreshold: .zero, logger: logger))
        try await store.migrate()
        _ = try await store.messages.record(Fixture.text("a very secret body", wamid: "wamid.SECRET"))
        try await store.close()
        let lines = recorder.lines
        #expect(lines.contains { $0.contains("INSERT INTO messages") })
        #expect(!lines.contains { $0.contains("secret") || $0.contains("SECRET") })
    }

    /// A threshold too large for nanoseconds in an `Int` means "never log", and a huge busy
    /// timeout "wait as long as SQLite can" — neither a crash.
    @Test func hugeDurationsInTheConfigurationAreClampedNotOverflowed() async throws {
        let recorder = LogRecorder()
        var logger = Logger(label: "test") { _ in recorder }
        logger.logLevel = .trace
        let store = try await SQLiteStore.inMemory(
            configuration: .init(
                busyTimeout: .seconds(Int64.max), connectionWaitTimeout: .seconds(Int64.max),
                slowStatementThreshold: .seconds(Int64.max), logger: logger))
        try await store.migrate()
        // A write that waits for the only connection: its deadline is the wait timeout from now.
        let holder = Task { try await store.transaction { _ in try await Task.sleep(for: .milliseconds(50)) } }
        try await Task.sleep(for: .milliseconds(10))
        _ = try await store.messages.record(Fixture.text("hello", wamid: "wamid.HUGE"))
        try await holder.value
        try await store.close()
        #expect(!recorder.lines.contains { $0.contains("slow") })
        #expect(Duration.seconds(Int64.max).nanoseconds == .max)
        #expect(Duration.seconds(Int64.min).nanoseconds == .min)
        #expect(Duration.seconds(Int64.max).milliseconds == .max)
        #expect(Duration.milliseconds(1500).nanoseconds == 1_500_000_000)
        #expect(Duration.microseconds(1500).milliseconds == 1)
    }
}

/// Captures log lines in memory.
final class LogRecorder: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var lines: [String] { lock.withLock { stored } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let text = "\(event.message) \(event.metadata ?? [:])"
        lock.withLock { stored.append(text) }
    }
}
