import Foundation

// The seed's JSON conventions, shared by every model: RFC 3339 UTC dates whatever the
// encoder's date strategy, and Go's `omitempty` (nil, "", [] and {} are left out).

extension KeyedEncodingContainer {
    mutating func encodeTimestamp(_ date: Date, forKey key: Key) throws {
        try encode(Timestamp.rfc3339(date), forKey: key)
    }

    mutating func encodeOmittingEmpty(_ value: String?, forKey key: Key) throws {
        if let value, !value.isEmpty { try encode(value, forKey: key) }
    }

    mutating func encodeOmittingEmpty<Element: Encodable>(_ value: [Element]?, forKey key: Key) throws {
        if let value, !value.isEmpty { try encode(value, forKey: key) }
    }

    mutating func encodeOmittingEmpty(_ value: JSONObject?, forKey key: Key) throws {
        if let value, !value.isEmpty { try encode(value, forKey: key) }
    }
}

extension KeyedDecodingContainer {
    func decodeTimestamp(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let date = Timestamp.parseRFC3339(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected an RFC 3339 timestamp")
        }
        return date
    }

    func decodeTimestampIfPresent(forKey key: Key) throws -> Date? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeTimestamp(forKey: key)
    }
}
