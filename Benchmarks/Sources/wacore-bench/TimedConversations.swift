/// The conversation loop every Swift contender shares: reads each phone's page with `read`,
/// timing each call, and counts its rows with `rows` after the clock stops. The page is
/// dropped at the end of its iteration, outside the timed call, for every contender alike.
func timedConversations<Page>(
    _ phones: [String], read: (String) async throws -> Page, rows: (Page) -> Int
) async rethrows -> (rows: Int, latencies: [Int64]) {
    var total = 0
    var latencies: [Int64] = []
    latencies.reserveCapacity(phones.count)
    let clock = ContinuousClock()
    for phone in phones {
        let start = clock.now
        let page = try await read(phone)
        latencies.append(start.duration(to: clock.now).nanoseconds)
        total += rows(page)
    }
    return (total, latencies)
}
