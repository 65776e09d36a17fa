import CLibPQ
import Foundation

/// Keeps connection strings and passwords out of errors and logs.
///
/// The string itself goes to libpq untouched (URLs, key=value, multi-host, service files all
/// work as with psql); only what WACore *says* about it is filtered.
enum ConnectionString {
    /// The password and the whole string as libpq parses it, to scrub from messages.
    static func secrets(in conninfo: String) -> [String] {
        var secrets = [conninfo]
        var error: UnsafeMutablePointer<CChar>?
        if let options = PQconninfoParse(conninfo, &error) {
            defer { PQconninfoFree(options) }
            var option = options
            while let keyword = option.pointee.keyword {
                if String(cString: keyword) == "password", let value = option.pointee.val {
                    secrets.append(String(cString: value))
                }
                option += 1
            }
        }
        if let error { PQfreemem(error) }
        // A URL's user:password@ part, even when libpq cannot parse the rest.
        if let range = conninfo.range(of: #"//[^/@]*:([^@/]*)@"#, options: .regularExpression) {
            let credentials = conninfo[range].dropFirst(2).dropLast()
            if let colon = credentials.firstIndex(of: ":") { secrets.append(String(credentials[credentials.index(after: colon)...])) }
        }
        return secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    /// `message` with every secret replaced by `***`.
    static func redact(_ message: String, secrets: [String]) -> String {
        secrets.reduce(message) { $0.replacingOccurrences(of: $1, with: "***") }
    }
}
