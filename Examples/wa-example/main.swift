// wa-example: a WhatsApp webhook's life, told through WACore's public API.
//
//   swift run wa-example                                          in-memory SQLite
//   swift run wa-example --database wa.db                         a SQLite file
//   DATABASE_URL=postgresql://user:pass@host/db swift run wa-example   PostgreSQL

import Foundation
import WACore
import WACorePostgres
import WACoreSQLite

func say(_ line: String) { print(line) }

let arguments = CommandLine.arguments.dropFirst()
let databasePath = arguments.firstIndex(of: "--database").flatMap { index in
    arguments.index(after: index) < arguments.endIndex ? arguments[arguments.index(after: index)] : nil
}

let store: any WAStore
if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty {
    store = try await PostgresStore(url: url)
    say("» PostgreSQL (DATABASE_URL)")
} else if let databasePath {
    store = try await SQLiteStore(path: databasePath)
    say("» SQLite file \(databasePath)")
} else {
    store = try await SQLiteStore.inMemory()
    say("» SQLite in memory")
}

try await Transcript(store: store).run()
try await store.close()
