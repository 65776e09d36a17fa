import Foundation
import Testing
import WACore

@Suite struct BadInputConformanceTests {
    static let hostile = [
        "'; DROP TABLE messages; --", "\" OR 1=1 --", "\\x00\\'", "%_%", "$1 $2 ?1 :name @p",
        "emoji 👩🏽‍💻🇧🇷 and RTL: مرحبا بالعالم שלום", "line\nbreak\r\ttab", "{{1}} {{name}}", "\u{202E}reversed",
    ]

    @Test(arguments: Backend.available)
    func hostileTextRoundTripsExactly(backend: Backend) async throws {
        try await withStore(backend) { store in
            for text in Self.hostile {
                let message = Message(
                    phone: Fixture.phone, direction: .inbound, type: .text, content: text, errorMessage: text,
                    metadata: [text: .string(text), "list": [.string(text)]])
                let recorded = try await store.messages.record(message)
                #expect(try await store.messages.find(id: message.id) == recorded.message)
                #expect(recorded.message.content == text)

                var contact = try #require(recorded.contact)
                contact.name = String(text.prefix(255))
                #expect(try await store.contacts.update(contact).name == contact.name)
                #expect(try await store.contacts.find(id: contact.id)?.name == contact.name)
            }
            #expect(try await store.messages.statistics().total == Self.hostile.count)
        }
    }

    @Test(arguments: Backend.available)
    func largeValuesRoundTripAndOversizedOnesAreRefused(backend: Backend) async throws {
        try await withStore(backend) { store in
            let tenKB = String(repeating: "ç", count: 10_240)
            let message = Message(
                phone: Fixture.phone, direction: .outbound, type: .document, content: nil, mediaURL: "https://x/y.pdf",
                caption: String(repeating: "🙂", count: 1024), errorMessage: tenKB, metadata: ["blob": .string(tenKB)])
            let recorded = try await store.messages.record(message)
            #expect(try await store.messages.find(id: message.id) == recorded.message)

            await #expect { try await store.messages.record(Fixture.text(tenKB)) } throws: {
                ($0 as? ValidationError)?.fields == ["content"]
            }
            await #expect { try await store.contacts.getOrCreate(phone: Fixture.otherPhone, name: tenKB) } throws: {
                ($0 as? ValidationError)?.fields == ["name"]
            }
            #expect(try await store.messages.statistics().total == 1)
            #expect(try await store.contacts.find(phone: Fixture.otherPhone) == nil)
        }
    }

    @Test(arguments: Backend.available)
    func nulIsRefusedBeforeAnythingIsWritten(backend: Backend) async throws {
        try await withStore(backend) { store in
            await #expect { try await store.messages.record(Fixture.text("a\u{0}b")) } throws: {
                ($0 as? ValidationError)?.fields == ["content"]
            }
            await #expect(throws: ValidationError.self) {
                try await store.messages.record(
                    Message(phone: Fixture.phone, direction: .inbound, type: .text, content: "ok", metadata: ["k\u{0}": 1]))
            }
            await #expect(throws: ValidationError.self) {
                try await store.templates.create(Template(name: "t", language: "en", category: "U", content: "a\u{0}"))
            }
            let total = try await store.messages.statistics().total
            let contact = try await store.contacts.find(phone: Fixture.phone)
            #expect(total == 0 && contact == nil)
        }
    }

    @Test(arguments: Backend.available)
    func hostileLookupsFindNothingAndBreakNothing(backend: Backend) async throws {
        try await withStore(backend) { store in
            _ = try await store.messages.record(Fixture.text())
            for text in Self.hostile {
                #expect(try await store.messages.find(id: text) == nil)
                #expect(try await store.messages.find(whatsAppMessageID: text) == nil)
                #expect(try await store.templates.find(name: text) == nil)
                #expect(try await store.apiKeys.find(keyHash: text) == nil)
                _ = try await store.messages.search(text, limit: 5)
                _ = try await store.contacts.search(text, limit: 5)
                await #expect(throws: ValidationError.self) { try await store.contacts.find(phone: text) }
            }
            #expect(try await store.messages.statistics().total == 1)
        }
    }

    /// A negative duration would quietly mean something else (a cutoff in the future, a grace
    /// period already over): it is refused, naming the argument, and nothing changes.
    @Test(arguments: Backend.available)
    func negativeDurationsAreRefusedAndNothingChanges(backend: Backend) async throws {
        try await withStore(backend) { store in
            let issued = try await store.apiKeys.create(name: "ci", permissions: ["messages:read"], rateLimit: 10)
            let before = try await store.apiKeys.list(page: .first())
            let negative = Duration.seconds(-1)
            await #expect { try await store.apiKeys.rotate(id: issued.key.id, gracePeriod: negative) } throws: {
                ($0 as? ValidationError)?.fields == ["gracePeriod"]
            }
            await #expect { try await store.apiKeys.markUsed(id: issued.key.id, at: Date(), minimumInterval: negative) } throws: {
                ($0 as? ValidationError)?.fields == ["minimumInterval"]
            }
            #expect(try await store.apiKeys.list(page: .first()) == before)
            await #expect { try await store.messages.undelivered(olderThan: negative, limit: 10) } throws: {
                ($0 as? ValidationError)?.fields == ["olderThan"]
            }
        }
    }
}
