/// Prefixed, time-ordered identifiers: `msg_`, `contact_`, `tmpl_`, `key_` followed by a UUIDv7.
///
/// UUIDv7 starts with the creation time in milliseconds, so new rows append to the end of the
/// primary-key B-tree instead of touching a random page each.
public enum EntityID {
    /// The prefix of message ids.
    public static let message = "msg"
    /// The prefix of contact ids.
    public static let contact = "contact"
    /// The prefix of template ids.
    public static let template = "tmpl"
    /// The prefix of API key ids.
    public static let apiKey = "key"

    /// A new id: `prefix`, an underscore, and a lowercase hyphenated UUIDv7.
    public static func make(prefix: String) -> String {
        prefix + "_" + uuidV7()
    }

    /// A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, the version, then 74 random bits
    /// from the system's cryptographically secure generator.
    public static func uuidV7(milliseconds: UInt64 = UInt64(Timestamp.microseconds(of: Timestamp.now()) / 1000)) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
        let random = (generator.next() as UInt64, generator.next() as UInt64)
        for index in 6..<16 {
            let word = index < 11 ? random.0 : random.1
            bytes[index] = UInt8(truncatingIfNeeded: word >> (8 * (index % 8)))
        }
        bytes[6] = 0x70 | (bytes[6] & 0x0F)  // version 7
        bytes[8] = 0x80 | (bytes[8] & 0x3F)  // RFC 9562 variant
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether `id` is acceptable as an id with `prefix`: the prefix and an underscore, then
    /// 1 or more ASCII letters, digits, `-` or `_`, at most 255 characters in all.
    ///
    /// Ids written by other systems (the seed's `generateID`) stay usable; only the shape that
    /// keeps ids safe in URLs and logs is enforced.
    public static func isValid(_ id: String, prefix: String) -> Bool {
        let utf8 = id.utf8
        guard utf8.count <= 255, id.hasPrefix(prefix + "_"), utf8.count > prefix.utf8.count + 1 else { return false }
        return utf8.dropFirst(prefix.utf8.count + 1).allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_")
        }
    }
}
