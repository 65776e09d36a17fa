import Foundation
import Testing
import WACore

@Suite struct ValidationTests {
    let phone = "+15551234567"

    @Test func normalizesThePhone() throws {
        let message = try Message(phone: "+1 (555) 123-4567", direction: .inbound, type: .text, content: "hi").validated()
        #expect(message.phone == phone)
    }

    @Test func reportsEveryFailingFieldAtOnce() {
        let message = Message(
            id: "bogus", phone: "12", direction: .outbound, type: .image, caption: String(repeating: "c", count: 1025),
            whatsAppMessageID: String(repeating: "w", count: 256), errorCode: String(repeating: "e", count: 51))
        #expect {
            try message.validated()
        } throws: { error in
            let fields = Set((error as? ValidationError)?.fields ?? [])
            return fields == ["id", "phone", "media_url", "caption", "whatsapp_message_id", "error_code"]
        }
    }

    @Test func textNeedsContentWithinTheCloudAPILimit() {
        #expect(throws: ValidationError.self) { try Message(phone: phone, direction: .inbound, type: .text).validated() }
        #expect(throws: ValidationError.self) {
            try Message(phone: phone, direction: .inbound, type: .text, content: "").validated()
        }
        #expect(throws: ValidationError.self) {
            try Message(phone: phone, direction: .inbound, type: .text, content: String(repeating: "a", count: 4097)).validated()
        }
        #expect(throws: Never.self) {
            try Message(phone: phone, direction: .inbound, type: .text, content: String(repeating: "🙂", count: 4096)).validated()
        }
        // The limit is in characters, not bytes, on both sides of it.
        #expect(throws: Never.self) {
            try Message(phone: phone, direction: .inbound, type: .text, content: String(repeating: "a", count: 4096)).validated()
        }
        #expect(throws: ValidationError.self) {
            try Message(phone: phone, direction: .inbound, type: .text, content: String(repeating: "🙂", count: 4097)).validated()
        }
    }

    @Test func mediaNeedsAURL() {
        for type in MessageType.allCases where type.isMedia {
            #expect(throws: ValidationError.self) { try Message(phone: phone, direction: .inbound, type: type).validated() }
            #expect(throws: Never.self) {
                try Message(phone: phone, direction: .inbound, type: type, mediaURL: "https://x/y").validated()
            }
        }
    }

    @Test func templateMessagesNeedAValidTemplateName() {
        #expect(throws: ValidationError.self) { try Message(phone: phone, direction: .outbound, type: .template).validated() }
        #expect(throws: ValidationError.self) {
            try Message(phone: phone, direction: .outbound, type: .template, metadata: ["template_name": "Bad Name"]).validated()
        }
        #expect(throws: Never.self) {
            try Message(phone: phone, direction: .outbound, type: .template, metadata: ["template_name": "order_update"])
                .validated()
        }
    }

    @Test func rejectsNULEverywhere() {
        #expect(throws: ValidationError.self) {
            try Message(phone: phone, direction: .inbound, type: .text, content: "a\u{0}b").validated()
        }
        #expect(throws: ValidationError.self) {
            try Message(phone: phone, direction: .inbound, type: .text, content: "ok", metadata: ["k": ["x\u{0}"]]).validated()
        }
        #expect(throws: ValidationError.self) { try Contact(phone: phone, name: "\u{0}").validated() }
        // A NUL at the end of a long (heap-stored) body, and in a metadata key.
        #expect(throws: ValidationError.self) {
            try Message(phone: phone, direction: .inbound, type: .text, content: String(repeating: "é", count: 300) + "\u{0}").validated()
        }
        #expect(throws: ValidationError.self) {
            try Message(phone: phone, direction: .inbound, type: .text, content: "ok", metadata: ["k\u{0}": "v"]).validated()
        }
    }

    @Test func templateRules() {
        func template(name: String = "order_update", language: String = "en_US", content: String = "Hi {{1}}") -> Template {
            Template(name: name, language: language, category: "UTILITY", content: content)
        }
        #expect(throws: Never.self) { try template().validated() }
        #expect(throws: Never.self) { try template(language: "pt").validated() }
        for bad in ["Order", "order-update", "", "order update"] {
            #expect(throws: ValidationError.self) { try template(name: bad).validated() }
        }
        for bad in ["english", "EN", "en-US", "en_us", "e"] {
            #expect(throws: ValidationError.self) { try template(language: bad).validated() }
        }
        for bad in ["Hi {{1}} {{3}}", "Hi {{1}} {{name}}", "Hi {{ 1 }}", "Hi {{1}", "Hi {{0}}", ""] {
            #expect(throws: ValidationError.self, "\(bad)") { try template(content: bad).validated() }
        }
    }

    @Test func apiKeyRules() {
        #expect(throws: Never.self) { try APIKey(keyHash: "ab", name: "svc").validated() }
        #expect {
            try APIKey(keyHash: "", name: "", rateLimit: 0).validated()
        } throws: { error in
            Set((error as? ValidationError)?.fields ?? []) == ["key_hash", "name", "rate_limit"]
        }
    }

    @Test func idsMustCarryTheirPrefix() {
        #expect(throws: ValidationError.self) {
            try Message(id: "contact_1", phone: phone, direction: .inbound, type: .text, content: "x").validated()
        }
        #expect(throws: Never.self) {
            try Message(id: "msg_legacy-42", phone: phone, direction: .inbound, type: .text, content: "x").validated()
        }
    }
}
