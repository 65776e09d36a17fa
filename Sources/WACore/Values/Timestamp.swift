import Foundation

/// The one way WACore turns dates into text and back.
///
/// Every stored date is UTC, normalized to whole microseconds (the resolution of PostgreSQL's
/// `timestamp`), so a model read back equals the model that was written. Formatting and
/// parsing are done by hand with integer arithmetic: `DateFormatter` costs more than the
/// rest of a row decode.
public enum Timestamp {
    /// The current time, normalized to whole microseconds.
    public static func now() -> Date { normalized(Date()) }

    /// `date` rounded to the nearest whole microsecond.
    ///
    /// Nearest rather than truncated, because a `Date` is a binary floating-point number: a
    /// value that is exactly on a microsecond can be stored a hair below it, and truncating
    /// would move it back by one microsecond each time it is written.
    public static func normalized(_ date: Date) -> Date {
        Timestamp.date(microsecondsSince1970: microseconds(of: date))
    }

    /// Whole microseconds since 1970-01-01T00:00:00Z. Exact for dates up to year 2255 (2^53 µs),
    /// the range a `Double`-based `Date` holds at microsecond resolution.
    public static func microseconds(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// The date `microseconds` after 1970-01-01T00:00:00Z.
    public static func date(microsecondsSince1970 microseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    }

    // MARK: SQL text: "YYYY-MM-DD HH:MM:SS.ffffff"

    /// Formats a date as `YYYY-MM-DD HH:MM:SS.ffffff` in UTC: the form both backends store,
    /// which sorts as text in time order.
    public static func sqlText(_ date: Date) -> String {
        let (civil, micros) = Civil.split(microseconds(of: date))
        // Written straight into the string's storage: two of these per message written.
        return String(unsafeUninitializedCapacity: 26) { bytes in
            civil.writeDate(into: bytes, at: 0)
            bytes[10] = UInt8(ascii: " ")
            civil.writeTime(into: bytes, at: 11)
            bytes[19] = UInt8(ascii: ".")
            Civil.writeDigits(Int(micros), count: 6, into: bytes, at: 20)
            return 26
        }
    }

    /// Parses `YYYY-MM-DD HH:MM:SS[.f...]` (UTC), as written by ``sqlText(_:)``, by SQLite's
    /// `CURRENT_TIMESTAMP` or by PostgreSQL's `timestamp` output. A `T` separator is accepted.
    public static func parseSQLText(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parseSQLText(utf8: $0) }
    }

    /// ``parseSQLText(_:)`` on UTF-8 bytes: what the drivers call on a column's buffer, so
    /// reading a row allocates no string per date.
    package static func parseSQLText(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        if let micros = Civil.parseSQLForm(bytes) { return date(microsecondsSince1970: micros) }
        guard let (micros, end) = Civil.parseDateTime(bytes), end == bytes.count else { return nil }
        return date(microsecondsSince1970: micros)
    }

    // MARK: RFC 3339, as Go's encoding/json writes time.Time

    /// Formats a date as RFC 3339 in UTC with fractional seconds trimmed of trailing zeros,
    /// exactly as Go's `time.RFC3339Nano` (what the seed's JSON carries).
    public static func rfc3339(_ date: Date) -> String {
        let (civil, micros) = Civil.split(microseconds(of: date))
        // At most `YYYY-MM-DDTHH:MM:SS.ffffffZ`, 27 bytes.
        return String(unsafeUninitializedCapacity: 27) { bytes in
            civil.writeDate(into: bytes, at: 0)
            bytes[10] = UInt8(ascii: "T")
            civil.writeTime(into: bytes, at: 11)
            var end = 19
            if micros > 0 {
                bytes[19] = UInt8(ascii: ".")
                Civil.writeDigits(Int(micros), count: 6, into: bytes, at: 20)
                end = 26
                while bytes[end - 1] == UInt8(ascii: "0") { end -= 1 }
            }
            bytes[end] = UInt8(ascii: "Z")
            return end + 1
        }
    }

    /// Parses an RFC 3339 timestamp with any offset (`Z`, `+05:30`, `-08:00`) and any number of
    /// fractional digits (beyond six they are rounded to the microsecond).
    public static func parseRFC3339(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard let (micros, end) = Civil.parseDateTime(bytes), end < bytes.count else { return nil }
            switch bytes[end] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                guard end + 1 == bytes.count else { return nil }
                return date(microsecondsSince1970: micros)
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard end + 6 == bytes.count, bytes[end + 3] == UInt8(ascii: ":"),
                    let hours = Civil.number(bytes, end + 1, 2), let minutes = Civil.number(bytes, end + 4, 2),
                    hours < 24, minutes < 60
                else { return nil }
                let offset = Int64(hours * 3600 + minutes * 60) * 1_000_000
                return date(microsecondsSince1970: bytes[end] == UInt8(ascii: "+") ? micros - offset : micros + offset)
            default:
                return nil
            }
        }
    }
}

