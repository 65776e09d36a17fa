/// Phone numbers in one canonical E.164 form: `+`, then 8 to 15 digits, the first 1-9.
///
/// Every API that takes a phone normalizes it with ``normalize(_:)``, so `+1 (555) 123-4567`,
/// `001 555 123 4567` and WhatsApp's bare `wa_id` `15551234567` all name the same contact.
public enum PhoneNumber {
    /// The canonical E.164 form of `raw`, or `nil` when it is not a phone number.
    ///
    /// Accepted: a leading `+` or `00` (international prefix) or neither (a `wa_id`), then
    /// digits separated by spaces, dashes, dots or parentheses. Refused: letters and other
    /// symbols, fewer than 8 or more than 15 digits, a country code starting with 0.
    public static func normalize(_ raw: String) -> String? {
        // Stored and webhook phones are already canonical: keep the string instead of
        // building an equal one (an allocation and a copy on every read by phone).
        if isCanonicalForm(raw.utf8) == true { return raw }
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        var sawPlus = false
        for byte in raw.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits.append(byte)
            case UInt8(ascii: "+"):
                // One plus, and only before the first digit.
                guard !sawPlus, digits.isEmpty else { return nil }
                sawPlus = true
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "("), UInt8(ascii: ")"):
                continue
            default:
                return nil
            }
        }
        if !sawPlus, digits.starts(with: [UInt8(ascii: "0"), UInt8(ascii: "0")]) {
            digits.removeFirst(2)
        }
        guard digitCount.contains(digits.count), digits[0] != UInt8(ascii: "0") else { return nil }
        return "+" + String(decoding: digits, as: UTF8.self)
    }

    /// The canonical form of `raw`.
    /// - Throws: ``ValidationError`` naming `field` when `raw` is not a phone number.
    public static func canonical(_ raw: String, field: String = "phone") throws(ValidationError) -> String {
        guard let phone = normalize(raw) else {
            throw ValidationError(issues: [.init(field: field, reason: invalidReason)])
        }
        return phone
    }

    /// How many digits a phone has in E.164, country code included.
    private static let digitCount = 8...15

    static let invalidReason = "must be a phone number in international form: + or 00, country code, 8 to 15 digits"

    /// Whether `phone` is already in canonical form.
    public static func isCanonical(_ phone: String) -> Bool {
        isCanonicalForm(phone.utf8) ?? (normalize(phone) == phone)
    }

    /// Whether `utf8` is `+`, then 8 to 15 ASCII digits, the first 1-9 — the form
    /// ``normalize(_:)`` returns — or `nil` when its bytes are not contiguous (a bridged string).
    private static func isCanonicalForm(_ utf8: String.UTF8View) -> Bool? {
        utf8.withContiguousStorageIfAvailable { bytes in
            guard digitCount.contains(bytes.count - 1), bytes[0] == UInt8(ascii: "+"), bytes[1] != UInt8(ascii: "0") else {
                return false
            }
            // A byte below "0" wraps around to above 9: one comparison catches both sides.
            return bytes.dropFirst().allSatisfy { $0 &- UInt8(ascii: "0") <= 9 }
        }
    }
}
