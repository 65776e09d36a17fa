import WACore

/// Where a repository's statements run: on a pooled connection (each write its own
/// transaction) or on the connection of an open cross-repository transaction.
package protocol SQLExecutor: Sendable {
    associatedtype Connection: SQLConnection

    /// Runs read-only statements.
    func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T

    /// Runs a read that walks an index to a bounded number of rows: a lookup by key or one
    /// page through an index. Such a read takes tens of microseconds, less than handing it to
    /// a worker thread and back, so an in-process engine may run it on the caller's thread
    /// (see ``DatabaseWorker/runIndexedRead(_:)``). Anything that may scan goes to ``read(_:)``.
    func indexedRead<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T

    /// Runs a write of a bounded number of rows found through indexes — one message recorded,
    /// one contact created — atomically, as ``write(_:)``. It takes tens of microseconds on
    /// SQLite, so an in-process engine whose commits do not wait for the disk may run it on the
    /// caller's thread (see ``DatabaseWorker/runIndexedWrite(_:_:)``). Anything that may take
    /// longer — a batch, a scan — goes to ``write(_:)``.
    @discardableResult
    func indexedWrite<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T

    /// ``indexedWrite(_:)`` for a single statement, perhaps followed by reads, as
    /// ``writeStatement(_:)``: a status moved, a counter reset.
    @discardableResult
    func indexedWriteStatement<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T

    /// Runs statements that change data, atomically: all of `body` or none of it.
    @discardableResult
    func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T

    /// Runs a write that is a single statement (perhaps followed by reads), which the engine
    /// makes atomic by itself: no `BEGIN`/`COMMIT`, so one round trip instead of three.
    @discardableResult
    func writeStatement<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T
}

/// Statements on pooled connections: reads on the reader pool, writes in a transaction on
/// the writer pool (for PostgreSQL both are the same pool).
package struct PoolExecutor<Connection: SQLConnection>: SQLExecutor {
    package let writers: ConnectionPool<Connection>
    package let readers: ConnectionPool<Connection>

    package init(writers: ConnectionPool<Connection>, readers: ConnectionPool<Connection>) {
        self.writers = writers
        self.readers = readers
    }

    package func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await readers.withLiveConnection { worker in
            try await worker.run { connection in try connection.reading { try body(connection) } }
        }
    }

    package func indexedRead<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await readers.withLiveConnection { worker in
            try await worker.runIndexedRead(body)
        }
    }

    @discardableResult
    package func indexedWrite<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await writers.withLiveConnection { try await $0.runIndexedWrite(.write, body) }
    }

    @discardableResult
    package func indexedWriteStatement<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await writers.withLiveConnection { try await $0.runIndexedWrite(.statement, body) }
    }

    @discardableResult
    package func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await writers.withLiveConnection { worker in
            try await worker.run { connection in try connection.inTransaction { try body(connection) } }
        }
    }

    @discardableResult
    package func writeStatement<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await writers.withLiveConnection { try await $0.run(body) }
    }
}

/// Statements inside an open transaction. Each write is a savepoint, so a write that fails
/// (a validation-proof conflict, say) undoes only itself and the transaction can go on.
package struct TransactionExecutor<Connection: SQLConnection>: SQLExecutor {
    package let worker: DatabaseWorker<Connection>

    package init(worker: DatabaseWorker<Connection>) {
        self.worker = worker
    }

    package func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await worker.run(body)
    }

    /// The transaction's connection serves every statement of the transaction on its thread.
    package func indexedRead<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await worker.run(body)
    }

    /// The transaction's connection serves every statement of the transaction on its thread.
    @discardableResult
    package func indexedWrite<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await write(body)
    }

    @discardableResult
    package func indexedWriteStatement<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await write(body)
    }

    @discardableResult
    package func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await worker.run { connection in try connection.inSavepoint { try body(connection) } }
    }

    /// Inside a transaction a failed statement would abort it (PostgreSQL), so even a single
    /// statement gets its savepoint.
    @discardableResult
    package func writeStatement<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await write(body)
    }
}
