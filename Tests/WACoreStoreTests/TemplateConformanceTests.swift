import Foundation
import Testing
import WACore

@Suite struct TemplateConformanceTests {
    @Test(arguments: Backend.available)
    func createFindAndRender(backend: Backend) async throws {
        try await withStore(backend) { store in
            let created = try await store.templates.create(Fixture.template())
            #expect(try await store.templates.find(name: "order_update") == created)
            #expect(try await store.templates.find(id: created.id) == created)
            let stored = try #require(try await store.templates.find(name: "order_update"))
            #expect(try stored.render(["Ana", "A-1042"]) == "Hi Ana, your order A-1042 has shipped.")
            #expect(throws: TemplateRenderError(missing: ["2"], extra: [])) { try stored.render(["Ana"]) }
        }
    }

    @Test(arguments: Backend.available)
    func liveNamesAreUniqueAndDeletedNamesReusable(backend: Backend) async throws {
        try await withStore(backend) { store in
            let first = try await store.templates.create(Fixture.template())
            await #expect { try await store.templates.create(Fixture.template()) } throws: { ($0 as? StoreError)?.code == .conflict }
            #expect(try await store.templates.delete(id: first.id))
            #expect(try await store.templates.find(name: "order_update") == nil)
            let second = try await store.templates.create(Fixture.template())
            #expect(try await store.templates.find(name: "order_update") == second)
            // The first cannot come back while its name is taken.
            await #expect { try await store.templates.restore(id: first.id) } throws: { ($0 as? StoreError)?.code == .conflict }
            _ = try await store.templates.delete(id: second.id)
            #expect(try await store.templates.restore(id: first.id).id == first.id)
            #expect(try await store.templates.purge(deletedBefore: Date().addingTimeInterval(60)) == 1)
            await #expect { try await store.templates.restore(id: second.id) } throws: { ($0 as? StoreError)?.code == .notFound }
        }
    }

    @Test(arguments: Backend.available)
    func listFiltersByStatusAndCategory(backend: Backend) async throws {
        try await withStore(backend) { store in
            let a = try await store.templates.create(Fixture.template(name: "a", status: .approved, category: "UTILITY"))
            let b = try await store.templates.create(Fixture.template(name: "b", status: .pending, category: "MARKETING"))
            let c = try await store.templates.create(Fixture.template(name: "c", status: .approved, category: "MARKETING"))
            #expect(Set(try await store.templates.list(status: .approved).items.map(\.id)) == [a.id, c.id])
            #expect(Set(try await store.templates.list(category: "MARKETING").items.map(\.id)) == [b.id, c.id])
            #expect(try await store.templates.list(status: .approved, category: "MARKETING").items.map(\.id) == [c.id])
            let page = try await store.templates.list(status: nil, category: nil, page: .first(2))
            #expect(page.items.count == 2 && page.next != nil)
            let rest = try await store.templates.list(status: nil, category: nil, page: PageRequest(limit: 2, after: page.next))
            #expect(Set((page.items + rest.items).map(\.id)) == [a.id, b.id, c.id])
            #expect(rest.next == nil)
        }
    }

    @Test(arguments: Backend.available)
    func statusAndContentUpdates(backend: Backend) async throws {
        try await withStore(backend) { store in
            let created = try await store.templates.create(Fixture.template(status: .pending))
            let approved = try await store.templates.updateStatus(id: created.id, status: .approved)
            #expect(approved.status == .approved)
            let edited = try await store.templates.updateContent(id: created.id, content: "Hello {{name}}", parameters: ["name"])
            #expect(edited.status == .pending && edited.content == "Hello {{name}}" && edited.parameters == ["name"])
            #expect(try edited.render(named: ["name": "Li"]) == "Hello Li")
            #expect(try await store.templates.find(id: created.id) == edited)
            await #expect(throws: ValidationError.self) {
                try await store.templates.updateContent(id: created.id, content: "Hi {{1}} {{3}}", parameters: [])
            }
            await #expect { try await store.templates.updateStatus(id: "tmpl_missing", status: .approved) } throws: {
                ($0 as? StoreError)?.code == .notFound
            }
        }
    }
}
