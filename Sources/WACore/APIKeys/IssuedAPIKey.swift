/// A newly issued key and its plaintext token. The token exists only here: show it to the
/// user once; WACore stores only its hash and cannot show it again.
public struct IssuedAPIKey: Sendable, CustomStringConvertible {
    /// The stored key.
    public let key: APIKey
    /// The plaintext token.
    public let token: String

    /// Pairs a stored key with its plaintext token (``APIKeyRepository`` issues these).
    public init(key: APIKey, token: String) {
        self.key = key
        self.token = token
    }

    /// Never includes the token, so printing or logging an `IssuedAPIKey` leaks nothing.
    public var description: String { "IssuedAPIKey(id: \(key.id), name: \(key.name))" }
}

extension APIKey: CustomStringConvertible {
    /// Never includes the hash.
    public var description: String {
        "APIKey(id: \(id), name: \(name), permissions: \(permissions), rateLimit: \(rateLimit)/h)"
    }
}
