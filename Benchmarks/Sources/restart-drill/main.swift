// restart-drill: records messages into PostgreSQL for a few seconds while the caller restarts
// the server, then reports how many calls succeeded, how many failed (and how), and how many
// messages the database holds. Run it with `Benchmarks/restart-drill`.

import Foundation
import WACore
import WACorePostgres

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: restart-drill CONNINFO [SECONDS]\n".utf8))
    exit(2)
}
let seconds = arguments.count > 2 ? Double(arguments[2]) ?? 8 : 8
let store = try await PostgresStore(url: arguments[1], configuration: .init(maxOpenConnections: 8, connectionWaitTimeout: .seconds(5)))
try await store.migrate()
var succeeded = 0
var failures: [String: Int] = [:]
let start = Date()
var index = 0
while Date().timeIntervalSince(start) < seconds {
    index += 1
    do {
        _ = try await store.messages.record(
            Message(phone: "+1555000\(1000 + index % 9000)", direction: .inbound, type: .text, content: "drill \(index)"))
        succeeded += 1
    } catch let error as StoreError {
        failures["\(error.code), retryable: \(error.isRetryable)", default: 0] += 1
        try? await Task.sleep(for: .milliseconds(50))
    }
}
let stored = try await store.messages.statistics().total
print("calls succeeded: \(succeeded)")
print("calls failed: \(failures.isEmpty ? "none" : failures.map { "\($1) × \($0)" }.joined(separator: ", "))")
print("messages stored: \(stored) (a failed call whose COMMIT reached the server before the drop is stored too)")
try await store.close()
