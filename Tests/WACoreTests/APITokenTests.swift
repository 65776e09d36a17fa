import Foundation
import Testing
import WACore

@Suite struct APITokenTests {
    @Test func tokensAreWellFormedUniqueAndURLSafe() {
        let tokens = (0..<200).map { _ in APIToken.generate() }
        #expect(Set(tokens).count == tokens.count)
        for token in tokens {
            #expect(token.count == APIToken.length && token.hasPrefix("wak_"))
            #expect(token.utf8.allSatisfy { $0 == UInt8(ascii: "_") || ($0 < 128 && Character(UnicodeScalar($0)).isLetter) || ($0 >= 48 && $0 <= 57) })
            #expect(APIToken.isWellFormed(token))
        }
    }

    @Test func everyOneCharacterChangeIsCaughtByTheChecksumOrShape() {
        let token = APIToken.generate()
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        var chars = Array(token)
        var caught = 0, tried = 0
        for index in chars.indices {
            let original = chars[index]
            for replacement in alphabet.prefix(8) where replacement != original {
                chars[index] = replacement
                tried += 1
                if !APIToken.isWellFormed(String(chars)) { caught += 1 }
            }
            chars[index] = original
        }
        #expect(caught == tried)
        #expect(!APIToken.isWellFormed(String(token.dropLast())))
        #expect(!APIToken.isWellFormed(token + "a"))
    }

    @Test func theHashIsHexSHA256() {
        #expect(APIToken.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(APIToken.constantTimeEquals("abc", "abc") && !APIToken.constantTimeEquals("abc", "abd") && !APIToken.constantTimeEquals("abc", "ab"))
    }

    @Test(arguments: ["", "wak_", "'; DROP TABLE api_keys; --", "wak_\u{0}", String(repeating: "a", count: 100_000),
                      APIToken.hash("x"), "WAK_" + String(APIToken.generate().dropFirst(4))])
    func hostileInputIsMalformed(token: String) {
        #expect(!APIToken.isWellFormed(token))
    }

    @Test func scopesAndWildcards() {
        let key = APIKey(keyHash: "h", name: "n", permissions: ["messages:*", "contacts:read"])
        #expect(key.allows("messages:send") && key.allows("messages:read") && key.allows("contacts:read"))
        #expect(!key.allows("contacts:write") && !key.allows("templates:manage"))
        #expect(APIKey(keyHash: "h", name: "n", permissions: ["*"]).allows("keys:manage"))
        #expect(!APIKey(keyHash: "h", name: "n", permissions: []).allows("messages:read"))
        for valid in ["*", "messages:*", "templates:manage", "stats:read"] { #expect(APIScope.isValid(valid)) }
        for invalid in ["message:send", "messages", "messages:delete", "*:*", "", "bogus:*"] { #expect(!APIScope.isValid(invalid)) }
        #expect {
            try APIKey(keyHash: "h", name: "n", permissions: ["messages:read", "message:send"]).validated()
        } throws: { ($0 as? ValidationError)?.fields == ["permissions[1]"] }
    }

    @Test func issuedKeysAndKeysNeverPrintSecrets() {
        let token = APIToken.generate()
        let key = APIKey(keyHash: APIToken.hash(token), name: "billing")
        let issued = IssuedAPIKey(key: key, token: token)
        for text in ["\(issued)", "\(key)", String(describing: issued), String(describing: key)] {
            #expect(!text.contains(token) && !text.contains(key.keyHash))
        }
    }
}

@Suite struct RateLimiterTests {
    /// A clock the test moves by hand.
    final class ManualClock: @unchecked Sendable {
        private let lock = NSLock()
        private var instant = ContinuousClock.now
        var now: ContinuousClock.Instant { lock.withLock { instant } }
        func advance(_ duration: Duration) { lock.withLock { instant += duration } }
    }

    @Test func aConcurrentBurstAdmitsExactlyTheLimit() async {
        let clock = ManualClock()
        let limiter = TokenBucketRateLimiter(now: { clock.now })
        let key = APIKey(keyHash: "h", name: "burst", rateLimit: 100)
        let admitted = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<500 { group.addTask { await limiter.acquire(for: key).isAllowed } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(admitted == 100)
    }

    @Test func deniedRequestsLearnWhenToRetryAndTheBucketRefills() {
        let clock = ManualClock()
        let limiter = TokenBucketRateLimiter(now: { clock.now })
        for _ in 0..<3600 { #expect(limiter.decide(keyID: "k", perHour: 3600).isAllowed) }
        let denied = limiter.decide(keyID: "k", perHour: 3600)
        #expect(!denied.isAllowed && denied.retryAfter > .zero && denied.retryAfter <= .seconds(1))
        clock.advance(.seconds(1))
        #expect(limiter.decide(keyID: "k", perHour: 3600).isAllowed)
        #expect(!limiter.decide(keyID: "k", perHour: 3600).isAllowed)
        #expect(limiter.decide(keyID: "other", perHour: 1).isAllowed)  // keys are independent
        clock.advance(.seconds(7200))
        #expect(limiter.decide(keyID: "k", perHour: 3600).remaining == 3599)  // refills only to capacity
    }
}
