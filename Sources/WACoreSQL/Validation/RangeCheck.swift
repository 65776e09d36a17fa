import WACore

/// Collects every setting or argument out of range — of a store's configuration, or of a
/// call such as `migrateDown(steps:)` — so the store refuses it with one
/// ``WACore/ValidationError`` naming each, before it opens a file or a connection or runs
/// anything. A negative timeout or count would otherwise change meaning quietly (SQLite's busy
/// handler turns off, a wait fails at once, polling stops, nothing is reverted).
package struct RangeCheck {
    private var issues: [ValidationError.Issue] = []

    package init() {}

    /// Records `field` as failing for `reason` unless `holds`.
    package mutating func require(_ holds: Bool, _ field: String, _ reason: String) {
        if !holds { issues.append(.init(field: field, reason: reason)) }
    }

    package mutating func notNegative(_ value: Duration, _ field: String) {
        require(value >= .zero, field, "must not be negative")
    }

    package mutating func notNegative(_ value: Int, _ field: String) {
        require(value >= 0, field, "must not be negative")
    }

    package mutating func atLeastOne(_ value: Int, _ field: String) {
        require(value >= 1, field, "must be at least 1")
    }

    /// - Throws: ``WACore/ValidationError`` with the failing settings, in the order checked.
    package func finish() throws(ValidationError) {
        guard issues.isEmpty else { throw ValidationError(issues: issues) }
    }

    /// Checks a call's one argument.
    /// - Throws: ``WACore/ValidationError`` naming `field` when `value` is negative.
    package static func notNegative(_ value: Duration, _ field: String) throws(ValidationError) {
        try single { $0.notNegative(value, field) }
    }

    /// Checks a call's one argument.
    /// - Throws: ``WACore/ValidationError`` naming `field` when `value` is negative.
    package static func notNegative(_ value: Int, _ field: String) throws(ValidationError) {
        try single { $0.notNegative(value, field) }
    }

    private static func single(_ record: (inout RangeCheck) -> Void) throws(ValidationError) {
        var check = RangeCheck()
        record(&check)
        try check.finish()
    }
}
