/// Why a token was refused. Every reason should become the same HTTP 401 for the client;
/// the reason is for your logs and metrics. The token itself is never part of the error.
public struct APIKeyAuthenticationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why the token was refused.
    public enum Reason: String, Sendable, Hashable {
        /// Not a WACore token: wrong prefix, length, characters or checksum.
        case malformed
        /// Well-formed, but no key has this token.
        case unknown
        /// The key was revoked.
        case revoked
        /// The key's `expires_at` has passed.
        case expired
    }

    /// Why the token was refused.
    public var reason: Reason

    /// Creates an error for `reason`.
    public init(_ reason: Reason) {
        self.reason = reason
    }

    public var description: String { "API key refused: \(reason.rawValue)" }
}
