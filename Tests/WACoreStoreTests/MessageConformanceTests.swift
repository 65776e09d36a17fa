import Foundation
import Testing
import WACore

@Suite struct MessageConformanceTests {
    @Test(arguments: Backend.available)
    func recordCreatesTheContactAndCountsEveryMessage(backend: Backend) async throws {
        try await withStore(backend) { store in
            let first = try await store.messages.record(Fixture.text(phone: "+1 (555) 123-4567", at: Fixture.date(0)))
            #expect(!first.isDuplicate)
            #expect(first.message.phone == Fixture.phone)
            let contact = try #require(first.contact)
            #expect(contact.phone == Fixture.phone)
            #expect(contact.messageCount == 1 && contact.unreadCount == 1)
            #expect(contact.lastMessageAt == Fixture.date(0))

            let reply = try await store.messages.record(Fixture.text(direction: .outbound, at: Fixture.date(5)))
            #expect(reply.contact?.id == contact.id)
            #expect(reply.contact?.messageCount == 2 && reply.contact?.unreadCount == 1)
            // An older message recorded late does not move last_message_at back.
            let late = try await store.messages.record(Fixture.text(at: Fixture.date(1)))
            #expect(late.contact?.lastMessageAt == Fixture.date(5))
            #expect(late.contact?.messageCount == 3 && late.contact?.unreadCount == 2)
            #expect(try await store.contacts.find(phone: Fixture.phone) == late.contact)
        }
    }

    @Test(arguments: Backend.available)
    func aMessageReadBackEqualsTheOneReturned(backend: Backend) async throws {
        try await withStore(backend) { store in
            let message = Message(
                phone: Fixture.phone, direction: .outbound, type: .image, content: "optional text",
                mediaURL: "https://cdn.example.com/x.jpg", caption: "A caption", status: .failed,
                whatsAppMessageID: "wamid.ABC", errorCode: "131026", errorMessage: "undeliverable",
                metadata: ["campaign": "black_friday", "n": 3, "flags": [true, nil], "nested": ["k": "v"]])
            let recorded = try await store.messages.record(message)
            #expect(recorded.message == (try message.validated()))
            #expect(try await store.messages.find(id: message.id) == recorded.message)
            #expect(try await store.messages.find(whatsAppMessageID: "wamid.ABC") == recorded.message)
            #expect(try await store.messages.find(id: "msg_missing") == nil)
        }
    }

    @Test(arguments: Backend.available)
    func recordingTheSameWhatsAppIDAgainChangesNothing(backend: Backend) async throws {
        try await withStore(backend) { store in
            let original = try await store.messages.record(Fixture.text("first", wamid: "wamid.DUP"))
            let replay = try await store.messages.record(Fixture.text("second delivery", wamid: "wamid.DUP"))
            #expect(replay.isDuplicate)
            #expect(replay.contact == nil)
            #expect(replay.message == original.message)
            let contact = try #require(try await store.contacts.find(phone: Fixture.phone))
            #expect(contact.messageCount == 1 && contact.unreadCount == 1)
            #expect(try await store.messages.statistics().total == 1)
        }
    }

    @Test(arguments: Backend.available)
    func messagesWithoutWhatsAppIDsAreAllRecorded(backend: Backend) async throws {
        try await withStore(backend) { store in
            _ = try await store.messages.record(Fixture.text(wamid: nil))
            _ = try await store.messages.record(Fixture.text(wamid: nil))
            #expect(try await store.messages.statistics().total == 2)
        }
    }

    @Test(arguments: Backend.available)
    func aReusedMessageIDIsAConflict(backend: Backend) async throws {
        try await withStore(backend) { store in
            let message = Fixture.text()
            _ = try await store.messages.record(message)
            var copy = Fixture.text()
            copy.id = message.id
            await #expect(throws: StoreError.self) { try await store.messages.record(copy) }
            do { _ = try await store.messages.record(copy) } catch let error as StoreError {
                #expect(error.code == .conflict)
            }
            #expect(try await store.contacts.find(phone: Fixture.phone)?.messageCount == 1)
        }
    }

    @Test(arguments: Backend.available)
    func aMessageForASoftDeletedContactRestoresIt(backend: Backend) async throws {
        try await withStore(backend) { store in
            let first = try #require(try await store.messages.record(Fixture.text()).contact)
            #expect(try await store.contacts.delete(id: first.id))
            #expect(try await store.contacts.find(phone: Fixture.phone) == nil)
            let again = try #require(try await store.messages.record(Fixture.text()).contact)
            #expect(again.id == first.id)
            #expect(again.deletedAt == nil)
            #expect(again.messageCount == 2)
        }
    }

