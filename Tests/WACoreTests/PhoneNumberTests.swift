import Testing
import WACore

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("+1 (555) 123-4567", "+15551234567"),
        ("+15551234567", "+15551234567"),
        ("0044 20 7946 0958", "+442079460958"),
        ("15551234567", "+15551234567"),  // WhatsApp wa_id
        ("+55.11.91234.5678", "+5511912345678"),
        ("+49-30-123456", "+4930123456"),
    ])
    func normalizes(raw: String, canonical: String) {
        #expect(PhoneNumber.normalize(raw) == canonical)
    }

    @Test(arguments: [
        "", "+", "abc", "+1 555 CALL NOW", "+1234567",  // 7 digits: too short
        "+1234567890123456",  // 16 digits: too long
        "+0123456789", "0123456789",  // leading zero country code
        "+1+5551234567", "555\u{0}1234567", "+1 555 123 4567; DROP TABLE contacts", "١٢٣٤٥٦٧٨٩",
    ])
    func rejects(raw: String) {
        #expect(PhoneNumber.normalize(raw) == nil)
    }
}
