import Foundation
import WACore
import WACorePostgres
import WACoreSQLite

/// WACore through its public API only.
final class WACoreContender: Contender, @unchecked Sendable {
    let store: any WAStore

    init(_ location: DatabaseLocation, spinLimit: Duration?, sqlite: SQLiteSettings) async throws {
        switch location.engine {
        case .sqlite:
            var configuration = sqlite.applied(to: SQLiteStore.Configuration())
            if let spinLimit { configuration.spinLimit = spinLimit }
            store = try await SQLiteStore(path: location.sqlitePath, configuration: configuration)
        case .postgres:
            var configuration = PostgresStore.Configuration()
            if let spinLimit { configuration.spinLimit = spinLimit }
            store = try await PostgresStore(url: location.conninfo, configuration: configuration)
        }
    }

    func ingest(_ messages: [BenchMessage], cMessages: CMessages, batch: Int) async throws {
        let models = messages.map(\.model)  // building the models is the caller's work, not timed separately
        if batch == 1 {
            for message in models { _ = try await store.messages.record(message) }
        } else {
            for start in stride(from: 0, to: models.count, by: batch) {
                _ = try await store.messages.record(contentsOf: Array(models[start..<min(start + batch, models.count)]))
            }
        }
    }

    func updateStatus(_ wamids: [String], cWamids: CStrings, status: String) async throws -> Int {
        let target: MessageStatus = status == "delivered" ? .delivered : .read
        var applied = 0
        for wamid in wamids {
            if try await store.messages.updateStatus(StatusUpdate(whatsAppMessageID: wamid, status: target)).didApply { applied += 1 }
        }
        return applied
    }

    func conversations(_ phones: [String], cPhones: CStrings) async throws -> (rows: Int, latencies: [Int64]) {
        try await timedConversations(phones) { phone in
            try await store.messages.conversation(phone: phone, page: .first(20))
        } rows: { page in
            page.items.count + (page.next == nil ? 0 : 1)
        }
    }

    func search(_ queries: [[String]]) async throws -> Int {
        var rows = 0
        for words in queries { rows += try await store.messages.search(words.joined(separator: " "), limit: 50).count }
        return rows
    }

    func find(ids: [String], cIDs: CStrings) async throws -> Int {
        var found = 0
        for id in ids where try await store.messages.find(id: id) != nil { found += 1 }
        return found
    }

    func statistics(count: Int) async throws -> Int {
        var total = 0
        for _ in 0..<count { total = try await store.messages.statistics().total }
        return total
    }

    func close() async throws { try await store.close() }
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
    var secondsDouble: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
