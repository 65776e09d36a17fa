import Foundation
import WACore

/// An enum stored as its raw value in a text column, decoded straight from the column's
/// bytes: no `String` is built and no generic code runs per value. Against a generic
/// `init(rawValue:)` helper this took a SQLite conversation page from 58–59 to 54–55 µs
/// (p50, quick benchmark runs; Performance.md).
package protocol ColumnEnum: RawRepresentable<String>, CaseIterable, Sendable {
    /// Every case with its raw value's bytes, built once per type.
    static var columnCases: ColumnCases<Self> { get }
}

/// The cases of a ``ColumnEnum`` and the bytes that spell each, built once per type.
///
/// Held as plain pointers into memory allocated once and never freed (each instance lives in
/// a `static let`), not as `[UInt8]` per case: walking an array of arrays retains and releases
/// every spelling it passes, which made an enum column cost about 40 ns to decode — three per
/// message row, about 2.5 µs of a 21-row page (PerformanceHistory.md, item 24). Matching now
/// retains nothing: a length check and a `memcmp` per case.
package struct ColumnCases<Value: ColumnEnum>: @unchecked Sendable {
    // @unchecked: the pointers are written once, in `init`, and only read afterwards.
    /// Every spelling, back to back.
    private let spellings: UnsafeBufferPointer<UInt8>
    /// Where each case's spelling ends in `spellings`; it starts where the previous one ends.
    private let ends: UnsafeBufferPointer<Int>
    /// The cases, in the order of `ends`.
    private let values: UnsafeBufferPointer<Value>

    /// Builds the table. Call it once per type, for a `static let`: its memory is never freed.
    package init() {
        let cases = Array(Value.allCases)
        let bytes = cases.flatMap { Array($0.rawValue.utf8) }
        var end = 0
        let ends = cases.map { value in
            end += value.rawValue.utf8.count
            return end
        }
        spellings = UnsafeBufferPointer(Self.permanentCopy(of: bytes))
        self.ends = UnsafeBufferPointer(Self.permanentCopy(of: ends))
        values = UnsafeBufferPointer(Self.permanentCopy(of: cases))
    }

    func value(of bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        guard let column = bytes.baseAddress, let spellings = spellings.baseAddress else { return nil }
        var start = 0
        for index in ends.indices {
            let end = ends[index]
            if end - start == bytes.count, memcmp(spellings + start, column, bytes.count) == 0 { return values[index] }
            start = end
        }
        return nil
    }

    /// `elements` in memory that is never freed.
    private static func permanentCopy<Element>(of elements: [Element]) -> UnsafeMutableBufferPointer<Element> {
        let copy = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(1, elements.count))
        _ = copy.initialize(from: elements)
        return UnsafeMutableBufferPointer(rebasing: copy[..<elements.count])
    }
}

extension ColumnEnum {
    /// The case spelled by a column's bytes.
    /// - Throws: ``StoreError`` `.database` for NULL or a spelling no case has.
    package init(column bytes: UnsafeBufferPointer<UInt8>?, index: Int32) throws {
        guard let bytes, let value = Self.columnCases.value(of: bytes) else {
            throw StoreError(.database, "column \(index) holds an unknown \(Self.self)")
        }
        self = value
    }
}

extension Direction: ColumnEnum {
    package static let columnCases = ColumnCases<Direction>()
}

extension MessageType: ColumnEnum {
    package static let columnCases = ColumnCases<MessageType>()
}

extension MessageStatus: ColumnEnum {
    package static let columnCases = ColumnCases<MessageStatus>()
}

extension TemplateStatus: ColumnEnum {
    package static let columnCases = ColumnCases<TemplateStatus>()
}
