import Foundation

/// Whether a request may go ahead under its key's `rate_limit`.
public struct RateLimitDecision: Sendable, Hashable {
    /// Whether the request is admitted.
    public var isAllowed: Bool
    /// Requests left in the bucket after this one.
    public var remaining: Int
    /// How long until the next request would be admitted (zero when some remain).
    public var retryAfter: Duration

    /// Creates a decision (custom ``RateLimiter`` implementations return these).
    public init(isAllowed: Bool, remaining: Int, retryAfter: Duration) {
        self.isAllowed = isAllowed
        self.remaining = remaining
        self.retryAfter = retryAfter
    }
}

/// Decides whether a key may make another request. `APIKey.rateLimit` is requests per hour.
///
/// ``TokenBucketRateLimiter`` counts in this process. To share limits across instances,
/// implement this protocol over a shared counter (Redis `INCR` with `EXPIRE`, or a
/// PostgreSQL row updated with `UPDATE ... RETURNING`), or give each of N instances
/// `rateLimit / N` — see Documentation/APIKeys.md.
public protocol RateLimiter: Sendable {
    /// Takes one request from `key`'s allowance.
    func acquire(for key: APIKey) async -> RateLimitDecision
}

/// An in-process token bucket per key: holds up to `rateLimit` requests and refills at
/// `rateLimit` per hour, so a quiet key may burst to its full hourly allowance and a busy one
/// is held to its rate. Concurrent callers never exceed the limit: each decision is taken
/// under one lock.
public final class TokenBucketRateLimiter: RateLimiter, @unchecked Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]
    private let now: @Sendable () -> ContinuousClock.Instant

    /// - Parameter now: The clock (tests pass a manual one).
    public init(now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.now = now
    }

    /// Takes one request from `key`'s bucket: ``decide(keyID:perHour:)`` with its id and rate limit.
    public func acquire(for key: APIKey) async -> RateLimitDecision {
        decide(keyID: key.id, perHour: key.rateLimit)
    }

    /// The decision for one request, synchronously.
    public func decide(keyID: String, perHour limit: Int) -> RateLimitDecision {
        let capacity = Double(max(1, limit))
        let perSecond = capacity / 3600
        let instant = now()
        return lock.withLock {
            var bucket = buckets[keyID] ?? Bucket(tokens: capacity, updated: instant)
            let elapsed = bucket.updated.duration(to: instant).seconds
            bucket.tokens = min(capacity, bucket.tokens + max(0, elapsed) * perSecond)
            bucket.updated = instant
            defer { buckets[keyID] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return RateLimitDecision(isAllowed: true, remaining: Int(bucket.tokens), retryAfter: .zero)
            }
            let wait = (1 - bucket.tokens) / perSecond
            return RateLimitDecision(isAllowed: false, remaining: 0, retryAfter: .milliseconds(Int64((wait * 1000).rounded(.up))))
        }
    }

    /// Forgets a key's bucket (after revocation, say).
    public func reset(keyID: String) {
        _ = lock.withLock { buckets.removeValue(forKey: keyID) }
    }
}
