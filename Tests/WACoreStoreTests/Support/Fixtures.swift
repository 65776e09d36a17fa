import Foundation
import WACore

/// Small builders so tests read as the scenario they check.
enum Fixture {
    static let phone = "+15551234567"
    static let otherPhone = "+447700900123"

    static func text(
        _ content: String = "Hello there", phone: String = Fixture.phone, direction: Direction = .inbound,
        wamid: String? = "wamid.\(UUID().uuidString)", status: MessageStatus = .sent, at date: Date = Timestamp.now()
    ) -> Message {
        Message(
            phone: phone, direction: direction, type: .text, content: content, status: status, whatsAppMessageID: wamid,
            createdAt: date)
    }

    static func template(name: String = "order_update", status: TemplateStatus = .approved, category: String = "UTILITY")
        -> Template
    {
        Template(
            name: name, language: "en_US", category: category, status: status,
            content: "Hi {{1}}, your order {{2}} has shipped.", parameters: ["customer", "order"])
    }

    static func key(name: String = "billing", hash: String = String(repeating: "ab", count: 32)) -> APIKey {
        APIKey(keyHash: hash, name: name, permissions: ["messages:read"], rateLimit: 100)
    }

    /// A date `seconds` after a fixed instant, for deterministic ordering.
    static func date(_ seconds: Int) -> Date {
        Timestamp.date(microsecondsSince1970: 1_763_460_000_000_000 + Int64(seconds) * 1_000_000)
    }
}
