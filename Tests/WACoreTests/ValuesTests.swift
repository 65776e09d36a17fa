import Foundation
import Testing
import WACore

@Suite struct ValuesTests {
    @Test func uuidV7IsTimeOrderedAndWellFormed() throws {
        let first = EntityID.make(prefix: EntityID.message)
        Thread.sleep(forTimeInterval: 0.002)
        let second = EntityID.make(prefix: EntityID.message)
        #expect(first < second)
        let uuid = try #require(UUID(uuidString: String(first.dropFirst(4))))
        #expect(uuid.uuidString.lowercased() == String(first.dropFirst(4)))
        #expect(Array(first)[4 + 14] == "7")  // version nibble
        #expect("89ab".contains(Array(first)[4 + 19]))  // variant
        #expect(EntityID.isValid(first, prefix: "msg"))
    }

    @Test func timestampsRoundTripAtMicrosecondResolution() {
        for micros: Int64 in [0, 1, 999_999, 1_763_460_000_123_456, -1_000_001, 7_258_118_399_999_999] {
            let date = Timestamp.date(microsecondsSince1970: micros)
            #expect(Timestamp.microseconds(of: date) == micros)
            #expect(Timestamp.parseSQLText(Timestamp.sqlText(date)) == date)
            #expect(Timestamp.parseRFC3339(Timestamp.rfc3339(date)) == date)
        }
        let now = Timestamp.now()
        #expect(Timestamp.normalized(now) == now)
    }

    @Test func timestampFormats() {
        let date = Timestamp.date(microsecondsSince1970: 1_763_460_000_120_000)
        #expect(Timestamp.sqlText(date) == "2025-11-18 10:00:00.120000")
        #expect(Timestamp.rfc3339(date) == "2025-11-18T10:00:00.12Z")
        #expect(Timestamp.rfc3339(Timestamp.date(microsecondsSince1970: 1_763_460_000_000_000)) == "2025-11-18T10:00:00Z")
        #expect(Timestamp.rfc3339(Timestamp.date(microsecondsSince1970: 1_763_460_000_000_001)) == "2025-11-18T10:00:00.000001Z")
        #expect(Timestamp.sqlText(Timestamp.date(microsecondsSince1970: 0)) == "1970-01-01 00:00:00.000000")
        #expect(Timestamp.parseSQLText("2025-11-18 10:00:00") == Timestamp.date(microsecondsSince1970: 1_763_460_000_000_000))
        #expect(Timestamp.parseSQLText("2025-11-18 10:00:00.12") == date)
        #expect(Timestamp.parseRFC3339("2025-11-18T12:30:00.12+02:30") == date)
        #expect(Timestamp.parseRFC3339("2025-11-18T10:00:00") == nil)
        #expect(Timestamp.parseSQLText("not a date") == nil)
    }

    @Test func timestampsOfTheStoredLengthAreCheckedByteByByte() {
        // 26 bytes, the stored form's length, each wrong in one place.
        #expect(Timestamp.parseSQLText("2025-11-18T10:00:00.120000") == Timestamp.parseSQLText("2025-11-18 10:00:00.12"))
        for invalid in [
            "2025-11-18 10:00:00.12345x", "2025-13-18 10:00:00.123456", "2025-11-00 10:00:00.123456",
            "2025-11-18 24:00:00.123456", "2025-11-18 10:60:00.123456", "2025-11-18 10:00:0/.123456",
            "2025-11-18 10:00:0:.123456", "2025-11-18 10:00:00,123456", "+025-11-18 10:00:00.123456",
        ] {
            #expect(invalid.utf8.count == 26)
            #expect(Timestamp.parseSQLText(invalid) == nil, "\(invalid)")
        }
    }

    @Test func sqlTextSortsInTimeOrder() {
        let dates = [0, 5, 1_000_000, 86_400_000_000, 1_763_460_000_000_000].map { Timestamp.date(microsecondsSince1970: $0) }
        let texts = dates.map(Timestamp.sqlText)
        #expect(texts == texts.sorted())
    }

    @Test func jsonTextRoundTripsExactly() throws {
        let value: JSONValue = [
            "s": "quote \" backslash \\ newline \n tab \t emoji 🙂 rtl שלום", "n": 1.5, "i": 42, "neg": -7, "b": false,
            "z": nil, "a": [1, "two", [true]], "o": ["nested": ["deep": "x"]], "big": 9_007_199_254_740_992,
        ]
        let text = JSONText.serialize(value)
        #expect(try JSONText.parse(text) == value)
        let viaFoundation = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(viaFoundation == value)
        #expect(try JSONText.parse(#"{"a":"\u00e9\ud83d\ude42"}"#) == ["a": "é🙂"])
        #expect(throws: JSONTextError.self) { try JSONText.parse("{\"a\":}") }
        #expect(throws: JSONTextError.self) { try JSONText.parse("[1,2") }
    }

    @Test func pageCursorTokensRoundTrip() {
        let cursor = PageCursor(sortKey: Timestamp.date(microsecondsSince1970: 1_763_460_000_123_456), id: "msg_a.b")
        #expect(PageCursor(cursor.description) == cursor)
        let nullKey = PageCursor(sortKey: nil, id: "contact_1")
        #expect(PageCursor(nullKey.description) == nullKey)
        #expect(PageCursor("garbage") == nil)
    }

    @Test func statusTransitionsAreMonotonic() {
        #expect(MessageStatus.delivered.canReplace(.sent))
        #expect(MessageStatus.read.canReplace(.delivered))
        #expect(!MessageStatus.delivered.canReplace(.read))
        #expect(MessageStatus.failed.canReplace(.sent))
        #expect(!MessageStatus.failed.canReplace(.delivered))
        #expect(MessageStatus.delivered.canReplace(.failed))
        #expect(MessageStatus.read.canReplace(.failed))
        for status in MessageStatus.allCases { #expect(!status.canReplace(status)) }
    }
}
