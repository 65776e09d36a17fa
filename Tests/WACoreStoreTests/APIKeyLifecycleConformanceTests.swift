import Foundation
import Logging
import Testing
import WACore

/// Issuing, authenticating, scoping, expiring, rotating and revoking keys, on every backend.
@Suite struct APIKeyLifecycleConformanceTests {
    @Test(arguments: Backend.available)
    func anIssuedTokenAuthenticatesUntilRevoked(backend: Backend) async throws {
        try await withStore(backend) { store in
            let issued = try await store.apiKeys.create(name: "billing", permissions: ["messages:send", "contacts:*"], rateLimit: 500)
            #expect(issued.key.permissions == ["messages:send", "contacts:*"] && issued.key.rateLimit == 500)
            #expect(issued.key.keyHash == APIToken.hash(issued.token))
            let key = try await store.apiKeys.authenticate(token: issued.token)
            #expect(key.id == issued.key.id && key.allows("messages:send") && !key.allows("templates:manage"))
            #expect(key.lastUsedAt != nil)

            try await store.apiKeys.revoke(id: issued.key.id)
            await expectRefused(store, issued.token, .revoked)
            let other = try await store.apiKeys.create(name: "other", permissions: ["*"])
            _ = try await store.apiKeys.authenticate(token: other.token)
        }
    }

    @Test(arguments: Backend.available)
    func tamperedUnknownAndHostileTokensAreRefusedWithAReason(backend: Backend) async throws {
        try await withStore(backend) { store in
            let issued = try await store.apiKeys.create(name: "svc", permissions: ["messages:read"])
            var chars = Array(issued.token)
            chars[10] = chars[10] == "a" ? "b" : "a"
            await expectRefused(store, String(chars), .malformed)  // the checksum catches it
            await expectRefused(store, APIToken.generate(), .unknown)  // well-formed, never issued
            for hostile in ["", String(repeating: "x", count: 1_000_000), "wak_' OR 1=1 --", "wak_\u{0}\u{0}", issued.key.keyHash,
                            issued.token + "\u{0}", " " + issued.token] {
                await expectRefused(store, hostile, .malformed)
            }
            _ = try await store.apiKeys.authenticate(token: issued.token)
        }
    }

