import Foundation
import WACore

/// A lower bound on what returning a conversation page as `Message` values costs, with no
/// database at all: the text columns become `String`s (from bytes, as a driver hands them
/// out), the enums are matched, the struct is built and appended, and the page is dropped.
/// Dates are given, not parsed, so the bound is lower than any real decoder. The C baseline
/// does none of this work; the bound shows how close a Swift layer that returns model values
/// can get to it.
enum MaterializeFloor {
    /// Microseconds per page of `rows` messages: the fastest of 5 rounds of `pages` pages.
    static func microsecondsPerPage(_ messages: [BenchMessage], rows: Int = 21, pages: Int = 20_000) -> Double {
        let page = messages.prefix(rows).map { message in
            (id: Array(message.id.utf8), phone: Array(message.phone.utf8), direction: Array(message.direction.utf8),
             content: Array(message.content.utf8), wamid: Array(message.wamid.utf8), date: message.createdAt)
        }
        let clock = ContinuousClock()
        var best = Double.infinity
        var built = 0
        for _ in 0..<5 {
            let start = clock.now
            for _ in 0..<pages {
                var results: [Message] = []
                results.reserveCapacity(rows)
                for row in page {
                    results.append(
                        Message(
                            id: String(decoding: row.id, as: UTF8.self), phone: String(decoding: row.phone, as: UTF8.self),
                            direction: row.direction.first == UInt8(ascii: "i") ? .inbound : .outbound, type: .text,
                            content: String(decoding: row.content, as: UTF8.self), status: .sent,
                            whatsAppMessageID: String(decoding: row.wamid, as: UTF8.self), createdAt: row.date,
                            updatedAt: row.date))
                }
                built += results.count
            }
            best = min(best, start.duration(to: clock.now).secondsDouble * 1e6 / Double(pages))
        }
        precondition(built == 5 * pages * page.count)
        return best
    }
}
