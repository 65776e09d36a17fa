import CBaseline
import Foundation
import WACore

/// SplitMix64: a tiny deterministic generator, so every run (and every contender) sees the
/// same data.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One generated message, as plain strings every contender can bind.
struct BenchMessage: Sendable {
    let id: String, phone: String, inbound: Bool, content: String, wamid: String, createdAt: Date
    var direction: String { inbound ? "inbound" : "outbound" }
    var createdAtText: String { Timestamp.sqlText(createdAt) }

    var model: Message {
        Message(
            id: id, phone: phone, direction: inbound ? .inbound : .outbound, type: .text, content: content, status: .sent,
            whatsAppMessageID: wamid, createdAt: createdAt)
    }
}

/// The workload's data: 1,000 contacts, bodies of 5–20 words from a fixed vocabulary, half
/// inbound, fixed seed.
struct DataSet: Sendable {
    static let vocabulary = """
        order shipped refund delivery invoice payment tracking package address return exchange \
        discount coupon account password support ticket question answer thanks hello morning \
        evening tomorrow today week price product size color stock available warehouse courier \
        receipt confirm cancel update change schedule appointment booking reservation table menu \
        special offer holiday store hours location phone email website review rating feedback \
        problem issue broken missing late early quick please
        """.split(separator: " ").map(String.init)

    /// A phone no generated message has (`--empty-conversations`).
    static let absentPhone = "+19999999999"
    static let phones: [String] = (0..<1000).map { "+1555" + String(format: "%07d", 2_000_000 + $0 * 7919 % 8_000_000) }

    let messages: [BenchMessage]

    /// `count` messages, `offset` onward (so later sets continue the same timeline).
    init(count: Int, offset: Int = 0, seed: UInt64 = 42) {
        var rng = SplitMix64(state: seed &+ UInt64(offset))
        let base = Timestamp.date(microsecondsSince1970: 1_763_460_000_000_000)
        messages = (offset..<(offset + count)).map { index in
            let words = (0..<Int.random(in: 5...20, using: &rng)).map { _ in DataSet.vocabulary.randomElement(using: &rng)! }
            return BenchMessage(
                id: "msg_bench_" + String(format: "%09d", index),
                phone: DataSet.phones[Int.random(in: 0..<DataSet.phones.count, using: &rng)],
                inbound: index % 2 == 0,
                content: words.joined(separator: " "),
                wamid: "wamid.bench." + String(index),
                createdAt: base.addingTimeInterval(Double(index) / 100))
        }
    }

    /// `count` phones to read conversations of, drawn with a fixed seed.
    static func conversationPhones(_ count: Int) -> [String] {
        var rng = SplitMix64(state: 7)
        return (0..<count).map { _ in phones.randomElement(using: &rng)! }
    }

    /// `count` two-word full-text queries.
    static func searchQueries(_ count: Int) -> [[String]] {
        var rng = SplitMix64(state: 11)
        return (0..<count).map { _ in [vocabulary.randomElement(using: &rng)!, vocabulary.randomElement(using: &rng)!] }
    }
}

/// The messages as C structs, built once (outside any timed section) and kept alive.
final class CMessages: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<bench_message>
    let count: Int
    private var strings: [UnsafeMutablePointer<CChar>] = []

    init(_ messages: [BenchMessage]) {
        count = messages.count
        pointer = .allocate(capacity: messages.count)
        func keep(_ text: String) -> UnsafePointer<CChar> {
            let copy = strdup(text)!
            strings.append(copy)
            return UnsafePointer(copy)
        }
        let text = keep("text"), sent = keep("sent"), inbound = keep("inbound"), outbound = keep("outbound")
        for (index, m) in messages.enumerated() {
            pointer[index] = bench_message(
                id: keep(m.id), phone: keep(m.phone), direction: m.inbound ? inbound : outbound, type: text,
                content: keep(m.content), status: sent, wamid: keep(m.wamid), created_at: keep(m.createdAtText),
                inbound: m.inbound ? 1 : 0)
        }
    }

    deinit {
        strings.forEach { free($0) }
        pointer.deallocate()
    }
}

/// An array of C strings kept alive for the duration of a call.
final class CStrings: @unchecked Sendable {
    let pointers: [UnsafePointer<CChar>?]
    init(_ strings: [String]) { pointers = strings.map { UnsafePointer(strdup($0)) } }
    deinit { pointers.forEach { free(UnsafeMutableRawPointer(mutating: $0)) } }
}
