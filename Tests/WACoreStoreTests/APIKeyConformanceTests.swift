import Foundation
import Testing
import WACore

@Suite struct APIKeyConformanceTests {
    @Test(arguments: Backend.available)
    func createFindListAndRevoke(backend: Backend) async throws {
        try await withStore(backend) { store in
            let key = try await store.apiKeys.create(Fixture.key(expiresAtOffset: 86_400))
            #expect(try await store.apiKeys.find(id: key.id) == key)
            #expect(try await store.apiKeys.find(keyHash: key.keyHash) == key)
            let other = try await store.apiKeys.create(Fixture.key(name: "reports", hash: String(repeating: "cd", count: 32)))
            #expect(Set(try await store.apiKeys.list(page: .first()).items.map(\.id)) == [key.id, other.id])
            #expect(try await store.apiKeys.delete(id: key.id))
            #expect(try await store.apiKeys.delete(id: key.id) == false)
            #expect(try await store.apiKeys.find(keyHash: key.keyHash) == nil)
            #expect(try await store.apiKeys.list(page: .first()).items.map(\.id) == [other.id])
        }
    }

    @Test(arguments: Backend.available)
    func hashesAreUniqueAmongLiveKeys(backend: Backend) async throws {
        try await withStore(backend) { store in
            let key = try await store.apiKeys.create(Fixture.key())
            await #expect { try await store.apiKeys.create(Fixture.key(name: "copy")) } throws: {
                ($0 as? StoreError)?.code == .conflict
            }
            _ = try await store.apiKeys.delete(id: key.id)
            _ = try await store.apiKeys.create(Fixture.key(name: "reissued"))
            await #expect(throws: ValidationError.self) { try await store.apiKeys.create(APIKey(keyHash: "", name: "")) }
        }
    }
}

extension Fixture {
    static func key(expiresAtOffset seconds: TimeInterval) -> APIKey {
        var key = Fixture.key()
        key.expiresAt = Timestamp.normalized(Date().addingTimeInterval(seconds))
        key.lastUsedAt = Timestamp.now()
        return key
    }
}
