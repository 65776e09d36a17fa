import Foundation
import Testing
import WACore

/// The public initializers keep whole microseconds — what both engines store — however they
/// are built (they delegate to the memberwise initializers, which do not normalize by
/// themselves).
@Suite struct ModelInitializerTests {
    let raw = Date(timeIntervalSince1970: 1_763_460_000.123_456_7)
    var later: Date { raw.addingTimeInterval(1.000_000_4) }

    @Test func aMessageKeepsWholeMicroseconds() {
        let message = Message(phone: "+15551234567", direction: .inbound, type: .text, content: "Hi", createdAt: raw)
        #expect(raw != Timestamp.normalized(raw))
        #expect(Timestamp.microseconds(of: message.createdAt) == 1_763_460_000_123_457)
        #expect(message.createdAt == Timestamp.normalized(raw))
        #expect(message.updatedAt == message.createdAt)

        let updated = Message(
            id: "msg_fixed", phone: "+15551234567", direction: .outbound, type: .text, content: "Hi", status: .read,
            createdAt: raw, updatedAt: later)
        #expect(updated.id == "msg_fixed")
        #expect(updated.status == .read)
        #expect(updated.updatedAt == Timestamp.normalized(later))
    }

    @Test func aContactKeepsWholeMicroseconds() {
        let contact = Contact(
            phone: "+15551234567", name: "Ada", lastMessageAt: later, messageCount: 3, createdAt: raw, deletedAt: later)
        #expect(contact.createdAt == Timestamp.normalized(raw))
        #expect(contact.updatedAt == contact.createdAt)
        #expect(contact.lastMessageAt == Timestamp.normalized(later))
        #expect(contact.deletedAt == Timestamp.normalized(later))
        #expect(contact.messageCount == 3)
        #expect(contact.unreadCount == 0)

        let updated = Contact(phone: "+15551234567", createdAt: raw, updatedAt: later)
        #expect(updated.updatedAt == Timestamp.normalized(later))
        #expect(updated.lastMessageAt == nil)
    }
}