    @Test(arguments: Backend.available)
    func expiredKeysAreRefused(backend: Backend) async throws {
        try await withStore(backend) { store in
            let expiry = Timestamp.normalized(Date().addingTimeInterval(3600))
            let issued = try await store.apiKeys.create(name: "temp", permissions: ["stats:read"], expiresAt: expiry)
            _ = try await store.apiKeys.authenticate(token: issued.token, at: expiry.addingTimeInterval(-1))
            await #expect {
                try await store.apiKeys.authenticate(token: issued.token, at: expiry)
            } throws: { ($0 as? APIKeyAuthenticationError)?.reason == .expired }
        }
    }

    @Test(arguments: Backend.available)
    func unknownScopesAreRejectedAtCreation(backend: Backend) async throws {
        try await withStore(backend) { (store: any WAStore) async throws in
            await #expect {
                try await store.apiKeys.create(name: "typo", permissions: ["message:send"])
            } throws: { ($0 as? ValidationError)?.fields == ["permissions[0]"] }
            #expect(try await store.apiKeys.list(page: .first()).items.isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func theDatabaseAndTheLogsNeverHoldTheToken(backend: Backend) async throws {
        let recorder = LogRecorder()
        let (store, cleanup) = try await backend.openEmpty(logger: Logger(label: "capture") { _ in recorder })
        do {
            try await store.migrate()
            var tokens: [String] = []
            for name in ["a", "b", "c"] {
                let issued = try await store.apiKeys.create(name: name, permissions: ["*"])
                tokens.append(issued.token)
                _ = try await store.apiKeys.authenticate(token: issued.token)
            }
            let rotated = try await store.apiKeys.rotate(id: try #require(try await store.apiKeys.list(page: .first()).items.first).id, gracePeriod: .seconds(60))
            tokens.append(rotated.token)
            _ = try? await store.apiKeys.authenticate(token: APIToken.generate())
            let stored = try await backend.allStoredText(of: store)
            let logs = recorder.lines
            #expect(!logs.isEmpty, "the capture logs every statement")
            for token in tokens {
                let secret = String(token.dropFirst(APIToken.prefix.count).prefix(20))
                #expect(!stored.contains { $0.contains(secret) })
                #expect(!logs.contains { $0.contains(secret) })
            }
            #expect(try await store.apiKeys.list(page: .first()).items.allSatisfy { $0.keyHash.isEmpty })
        }
        try? await store.close()
        await cleanup()
    }

    @Test(arguments: Backend.available)
    func concurrentAuthenticationsWriteLastUsedOncePerMinute(backend: Backend) async throws {
        try await withStore(backend) { store in
            let issued = try await store.apiKeys.create(name: "busy", permissions: ["messages:read"])
            let t0 = Timestamp.normalized(Date().addingTimeInterval(10))
            let keys = try await withThrowingTaskGroup(of: APIKey.self) { group in
                for _ in 0..<16 { group.addTask { try await store.apiKeys.authenticate(token: issued.token, at: t0) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(keys.count == 16)
            #expect(try await store.apiKeys.find(id: issued.key.id)?.lastUsedAt == t0)
            _ = try await store.apiKeys.authenticate(token: issued.token, at: t0.addingTimeInterval(30))
            #expect(try await store.apiKeys.find(id: issued.key.id)?.lastUsedAt == t0)
            let t1 = t0.addingTimeInterval(61)
            _ = try await store.apiKeys.authenticate(token: issued.token, at: t1)
            #expect(try await store.apiKeys.find(id: issued.key.id)?.lastUsedAt == t1)

            // The write itself is conditional: of concurrent writers, exactly one wins.
            let t2 = t1.addingTimeInterval(120)
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<16 { group.addTask { try await store.apiKeys.markUsed(id: issued.key.id, at: t2, minimumInterval: .seconds(60)) } }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
        }
    }

    @Test(arguments: Backend.available)
    func rotationKeepsTheOldKeyForTheGracePeriodOnly(backend: Backend) async throws {
        try await withStore(backend) { store in
            let old = try await store.apiKeys.create(name: "deploy", permissions: ["templates:manage", "messages:send"], rateLimit: 42)
            let rotated = try await store.apiKeys.rotate(id: old.key.id, gracePeriod: .seconds(3600))
            #expect(rotated.key.id != old.key.id && rotated.token != old.token)
            #expect(rotated.key.name == "deploy" && rotated.key.permissions == old.key.permissions && rotated.key.rateLimit == 42)
            _ = try await store.apiKeys.authenticate(token: rotated.token)
            _ = try await store.apiKeys.authenticate(token: old.token)  // within the grace period
            await #expect {
                try await store.apiKeys.authenticate(token: old.token, at: Date().addingTimeInterval(3601))
            } throws: { ($0 as? APIKeyAuthenticationError)?.reason == .expired }
            _ = try await store.apiKeys.authenticate(token: rotated.token, at: Date().addingTimeInterval(3601))
            await #expect { try await store.apiKeys.rotate(id: "key_missing", gracePeriod: .zero) } throws: {
                ($0 as? StoreError)?.code == .notFound
            }
        }
    }

    @Test(arguments: Backend.available)
    func purgeRemovesLongExpiredAndRevokedKeys(backend: Backend) async throws {
        try await withStore(backend) { store in
            let revoked = try await store.apiKeys.create(name: "revoked", permissions: [])
            try await store.apiKeys.revoke(id: revoked.key.id)
            let expiring = try await store.apiKeys.create(
                name: "expiring", permissions: [], expiresAt: Timestamp.normalized(Date().addingTimeInterval(5)))
            let live = try await store.apiKeys.create(name: "live", permissions: [])
            #expect(try await store.apiKeys.purge(expiredOrRevokedBefore: Date().addingTimeInterval(-60)) == 0)
            #expect(try await store.apiKeys.purge(expiredOrRevokedBefore: Date().addingTimeInterval(60)) == 2)
            await expectRefused(store, revoked.token, .unknown)
            await expectRefused(store, expiring.token, .unknown)
            _ = try await store.apiKeys.authenticate(token: live.token)
        }
    }

    func expectRefused(
        _ store: any WAStore, _ token: String, _ reason: APIKeyAuthenticationError.Reason,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        await #expect(sourceLocation: sourceLocation) {
            try await store.apiKeys.authenticate(token: token)
        } throws: { error in
            (error as? APIKeyAuthenticationError)?.reason == reason && !"\(error)".contains(token.prefix(30))
        }
    }
}
