import Foundation

/// Command-line options (``usage``).
struct Options: Sendable {
    static let usage = """
        usage: wacore-bench [--quick] [--engine sqlite|postgres|all] \
        [--workload \(Workload.allCases.map(\.rawValue).joined(separator: ","))|none] \
        [--contender wacore,c,grdb,postgresnio,swift] [--spin-limit MICROSECONDS] [--sqlite-mmap BYTES] [--sqlite-cache BYTES] [--reps N] \
        [--empty-conversations] \
        [--scale] [--json FILE] [--pg-socket DIR] [--pg-user NAME] [--dir DIR]
        """

    var quick = false
    var engines: [Engine] = Engine.allCases
    var workloads: [Workload] = Workload.allCases
    var reps = 3
    var scale = false
    /// Only the contenders whose names start with one of these (case-insensitive); all when empty.
    var contenders: [String] = []
    /// WACore's `spinLimit`; `nil` keeps the store's default.
    var spinLimit: Duration?
    /// What every SQLite contender maps and caches (`--sqlite-mmap`, `--sqlite-cache`).
    var sqlite = SQLiteSettings()
    /// Conversation reads of a phone with no messages (`--empty-conversations`): what a call
    /// costs each contender besides its rows.
    var emptyConversations = false
    var jsonPath: String?
    var postgresSocket = ProcessInfo.processInfo.environment["WACORE_BENCH_PG_SOCKET"] ?? ""
    var postgresUser = "postgres"
    var directory = FileManager.default.temporaryDirectory.path

    init(_ arguments: [String]) throws {
        var iterator = arguments.makeIterator()
        func value(_ flag: String) throws -> String {
            guard let next = iterator.next() else { throw BenchError.failed("\(flag) needs a value") }
            return next
        }
        while let argument = iterator.next() {
            switch argument {
            case "--quick": quick = true
            case "--scale": scale = true
            case "--engine":
                let name = try value(argument)
                engines = name == "all" ? Engine.allCases : [try Engine(rawValue: name).orThrow("unknown engine \(name)")]
            case "--workload":
                let names = try value(argument)
                workloads = names == "none" ? [] : try names.split(separator: ",").map { try Workload(rawValue: String($0)).orThrow("unknown workload \($0)") }
            case "--contender": contenders = try value(argument).lowercased().split(separator: ",").map(String.init)
            case "--spin-limit":
                spinLimit = .microseconds(try Int(value(argument)).orThrow("--spin-limit takes microseconds"))
            case "--sqlite-mmap":
                sqlite.mmapSize = try Int(value(argument)).flatMap { $0 >= 0 ? $0 : nil }.orThrow("--sqlite-mmap takes bytes")
            case "--sqlite-cache":
                sqlite.cacheSize = try Int(value(argument)).flatMap { $0 > 0 ? $0 : nil }.orThrow("--sqlite-cache takes bytes")
            case "--empty-conversations": emptyConversations = true
            case "--reps": reps = max(1, Int(try value(argument)) ?? 3)
            case "--json": jsonPath = try value(argument)
            case "--pg-socket": postgresSocket = try value(argument)
            case "--pg-user": postgresUser = try value(argument)
            case "--dir": directory = try value(argument)
            case "--help", "-h":
                print(Self.usage)
                exit(0)
            default: throw BenchError.failed("unknown argument \(argument) (try --help)")
            }
        }
        if engines.contains(.postgres), postgresSocket.isEmpty {
            throw BenchError.failed("PostgreSQL needs --pg-socket DIR (Benchmarks/run starts a server and passes it)")
        }
    }

    /// Workload sizes: the issue's, or a tenth (and fewer reads) with --quick.
    var sizes: Sizes { quick ? .quick : .full }
}

struct Sizes: Sendable {
    var ingestSingle: Int, ingestBatch: Int, batch: Int, status: Int, readStore: Int, conversations: Int, searches: Int, stats: Int
    var scalePoints: [Int]

    static let full = Sizes(
        ingestSingle: 20_000, ingestBatch: 200_000, batch: 1000, status: 20_000, readStore: 200_000, conversations: 20_000,
        searches: 2000, stats: 500, scalePoints: [10_000, 100_000, 1_000_000])
    static let quick = Sizes(
        ingestSingle: 2000, ingestBatch: 20_000, batch: 1000, status: 2000, readStore: 20_000, conversations: 2000, searches: 200,
        stats: 20, scalePoints: [10_000, 50_000])
}

enum Workload: String, CaseIterable, Sendable {
    case ingestSingle = "ingest-single", ingestBatch = "ingest-batch", status, lookup, conversation, search, stats
}

extension Optional {
    func orThrow(_ message: String) throws -> Wrapped {
        guard let self else { throw BenchError.failed(message) }
        return self
    }
}
