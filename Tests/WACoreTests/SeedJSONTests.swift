import Foundation
import Testing
import WACore

/// JSON written by a service built on the seed's Go models decodes, and encodes back to the
/// same keys and values.
@Suite struct SeedJSONTests {
    /// Canonical JSON: parsed and re-serialized with sorted keys, so key order does not matter.
    func canonical(_ data: Data) throws -> String {
        JSONText.serialize(try JSONText.parse(String(decoding: data, as: UTF8.self)))
    }

    func roundTrip<T: Codable>(_ type: T.Type, _ json: String) throws -> (T, String) {
        let value = try JSONDecoder().decode(T.self, from: Data(json.utf8))
        let encoded = try JSONEncoder().encode(value)
        return (value, try canonical(encoded))
    }

    @Test func messageRoundTripsWithTheSeedTags() throws {
        let json = """
            {"id":"msg_0192d0a4-5e6f-7a8b-9c0d-1e2f3a4b5c6d","phone":"+15551234567","direction":"outbound",
             "type":"image","media_url":"https://cdn.example.com/a.jpg","caption":"Your receipt",
             "status":"failed","whatsapp_message_id":"wamid.HBgLMTU1NTEyMzQ1NjcVAgARGBI","error_code":"131026",
             "error_message":"Message undeliverable","metadata":{"template_name":"receipt","attempt":2,"tags":["a",true,null]},
             "created_at":"2025-11-18T10:00:00.123456Z","updated_at":"2025-11-18T10:00:01Z"}
            """
        let (message, encoded) = try roundTrip(Message.self, json)
        #expect(encoded == (try canonical(Data(json.utf8))))
        #expect(message.type == .image)
        #expect(message.whatsAppMessageID == "wamid.HBgLMTU1NTEyMzQ1NjcVAgARGBI")
        #expect(message.metadata?["attempt"] == .number(2))
        #expect(Timestamp.microseconds(of: message.createdAt) % 1_000_000 == 123_456)
    }

    @Test func emptyOptionalsAreOmittedLikeGoOmitempty() throws {
        let message = Message(phone: "+15551234567", direction: .inbound, type: .text, content: "hi", metadata: [:])
        let object = try JSONText.parseObject(String(decoding: try JSONEncoder().encode(message), as: UTF8.self))
        #expect(Set(object.keys) == ["id", "phone", "direction", "type", "content", "status", "created_at", "updated_at"])
    }

    @Test func contactNeverEncodesDeletedAt() throws {
        let json = """
            {"id":"contact_1","phone":"+447700900123","name":"Ana","profile_picture_url":"https://p.example/a.png",
             "last_message_at":"2025-11-18T10:00:00Z","message_count":3,"unread_count":1,"metadata":{"vip":true},
             "created_at":"2025-11-18T09:00:00Z","updated_at":"2025-11-18T10:00:00Z"}
            """
        var (contact, encoded) = try roundTrip(Contact.self, json)
        #expect(encoded == (try canonical(Data(json.utf8))))
        contact.deletedAt = Date()
        let again = String(decoding: try JSONEncoder().encode(contact), as: UTF8.self)
        #expect(!again.contains("deleted_at"))
    }

    @Test func templateRoundTrips() throws {
        let json = """
            {"id":"tmpl_1","name":"order_update","language":"en_US","category":"UTILITY","status":"approved",
             "content":"Hi {{1}}, order {{2}} shipped","parameters":["name","order"],
             "created_at":"2025-11-18T09:00:00Z","updated_at":"2025-11-18T09:00:00Z"}
            """
        let (template, encoded) = try roundTrip(Template.self, json)
        #expect(encoded == (try canonical(Data(json.utf8))))
        #expect(template.parameters == ["name", "order"])
    }

    @Test func apiKeyNeverEncodesTheHash() throws {
        let json = """
            {"id":"key_1","name":"billing","permissions":["messages:read"],"rate_limit":1000,
             "last_used_at":"2025-11-18T10:00:00Z","created_at":"2025-11-18T09:00:00Z","expires_at":"2026-11-18T09:00:00Z"}
            """
        var (key, encoded) = try roundTrip(APIKey.self, json)
        #expect(encoded == (try canonical(Data(json.utf8))))
        key.keyHash = "deadbeef"
        key.deletedAt = Date()
        let again = String(decoding: try JSONEncoder().encode(key), as: UTF8.self)
        #expect(!again.contains("key_hash") && !again.contains("deadbeef") && !again.contains("deleted_at"))
    }

    @Test func datesAreRFC3339UTCWhateverTheEncoderStrategy() throws {
        let message = Message(
            phone: "+15551234567", direction: .inbound, type: .text, content: "x",
            createdAt: Timestamp.date(microsecondsSince1970: 1_763_460_000_500_000))
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        let object = try JSONText.parseObject(String(decoding: try encoder.encode(message), as: UTF8.self))
        #expect(object["created_at"] == .string("2025-11-18T10:00:00.5Z"))
    }

    @Test func unknownEnumValuesAreRejected() {
        let json = #"{"id":"msg_1","phone":"+15551234567","direction":"sideways","type":"text","status":"sent","created_at":"2025-11-18T10:00:00Z","updated_at":"2025-11-18T10:00:00Z"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Message.self, from: Data(json.utf8)) }
    }
}
