import Foundation
import Testing
import WACore

@Suite struct ConcurrencyConformanceTests {
    @Test(arguments: Backend.available)
    func sixteenWritersLeaveExactCounters(backend: Backend) async throws {
        let tasks = 16, perTask = 10
        try await withStore(backend) { store in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<tasks {
                    group.addTask {
                        for index in 0..<perTask {
                            _ = try await store.messages.record(
                                Fixture.text("task \(task) message \(index)", direction: index % 2 == 0 ? .inbound : .outbound))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let contact = try #require(try await store.contacts.find(phone: Fixture.phone))
            #expect(contact.messageCount == tasks * perTask)
            #expect(contact.unreadCount == tasks * perTask / 2)
            #expect(try await store.messages.statistics().total == tasks * perTask)
        }
    }

    @Test(arguments: Backend.available)
    func concurrentReplaysOfOneWebhookRecordItOnce(backend: Backend) async throws {
        try await withStore(backend) { store in
            let message = Fixture.text(wamid: "wamid.RACE")
            let results = try await withThrowingTaskGroup(of: RecordedMessage.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        var copy = message
                        copy.id = EntityID.make(prefix: EntityID.message)
                        return try await store.messages.record(copy)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { !$0.isDuplicate }.count == 1)
            #expect(Set(results.map(\.message.id)).count == 1)
            #expect(try await store.contacts.find(phone: Fixture.phone)?.messageCount == 1)
        }
    }

    @Test(arguments: Backend.available)
    func racingStatusWebhooksEndAtTheHighestStatus(backend: Backend) async throws {
        try await withStore(backend) { store in
            for round in 0..<5 {
                let wamid = "wamid.S\(round)"
                _ = try await store.messages.record(Fixture.text(direction: .outbound, wamid: wamid))
                let applied = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for status in [MessageStatus.delivered, .read, .failed, .delivered, .read] {
                        group.addTask {
                            try await store.messages.updateStatus(StatusUpdate(whatsAppMessageID: wamid, status: status)).didApply
                        }
                    }
                    return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
                }
                #expect((1...3).contains(applied))
                #expect(try await store.messages.find(whatsAppMessageID: wamid)?.status == .read)
            }
        }
    }
}
