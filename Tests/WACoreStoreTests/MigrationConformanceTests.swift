import Testing
import WACore

@Suite struct MigrationConformanceTests {
    @Test(arguments: Backend.available)
    func downThenUpLeavesTheSameSchema(backend: Backend) async throws {
        try await withStore(backend) { store in
            let migrated = try await backend.schema(of: store)
            let status = try await store.migrationStatus()
            #expect(status.pending.isEmpty && !status.isDirty && status.migrations.count >= 4)
            #expect(status.currentVersion == status.migrations.last?.version)

            let reverted = try await store.migrateDown(steps: status.migrations.count)
            #expect(reverted == status.migrations.map(\.version).reversed())
            let empty = try await store.migrationStatus()
            #expect(empty.currentVersion == nil && empty.pending.count == status.migrations.count)

            #expect(try await store.migrate() == status.migrations.map(\.version))
            #expect(try await backend.schema(of: store) == migrated)
            #expect(try await store.migrate().isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func partialDownAndUpAgain(backend: Backend) async throws {
        try await withStore(backend) { store in
            let migrated = try await backend.schema(of: store)
            let before = try await store.migrationStatus()
            #expect(try await store.migrateDown(steps: 1).count == 1)
            #expect(try await store.migrationStatus().pending.count == 1)
            #expect(try await store.migrate().count == 1)
            #expect(try await store.migrationStatus() == before)
            #expect(try await backend.schema(of: store) == migrated)
        }
    }

    @Test(arguments: Backend.available)
    func negativeStepsAreRefusedAndNothingIsReverted(backend: Backend) async throws {
        try await withStore(backend) { store in
            let before = try await store.migrationStatus()
            await #expect { try await store.migrateDown(steps: -1) } throws: {
                ($0 as? ValidationError)?.fields == ["steps"]
            }
            #expect(try await store.migrateDown(steps: 0).isEmpty)
            #expect(try await store.migrationStatus() == before)
        }
    }
}
