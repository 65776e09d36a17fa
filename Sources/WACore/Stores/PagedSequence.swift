/// Every item of a keyset-paged list, fetched one page at a time: memory stays proportional
/// to a page however large the result.
///
/// ```swift
/// for try await message in store.messages.stream(MessageFilter(status: .failed)) {
///     try await resend(message)
/// }
/// ```
public struct PagedSequence<Item: Sendable>: AsyncSequence, Sendable {
    public typealias Element = Item

    let pageSize: Int
    let fetch: @Sendable (PageRequest) async throws -> Page<Item>

    /// - Parameters:
    ///   - pageSize: Items per round trip (1 to ``PageRequest/maxLimit``).
    ///   - fetch: Reads one page.
    public init(pageSize: Int, fetch: @escaping @Sendable (PageRequest) async throws -> Page<Item>) {
        self.pageSize = pageSize
        self.fetch = fetch
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(sequence: self)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let sequence: PagedSequence
        var buffer: [Item] = []
        var index = 0
        var next: PageCursor?
        var finished = false

        init(sequence: PagedSequence) {
            self.sequence = sequence
        }

        public mutating func next() async throws -> Item? {
            while index == buffer.count {
                guard !finished else { return nil }
                let page = try await sequence.fetch(PageRequest(limit: sequence.pageSize, after: next))
                buffer = page.items
                index = 0
                next = page.next
                finished = page.next == nil
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}

extension MessageRepository {
    /// Every message matching `filter`, newest first, streamed a page at a time.
    public func stream(_ filter: MessageFilter, pageSize: Int = 500) -> PagedSequence<Message> {
        PagedSequence(pageSize: pageSize) { page in try await list(filter, page: page) }
    }
}

extension ContactRepository {
    /// Every live contact, most recent conversation first, streamed a page at a time.
    public func stream(pageSize: Int = 500) -> PagedSequence<Contact> {
        PagedSequence(pageSize: pageSize) { page in try await list(page: page) }
    }
}