/// Proleptic Gregorian calendar arithmetic on whole days (Howard Hinnant's algorithms).
private struct Civil {
    var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int

    static func split(_ microseconds: Int64) -> (Civil, Int64) {
        let micros = ((microseconds % 1_000_000) + 1_000_000) % 1_000_000
        let seconds = (microseconds - micros) / 1_000_000
        let secondsOfDay = Int(((seconds % 86_400) + 86_400) % 86_400)
        let days = Int((seconds - Int64(secondsOfDay)) / 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let civil = Civil(
            year: year, month: month, day: day,
            hour: secondsOfDay / 3600, minute: secondsOfDay / 60 % 60, second: secondsOfDay % 60)
        return (civil, micros)
    }

    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    func writeDate(into bytes: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        Civil.writeDigits(year, count: 4, into: bytes, at: start)
        bytes[start + 4] = UInt8(ascii: "-")
        Civil.writeDigits(month, count: 2, into: bytes, at: start + 5)
        bytes[start + 7] = UInt8(ascii: "-")
        Civil.writeDigits(day, count: 2, into: bytes, at: start + 8)
    }

    func writeTime(into bytes: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        Civil.writeDigits(hour, count: 2, into: bytes, at: start)
        bytes[start + 2] = UInt8(ascii: ":")
        Civil.writeDigits(minute, count: 2, into: bytes, at: start + 3)
        bytes[start + 5] = UInt8(ascii: ":")
        Civil.writeDigits(second, count: 2, into: bytes, at: start + 6)
    }

    static func writeDigits(_ value: Int, count: Int, into bytes: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        var value = value
        for offset in stride(from: count - 1, through: 0, by: -1) {
            bytes[start + offset] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
    }

    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for index in start..<(start + count) {
            let digit = Int(bytes[index]) - 48
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// Exactly `YYYY-MM-DD HH:MM:SS.ffffff`, the form ``Timestamp/sqlText(_:)`` writes — so every
    /// timestamp WACore stores in SQLite, and PostgreSQL's output whenever the microseconds do not
    /// end in zero — as microseconds, or `nil` for anything else, which ``parseDateTime(_:)``
    /// then reads. Two timestamps per message row make this the hot path of every read, so it
    /// is one pass over fixed offsets with the digit checks folded into one flag, not an
    /// optional per field (PerformanceHistory.md, item 22).
    static func parseSQLForm(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count == 26, let p = bytes.baseAddress,
            p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"), p[10] == UInt8(ascii: " "),
            p[13] == UInt8(ascii: ":"), p[16] == UInt8(ascii: ":"), p[19] == UInt8(ascii: ".")
        else { return nil }
        var notDigit: UInt8 = 0
        func digits(_ start: Int, _ count: Int) -> Int {
            var value = 0
            for index in start..<start + count {
                // A byte below "0" wraps around to above 9: one comparison catches both sides.
                let digit = p[index] &- UInt8(ascii: "0")
                notDigit |= digit > 9 ? 1 : 0
                value = value &* 10 &+ Int(digit)
            }
            return value
        }
        let year = digits(0, 4), month = digits(5, 2), day = digits(8, 2)
        let hour = digits(11, 2), minute = digits(14, 2), second = digits(17, 2), micros = digits(20, 6)
        guard notDigit == 0, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        let seconds = Int64(days(year: year, month: month, day: day)) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return seconds * 1_000_000 + Int64(micros)
    }

    /// Parses `YYYY-MM-DD[ T]HH:MM:SS[.fraction]`; returns microseconds and where it stopped.
    static func parseDateTime(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int64, Int)? {
        guard bytes.count >= 19,
            let year = number(bytes, 0, 4), bytes[4] == UInt8(ascii: "-"),
            let month = number(bytes, 5, 2), bytes[7] == UInt8(ascii: "-"),
            let day = number(bytes, 8, 2),
            bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            let hour = number(bytes, 11, 2), bytes[13] == UInt8(ascii: ":"),
            let minute = number(bytes, 14, 2), bytes[16] == UInt8(ascii: ":"),
            let second = number(bytes, 17, 2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var micros: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            var roundUp = false
            while index < bytes.count, let digit = number(bytes, index, 1) {
                if digits < 6 {
                    micros = micros * 10 + Int64(digit)
                } else if digits == 6 {
                    roundUp = digit >= 5
                }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { micros *= 10 }
            if roundUp { micros += 1 }
        }
        let days = Int64(Civil.days(year: year, month: month, day: day))
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return (seconds * 1_000_000 + micros, index)
    }
}
