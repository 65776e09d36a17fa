import Foundation

/// Input that failed validation: every failing field at once, so a caller can report them
/// all. Nothing is written when a store throws this.
///
/// ```swift
/// do { try await store.messages.record(message) }
/// catch let error as ValidationError {
///     for issue in error.issues { print(issue.field, issue.reason) }
/// }
/// ```
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One failing field.
    public struct Issue: Sendable, Hashable, CustomStringConvertible {
        /// The field's JSON name, e.g. `phone` or `metadata.template_name`.
        public var field: String
        /// Why it failed, in words safe to show (the rejected value is never repeated).
        public var reason: String

        /// Creates an issue for `field` (its JSON name) and why it failed.
        public init(field: String, reason: String) {
            self.field = field
            self.reason = reason
        }

        public var description: String { "\(field): \(reason)" }
    }

    /// The failing fields, in field order.
    public var issues: [Issue]

    /// Creates an error from the failing fields.
    public init(issues: [Issue]) {
        self.issues = issues
    }

    /// The names of the failing fields.
    public var fields: [String] { issues.map(\.field) }

    public var description: String {
        "validation failed: " + issues.map(\.description).joined(separator: "; ")
    }
}

/// Collects issues while a model is checked, then throws them together.
struct Validator {
    private(set) var issues: [ValidationError.Issue] = []

    mutating func fail(_ field: String, _ reason: String) {
        issues.append(.init(field: field, reason: reason))
    }

    mutating func check(_ condition: Bool, _ field: String, _ reason: @autoclosure () -> String) {
        if !condition { fail(field, reason()) }
    }

    /// Length in characters, NUL bytes (PostgreSQL text cannot hold them), emptiness.
    mutating func text(_ value: String?, _ field: String, max: Int, required: Bool = false) {
        guard let value else {
            if required { fail(field, "is required") }
            return
        }
        if required, value.isEmpty {
            fail(field, "must not be empty")
        } else if Validator.containsNUL(value) {
            fail(field, "must not contain NUL characters")
        } else if value.utf8.count > max, value.count > max {
            // A character is at least one byte: only text with more bytes than `max` can have
            // too many characters, and only that is worth counting them (a walk over every
            // grapheme) — on every message written.
            fail(field, "must be at most \(max) characters")
        }
    }

    /// Whether `text` holds a NUL byte, found with `memchr` over its UTF-8 in place.
    static func containsNUL(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false
        } ?? text.utf8.contains(0)
    }

    /// JSON values: no NUL in any key or string (PostgreSQL's jsonb rejects `\u0000`), finite numbers.
    mutating func json(_ object: JSONObject?, _ field: String) {
        guard let object else { return }
        if !Validator.isStorable(.object(object)) {
            fail(field, "must not contain NUL characters or non-finite numbers")
        }
    }

    static func isStorable(_ value: JSONValue) -> Bool {
        switch value {
        case .null, .bool: true
        case .number(let number): number.isFinite
        case .string(let string): !containsNUL(string)
        case .array(let items): items.allSatisfy(isStorable)
        case .object(let members): members.allSatisfy { !containsNUL($0.key) && isStorable($0.value) }
        }
    }

    mutating func id(_ id: String, prefix: String) {
        check(EntityID.isValid(id, prefix: prefix), "id", "must be \"\(prefix)_\" followed by letters, digits, - or _ (at most 255 characters)")
    }

    /// Normalizes a phone in place, or records why it cannot be.
    mutating func phone(_ phone: inout String, _ field: String = "phone") {
        if let canonical = PhoneNumber.normalize(phone) {
            phone = canonical
        } else {
            fail(field, PhoneNumber.invalidReason)
        }
    }

    func finish() throws(ValidationError) {
        if !issues.isEmpty { throw ValidationError(issues: issues) }
    }
}
