/// Permission scopes carried by API keys: `resource:action`, with `*` (everything) and
/// `resource:*` (every action on a resource) as wildcards.
public enum APIScope {
    /// Every scope WACore knows. Keys naming anything else are refused at creation, so a
    /// typo (`message:send`) cannot silently grant nothing.
    public static let known: Set<String> = [
        "messages:read", "messages:send", "messages:write",
        "contacts:read", "contacts:write",
        "templates:read", "templates:manage",
        "keys:manage", "stats:read",
    ]

    /// The resources of ``known`` (for `resource:*`).
    public static var resources: Set<String> { Set(known.compactMap { $0.split(separator: ":").first.map(String.init) }) }

    /// Whether `scope` may be stored in `permissions`.
    public static func isValid(_ scope: String) -> Bool {
        if scope == "*" || known.contains(scope) { return true }
        guard scope.hasSuffix(":*") else { return false }
        return resources.contains(String(scope.dropLast(2)))
    }

    /// Whether `granted` scopes allow `required` (a known scope such as `messages:send`).
    public static func allows(_ granted: [String], _ required: String) -> Bool {
        let resource = required.split(separator: ":").first.map(String.init) ?? required
        return granted.contains { $0 == "*" || $0 == required || $0 == resource + ":*" }
    }
}

extension APIKey {
    /// Whether this key's permissions allow `scope`, e.g. `key.allows("messages:send")`.
    public func allows(_ scope: String) -> Bool {
        APIScope.allows(permissions, scope)
    }
}
