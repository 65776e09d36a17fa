import Logging
import WACore
import WACoreSQL

extension SQLiteStore {
    /// How a ``SQLiteStore`` opens and uses its connections.
    public struct Configuration: Sendable {
        /// SQLite's `synchronous` setting for WAL databases.
        public enum Synchronous: String, Sendable {
            /// Durable except for the last transactions before a power loss; never corrupt.
            /// The usual choice with WAL, and the default.
            case normal = "NORMAL"
            /// Every commit is synced to disk before it returns.
            case full = "FULL"
        }

        /// `synchronous=NORMAL` by default; `.full` for durability against power loss.
        public var synchronous: Synchronous
        /// How long a statement waits for a lock held by another process before failing
        /// with ``WACore/StoreError/Code/unavailable``.
        public var busyTimeout: Duration
        /// Read-only connections for file databases (reads run in parallel with the writer).
        /// At least 1.
        public var readerCount: Int
        /// How long a call waits for a free connection. Values over a century count as a century.
        public var connectionWaitTimeout: Duration
        /// Statements slower than this are logged at `warning` with their SQL and duration.
        public var slowStatementThreshold: Duration
        /// How long a call that is the only one waiting on the store may poll for its
        /// statement's result before it suspends (default 1 ms; `.zero` always suspends).
        /// A suspension and wake-up costs tens of microseconds (more on a VM), often more
        /// than the statement; polling trades that for CPU time. Only statements expected to
        /// finish within the limit are polled for, and polling yields the core between checks.
        /// A process with fewer than two cores to run on (its CPU affinity, or its cgroup's CPU
        /// quota) never polls: the worker needs the core the caller would hold. For the same
        /// reason, on Linux, a worker that finds itself on the CPU of the caller polling for its
        /// job moves off it before it runs the job (its own CPU affinity is left as it was).
        public var spinLimit: Duration
        /// How many bytes of the database file each connection reads through a memory map
        /// (`PRAGMA mmap_size`); 0, the default, reads every page with a system call.
        ///
        /// A read-heavy store whose file fits in the machine's memory reads much faster mapped:
        /// SQLite then takes pages straight from the operating system's cache (Operations.md
        /// has the measurements). The price: an I/O error on the mapped file stops the process
        /// (`SIGBUS`) instead of failing the call, and mapped pages count toward the process's
        /// resident memory. Must not be negative.
        public var mmapSize: Int
        /// How many bytes of database pages each connection keeps in its own cache
        /// (`PRAGMA cache_size`, rounded up to whole KiB); `nil`, the default, keeps SQLite's
        /// 2,048,000 bytes.
        ///
        /// A page SQLite has cached costs no system call and no copy; one it has not is read
        /// from the operating system's cache. Reads that return to the same pages — the latest
        /// messages of active conversations — get faster as more of them fit (Operations.md has
        /// the measurements). The price is memory: up to this much per connection, the writer
        /// and each of the `readerCount` readers, as the cache fills. Must be positive.
        public var cacheSize: Int?
        /// Where the store logs. WACore never bootstraps logging itself.
        public var logger: Logger

        /// Creates a configuration; the store checks the values when it opens.
        public init(
            synchronous: Synchronous = .normal,
            busyTimeout: Duration = .seconds(5),
            readerCount: Int = 4,
            connectionWaitTimeout: Duration = .seconds(30),
            slowStatementThreshold: Duration = .milliseconds(100),
            spinLimit: Duration = .milliseconds(1),
            mmapSize: Int = 0,
            cacheSize: Int? = nil,
            logger: Logger = Logger(label: "wacore.sqlite")
        ) {
            self.synchronous = synchronous
            self.busyTimeout = busyTimeout
            self.readerCount = readerCount
            self.connectionWaitTimeout = connectionWaitTimeout
            self.slowStatementThreshold = slowStatementThreshold
            self.spinLimit = spinLimit
            self.mmapSize = mmapSize
            self.cacheSize = cacheSize
            self.logger = logger
        }

        /// - Throws: ``WACore/ValidationError`` naming each setting out of range.
        func validated() throws(ValidationError) -> Configuration {
            var check = RangeCheck()
            check.notNegative(busyTimeout, "busyTimeout")
            check.atLeastOne(readerCount, "readerCount")
            check.notNegative(connectionWaitTimeout, "connectionWaitTimeout")
            check.notNegative(slowStatementThreshold, "slowStatementThreshold")
            check.notNegative(spinLimit, "spinLimit")
            check.notNegative(mmapSize, "mmapSize")
            if let cacheSize { check.require(cacheSize > 0, "cacheSize", "must be positive") }
            try check.finish()
            return self
        }

        /// ``cacheSize`` as `PRAGMA cache_size` takes it: a negative number of KiB.
        var cacheSizePragmaValue: Int? {
            cacheSize.map { -(($0 + 1023) / 1024) }
        }
    }
}
