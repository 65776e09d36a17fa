import Foundation
import Testing
import WACore

@Suite struct TransactionConformanceTests {
    @Test(arguments: Backend.available)
    func aTransactionCommitsAcrossRepositories(backend: Backend) async throws {
        try await withStore(backend) { store in
            let template = try await store.transaction { tx in
                let template = try await tx.templates.create(Fixture.template())
                let body = try template.render(["Ana", "A-1"])
                _ = try await tx.messages.record(
                    Message(
                        phone: Fixture.phone, direction: .outbound, type: .template, content: body,
                        metadata: ["template_name": .string(template.name)]))
                return template
            }
            #expect(try await store.templates.find(id: template.id) != nil)
            #expect(try await store.messages.list(MessageFilter(templateName: template.name), page: .first()).items.count == 1)
        }
    }

    @Test(arguments: Backend.available)
    func aThrowingTransactionLeavesNothing(backend: Backend) async throws {
        struct Abort: Error {}
        try await withStore(backend) { store in
            await #expect(throws: Abort.self) {
                try await store.transaction { tx in
                    _ = try await tx.templates.create(Fixture.template())
                    _ = try await tx.messages.record(Fixture.text())
                    throw Abort()
                }
            }
            #expect(try await store.templates.find(name: "order_update") == nil)
            #expect(try await store.contacts.find(phone: Fixture.phone) == nil)
            #expect(try await store.messages.statistics().total == 0)
            // The connection is usable afterwards.
            _ = try await store.messages.record(Fixture.text())
        }
    }

    @Test(arguments: Backend.available)
    func aFailedStepUndoesOnlyItself(backend: Backend) async throws {
        try await withStore(backend) { store in
            try await store.transaction { tx in
                _ = try await tx.templates.create(Fixture.template())
                do {
                    _ = try await tx.templates.create(Fixture.template())
                    Issue.record("a duplicate name must conflict")
                } catch let error as StoreError {
                    #expect(error.code == .conflict)
                }
                _ = try await tx.messages.record(Fixture.text())
            }
            #expect(try await store.templates.find(name: "order_update") != nil)
            #expect(try await store.messages.statistics().total == 1)
        }
    }
}
