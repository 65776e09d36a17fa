import Foundation
import Testing
import WACore

@Suite struct ContactConformanceTests {
    @Test(arguments: Backend.available)
    func getOrCreateIsIdempotentAcrossPhoneForms(backend: Backend) async throws {
        try await withStore(backend) { store in
            let created = try await store.contacts.getOrCreate(phone: "+1 (555) 123-4567", name: "Ana")
            #expect(created.phone == Fixture.phone && created.name == "Ana" && created.messageCount == 0)
            let again = try await store.contacts.getOrCreate(phone: "001 555 123 4567", name: "Someone else")
            #expect(again == created)
            #expect(try await store.contacts.find(phone: "15551234567") == created)
            #expect(try await store.contacts.find(id: created.id) == created)
            await #expect(throws: ValidationError.self) { try await store.contacts.getOrCreate(phone: "call me") }
        }
    }

    @Test(arguments: Backend.available)
    func updateChangesProfileFieldsOnly(backend: Backend) async throws {
        try await withStore(backend) { store in
            _ = try await store.messages.record(Fixture.text())
            var contact = try #require(try await store.contacts.find(phone: Fixture.phone))
            contact.name = "Ana María"
            contact.profilePictureURL = "https://pps.whatsapp.net/v/ana.jpg"
            contact.metadata = ["tier": "gold", "orders": 12]
            contact.messageCount = 999  // the store's, not the caller's
            let updated = try await store.contacts.update(contact)
            #expect(updated.name == "Ana María" && updated.metadata?["tier"] == "gold")
            #expect(updated.messageCount == 1)
            #expect(updated.updatedAt >= contact.updatedAt)
            #expect(try await store.contacts.find(id: contact.id) == updated)

            var ghost = Contact(phone: Fixture.otherPhone)
            ghost.name = "Nobody"
            await #expect { try await store.contacts.update(ghost) } throws: { ($0 as? StoreError)?.code == .notFound }
        }
    }

    @Test(arguments: Backend.available)
    func listPagesByMostRecentConversation(backend: Backend) async throws {
        try await withStore(backend) { store in
            let phones = (0..<7).map { "+1555000000\($0)" }
            for (index, phone) in phones.enumerated() {
                _ = try await store.messages.record(Fixture.text(phone: phone, at: Fixture.date(index)))
            }
            let silent = try await store.contacts.getOrCreate(phone: "+15559999999", name: "Never wrote")
            var seen: [Contact] = []
            var page = try await store.contacts.list(page: .first(3))
            seen += page.items
            while let next = page.next {
                page = try await store.contacts.list(page: PageRequest(limit: 3, after: next))
                seen += page.items
            }
            #expect(seen.map(\.phone) == phones.reversed() + [silent.phone])
        }
    }

    @Test(arguments: Backend.available)
    func searchMatchesNameAndPhoneOfLiveContacts(backend: Backend) async throws {
        try await withStore(backend) { store in
            let ana = try await store.contacts.getOrCreate(phone: Fixture.phone, name: "Ana Lucia Ferreira")
            let bob = try await store.contacts.getOrCreate(phone: Fixture.otherPhone, name: "Bob Stone")
            #expect(try await store.contacts.search("ferreira", limit: 10).map(\.id) == [ana.id])
            #expect(try await store.contacts.search("Bob", limit: 10).map(\.id) == [bob.id])
            #expect(try await store.contacts.search(Fixture.otherPhone, limit: 10).map(\.id) == [bob.id])
            #expect(try await store.contacts.search("nobody", limit: 10).isEmpty)
            _ = try await store.contacts.delete(id: bob.id)
            #expect(try await store.contacts.search("Bob", limit: 10).isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func markReadClearsTheUnreadCount(backend: Backend) async throws {
        try await withStore(backend) { store in
            _ = try await store.messages.record(contentsOf: [Fixture.text(), Fixture.text(), Fixture.text(direction: .outbound)])
            let contact = try #require(try await store.contacts.find(phone: Fixture.phone))
            #expect(contact.unreadCount == 2)
            let read = try await store.contacts.markRead(id: contact.id)
            #expect(read.unreadCount == 0 && read.messageCount == 3)
            await #expect { try await store.contacts.markRead(id: "contact_missing") } throws: { ($0 as? StoreError)?.code == .notFound }
        }
    }

    @Test(arguments: Backend.available)
    func softDeleteRestoreAndPurge(backend: Backend) async throws {
        try await withStore(backend) { store in
            let contact = try await store.contacts.getOrCreate(phone: Fixture.phone, name: "Ana")
            #expect(try await store.contacts.delete(id: contact.id))
            #expect(try await store.contacts.delete(id: contact.id) == false)
            #expect(try await store.contacts.find(id: contact.id) == nil)
            #expect(try await store.contacts.list(page: .first()).items.isEmpty)

            let restored = try await store.contacts.restore(id: contact.id)
            #expect(restored.id == contact.id && restored.deletedAt == nil && restored.name == "Ana")
            await #expect { try await store.contacts.restore(id: contact.id) } throws: { ($0 as? StoreError)?.code == .notFound }

            _ = try await store.contacts.delete(id: contact.id)
            #expect(try await store.contacts.purge(deletedBefore: Date().addingTimeInterval(-3600)) == 0)
            #expect(try await store.contacts.purge(deletedBefore: Date().addingTimeInterval(60)) == 1)
            await #expect { try await store.contacts.restore(id: contact.id) } throws: { ($0 as? StoreError)?.code == .notFound }
        }
    }

    @Test(arguments: Backend.available)
    func aPhoneStaysUniqueAmongLiveContacts(backend: Backend) async throws {
        try await withStore(backend) { store in
            let first = try await store.contacts.getOrCreate(phone: Fixture.phone)
            _ = try await store.contacts.delete(id: first.id)
            // Another row for the same phone, written around the repository, is refused while
            // the first is live again.
            let restored = try await store.contacts.getOrCreate(phone: Fixture.phone)
            #expect(restored.id == first.id)
            try await backend.insertRawContact(into: store, id: "contact_raw", phone: "+15550001111")
            await #expect {
                try await backend.insertRawContact(into: store, id: "contact_raw2", phone: "+15550001111")
            } throws: { ($0 as? StoreError)?.code == .conflict }
        }
    }

    @Test(arguments: Backend.available)
    func eraseRemovesTheContactAndEveryMessage(backend: Backend) async throws {
        try await withStore(backend) { store in
            _ = try await store.messages.record(contentsOf: [Fixture.text("secret one"), Fixture.text("secret two")])
            let other = try await store.messages.record(Fixture.text("keep me", phone: Fixture.otherPhone))
            let contact = try #require(try await store.contacts.find(phone: Fixture.phone))
            #expect(try await store.contacts.erase(id: contact.id) == 2)
            #expect(try await store.contacts.erase(id: contact.id) == nil)
            #expect(try await store.contacts.find(phone: Fixture.phone) == nil)
            #expect(try await store.messages.conversation(phone: Fixture.phone).items.isEmpty)
            #expect(try await store.messages.search("secret", limit: 10).isEmpty)
            #expect(try await store.messages.find(id: other.message.id) != nil)
            #expect(try await backend.allStoredText(of: store).allSatisfy { !$0.contains("secret") && $0 != Fixture.phone })
        }
    }
}
