import Foundation
import WACore

extension SQLValue {
    package init(_ text: String?) {
        self = text.map(SQLValue.text) ?? .null
    }

    package init(_ integer: Int) {
        self = .integer(Int64(integer))
    }

    /// Dates are bound as `YYYY-MM-DD HH:MM:SS.ffffff` UTC text: SQLite stores it as is and it
    /// sorts in time order; PostgreSQL parses it into a `timestamp`.
    package init(_ date: Date?) {
        self = date.map { .text(Timestamp.sqlText($0)) } ?? .null
    }

    package init(_ object: JSONObject?) {
        self = object.map { .text(JSONText.serialize($0)) } ?? .null
    }

    package init(strings: [String]) {
        self = .text(JSONText.serialize(strings))
    }

    package init<Value: RawRepresentable<String>>(_ value: Value) {
        self = .text(value.rawValue)
    }
}

extension SQLRow {
    /// The column as text ("" for NULL).
    package func text(_ column: Int32) -> String {
        bytes(column).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    package func optionalText(_ column: Int32) -> String? {
        bytes(column).map { String(decoding: $0, as: UTF8.self) }
    }

    package func int(_ column: Int32) -> Int {
        Int(integer(column))
    }

    package func date(_ column: Int32) throws -> Date {
        guard let date = try optionalDate(column) else { throw Self.unreadableDate(column) }
        return date
    }

    package func optionalDate(_ column: Int32) throws -> Date? {
        guard let bytes = bytes(column) else { return nil }
        guard let date = Timestamp.parseSQLText(utf8: bytes) else { throw Self.unreadableDate(column) }
        return date
    }

    private static func unreadableDate(_ column: Int32) -> StoreError {
        StoreError(.database, "column \(column) holds a timestamp WACore cannot read")
    }

    package func jsonObject(_ column: Int32) throws -> JSONObject? {
        guard let text = optionalText(column) else { return nil }
        do { return try JSONText.parseObject(text) } catch {
            throw StoreError(.database, "column \(column) holds JSON that is not an object")
        }
    }

    package func strings(_ column: Int32) throws -> [String] {
        guard let text = optionalText(column) else { return [] }
        do { return try JSONText.parseStrings(text) } catch {
            throw StoreError(.database, "column \(column) holds JSON that is not an array of strings")
        }
    }
}
