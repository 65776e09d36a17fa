import WACore

/// An enum stored as its raw value in a text column, decoded straight from the column's
/// bytes: no `String` is built and no generic code runs per value. Against a generic
/// `init(rawValue:)` helper this took a SQLite conversation page from 58–59 to 54–55 µs
/// (p50, quick benchmark runs; Performance.md).
package protocol ColumnEnum: RawRepresentable<String>, CaseIterable, Sendable {
    /// Every case with its raw value's bytes, built once per type.
    static var columnCases: ColumnCases<Self> { get }
}

/// The cases of a ``ColumnEnum`` and the bytes that spell each.
package struct ColumnCases<Value: ColumnEnum>: Sendable {
    private let cases: [(bytes: [UInt8], value: Value)]

    package init() {
        cases = Value.allCases.map { (Array($0.rawValue.utf8), $0) }
    }

    func value(of bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        for (spelling, value) in cases where spelling.count == bytes.count {
            if spelling.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return value }
        }
        return nil
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
