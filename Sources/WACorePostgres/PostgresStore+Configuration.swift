import Logging

extension PostgresStore {
    /// How a ``PostgresStore`` pools and uses its connections. Defaults follow the seed:
    /// 25 open, 5 idle, one hour lifetime.
    public struct Configuration: Sendable {
        /// Connections open at most.
        public var maxOpenConnections: Int
        /// Idle connections kept open.
        public var maxIdleConnections: Int
        /// Connections older than this are closed instead of reused.
        public var connectionLifetime: Duration
        /// How long a call waits for a free connection before throwing
        /// ``WACore/StoreError/Code/timeout`` (instead of hanging).
        public var connectionWaitTimeout: Duration
        /// The server-side `statement_timeout`; `nil` leaves the server's setting.
        public var statementTimeout: Duration?
        /// Statements slower than this are logged at `warning` with their SQL and duration.
        public var slowStatementThreshold: Duration
        /// How long a call that is the only one waiting on the store may poll for its
        /// statement's result before it suspends (default 1 ms; `.zero` always suspends).
        /// A suspension and wake-up costs tens of microseconds (more on a VM), often more
        /// than the statement; polling trades that for CPU time. Only statements expected to
        /// finish within the limit are polled for, and polling yields the core between checks.
        /// A process with fewer than two cores to run on (its CPU affinity, or its cgroup's CPU
        /// quota) never polls: the worker needs the core the caller would hold.
        public var spinLimit: Duration
        /// Where the store logs. WACore never bootstraps logging itself.
        public var logger: Logger

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
    }
}
