/// An error from a store: a small set of codes a caller can act on, the engine's own code
/// attached, and a description that is safe to log.
///
/// The description never contains bound values, connection strings or passwords. Match on
/// ``code``:
/// ```swift
/// catch let error as StoreError where error.code == .conflict { ... }
/// catch let error as StoreError where error.isRetryable { ... retry ... }
/// ```
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is. Extensible: new codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The code's name, e.g. `conflict`.
        public let name: String
        /// Creates a code; the library's own are the static members below.
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        /// A unique constraint was violated: the id, phone, template name or key already exists.
        public static let conflict = Code("conflict")
        /// The row to change does not exist (or is soft-deleted).
        public static let notFound = Code("notFound")
        /// The database refused the values (CHECK or NOT NULL constraint): validation was bypassed.
        public static let invalid = Code("invalid")
        /// The database cannot be reached, is busy or the connection broke. Retryable.
        public static let unavailable = Code("unavailable")
        /// The transaction lost a serialization race or deadlock. Retryable.
        public static let serialization = Code("serialization")
        /// Waiting for a connection or a statement took longer than configured. Retryable.
        public static let timeout = Code("timeout")
        /// The calling task was cancelled and the query with it.
        public static let cancelled = Code("cancelled")
        /// A migration failed or the schema is marked dirty.
        public static let migration = Code("migration")
        /// The store has been closed.
        public static let closed = Code("closed")
        /// Any other database error; see ``StoreError/engineCode``.
        public static let database = Code("database")

        /// Matches an error against a code: `catch StoreError.Code.conflict { ... }`.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? StoreError)?.code == code
        }
    }

    /// What kind of failure this is.
    public var code: Code
    /// A message safe to log: no bound values, no credentials.
    public var message: String
    /// The engine's own code: a PostgreSQL SQLSTATE (`23505`) or a SQLite extended result code (`2067`).
    public var engineCode: String?
    /// The violated constraint or index, when the engine names it.
    public var constraint: String?

    /// Creates an error. `message` must be safe to log: no bound values, no credentials.
    public init(_ code: Code, _ message: String, engineCode: String? = nil, constraint: String? = nil) {
        self.code = code
        self.message = message
        self.engineCode = engineCode
        self.constraint = constraint
    }

    /// Whether the same operation may succeed if tried again.
    public var isRetryable: Bool {
        code == .unavailable || code == .serialization || code == .timeout
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let engineCode { text += " [\(engineCode)]" }
        return text
    }
}
