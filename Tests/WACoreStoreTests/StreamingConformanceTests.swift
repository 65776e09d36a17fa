import Foundation
import Testing
import WACore

@Suite struct StreamingConformanceTests {
    @Test(arguments: Backend.available)
    func largeResultsStreamPageByPage(backend: Backend) async throws {
        try await withStore(backend) { store in
            let messages = (0..<1234).map { Fixture.text("m\($0)", phone: $0 % 3 == 0 ? Fixture.otherPhone : Fixture.phone, at: Fixture.date($0)) }
            _ = try await store.messages.record(contentsOf: messages)
            var streamed: [Message] = []
            for try await message in store.messages.stream(MessageFilter(phone: Fixture.phone), pageSize: 100) {
                streamed.append(message)
            }
            let expected = messages.filter { $0.phone == Fixture.phone }.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
            #expect(streamed.map(\.id) == expected.map(\.id))
            var contacts = 0
            for try await _ in store.contacts.stream(pageSize: 1) { contacts += 1 }
            #expect(contacts == 2)
            var none = 0
            for try await _ in store.messages.stream(MessageFilter(templateName: "nothing")) { none += 1 }
            #expect(none == 0)
        }
    }
}