    @Test(arguments: Backend.available)
    func aBatchIsRecordedInOneTransaction(backend: Backend) async throws {
        try await withStore(backend) { store in
            let batch = (0..<50).map { Fixture.text("batch \($0)", phone: $0 % 2 == 0 ? Fixture.phone : Fixture.otherPhone) }
            let results = try await store.messages.record(contentsOf: batch + [batch[3]])
            #expect(results.count == 51)
            #expect(results.last?.isDuplicate == true)
            #expect(try await store.contacts.find(phone: Fixture.phone)?.messageCount == 25)
            #expect(try await store.contacts.find(phone: Fixture.otherPhone)?.messageCount == 25)

            // A conflict on the last message undoes the whole batch.
            var clash = Fixture.text()
            clash.id = batch[0].id
            let doomed = [Fixture.text("never stored"), clash]
            await #expect(throws: StoreError.self) { try await store.messages.record(contentsOf: doomed) }
            #expect(try await store.messages.find(id: doomed[0].id) == nil)
            #expect(try await store.messages.statistics().total == 50)

            // Validation names the index of each bad message and writes nothing.
            var bad = Fixture.text()
            bad.phone = "not a phone"
            await #expect {
                try await store.messages.record(contentsOf: [Fixture.text(), Fixture.text(), bad])
            } throws: { error in
                (error as? ValidationError)?.fields == ["[2].phone"]
            }
            #expect(try await store.messages.statistics().total == 50)
            #expect(try await store.messages.record(contentsOf: []).isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func conversationsPageNewestFirstByKeyset(backend: Backend) async throws {
        try await withStore(backend) { store in
            // Pairs of messages share a timestamp, so the id must break ties.
            let messages = (0..<25).map { Fixture.text("m\($0)", at: Fixture.date($0 / 2)) }
            _ = try await store.messages.record(contentsOf: messages)
            _ = try await store.messages.record(Fixture.text("someone else", phone: Fixture.otherPhone))

            var seen: [Message] = []
            var page = try await store.messages.conversation(phone: "15551234567", page: .first(10))
            seen += page.items
            while let next = page.next {
                page = try await store.messages.conversation(phone: Fixture.phone, page: PageRequest(limit: 10, after: next))
                seen += page.items
            }
            #expect(seen.count == 25)
            #expect(Set(seen.map(\.id)).count == 25)
            let expected = messages.map { try! $0.validated() }.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
            #expect(seen == expected)
            // The cursor survives being passed around as a string token.
            let first = try await store.messages.conversation(phone: Fixture.phone, page: .first(10))
            let token = try #require(first.next?.description)
            let second = try await store.messages.conversation(
                phone: Fixture.phone, page: PageRequest(limit: 10, after: PageCursor(token)))
            #expect(second.items == Array(expected[10..<20]))
            await #expect(throws: ValidationError.self) {
                try await store.messages.conversation(phone: Fixture.phone, page: .first(0))
            }
        }
    }

    @Test(arguments: Backend.available)
    func aPageThatEndsTheConversationHasNoNextCursor(backend: Backend) async throws {
        try await withStore(backend) { store in
            _ = try await store.messages.record(contentsOf: (0..<4).map { Fixture.text("m\($0)", at: Fixture.date($0)) })
            // Exactly a page's worth: the one row more that the query asks for is not there.
            #expect(try await store.messages.conversation(phone: Fixture.phone, page: .first(4)).next == nil)
            let first = try await store.messages.conversation(phone: Fixture.phone, page: .first(2))
            let after = try #require(first.next)
            let last = try await store.messages.conversation(phone: Fixture.phone, page: PageRequest(limit: 2, after: after))
            #expect(last.items.map(\.content) == ["m1", "m0"])
            #expect(last.next == nil)
        }
    }

    @Test(arguments: Backend.available)
    func listFiltersCombine(backend: Backend) async throws {
        try await withStore(backend) { store in
            let templateMessage = Message(
                phone: Fixture.otherPhone, direction: .outbound, type: .template, content: "Hi Ana",
                metadata: ["template_name": "order_update"], createdAt: Fixture.date(10))
            let media = Message(
                phone: Fixture.phone, direction: .inbound, type: .image, mediaURL: "https://x/y.jpg", status: .read,
                createdAt: Fixture.date(20))
            let text = Fixture.text(at: Fixture.date(30))
            _ = try await store.messages.record(contentsOf: [templateMessage, media, text])

            func ids(_ filter: MessageFilter) async throws -> [String] {
                try await store.messages.list(filter, page: .first(10)).items.map(\.id)
            }
            #expect(try await ids(MessageFilter()) == [text.id, media.id, templateMessage.id])
            #expect(try await ids(MessageFilter(status: .read)) == [media.id])
            #expect(try await ids(MessageFilter(direction: .outbound)) == [templateMessage.id])
            #expect(try await ids(MessageFilter(type: .image)) == [media.id])
            #expect(try await ids(MessageFilter(phone: "+1 555 123 4567")) == [text.id, media.id])
            #expect(try await ids(MessageFilter(since: Fixture.date(20))) == [text.id, media.id])
            #expect(try await ids(MessageFilter(until: Fixture.date(20))) == [templateMessage.id])
            #expect(try await ids(MessageFilter(templateName: "order_update")) == [templateMessage.id])
            #expect(try await ids(MessageFilter(templateName: "other")) == [])
            #expect(try await ids(MessageFilter(phone: Fixture.phone, direction: .inbound, type: .text)) == [text.id])
        }
    }

    @Test(arguments: Backend.available)
    func statusUpdatesAreMonotonic(backend: Backend) async throws {
        try await withStore(backend) { store in
            _ = try await store.messages.record(Fixture.text(direction: .outbound, wamid: "wamid.S"))
            func update(_ status: MessageStatus, code: String? = nil) async throws -> StatusUpdateResult {
                try await store.messages.updateStatus(
                    StatusUpdate(whatsAppMessageID: "wamid.S", status: status, errorCode: code, errorMessage: code.map { "error \($0)" }))
            }
            #expect(try await update(.delivered).didApply)
            #expect(try await update(.delivered).didApply == false)  // repeated
            #expect(try await update(.sent).didApply == false)  // stale
            #expect(try await update(.failed, code: "131047").didApply == false)  // failed after delivered
            let read = try await update(.read)
            #expect(read.didApply && read.message?.status == .read)
            #expect(try await update(.delivered).didApply == false)  // late delivered after read
            #expect(try await store.messages.find(whatsAppMessageID: "wamid.S") == read.message)
            #expect(try await store.messages.updateStatus(StatusUpdate(whatsAppMessageID: "wamid.none", status: .read)) == .notFound)
        }
    }

    @Test(arguments: Backend.available)
    func failureKeepsItsErrorUntilDeliveryProvesOtherwise(backend: Backend) async throws {
        try await withStore(backend) { store in
            _ = try await store.messages.record(Fixture.text(direction: .outbound, wamid: "wamid.F"))
            let failed = try await store.messages.updateStatus(
                StatusUpdate(whatsAppMessageID: "wamid.F", status: .failed, errorCode: "131026", errorMessage: "undeliverable"))
            #expect(failed.didApply)
            #expect(failed.message?.errorCode == "131026" && failed.message?.errorMessage == "undeliverable")
            let delivered = try await store.messages.updateStatus(StatusUpdate(whatsAppMessageID: "wamid.F", status: .delivered))
            #expect(delivered.didApply)
            #expect(delivered.message?.status == .delivered)
            #expect(delivered.message?.errorCode == nil && delivered.message?.errorMessage == nil)
        }
    }

    @Test(arguments: Backend.available)
    func webhookReplaysInEveryOrderEndInTheSameState(backend: Backend) async throws {
        let updates: [StatusUpdate] = [
            StatusUpdate(whatsAppMessageID: "", status: .delivered),
            StatusUpdate(whatsAppMessageID: "", status: .read),
            StatusUpdate(whatsAppMessageID: "", status: .failed, errorCode: "131026", errorMessage: "x"),
            StatusUpdate(whatsAppMessageID: "", status: .delivered),
        ]
        try await withStore(backend) { store in
            var finals: Set<[String?]> = []
            for (index, order) in permutations(updates).enumerated() {
                let wamid = "wamid.P\(index)"
                _ = try await store.messages.record(Fixture.text(direction: .outbound, wamid: wamid))
                for var update in order {
                    update.whatsAppMessageID = wamid
                    _ = try await store.messages.updateStatus(update)
                }
                let final = try #require(try await store.messages.find(whatsAppMessageID: wamid))
                finals.insert([final.status.rawValue, final.errorCode, final.errorMessage])
            }
            #expect(finals == [["read", nil, nil]])

            // Without a delivery receipt, a failure is final whatever order it arrives in.
            for (index, order) in permutations([MessageStatus.failed, .sent, .failed]).enumerated() {
                let wamid = "wamid.Q\(index)"
                _ = try await store.messages.record(Fixture.text(direction: .outbound, wamid: wamid))
                for status in order {
                    _ = try await store.messages.updateStatus(
                        StatusUpdate(whatsAppMessageID: wamid, status: status, errorCode: "1", errorMessage: "e"))
                }
                let final = try #require(try await store.messages.find(whatsAppMessageID: wamid))
                #expect(final.status == .failed && final.errorCode == "1")
            }
        }
    }

    @Test(arguments: Backend.available)
    func undeliveredFindsOldOutboundMessagesStillSent(backend: Backend) async throws {
        try await withStore(backend) { store in
            let old = Fixture.text(direction: .outbound, at: Date().addingTimeInterval(-600))
            let fresh = Fixture.text(direction: .outbound)
            let oldInbound = Fixture.text(direction: .inbound, at: Date().addingTimeInterval(-600))
            let oldDelivered = Fixture.text(direction: .outbound, wamid: "wamid.D", at: Date().addingTimeInterval(-700))
            _ = try await store.messages.record(contentsOf: [old, fresh, oldInbound, oldDelivered])
            _ = try await store.messages.updateStatus(StatusUpdate(whatsAppMessageID: "wamid.D", status: .delivered))
            let stuck = try await store.messages.undelivered(olderThan: .seconds(300), limit: 10)
            #expect(stuck.map(\.id) == [old.id])
        }
    }

    @Test(arguments: Backend.available)
    func searchFindsWordsWithStemmingNewestFirst(backend: Backend) async throws {
        try await withStore(backend) { store in
            let shipped = Fixture.text("Your order has shipped today", at: Fixture.date(1))
            let shipping = Fixture.text("Shipping is free on orders over $50", at: Fixture.date(2))
            let other = Fixture.text("Bananas are yellow", at: Fixture.date(3))
            _ = try await store.messages.record(contentsOf: [shipped, shipping, other])
            #expect(try await store.messages.search("ship", limit: 10).map(\.id) == [shipping.id, shipped.id])
            #expect(try await store.messages.search("ORDER Today", limit: 10).map(\.id) == [shipped.id])
            #expect(try await store.messages.search("orders", limit: 1).map(\.id) == [shipping.id])
            #expect(try await store.messages.search("kiwi", limit: 10).isEmpty)
            #expect(try await store.messages.search("   ", limit: 10).isEmpty)
            // Query syntax typed by a user is searched for, never interpreted or an error.
            for hostile in ["\"", "ship*", "ship OR banana", "NEAR(a b)", "content:ship", "'; DROP TABLE messages; --", "(", "!@#$%^&*"] {
                _ = try await store.messages.search(hostile, limit: 10)
            }
            #expect(try await store.messages.statistics().total == 3)
        }
    }

    @Test(arguments: Backend.available)
    func statisticsCountEveryStatusInOneQuery(backend: Backend) async throws {
        try await withStore(backend) { store in
            let statuses: [MessageStatus] = [.sent, .sent, .delivered, .read, .read, .read, .failed]
            let messages = statuses.enumerated().map { Fixture.text(direction: .outbound, status: $1, at: Fixture.date($0)) }
            _ = try await store.messages.record(contentsOf: messages)
            #expect(try await store.messages.statistics() == MessageStatistics(total: 7, sent: 2, delivered: 1, read: 3, failed: 1))
            #expect(try await store.messages.statistics(since: Fixture.date(3)) == MessageStatistics(total: 4, sent: 0, delivered: 0, read: 3, failed: 1))
        }
    }

    @Test(arguments: Backend.available)
    func purgeDeletesMessagesOlderThanTheCutoff(backend: Backend) async throws {
        try await withStore(backend) { store in
            let old = Fixture.text("old", at: Fixture.date(0))
            let new = Fixture.text("new", at: Fixture.date(100))
            _ = try await store.messages.record(contentsOf: [old, new])
            #expect(try await store.messages.purge(createdBefore: Fixture.date(50)) == 1)
            #expect(try await store.messages.find(id: old.id) == nil)
            #expect(try await store.messages.find(id: new.id) != nil)
            #expect(try await store.messages.search("old", limit: 10).isEmpty)
        }
    }
}

/// Every ordering of `items`.
func permutations<T>(_ items: [T]) -> [[T]] {
    guard items.count > 1 else { return [items] }
    return items.indices.flatMap { index -> [[T]] in
        var rest = items
        let head = rest.remove(at: index)
        return permutations(rest).map { [head] + $0 }
    }
}
