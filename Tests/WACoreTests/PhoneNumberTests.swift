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
        ("+12345678", "+12345678"),  // 8 digits, the fewest
        ("+123456789012345", "+123456789012345"),  // 15 digits, the most
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

    /// `isCanonical` (and `normalize`'s shortcut for canonical input) agrees with the full
    /// normalization on every input above.
    @Test(arguments: [
        "+1 (555) 123-4567", "+15551234567", "0044 20 7946 0958", "15551234567", "+12345678",
        "+123456789012345", "+1234567", "+1234567890123456", "+0123456789", "++15551234567",
        "+1555123456a", "+15551234567 ", "+١٢٣٤٥٦٧٨٩", "+",
    ])
    func canonicalFormIsExactlyTheNormalizedOne(raw: String) {
        let normalized = PhoneNumber.normalize(raw)
        #expect(PhoneNumber.isCanonical(raw) == (normalized == raw))
        if let normalized { #expect(PhoneNumber.isCanonical(normalized)) }
    }
}
