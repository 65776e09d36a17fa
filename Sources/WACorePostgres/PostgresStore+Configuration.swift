import Logging
import WACore
import WACoreSQL

extension PostgresStore {
    /// How a ``PostgresStore`` pools and uses its connections. Defaults follow the seed:
    /// 25 open, 5 idle, one hour lifetime.
    public struct Configuration: Sendable {
        /// Connections open at most.
        public var maxOpenConnections: Int
        /// Idle connections kept open; more than ``maxOpenConnections`` keeps that many, as
        /// Go's `database/sql` does.
        public var maxIdleConnections: Int
        /// Connections older than this are closed instead of reused.
        public var connectionLifetime: Duration
        /// How long a call waits for a free connection before throwing
        /// ``WACore/StoreError/Code/timeout`` (instead of hanging). Values over a century count as
        /// a century.
        public var connectionWaitTimeout: Duration
        /// The server-side `statement_timeout`, at least 1 ms (the server counts whole
        /// milliseconds, and 0 would turn it off); `nil` leaves the server's setting.
        public var statementTimeout: Duration?
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
        /// Where the store logs. WACore never bootstraps logging itself.
        public var logger: Logger

        /// Creates a configuration; the store checks the values when it opens.
        public init(
            maxOpenConnections: Int = 25,
            maxIdleConnections: Int = 5,
            connectionLifetime: Duration = .seconds(3600),
            connectionWaitTimeout: Duration = .seconds(30),
            statementTimeout: Duration? = nil,
            slowStatementThreshold: Duration = .milliseconds(100),
            spinLimit: Duration = .milliseconds(1),
            logger: Logger = Logger(label: "wacore.postgres")
        ) {
            self.maxOpenConnections = maxOpenConnections
            self.maxIdleConnections = maxIdleConnections
            self.connectionLifetime = connectionLifetime
            self.connectionWaitTimeout = connectionWaitTimeout
            self.statementTimeout = statementTimeout
            self.slowStatementThreshold = slowStatementThreshold
            self.spinLimit = spinLimit
            self.logger = logger
        }

        /// - Throws: ``WACore/ValidationError`` naming each setting out of range.
        func validated() throws(ValidationError) -> Configuration {
            var check = RangeCheck()
            check.atLeastOne(maxOpenConnections, "maxOpenConnections")
            check.notNegative(maxIdleConnections, "maxIdleConnections")
            check.require(connectionLifetime > .zero, "connectionLifetime", "must be positive")
            check.notNegative(connectionWaitTimeout, "connectionWaitTimeout")
            if let statementTimeout {
                check.require(statementTimeout >= .milliseconds(1), "statementTimeout", "must be at least 1 millisecond")
            }
            check.notNegative(slowStatementThreshold, "slowStatementThreshold")
            check.notNegative(spinLimit, "spinLimit")
            try check.finish()
            return self
        }
    }
}
